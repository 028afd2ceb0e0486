import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ApiScope } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";

// Bearer tokens for /api/v1. The secret is 32 random bytes (base64url) after a recognisable "nb_" prefix; only its
// SHA-256 is stored, so a database leak reveals no usable token. A lookup by hash needs no constant-time compare: the
// hash of a guess tells nothing about the real secret.
export const hashToken = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** A new token; `staff` null when made from the command line (npm run tokens), recorded as actorKind "cli". */
export async function createApiToken(db: PrismaClient, input: { name: string; scope: ApiScope }, staff: { id: number } | null) {
  const secret = `nb_${randomBytes(32).toString("base64url")}`;
  const token = await db.apiToken.create({
    data: { name: input.name, scope: input.scope, prefix: secret.slice(0, 10), tokenHash: hashToken(secret), createdById: staff?.id ?? null },
  });
  await db.auditLog.create({
    data: { actorId: staff?.id ?? null, actorKind: staff ? "staff" : "cli", action: "api-token.create", entity: "api-token", entityId: String(token.id), details: { name: input.name, scope: input.scope } },
  });
  return { id: token.id, secret, prefix: token.prefix };
}

export async function revokeApiToken(db: PrismaClient, id: number, staff: { id: number } | null) {
  const { count } = await db.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw new AppError("NOT_FOUND", `No active API token ${id}.`);
  await db.auditLog.create({ data: { actorId: staff?.id ?? null, actorKind: staff ? "staff" : "cli", action: "api-token.revoke", entity: "api-token", entityId: String(id) } });
}

export function listApiTokens(db: PrismaClient) {
  return db.apiToken.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, prefix: true, scope: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { email: true } } },
  });
}

export type ApiCaller = { tokenId: number; name: string; scope: ApiScope };

/**
 * The caller of an /api/v1 request, from its Authorization header; 401 when missing, unknown or revoked, 403 when a
 * read-only token asks to write. lastUsedAt is written at most once a minute per token (not on every request).
 */
export async function authenticate(db: PrismaClient, authorization: string | null, needs: ApiScope): Promise<ApiCaller> {
  const secret = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!secret) throw new AppError("UNAUTHENTICATED", "Send an API token: Authorization: Bearer <token>.");
  const token = await db.apiToken.findUnique({ where: { tokenHash: hashToken(secret) } });
  if (!token || token.revokedAt) throw new AppError("UNAUTHENTICATED", "This API token is unknown or revoked.");
  if (needs === "READ_WRITE" && token.scope !== "READ_WRITE") throw new AppError("FORBIDDEN", "This API token may only read.");
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
  }
  return { tokenId: token.id, name: token.name, scope: token.scope };
}
