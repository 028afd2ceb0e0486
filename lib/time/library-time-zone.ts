import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/** The library's IANA time zone (LibrarySettings, one row), UTC before the library is set up. Every screen shows times in it. */
export async function libraryTimeZone(db: PrismaClient | Prisma.TransactionClient): Promise<string> {
  const settings = await db.librarySettings.findUnique({ where: { id: 1 }, select: { timeZone: true } });
  return settings?.timeZone ?? "UTC";
}
