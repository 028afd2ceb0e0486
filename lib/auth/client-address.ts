// The address sign-in attempts are counted against (per-address throttling).
//
// Next 16 gives route handlers no socket address. It records the connecting address in `x-forwarded-for`, but
// only when the request did not carry that header already, so a client talking to Next directly can put any
// single address there. Behind a reverse proxy (TRUST_PROXY=true) the last entry is the address the proxy saw,
// which the client cannot choose. Without one (TRUST_PROXY=false), a single entry is taken as Next's own record;
// a list can only come from a proxy we were told not to trust or from the client, so all such requests share one
// bucket instead of each naming its own.
export const UNTRUSTED_FORWARDED = "untrusted-forwarded";

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(",") : value;
}

export function clientAddress(headers: HeaderSource, trustProxy: boolean): string {
  const entries = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return "unknown";
  if (trustProxy) return entries[entries.length - 1];
  return entries.length === 1 ? entries[0] : UNTRUSTED_FORWARDED;
}
