// Prisma's schema engine, WebAssembly build, driven through @prisma/adapter-pg.
// Why: `prisma migrate` starts a native engine binary that is downloaded at install time, which these machines
// cannot do. The WebAssembly build of the same engine reads and writes the same prisma/migrations folder and the
// same _prisma_migrations table, so `prisma migrate deploy` stays valid wherever the binary is available.
// Facts and pitfalls behind each line: ../shared/STACK.md ("Prisma 7 ... without its engine binaries").
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type {
  MigrationList,
  SchemaEngine,
} from "@prisma/schema-engine-wasm/schema_engine_bg";

const require = createRequire(import.meta.url);
export const SCHEMA_PATH = path.resolve("prisma/schema.prisma");
export const MIGRATIONS_DIR = path.resolve("prisma/migrations");

const noFilters = { externalTables: [], externalEnums: [] };
export { noFilters };

// A panic inside the engine reports through this global; without it the real message is lost.
function installPanicRegistry() {
  const g = globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY?: unknown };
  if (g.PRISMA_WASM_PANIC_REGISTRY) return;
  let message = "";
  g.PRISMA_WASM_PANIC_REGISTRY = {
    get message() {
      return message;
    },
    get: () => message,
    set_message: (m: string) => {
      message = m;
    },
  };
}

let engineModule: Promise<typeof import("@prisma/schema-engine-wasm/schema_engine_bg")> | undefined;
function loadEngineModule() {
  // The package's own entry imports the .wasm as an ES module, which Node 20 cannot; instantiate it by hand.
  engineModule ??= (async () => {
    installPanicRegistry();
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bg;
  })();
  return engineModule;
}

export type DbConfig = {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  idleTimeoutMillis?: number;
};

export function parseDatabaseUrl(url: string): DbConfig {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || "127.0.0.1",
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || "postgres",
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.slice(1)),
  };
}

// adapter-pg 7.10 cannot map Postgres' internal "char" type (OID 18), which catalog queries return; read it as text.
let charPatched = false;
async function patchCharColumns(factory: PrismaPg) {
  if (charPatched) return;
  const adapter = await factory.connect();
  let proto = Object.getPrototypeOf(adapter);
  while (proto && !Object.hasOwn(proto, "performIO")) proto = Object.getPrototypeOf(proto);
  const original = proto.performIO;
  proto.performIO = async function (this: unknown, query: unknown) {
    const result = await original.call(this, query);
    for (const field of result?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  };
  charPatched = true;
  await adapter.dispose();
}

// adapter-pg's own shadow database leaks the connection it created it with, and drops the database before closing
// the shadow pool, so the DROP fails ("being accessed by other users"). This one closes first, then drops by force.
class ShadowSafePg extends PrismaPg {
  constructor(private readonly db: DbConfig) {
    super(db);
  }
  override async connectToShadowDb() {
    const shadowName = `prisma_migrate_shadow_db_${randomUUID()}`;
    const admin = { ...this.db, database: "postgres" };
    await runAdminSql(admin, `CREATE DATABASE "${shadowName}"`);
    const adapter = await new PrismaPg({ ...this.db, database: shadowName }).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await runAdminSql(admin, `DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`);
    };
    return adapter;
  }
}

async function runAdminSql(config: DbConfig, sql: string) {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function openSchemaEngine(databaseUrl: string): Promise<{ engine: SchemaEngine; close: () => Promise<void> }> {
  const bg = await loadEngineModule();
  // Separate fields, never a connectionString: adapter-pg makes the shadow database by overriding `database`,
  // and a connectionString would win over it and replay migrations into the real database.
  // Short idle timeout: the engine never disposes its pools, and idle connections would keep the process alive.
  const factory = new ShadowSafePg({ ...parseDatabaseUrl(databaseUrl), idleTimeoutMillis: 100 });
  await patchCharColumns(factory);
  const schema = await readFile(SCHEMA_PATH, "utf8");
  const logs: string[] = [];
  const engine = await bg.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    (log: string) => logs.push(log),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  return {
    engine,
    close: async () => {
      engine.free();
    },
  };
}

/** The migrations folder; `before`: only the migrations named before it (an upgrade test builds an older database). */
export async function readMigrations(options: { before?: string } = {}): Promise<MigrationList> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory() && (!options.before || e.name < options.before)).map((e) => e.name).sort();
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: await readFile(lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => ({
        path: dir,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(MIGRATIONS_DIR, dir, "migration.sql"), "utf8").then(
            (value) => ({ tag: "ok" as const, value }),
            (e: Error) => ({ tag: "error" as const, value: e.message }),
          ),
        },
      })),
    ),
  };
}

export async function readSchemaFiles(schemaPath = SCHEMA_PATH) {
  return { files: [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }] };
}
