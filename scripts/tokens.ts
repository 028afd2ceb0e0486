// npm run tokens -- create --name NAME --scope read|read-write [--json]   (prints the secret once)
// npm run tokens -- list [--json]
// npm run tokens -- revoke --id N
// API tokens for scripted set-up (an ILS's nightly export, a configuration import), without the dashboard. Only the
// secret's SHA-256 is stored; the audit log records the token as made or revoked from the command line ("cli").
import { parseArgs } from "node:util";
import { createApiToken, listApiTokens, revokeApiToken } from "../lib/api/tokens";
import { prisma } from "../lib/db/client";
import { AppError } from "../lib/errors";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: "string" }, scope: { type: "string" }, id: { type: "string" }, json: { type: "boolean", default: false } },
});
const SCOPES = { read: "READ", "read-write": "READ_WRITE" } as const;
const usage = "usage: npm run tokens -- create --name NAME --scope read|read-write | list | revoke --id N";

async function main(): Promise<number> {
  const command = positionals[0];
  if (command === "create") {
    const name = values.name?.trim() ?? "";
    const scope = SCOPES[values.scope as keyof typeof SCOPES];
    if (!name || name.length > 80) return fail("--name: a name of 1-80 characters, e.g. --name \"ILS nightly export\"");
    if (!scope) return fail("--scope: read or read-write");
    const token = await createApiToken(prisma, { name, scope }, null);
    if (values.json) console.log(JSON.stringify({ id: token.id, name, scope, token: token.secret }));
    else console.log(`Created API token ${token.id} "${name}" (${values.scope}). It is shown only now; keep it safe:\n${token.secret}`);
    return 0;
  }
  if (command === "list") {
    const tokens = await listApiTokens(prisma);
    if (values.json) console.log(JSON.stringify(tokens));
    else for (const t of tokens) console.log(`${t.id}\t${t.prefix}…\t${t.scope === "READ" ? "read" : "read-write"}\t${t.revokedAt ? "revoked" : "active"}\t${t.name}`);
    return 0;
  }
  if (command === "revoke") {
    const id = Number(values.id);
    if (!Number.isSafeInteger(id) || id <= 0) return fail("--id: the token's number (npm run tokens -- list)");
    await revokeApiToken(prisma, id, null);
    console.log(`Revoked API token ${id}.`);
    return 0;
  }
  return fail(usage);
}

function fail(message: string) {
  console.error(message);
  return 2;
}

main()
  .catch((err) => {
    console.error(err instanceof AppError ? err.message : err);
    return 1;
  })
  .then(async (code) => {
    await prisma.$disconnect();
    process.exit(code);
  });
