// Workers the tests start as processes of their own (`worker/index.ts`, as `npm run worker` runs it). A child gets
// its whole environment from the test: not the test process's environment (which a developer's shell may fill) and
// not .env (SKIP_ENV_FILE=1, honoured by lib/env.ts). Settings a test does not give take the code's defaults.
import { spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every setting a worker needs, for this test run, with the test's own on top. */
export function workerEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR,
    // tsx reads the repository's tsconfig (its "@/..." paths) wherever the child runs.
    TSX_TSCONFIG_PATH: path.join(ROOT, "tsconfig.json"),
    SKIP_ENV_FILE: "1",
    NODE_ENV: "test",
    DATABASE_URL: required("DATABASE_URL"),
    REDIS_URL: required("REDIS_URL"),
    QUEUE_PREFIX: required("QUEUE_PREFIX"),
    NEXTAUTH_SECRET: "integration-tests-secret-0123456789",
    SMTP_HOST: "127.0.0.1", SMTP_PORT: "9", SMTP_SECURE: "false", SMTP_USER: "", SMTP_PASS: "",
    MAIL_FROM: "Test Library <notices@test-library.example>",
    MAIL_CATCHER_DIR: "",
    LOG_LEVEL: "warn",
    ...settings,
  };
}

function required(name: string) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the integration tests through vitest.config.ts`);
  return value;
}

/** `node --import tsx worker/index.ts` with exactly `env` (workerEnv), from `cwd` (the repository by default). */
export function spawnWorker(env: NodeJS.ProcessEnv, options: { cwd?: string; stdio?: "pipe" | "ignore-stdout" } = {}) {
  return spawn(process.execPath, ["--import", pathToTsx(), path.join(ROOT, "worker/index.ts")], {
    cwd: options.cwd ?? ROOT,
    env,
    stdio: options.stdio === "ignore-stdout" ? ["ignore", "ignore", "inherit"] : ["ignore", "pipe", "pipe"],
  });
}

const pathToTsx = () => new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url).href;
