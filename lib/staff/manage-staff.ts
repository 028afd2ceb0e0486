// Staff accounts, managed by administrators from Settings → Staff. Decisions:
// - Accounts are deactivated, never deleted: the audit log names them (AuditLog.actorId) and a deactivated account
//   cannot sign in at once (loadStaff re-reads the account on every request).
// - The library always keeps an active administrator: an administrator cannot deactivate or demote the last one
//   (themselves included), checked under a lock on the administrators' rows so two at once cannot both pass.
// - A password is never written to the audit log; a reset records only that it happened and by whom.
import bcrypt from "bcryptjs";
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { StaffRole } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";

const password = z.string().min(12, "at least 12 characters").max(200, "at most 200 characters");

export const StaffCreate = z.object({
  name: z.string().trim().min(1, "the person's name").max(80, "at most 80 characters"),
  email: z.string().trim().toLowerCase().email("an email address such as cal@library.example").max(200),
  role: z.enum(StaffRole, { error: "choose a role" }),
  password,
});
export const StaffUpdate = z.object({
  id: z.number().int().positive(),
  name: z.string().trim().min(1, "the person's name").max(80, "at most 80 characters"),
  role: z.enum(StaffRole, { error: "choose a role" }),
  isActive: z.boolean(),
});
export const PasswordReset = z.object({ id: z.number().int().positive(), password });

type Actor = { id: number };
const snapshot = (s: { name: string; email: string; role: StaffRole; isActive: boolean }) => ({ name: s.name, email: s.email, role: s.role, isActive: s.isActive });

export async function createStaff(db: PrismaClient, input: z.infer<typeof StaffCreate>, actor: Actor) {
  return db.$transaction(async (tx) => {
    if (await tx.staffUser.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new AppError("INVALID", "Not saved: another account has this email.", { email: ["another account has this email"] });
    }
    const user = await tx.staffUser.create({
      data: { name: input.name, email: input.email, role: input.role, passwordHash: await bcrypt.hash(input.password, 10) },
    });
    await tx.auditLog.create({
      data: { actorId: actor.id, actorKind: "staff", action: "staff.create", entity: "staff", entityId: String(user.id), details: { before: null, after: snapshot(user) } },
    });
    return user;
  });
}

async function assertAnAdminRemains(tx: Prisma.TransactionClient, changingId: number) {
  const admins = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "StaffUser" WHERE role = 'ADMIN' AND "isActive" ORDER BY id FOR UPDATE`;
  if (admins.every((a) => a.id === changingId)) {
    throw new AppError("INVALID", "Not saved: the library needs at least one active administrator.", {
      role: ["the library needs at least one active administrator: make someone else an administrator first"],
    });
  }
}

export async function updateStaff(db: PrismaClient, input: z.infer<typeof StaffUpdate>, actor: Actor) {
  return db.$transaction(async (tx) => {
    const before = await tx.staffUser.findUnique({ where: { id: input.id } });
    if (!before) throw new AppError("NOT_FOUND", `No staff account ${input.id}.`);
    const losesAdmin = before.role === "ADMIN" && before.isActive && (input.role !== "ADMIN" || !input.isActive);
    if (losesAdmin) await assertAnAdminRemains(tx, input.id);
    const after = await tx.staffUser.update({ where: { id: input.id }, data: { name: input.name, role: input.role, isActive: input.isActive } });
    const changed = JSON.stringify(snapshot(before)) !== JSON.stringify(snapshot(after));
    if (changed) {
      await tx.auditLog.create({
        data: {
          actorId: actor.id, actorKind: "staff", action: before.isActive && !after.isActive ? "staff.deactivate" : "staff.update",
          entity: "staff", entityId: String(after.id), details: { before: snapshot(before), after: snapshot(after) },
        },
      });
    }
    return { user: after, changed };
  });
}

export async function resetStaffPassword(db: PrismaClient, input: z.infer<typeof PasswordReset>, actor: Actor) {
  const passwordHash = await bcrypt.hash(input.password, 10);
  return db.$transaction(async (tx) => {
    const { count } = await tx.staffUser.updateMany({ where: { id: input.id }, data: { passwordHash } });
    if (count === 0) throw new AppError("NOT_FOUND", `No staff account ${input.id}.`);
    await tx.auditLog.create({ data: { actorId: actor.id, actorKind: "staff", action: "staff.reset-password", entity: "staff", entityId: String(input.id) } });
  });
}

export function listStaff(db: PrismaClient) {
  return db.staffUser.findMany({
    orderBy: [{ isActive: "desc" }, { name: "asc" }],
    select: { id: true, name: true, email: true, role: true, isActive: true, lastSignInAt: true },
  });
}
