// Test data builders. Each call makes unique codes, card numbers and emails, so tests never collide
// and never depend on each other's rows or on the order they run in.
import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { LoanStatus, StaffRole } from "@/lib/generated/prisma/enums";

export const uid = () => randomUUID().slice(0, 8);

/** A database of a test's own beside the suite's (noticeboard_test_<run> -> noticeboard_test_<run>_<name>): runs at
 * once on one Postgres each have their own suite database (scripts/lib/test-run.ts), so never share one; the run's
 * end drops them with it. */
export function siblingDatabaseUrl(name: string) {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `${url.pathname}_${name}`;
  return url.toString();
}

export async function ensureSettings(db: PrismaClient, timeZone = "Europe/London") {
  return db.librarySettings.upsert({
    where: { id: 1 },
    create: { id: 1, name: "Test Library", timeZone, senderAddress: "notices@test-library.example" },
    update: {},
  });
}

export async function createBranch(db: PrismaClient) {
  const code = `BR-${uid()}`;
  return db.branch.create({ data: { code, name: `Branch ${code}` } });
}

export async function createPatron(db: PrismaClient, overrides: { email?: string | null; branchId?: number } = {}) {
  const id = uid();
  const branchId = overrides.branchId ?? (await createBranch(db)).id;
  const category = await db.patronCategory.upsert({
    where: { code: "TEST" },
    create: { code: "TEST", name: "Test" },
    update: {},
  });
  return db.patron.create({
    data: {
      cardNumber: `T${id}`,
      firstName: "Test",
      lastName: `Patron ${id}`,
      email: overrides.email === undefined ? `patron.${id}@example.net` : overrides.email,
      homeBranchId: branchId,
      categoryId: category.id,
      registeredOn: new Date("2025-01-01"),
      expiresOn: new Date("2028-01-01"),
    },
  });
}

export async function createLoan(
  db: PrismaClient,
  options: { patronId: number; dueDate: string; status?: LoanStatus },
) {
  const patron = await db.patron.findUniqueOrThrow({ where: { id: options.patronId } });
  const item = await db.item.create({
    data: { barcode: `I${uid()}`, title: `Book ${uid()}`, branchId: patron.homeBranchId },
  });
  return db.loan.create({
    data: {
      patronId: patron.id,
      itemId: item.id,
      loanedAt: new Date(`${options.dueDate}T10:00:00Z`),
      dueDate: new Date(`${options.dueDate}T00:00:00Z`),
      status: options.status ?? "ON_LOAN",
    },
  });
}

export async function createStaff(
  db: PrismaClient,
  options: { role?: StaffRole; password?: string; isActive?: boolean } = {},
) {
  const password = options.password ?? `pw-${uid()}`;
  const user = await db.staffUser.create({
    data: {
      email: `staff.${uid()}@library.example`,
      name: "Test Staff",
      passwordHash: await bcrypt.hash(password, 4),
      role: options.role ?? "CIRCULATION",
      isActive: options.isActive ?? true,
    },
  });
  return { user, password };
}
