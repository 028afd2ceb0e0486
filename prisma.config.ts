import { defineConfig } from "prisma/config";

// The Prisma CLI is used for `generate` (and `migrate deploy` where its engine can be downloaded);
// scripts/migrate.ts applies the same migrations folder with the WebAssembly engine on machines without network.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/noticeboard" },
});
