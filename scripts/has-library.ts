// Exit 0 when the database already holds a library (so the demo does not wipe it), 1 otherwise.
import pg from "pg";
import { env } from "../lib/env";

const client = new pg.Client({ connectionString: env.DATABASE_URL });
await client.connect();
const { rowCount } = await client.query(`SELECT 1 FROM "LibrarySettings" WHERE id = 1`);
await client.end();
process.exit(rowCount ? 0 : 1);
