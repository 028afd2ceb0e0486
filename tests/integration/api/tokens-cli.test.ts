import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { authenticate, hashToken } from "@/lib/api/tokens";
import { prisma } from "@/lib/db/client";

afterAll(() => prisma.$disconnect());

// `npm run tokens`: an API token for scripted set-up, printed once, stored only as its hash, audited as "cli".
const tokens = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "scripts/tokens.ts", ...args], { env: process.env, encoding: "utf8", timeout: 30_000 });

describe("npm run tokens", () => {
  it("creates a read-write token that the API accepts, stores only its hash, and revokes it", async () => {
    const created = tokens("create", "--name", "Config import", "--scope", "read-write", "--json");
    expect(created.status).toBe(0);
    const { id, token } = JSON.parse(created.stdout) as { id: number; token: string };
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ name: "Config import", scope: "READ_WRITE", tokenHash: hashToken(token), createdById: null });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await authenticate(prisma, `Bearer ${token}`, "READ_WRITE")).toMatchObject({ tokenId: id, scope: "READ_WRITE" });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entity: "api-token", entityId: String(id) } });
    expect(audit).toMatchObject({ action: "api-token.create", actorKind: "cli", actorId: null });

    expect(tokens("revoke", "--id", String(id)).status).toBe(0);
    await expect(authenticate(prisma, `Bearer ${token}`, "READ")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("refuses a missing name or an unknown scope with the option named (exit 2), writing nothing", async () => {
    const before = await prisma.apiToken.count();
    const noName = tokens("create", "--scope", "read");
    expect([noName.status, noName.stderr]).toEqual([2, expect.stringContaining("--name")]);
    const badScope = tokens("create", "--name", "x", "--scope", "admin");
    expect([badScope.status, badScope.stderr]).toEqual([2, expect.stringContaining("--scope: read or read-write")]);
    expect(await prisma.apiToken.count()).toBe(before);
  });
});
