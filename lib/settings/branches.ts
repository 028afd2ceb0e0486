// Settings → Branches: each branch's details, weekly opening hours and its calendar of closed days. Decisions:
// - Closed days are per branch: with "count open days only", a loan's days overdue skip the days its own branch was
//   closed (lib/notices/plan-run.ts); a holiday for the whole library is added to every branch at once (one range,
//   one transaction), so there is no separate library calendar to keep in step.
// - A branch that loans, patrons, items, reservations or orders name is not deleted (the ledger and history name it);
//   it is renamed or left alone.
// - Every change writes one audit row (entity "branch") with before → after; closed days by the dates added/removed.
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { addDays, dayDiff } from "@/lib/notices/rules/day-count";
import { AppError } from "@/lib/errors";
import { actorColumns, type Actor } from "@/lib/audit/actor";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type OpeningHours = Partial<Record<Weekday, [string, string][]>>;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
const optional = (max: number, schema: z.ZodString = z.string()) =>
  z.preprocess((v) => (blank(v) ? null : typeof v === "string" ? v.trim() : v), schema.max(max, `at most ${max} characters`).nullable());

/** One day's hours as staff type them: "09:00-17:00", "09:00-12:30, 13:30-17:00", or empty / "closed". */
export function parseDayHours(text: string): [string, string][] | string {
  const t = text.trim();
  if (t === "" || /^closed$/i.test(t)) return [];
  const intervals: [string, string][] = [];
  for (const part of t.split(",")) {
    const m = /^\s*(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s*$/.exec(part);
    const [from, to] = m ? [m[1].padStart(5, "0"), m[2].padStart(5, "0")] : ["", ""];
    if (!HHMM.test(from) || !HHMM.test(to)) return "times as 09:00-17:00, several separated by commas, or empty when closed";
    if (from >= to) return `${from}-${to}: the closing time must be after the opening time`;
    if (intervals.length && intervals.at(-1)![1] > from) return `${from}-${to} overlaps the interval before it`;
    intervals.push([from, to]);
  }
  return intervals;
}

export function formatDayHours(intervals: [string, string][] | undefined): string {
  return (intervals ?? []).map(([a, b]) => `${a}-${b}`).join(", ");
}

const dayHours = z.string().max(100).transform((v, ctx) => {
  const parsed = parseDayHours(v);
  if (typeof parsed === "string") {
    ctx.addIssue({ code: "custom", message: parsed });
    return z.NEVER;
  }
  return parsed;
});

export const BranchInput = z.object({
  id: z.number().int().positive().optional(),
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9_-]{0,19}$/, "letters, digits, - or _, up to 20 (e.g. CEN)"),
  name: z.string().trim().min(1, "the branch's name as patrons know it").max(120, "at most 120 characters"),
  email: optional(200, z.string().email("an email address such as central@library.example")),
  phone: optional(50),
  address: optional(500),
  openingHours: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, dayHours])) as Record<Weekday, typeof dayHours>),
});
export type BranchValues = z.input<typeof BranchInput>;

const isoDate = z.iso.date("a date as YYYY-MM-DD");
export const ClosedDaysInput = z.object({
  // Empty: every branch (a holiday for the whole library).
  branchIds: z.array(z.number().int().positive()),
  from: isoDate,
  to: isoDate.optional(),
  reason: optional(200),
}).superRefine((v, ctx) => {
  const to = v.to ?? v.from;
  if (to < v.from) ctx.addIssue({ code: "custom", path: ["to"], message: "the last day must be on or after the first" });
  else if (dayDiff(v.from, to) > 366) ctx.addIssue({ code: "custom", path: ["to"], message: "at most a year at a time" });
});
export const ClosedDaysRemoval = z.object({ ids: z.array(z.number().int().positive()).min(1, "choose the days to reopen") });

type Tx = Prisma.TransactionClient;

const snapshot = (b: { code: string; name: string; email: string | null; phone: string | null; address: string | null; openingHours: unknown }) =>
  ({ code: b.code, name: b.name, email: b.email, phone: b.phone, address: b.address, openingHours: b.openingHours });

async function audit(tx: Tx, actor: Actor, action: string, entityId: number | string, before: unknown, after: unknown) {
  await tx.auditLog.create({
    data: { ...actorColumns(actor), action, entity: "branch", entityId: String(entityId), details: { before, after } as Prisma.InputJsonValue },
  });
}

export async function saveBranch(db: PrismaClient, input: z.output<typeof BranchInput>, actor: Actor) {
  return db.$transaction((tx) => saveBranchTx(tx, input, actor));
}

export async function saveBranchTx(tx: Tx, input: z.output<typeof BranchInput>, actor: Actor) {
  const { id, ...fields } = input;
  const clash = await tx.branch.findUnique({ where: { code: fields.code }, select: { id: true } });
  if (clash && clash.id !== id) throw new AppError("INVALID", "Not saved: another branch has this code.", { code: ["another branch has this code"] });
  const before = id ? await tx.branch.findUnique({ where: { id } }) : null;
  if (id && !before) throw new AppError("NOT_FOUND", `No branch ${id}.`);
  const branch = before
    ? await tx.branch.update({ where: { id: before.id }, data: fields })
    : await tx.branch.create({ data: fields });
  const changed = !before || JSON.stringify(snapshot(before)) !== JSON.stringify(snapshot(branch));
  if (changed) await audit(tx, actor, before ? "branch.update" : "branch.create", branch.id, before ? snapshot(before) : null, snapshot(branch));
  return { branch, changed };
}

export async function deleteBranch(db: PrismaClient, id: number, actor: Actor) {
  return db.$transaction(async (tx) => {
    // Locked first, so a loan or patron written meanwhile waits for the delete and then fails on its foreign key.
    const [branch] = await tx.$queryRaw<{ id: number; code: string; name: string }[]>`SELECT id, code, name FROM "Branch" WHERE id = ${id} FOR UPDATE`;
    if (!branch) throw new AppError("NOT_FOUND", `No branch ${id}.`);
    const [uses] = await tx.$queryRaw<{ loans: number; patrons: number; items: number; pickups: number; orders: number }[]>`
      SELECT (SELECT count(*)::int FROM "Loan" WHERE "branchId" = ${id}) AS loans,
             (SELECT count(*)::int FROM "Patron" WHERE "homeBranchId" = ${id}) AS patrons,
             (SELECT count(*)::int FROM "Item" WHERE "branchId" = ${id}) AS items,
             (SELECT count(*)::int FROM "Reservation" WHERE "pickupBranchId" = ${id}) AS pickups,
             (SELECT count(*)::int FROM "PurchaseOrder" WHERE "branchId" = ${id}) AS orders`;
    const one: Record<string, string> = { loans: "loan", patrons: "patron", items: "item", pickups: "reservation", orders: "order" };
    const named = Object.entries(uses).filter(([, n]) => n > 0).map(([what, n]) => `${n.toLocaleString("en")} ${one[what]}${n === 1 ? "" : "s"}`);
    if (named.length) {
      throw new AppError("CONFLICT", `${branch.name} is not deleted: ${named.join(", ")} ${named.length === 1 && named[0].startsWith("1 ") ? "names" : "name"} it. Rename it instead, or move them first.`);
    }
    const full = await tx.branch.findUniqueOrThrow({ where: { id } });
    await tx.branch.delete({ where: { id } });
    await audit(tx, actor, "branch.delete", id, snapshot(full), null);
    return branch;
  });
}

/** Adds a day or a range of days to one, several or (branchIds empty) every branch's calendar. */
export async function addClosedDays(db: PrismaClient, input: z.output<typeof ClosedDaysInput>, actor: Actor) {
  return db.$transaction(async (tx) => {
    const branches = input.branchIds.length
      ? await tx.branch.findMany({ where: { id: { in: input.branchIds } }, select: { id: true, code: true } })
      : await tx.branch.findMany({ select: { id: true, code: true } });
    if (!input.branchIds.length && branches.length === 0) throw new AppError("INVALID", "Not saved: the library has no branches yet.", { branchIds: ["add a branch first"] });
    const missing = input.branchIds.filter((id) => !branches.some((b) => b.id === id));
    if (missing.length) throw new AppError("INVALID", `Not saved: no branch ${missing.join(", ")}.`, { branchIds: [`no branch ${missing.join(", ")}`] });
    const dates: string[] = [];
    for (let d = input.from; d <= (input.to ?? input.from); d = addDays(d, 1)) dates.push(d);
    let added = 0;
    for (const b of branches) {
      // ON CONFLICT: a day already closed keeps its row and takes the new reason.
      const rows = await tx.$queryRaw<{ inserted: boolean }[]>`
        INSERT INTO "BranchClosedDay" ("branchId", date, reason)
        SELECT ${b.id}, d::date, ${input.reason} FROM unnest(${dates}::text[]) AS d
        ON CONFLICT ("branchId", date) DO UPDATE SET reason = EXCLUDED.reason
        RETURNING (xmax = 0) AS inserted`;
      added += rows.filter((r) => r.inserted).length;
    }
    await audit(tx, actor, "branch.closed-days.add", branches.map((b) => b.code).join(","), null,
      { branches: branches.map((b) => b.code), from: input.from, to: input.to ?? input.from, reason: input.reason });
    return { branches: branches.length, days: dates.length, added };
  });
}

export async function removeClosedDays(db: PrismaClient, input: z.output<typeof ClosedDaysRemoval>, actor: Actor) {
  return db.$transaction(async (tx) => {
    const rows = await tx.branchClosedDay.findMany({ where: { id: { in: input.ids } }, include: { branch: { select: { code: true } } }, orderBy: { date: "asc" } });
    if (rows.length === 0) throw new AppError("NOT_FOUND", "Those closed days are no longer in the calendar: reload the page.");
    await tx.branchClosedDay.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
    await audit(tx, actor, "branch.closed-days.remove", [...new Set(rows.map((r) => r.branch.code))].join(","),
      { closedDays: rows.map((r) => `${r.branch.code} ${r.date.toISOString().slice(0, 10)}${r.reason ? ` (${r.reason})` : ""}`) }, null);
    return { removed: rows.length };
  });
}

export async function listBranches(db: PrismaClient, today: string) {
  const branches = await db.branch.findMany({ orderBy: { name: "asc" } });
  const upcoming = await db.branchClosedDay.findMany({ where: { date: { gte: new Date(`${today}T00:00:00Z`) } }, orderBy: { date: "asc" }, select: { branchId: true, date: true } });
  return branches.map((b) => {
    const mine = upcoming.filter((d) => d.branchId === b.id);
    return { ...b, openingHours: (b.openingHours ?? {}) as OpeningHours, upcomingClosedDays: mine.length, nextClosedDay: mine[0]?.date.toISOString().slice(0, 10) ?? null };
  });
}

/** A branch's calendar from `from` on, a year at most (the page shows a year; older days stay in the table). */
export function closedDaysOf(db: PrismaClient, branchId: number, from: string, to: string) {
  return db.branchClosedDay.findMany({
    where: { branchId, date: { gte: new Date(`${from}T00:00:00Z`), lte: new Date(`${to}T00:00:00Z`) } },
    orderBy: { date: "asc" }, select: { id: true, date: true, reason: true },
  });
}

export type ClosedDayGroup = { date: string; reason: string | null; ids: number[]; branches: string[]; everyBranch: boolean };

/**
 * The calendar from `from` to `to` as staff read it: one line per date and reason, naming its branches ("every branch"
 * when all are closed), with the row ids that reopening the line removes. `branchId`: one branch's calendar only.
 */
export async function closedDayGroups(db: PrismaClient, from: string, to: string, branchId?: number): Promise<ClosedDayGroup[]> {
  const [rows, branchCount] = await Promise.all([
    db.branchClosedDay.findMany({
      where: { ...(branchId ? { branchId } : {}), date: { gte: new Date(`${from}T00:00:00Z`), lte: new Date(`${to}T00:00:00Z`) } },
      orderBy: [{ date: "asc" }, { branch: { name: "asc" } }], select: { id: true, date: true, reason: true, branch: { select: { name: true } } },
    }),
    db.branch.count(),
  ]);
  const groups = new Map<string, ClosedDayGroup>();
  for (const r of rows) {
    const date = r.date.toISOString().slice(0, 10);
    const key = `${date}\u0000${r.reason ?? ""}`;
    const g = groups.get(key) ?? { date, reason: r.reason, ids: [], branches: [], everyBranch: false };
    g.ids.push(r.id);
    g.branches.push(r.branch.name);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({ ...g, everyBranch: !branchId && branchCount > 1 && g.ids.length === branchCount }));
}

const DAY_LABELS: Record<Weekday, string> = { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" };

/** A week's hours in one line, consecutive days with the same hours together: "Mon–Fri 09:00-17:00 · Sat 10:00-13:00 · Sun closed". */
export function describeWeek(hours: OpeningHours): string {
  const runs: { from: Weekday; to: Weekday; text: string }[] = [];
  for (const day of WEEKDAYS) {
    const text = formatDayHours(hours[day]) || "closed";
    const last = runs.at(-1);
    if (last && last.text === text) last.to = day;
    else runs.push({ from: day, to: day, text });
  }
  if (runs.length === 1 && runs[0].text === "closed") return "No opening hours set";
  return runs.map((r) => `${DAY_LABELS[r.from]}${r.to !== r.from ? `–${DAY_LABELS[r.to]}` : ""} ${r.text}`).join(" · ");
}
