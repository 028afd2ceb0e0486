import { defineConfig } from "vitest/config";
import { DEFAULT_REDIS, integrationRunNames } from "./scripts/lib/test-run";

const alias = { "@": import.meta.dirname };
// Integration tests get their own database and Redis prefix, unique to this run unless TEST_DATABASE_URL /
// TEST_QUEUE_PREFIX name them (tests/run-names.ts); the demo's data is never touched. Every setting is given here and
// .env is not read (SKIP_ENV_FILE), so a developer's .env cannot change what the tests, or the workers they start, do.
const names = integrationRunNames(process.env);
const integrationEnv = {
  SKIP_ENV_FILE: "1",
  DATABASE_URL: names.databaseUrl,
  REDIS_URL: process.env.TEST_REDIS_URL ?? DEFAULT_REDIS,
  QUEUE_PREFIX: names.queuePrefix,
  NEXTAUTH_SECRET: "integration-tests-secret-0123456789",
  NEXTAUTH_URL: "http://127.0.0.1:3000",
  // Nothing listens here: a test that sends starts an SMTP server of its own and names its port.
  SMTP_HOST: "127.0.0.1",
  SMTP_PORT: "9",
  SMTP_SECURE: "false",
  SMTP_USER: "",
  SMTP_PASS: "",
  MAIL_FROM: "Test Library <notices@test-library.example>",
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
