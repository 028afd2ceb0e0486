// Web-only: reads the request's session through next-auth. The worker never imports this file (eslint enforces it).
import { getServerSession } from "next-auth";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { authOptions } from "./options";
import { can, type Permission } from "./permissions";

export type Staff = { id: number; email: string; name: string; role: StaffRole };

/** The signed-in, still active staff member, re-read from the database; null when there is none. */
export async function currentStaff(): Promise<Staff | null> {
  const session = await getServerSession(authOptions);
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  const user = await prisma.staffUser.findUnique({ where: { id } });
  if (!user?.isActive) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** For server actions and route handlers: throws AppError (401/403) unless the staff member holds the permission. */
export async function requireStaff(permission: Permission): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) throw new AppError("UNAUTHENTICATED", "Please sign in again.");
  if (!can(staff.role, permission)) throw new AppError("FORBIDDEN", "Your role does not allow this.");
  return staff;
}
