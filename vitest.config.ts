import { defineConfig } from "vitest/config";

const alias = { "@": import.meta.dirname };
// Integration tests get their own database and Redis prefix; the demo's data is never touched.
const integrationEnv = {
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/noticeboard_test",
  QUEUE_PREFIX: process.env.TEST_QUEUE_PREFIX ?? "nb-test",
  LOG_LEVEL: "silent",
  MAIL_CATCHER_DIR: "",
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["lib/**/*.test.ts", "tests/unit/**/*.test.{ts,tsx}"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          env: integrationEnv,
          globalSetup: ["tests/integration/global-setup.ts"],
          // Files share one database; each test makes its own rows, but the seed test truncates everything.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
