import { withAuth } from "next-auth/middleware";

// Anonymous requests for dashboard pages go to the sign-in page. This is the first gate only: every page
// and server action checks the session and the role again (lib/auth/require-staff.ts), and API routes
// answer 401 themselves rather than redirecting.
export default withAuth({ pages: { signIn: "/sign-in" } });

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|icon.svg|sign-in).*)"],
};
