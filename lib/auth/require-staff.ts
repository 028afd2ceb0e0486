// Web-only: reads the request's session through next-auth. The worker never imports this file (eslint enforces it).
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { prisma } from "@/lib/db/client";
import { assertPermission, loadStaff, type Staff } from "./load-staff";
import { authOptions } from "./options";
import { can, type Permission } from "./permissions";

/** The signed-in, still active staff member; null when there is none. */
export async function currentStaff(): Promise<Staff | null> {
  const session = await getServerSession(authOptions);
  return loadStaff(prisma, session?.user?.id);
}

/** For server actions and route handlers: throws AppError (401/403) unless the staff member holds the permission. */
export async function requireStaff(permission: Permission): Promise<Staff> {
  return assertPermission(await currentStaff(), permission);
}

/** For pages: the staff member, or a redirect (to sign in when there is none, else to `elsewhere`). */
export async function staffForPage(permission: Permission, elsewhere = "/"): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) redirect("/sign-in");
  if (!can(staff.role, permission)) redirect(elsewhere);
  return staff;
}
