// Runs once when the Next.js server starts: validating the environment here makes a bad setting (or the example
// NEXTAUTH_SECRET in production) stop `next start` at once, with the variable's name, instead of at the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./lib/env");
}
