import { spawn } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { ensureSettings } from "../../factories";

// `npm run notices -- run --json` printed its answer and then never exited (issue 16, item 6): the queue's Redis
// connection stayed open. The CLI runs here as a child process against the test database and must end by itself.
beforeAll(async () => {
  await ensureSettings(prisma);
});

function cli(args: string[], timeoutMs = 30_000): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/notices.ts", ...args], { env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

describe("npm run notices -- run", () => {
  it("--json prints the run and exits 0 by itself", async () => {
    const res = await cli(["run", "--date", "2026-11-27", "--json"]);
    expect(res.timedOut).toBe(false);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ runId: expect.any(Number), progress: { runDate: "2026-11-27" } });
  });

  it("exits (code 1) when the run is refused after the queue was opened, and code 2 for a date out of range", async () => {
    const refused = await cli(["run", "--date", "2026-11-27", "--scenario", "NO-SUCH-SCENARIO", "--json"]);
    expect([refused.timedOut, refused.code]).toEqual([false, 1]);
    expect(refused.stderr).toMatch(/no scenario with code NO-SUCH-SCENARIO/);
    const range = await cli(["run", "--date", "9999-12-31"]);
    expect([range.timedOut, range.code, range.stderr.trim()]).toEqual([false, 2, "date: a date from 2000-01-01 to 2099-12-31"]);
  });
});
