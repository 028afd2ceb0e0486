// A Postgres cluster and a Redis server of one's own, on spare ports, that can be stopped and started again: the
// restart tests (tests/integration/notices/restarts.test.ts) and the fault run (scripts/chaos.ts) restart them, which
// they must never do to the machine's shared services. Postgres runs as the `postgres` OS user when we are root
// (initdb refuses root). Both keep nothing worth keeping: fsync off, no Redis persistence (a restart loses its data,
// as a cache-only Redis does).
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { Redis } from "ioredis";

const IS_ROOT = process.getuid?.() === 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A TCP port nothing listens on now (bound, then closed). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** initdb / pg_ctl from PATH, else from the newest /usr/lib/postgresql/<version>/bin (Debian leaves them off PATH). */
function postgresTool(name: "initdb" | "pg_ctl") {
  const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
  if (found) return found;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(path.join(root, v, "bin", name))) return path.join(root, v, "bin", name);
  throw new Error(`${name} not found on PATH or under ${root}/<version>/bin: install PostgreSQL's server package`);
}

const runAs = (bin: string, args: string[]): [string, string[]] => (IS_ROOT ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args]);

/** Runs initdb / pg_ctl; the caller's event loop keeps turning meanwhile (a worker in the same process sees the restart). */
async function asPostgres(tool: "initdb" | "pg_ctl", args: string[]) {
  try {
    await promisify(execFile)(...runAs(postgresTool(tool), args), { encoding: "utf8" });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string };
    throw new Error(`${tool} ${args.join(" ")} failed: ${e.stderr || e.stdout || (err as Error).message}`);
  }
}

export type PrivatePostgres = Awaited<ReturnType<typeof startPrivatePostgres>>;

/** A new cluster in `dir` (emptied first) on `port`, started; `url(db)` names a database on it. */
export async function startPrivatePostgres(dir: string, port?: number) {
  const pgPort = port ?? (await freePort());
  const data = path.join(dir, "pgdata");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(data, { recursive: true });
  if (IS_ROOT) spawnSync("chown", ["-R", "postgres:postgres", dir]);
  await asPostgres("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const conf = path.join(data, "postgresql.auto.conf");
  writeFileSync(conf, [
    `port = ${pgPort}`, "listen_addresses = '127.0.0.1'", `unix_socket_directories = '${data}'`, "fsync = off",
    "synchronous_commit = off", "full_page_writes = off", "max_connections = 200", "",
  ].join("\n"));
  if (IS_ROOT) spawnSync("chown", ["postgres:postgres", conf]);
  let running = false;
  const server = {
    port: pgPort,
    url: (database: string) => `postgresql://postgres@127.0.0.1:${pgPort}/${database}`,
    async start() {
      await asPostgres("pg_ctl", ["-D", data, "-l", path.join(dir, "postgres.log"), "-w", "-t", "60", "start"]);
      running = true;
    },
    /** A fast shutdown, as `systemctl restart postgresql` does: sessions are ended with 57P01. */
    async stop() {
      await asPostgres("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      running = false;
    },
    /** Stops it if it runs and removes its files. */
    remove() {
      if (running) spawnSync(...runAs(postgresTool("pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]), { stdio: "ignore" });
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

export type PrivateRedis = Awaited<ReturnType<typeof startPrivateRedis>>;

/** redis-server on `port` with no persistence, started; `stop()` kills it, so `start()` again begins empty. */
export async function startPrivateRedis(dir: string, port?: number) {
  const redisPort = port ?? (await freePort());
  mkdirSync(dir, { recursive: true });
  let child: ChildProcess | undefined;
  const server = {
    port: redisPort,
    url: `redis://127.0.0.1:${redisPort}`,
    async start() {
      child = spawn("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
        "--daemonize", "no", "--dir", dir], { stdio: "ignore" });
      const probe = new Redis(server.url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      probe.on("error", () => {});
      try {
        for (let i = 0; ; i++) {
          try {
            await probe.connect();
            await probe.ping();
            return;
          } catch (err) {
            if (i >= 100) throw err;
            probe.disconnect();
            await sleep(50);
          }
        }
      } finally {
        probe.disconnect();
      }
    },
    /** SIGKILL: everything it held is gone, as after a restart of a Redis that keeps nothing on disk. */
    async stop() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null || c.signalCode) return;
      const exited = new Promise((res) => c.once("exit", res));
      c.kill("SIGKILL");
      await exited;
    },
  };
  await server.start();
  return server;
}
