// /api/v1/config/branches[/{code}[/closed-days]]: Settings → Branches through lib/settings/branches.ts (the same
// validation, audit rows and refusals: a branch that loans, patrons, items, reservations or orders name is not
// deleted, 409). Opening hours are the form's text per weekday ("09:00-17:00"), so the form's rules and words apply.
// Codes are saved as the dashboard saves them (upper case); a path code that would be changed by that is refused
// rather than silently saved under another code.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/parse-input";
import {
  BranchInput, ClosedDaysInput, WEEKDAYS, addClosedDays, closedDaysOf, deleteBranch, formatDayHours, removeClosedDays, saveBranchTx,
  type OpeningHours,
} from "@/lib/settings/branches";
import { localDate } from "@/lib/time/library-date";
import { apiActor, noQuery, parseBody, samePathCode } from "./config-params";
import { BranchBody, ClosedDaysBody, ClosedDaysDeletion, ClosedDaysQuery } from "./config-schemas";
import type { ApiCaller } from "./tokens";

type Caller = Pick<ApiCaller, "tokenId">;
type BranchRow = { code: string; name: string; email: string | null; phone: string | null; address: string | null; openingHours: unknown };

const asJson = (b: BranchRow) => ({
  code: b.code, name: b.name, email: b.email, phone: b.phone, address: b.address,
  openingHours: Object.fromEntries(WEEKDAYS.map((d) => [d, formatDayHours((b.openingHours as OpeningHours | null)?.[d])])),
});

async function branchByCode(db: PrismaClient, code: string) {
  const branch = await db.branch.findUnique({ where: { code } });
  if (!branch) throw new AppError("NOT_FOUND", `No branch "${code}".`);
  return branch;
}

export async function listBranchesJson(db: PrismaClient) {
  return { items: (await db.branch.findMany({ orderBy: { code: "asc" } })).map(asJson) };
}

export async function getBranch(db: PrismaClient, code: string) {
  return asJson(await branchByCode(db, code));
}

/** Creates or replaces the branch of `code` in one transaction; answers it as GET does. */
export async function putBranch(db: PrismaClient, code: string, body: unknown, caller: Caller) {
  const { code: bodyCode, ...fields } = parseBody(BranchBody, body);
  samePathCode(bodyCode, code);
  return db.$transaction(async (tx) => {
    const existing = await tx.branch.findUnique({ where: { code }, select: { id: true } });
    const input = parseOrThrow(BranchInput, { ...fields, id: existing?.id, code });
    if (input.code !== code) {
      throw new AppError("INVALID", `code: branch codes are saved in upper case: use "${input.code}".`, { code: [`in upper case, as it is saved: "${input.code}"`] });
    }
    const { branch } = await saveBranchTx(tx, input, apiActor(caller));
    return asJson(branch);
  });
}

export async function deleteBranchByCode(db: PrismaClient, code: string, caller: Caller) {
  const branch = await branchByCode(db, code);
  await deleteBranch(db, branch.id, apiActor(caller));
  return { deleted: branch.code };
}

/** A branch's closed days from `from` (default today in the library's time zone) to `to` (default: all after). */
export async function getClosedDays(db: PrismaClient, code: string, query: URLSearchParams) {
  noQuery(query, ["from", "to"]);
  const range = parseOrThrow(ClosedDaysQuery, Object.fromEntries(query));
  const branch = await branchByCode(db, code);
  const settings = await db.librarySettings.findUnique({ where: { id: 1 }, select: { timeZone: true } });
  const from = range.from ?? localDate(settings?.timeZone ?? "UTC");
  const to = range.to ?? "9999-12-31";
  if (to < from) throw new AppError("INVALID", "to: the last day must be on or after the first", { to: ["on or after `from`"] });
  const days = await closedDaysOf(db, branch.id, from, to);
  return { branch: branch.code, from, to: range.to ?? null, items: days.map((d) => ({ date: d.date.toISOString().slice(0, 10), reason: d.reason })) };
}

/** Closes the branch on a day or a range of days (one transaction; a day already closed takes the new reason). */
export async function addClosedDaysByCode(db: PrismaClient, code: string, body: unknown, caller: Caller) {
  const days = parseBody(ClosedDaysBody, body);
  const branch = await branchByCode(db, code);
  const input = parseOrThrow(ClosedDaysInput, { branchIds: [branch.id], from: days.from, to: days.to, reason: days.reason ?? null });
  const { days: count, added } = await addClosedDays(db, input, apiActor(caller));
  return { branch: branch.code, from: input.from, to: input.to ?? input.from, days: count, added };
}

/**
 * Reopens days given as ?date=YYYY-MM-DD (repeated) or a body {dates: [...]}. Every day named must be closed, or nothing
 * is reopened (404 naming the ones that are not).
 */
export async function removeClosedDaysByCode(
  db: PrismaClient, code: string, from: { query: URLSearchParams; hasBody: boolean; body: () => Promise<unknown> }, caller: Caller,
) {
  const { query, body } = from;
  noQuery(query, ["date"]);
  let dates: string[];
  let field: (i: number) => string;
  if (query.has("date")) {
    dates = parseOrThrow(ClosedDaysDeletion, { dates: query.getAll("date") }).dates;
    field = () => "date";
  } else if (from.hasBody) {
    dates = parseBody(ClosedDaysDeletion, await body()).dates;
    field = (i) => `dates[${i}]`;
  } else {
    throw new AppError("INVALID", 'date: name the days to reopen: ?date=YYYY-MM-DD (repeated) or a body {"dates": [...]}', { date: ["required"] });
  }
  const branch = await branchByCode(db, code);
  const rows = await db.branchClosedDay.findMany({
    where: { branchId: branch.id, date: { in: dates.map((d) => new Date(`${d}T00:00:00Z`)) } }, select: { id: true, date: true },
  });
  const closed = new Set(rows.map((r) => r.date.toISOString().slice(0, 10)));
  const open = dates.map((d, i) => [d, i] as const).filter(([d]) => !closed.has(d));
  if (open.length) {
    const fields: Record<string, string[]> = {};
    for (const [d, i] of open) (fields[field(i)] ??= []).push(`not a closed day of ${branch.code}: ${d}`);
    throw new AppError("NOT_FOUND", `${branch.code} is not closed on ${open.map(([d]) => d).join(", ")}: nothing reopened.`, fields);
  }
  const { removed } = await removeClosedDays(db, { ids: rows.map((r) => r.id) }, apiActor(caller));
  return { branch: branch.code, removed };
}
