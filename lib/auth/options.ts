import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { prisma } from "@/lib/db/client";
import { webRedis } from "@/lib/db/redis";
import { env } from "@/lib/env";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { logger } from "@/lib/logger";
import { clientAddress } from "./client-address";
import { createSignInThrottle, SignInUnavailableError } from "./sign-in-throttle";
import { verifyCredentials } from "./verify-credentials";

let throttle: ReturnType<typeof createSignInThrottle> | undefined;
function signInThrottle() {
  throttle ??= createSignInThrottle({
    redis: webRedis(),
    prefix: env.QUEUE_PREFIX,
    perAccount: env.SIGN_IN_MAX_FAILURES_PER_ACCOUNT,
    perAddress: env.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
    windowMs: env.SIGN_IN_WINDOW_MINUTES * 60_000,
  });
  return throttle;
}

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
      // Throttled per account and per address (lib/auth/sign-in-throttle.ts); a thrown error's message reaches the form.
      authorize: async (credentials, req) => {
        const who = { email: String(credentials?.email ?? ""), address: clientAddress(req?.headers, env.TRUST_PROXY) };
        try {
          return await signInThrottle().attempt(who, () => verifyCredentials(prisma, credentials));
        } catch (err) {
          if (err instanceof SignInUnavailableError) logger.error({ err: err.reason }, "sign-in throttle unavailable");
          throw err;
        }
      },
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
