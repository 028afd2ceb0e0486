import bcrypt from "bcryptjs";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { StaffRole } from "@/lib/generated/prisma/enums";

export const ZCredentials = z.object({
  email: z.email().transform((e) => e.trim().toLowerCase()),
  password: z.string().min(1).max(200),
});

export type StaffIdentity = { id: string; email: string; name: string; role: StaffRole };

// A hash to compare against when the email is unknown, so a wrong email costs as long as a wrong password
// and response times do not reveal which staff emails exist.
const DUMMY_HASH = bcrypt.hashSync("not-a-real-password", 10);

/** The staff member for these credentials, or null. Records the sign-in time on success. */
export async function verifyCredentials(db: PrismaClient, input: unknown): Promise<StaffIdentity | null> {
  const parsed = ZCredentials.safeParse(input);
  if (!parsed.success) return null;
  const user = await db.staffUser.findUnique({ where: { email: parsed.data.email } });
  const ok = await bcrypt.compare(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || !user.isActive) return null;
  await db.staffUser.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { id: String(user.id), email: user.email, name: user.name, role: user.role };
}
