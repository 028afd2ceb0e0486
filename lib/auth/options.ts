import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { verifyCredentials } from "./verify-credentials";

// JWT sessions: no session table, and proxy.ts can check the cookie without a database round-trip.
// The role travels in the token; pages and actions re-read the user (see require-staff.ts) so a
// deactivated account or a changed role takes effect on the next request, not when the token expires.
export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials) => verifyCredentials(prisma, credentials),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.role = user.role;
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        session.user.id = token.sub ?? "";
        session.user.role = token.role as StaffRole;
      }
      return session;
    },
  },
};
