import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";

// One client per process. In `next dev` modules reload on every edit; keeping the client on globalThis
// stops each reload from opening a new pool.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

// Prisma and the set-based SQL share one pg pool per client. The planner's bulk reads and writes go to pg directly:
// hundreds of thousands of rows through Prisma's raw-query layer cost several times as much (measured: 52 s vs ...).
const pools = new WeakMap<PrismaClient, pg.Pool>();

export function createPrismaClient(databaseUrl = env.DATABASE_URL) {
  // JIT compilation costs ~50 ms per planner query and saves nothing on index range scans. Connections live at most
  // 10 minutes: the send path's named statements keep a plan per connection, and a plan made while a table was small
  // should not outlive the table's growth by long (an ANALYZE also replaces it).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20, options: "-c jit=off -c TimeZone=UTC", maxLifetimeSeconds: 600 });
  // An idle client whose server went away (a Postgres restart: 57P01 "terminating connection due to administrator
  // command") is reported here; with no listener, Node treats the 'error' event as fatal and the process exits. The
  // pool has already dropped the client; the next query opens a new connection (or fails, and is retried by its caller).
  pool.on("error", (err: Error & { code?: string }) => logger.warn({ code: err.code, err: err.message }, "idle database connection lost"));
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

/** The pg pool under a client made by createPrismaClient, for set-based SQL. */
export function sqlPool(db: PrismaClient): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error("sqlPool: this PrismaClient was not made by createPrismaClient");
  return pool;
}

export const prisma = globalForPrisma.prisma ?? createPrismaClient();
if (env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;
