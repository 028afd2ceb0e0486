// npm run db:seed [-- --seed 42 --size demo|large --patrons N --loans N --today YYYY-MM-DD]
// Replaces everything in DATABASE_URL with a generated library. Deterministic for a given seed, date and size.
import { parseArgs } from "node:util";
import pg from "pg";
import { env } from "../lib/env";
import { SIZES, seedLibrary } from "./seed-library";

export const DEMO_ADMIN = { email: "admin@library.example", password: "noticeboard-demo" };

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "42" },
    size: { type: "string", default: "demo" },
    patrons: { type: "string" },
    loans: { type: "string" },
    today: { type: "string" },
  },
});
const size = SIZES[values.size as keyof typeof SIZES];
if (!size) throw new Error(`--size: one of ${Object.keys(SIZES).join(", ")}`);
const today = values.today ?? new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
const client = new pg.Client({ connectionString: env.DATABASE_URL });
await client.connect();
try {
  await seedLibrary(client, {
    seed: Number(values.seed),
    today,
    patrons: Number(values.patrons ?? size.patrons),
    loans: Number(values.loans ?? size.loans),
    adminEmail: DEMO_ADMIN.email,
    adminPassword: DEMO_ADMIN.password,
    log: (m) => console.log(`  ${m}`),
  });
} finally {
  await client.end();
}
console.log(`Demo library ready. Sign in as ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}`);
