import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages with Node built-ins or WebAssembly: load them from node_modules, do not bundle them.
  serverExternalPackages: ["pino", "bullmq", "ioredis", "smtp-server", "mailparser", "nodemailer", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  // The browser tests build into their own folder, so they never overwrite a running demo's build.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
