import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages with Node built-ins or WebAssembly: load them from node_modules, do not bundle them.
  serverExternalPackages: ["pino", "bullmq", "ioredis", "smtp-server", "mailparser", "nodemailer", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
};

export default nextConfig;
