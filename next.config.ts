import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // Server-only packages with Node built-ins or WebAssembly: load them from node_modules, do not bundle them.
  serverExternalPackages: ["pino", "bullmq", "ioredis", "smtp-server", "mailparser", "nodemailer", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  // nosniff, referrer policy, frame denial, permissions on every response; the CSP (with a nonce) comes from proxy.ts.
  headers: async () => [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }],
  // The browser tests build into their own folder, so they never overwrite a running demo's build.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
