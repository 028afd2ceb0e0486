import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce } from "@/lib/security/headers";

// Every request but static files: a Content-Security-Policy with a fresh nonce (lib/security/headers.ts). Next reads
// the nonce from the request's CSP header and puts it on the scripts it renders, so no script needs 'unsafe-inline'.
//
// Anonymous requests for dashboard pages go to the sign-in page. This is the first gate only: every page
// and server action checks the session and the role again (lib/auth/require-staff.ts), and API routes
// answer 401 themselves rather than redirecting.
const isPublic = (path: string) => path.startsWith("/api/") || path === "/sign-in" || path.startsWith("/sign-in/");

function withPolicy(req: NextRequest): NextResponse {
  const policy = contentSecurityPolicy(createNonce(), { dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("content-security-policy", policy);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set("Content-Security-Policy", policy);
  return res;
}

const gate = withAuth((req: NextRequestWithAuth) => withPolicy(req), { pages: { signIn: "/sign-in" } });

export default async function proxy(req: NextRequest, event: NextFetchEvent) {
  if (isPublic(req.nextUrl.pathname)) return withPolicy(req);
  const res = await gate(req as NextRequestWithAuth, event);
  // The redirect to the sign-in page renders nothing, but gets the policy too.
  if (res && !res.headers.has("Content-Security-Policy")) res.headers.set("Content-Security-Policy", contentSecurityPolicy(createNonce()));
  return res;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
