// Runs once when the Next.js server starts: validating the environment here makes a bad setting (or the example
// NEXTAUTH_SECRET in production) stop `next start` at once, with the variable's name, instead of failing every request
// (Next only logs an error thrown from register() and keeps serving).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  try {
    await import("./lib/env");
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
