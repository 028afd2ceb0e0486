// Security headers. The static ones go on every response (next.config.ts); the Content-Security-Policy carries a
// fresh nonce per request and is set by proxy.ts, which also hands the nonce to Next so its inline scripts get it.

export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // For browsers without CSP frame-ancestors; the CSP says the same.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
];

/**
 * Scripts: only those carrying this request's nonce (Next adds it to its own inline and chunk scripts) and those they
 * load ('strict-dynamic'). Styles: 'unsafe-inline', because React style attributes and the email HTML shown in the
 * template preview (a sandboxed srcdoc iframe, which inherits this policy) use inline styles; styles cannot run
 * code. Images: the library's logo may be any https URL, and shows in the preview. `dev` allows eval, which React's
 * development build needs.
 */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function createNonce(): string {
  return btoa(crypto.randomUUID());
}
