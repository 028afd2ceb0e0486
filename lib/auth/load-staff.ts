import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { can, type Permission } from "./permissions";

export type Staff = { id: number; email: string; name: string; role: StaffRole };

/** The staff member a session names, re-read so a deactivated account or changed role counts at once. */
export async function loadStaff(db: PrismaClient, sessionUserId: string | undefined | null): Promise<Staff | null> {
  const id = Number(sessionUserId);
  if (!Number.isInteger(id) || id <= 0) return null;
  const user = await db.staffUser.findUnique({ where: { id } });
  if (!user?.isActive) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** Throws AppError UNAUTHENTICATED / FORBIDDEN unless `staff` holds `permission`. */
export function assertPermission(staff: Staff | null, permission: Permission): Staff {
  if (!staff) throw new AppError("UNAUTHENTICATED", "Please sign in again.");
  if (!can(staff.role, permission)) throw new AppError("FORBIDDEN", "Your role does not allow this.");
  return staff;
}
