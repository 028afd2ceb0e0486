// Checks that PostgreSQL and Redis answer before the demo or the tests start. Plain Node, no dependencies,
// so it runs before `npm ci`. Exits 1 with the commands to run when one is missing.
import { existsSync } from "node:fs";
import net from "node:net";

if (existsSync(".env")) process.loadEnvFile(".env");
const db = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/noticeboard");
const redis = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
  });
}

const checks = [
  { name: "PostgreSQL", host: db.hostname, port: Number(db.port || 5432), fix: [
    "Docker:          docker compose up -d postgres",
    "Debian/Ubuntu:   sudo apt-get install -y postgresql && sudo service postgresql start",
    "already installed here but stopped:",
    "                 pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    "The demo expects trust (or password) access for the user in DATABASE_URL (.env).",
  ] },
  { name: "Redis", host: redis.hostname, port: Number(redis.port || 6379), fix: [
    "Docker:          docker compose up -d redis",
    "Debian/Ubuntu:   sudo apt-get install -y redis-server && sudo service redis-server start",
    "or, without a service manager:",
    "                 redis-server --daemonize yes --bind 127.0.0.1 --port 6379",
  ] },
];

let missing = 0;
for (const c of checks) {
  if (await reachable(c.host, c.port)) continue;
  missing++;
  console.error(`\n✗ ${c.name} is not reachable at ${c.host}:${c.port}. Start it with one of:\n  ${c.fix.join("\n  ")}`);
}
if (missing) {
  console.error("\nThen run the same command again. Addresses come from DATABASE_URL and REDIS_URL in .env.\n");
  process.exit(1);
}
console.log(`✓ PostgreSQL ${db.hostname}:${db.port || 5432} and Redis ${redis.hostname}:${redis.port || 6379} are reachable.`);
