// scripts/test.sh's names for one run (scripts/lib/test-run.ts), so that runs at once never share a database, a Redis
// prefix or a port:
//   env      prints `export ...` lines for what is not set already: a run id, the browser tests' database and Redis
//            prefix, and two free ports (the server's and its mail catcher's), each found by binding port 0.
//   cleanup  drops what the run made for itself (its databases and Redis keys); names set by hand are kept.
import net from "node:net";
import { DEFAULT_REDIS, deleteRedisKeys, dropDatabases, e2eRunNames, integrationRunNames } from "./lib/test-run";

async function freePorts(count: number) {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise<net.Server>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  })));
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

const quote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;

async function main(command: string | undefined) {
  const env = process.env;
  if (command === "env") {
    const e2e = e2eRunNames(env);
    const [port, smtpPort] = await freePorts(2);
    const out: Record<string, string> = { TEST_RUN_ID: env.TEST_RUN_ID! };
    if (e2e.generated.database) Object.assign(out, { E2E_DATABASE_URL: e2e.databaseUrl, E2E_OWN_DATABASE: "1" });
    if (e2e.generated.queuePrefix) Object.assign(out, { E2E_QUEUE_PREFIX: e2e.queuePrefix, E2E_OWN_QUEUE_PREFIX: "1" });
    if (!env.E2E_PORT) out.E2E_PORT = String(port);
    if (!env.E2E_SMTP_PORT) out.E2E_SMTP_PORT = String(smtpPort);
    for (const [k, v] of Object.entries(out)) console.log(`export ${k}=${quote(v)}`);
    return;
  }
  if (command === "cleanup") {
    const redisUrl = env.TEST_REDIS_URL ?? DEFAULT_REDIS;
    const test = integrationRunNames(env);
    const dropped: string[] = [];
    let keys = 0;
    if (test.generated.database) dropped.push(...(await dropDatabases(test.databaseUrl)));
    if (test.generated.queuePrefix) keys += await deleteRedisKeys(redisUrl, test.queuePrefix);
    if (env.E2E_OWN_DATABASE === "1" && env.E2E_DATABASE_URL) dropped.push(...(await dropDatabases(env.E2E_DATABASE_URL)));
    if (env.E2E_OWN_QUEUE_PREFIX === "1" && env.E2E_QUEUE_PREFIX) keys += await deleteRedisKeys(redisUrl, env.E2E_QUEUE_PREFIX);
    console.log(`→ Cleaned up run ${test.runId}: ${dropped.length} database(s) dropped${dropped.length ? ` (${dropped.join(", ")})` : ""}, ${keys} Redis key(s) deleted`);
    return;
  }
  throw new Error("usage: node --import tsx scripts/test-run.ts env|cleanup");
}

await main(process.argv[2]);
