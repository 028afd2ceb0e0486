// A worker process for the browser tests that need mail to go out (a run reaching done, a resend arriving). The e2e
// server runs none (scripts/e2e-server.sh), so most specs see a quiet ledger; a spec that needs one starts it here and
// stops it when done. It uses the e2e server's database, queue prefix and mail catcher, and catches nothing up at
// start (the demo's missed 02:00 run would otherwise fill the ledger under the specs that follow).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type E2eWorker = { stop: () => Promise<void>; output: () => string };

export async function startE2eWorker(settings: Record<string, string> = {}): Promise<E2eWorker> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR,
    TSX_TSCONFIG_PATH: path.join(ROOT, "tsconfig.json"),
    SKIP_ENV_FILE: "1",
    NODE_ENV: "production",
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/noticeboard_e2e",
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    QUEUE_PREFIX: process.env.E2E_QUEUE_PREFIX ?? "nb-e2e",
    NEXTAUTH_SECRET: "e2e-worker-secret-0123456789abcdef",
    SMTP_HOST: "127.0.0.1", SMTP_PORT: process.env.E2E_SMTP_PORT ?? "1125", SMTP_SECURE: "false", SMTP_USER: "", SMTP_PASS: "",
    MAIL_FROM: "Noticeboard <notices@library.example>",
    MAIL_CATCHER_DIR: "",
    LOG_LEVEL: "warn",
    CATCH_UP_ON_START: "false",
    ...settings,
  };
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "worker/index.ts")], {
    cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (b: Buffer) => { output += b.toString(); });
  child.stderr?.on("data", (b: Buffer) => { output += b.toString(); });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
