// What the sign-in form may show. Shared by the server (which throws these) and the form (which shows only these),
// so an unexpected error never reaches the page as it is.
export const WRONG_CREDENTIALS = "Wrong email or password.";
export const SIGN_IN_UNAVAILABLE = "Sign-in is unavailable just now; please try again in a minute.";

export function tooManyAttempts(minutes: number): string {
  return `Too many attempts; try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

/** The message for next-auth's `error` after a refused sign-in: ours as it is, anything else as a wrong password. */
export function signInErrorMessage(error: string | null | undefined): string {
  if (error && (error.startsWith("Too many attempts;") || error === SIGN_IN_UNAVAILABLE)) return error;
  return WRONG_CREDENTIALS;
}
