// Settings → Branches' use-cases against the real database: closed days for chosen or every branch in one transaction,
// the calendar as staff read it, a branch in use refused, every change audited.
import { afterAll, describe, expect, it } from "vitest";
import { addClosedDays, BranchInput, closedDayGroups, ClosedDaysInput, deleteBranch, removeClosedDays, saveBranch } from "@/lib/settings/branches";
import { createBranch, createPatron, uid } from "../factories";
import { db } from "./db";

afterAll(() => db.$disconnect());

const staffUser = () => db.staffUser.create({ data: { email: `b.${uid()}@example.net`, name: "B", passwordHash: "x", role: "ADMIN" } });
// A year of its own per test, far ahead, so tests running beside it never share a date.
const year = () => 2100 + Math.floor(Math.random() * 800);
const hours = (mon: string) => ({ mon, tue: "", wed: "", thu: "", fri: "", sat: "", sun: "" });

describe("branches and closed days", () => {
  it("closes a range at every branch in one go, shows one line per day and reason, and reopens chosen days", async () => {
    const [a, b, staff] = [await createBranch(db), await createBranch(db), await staffUser()];
    const y = year();
    const added = await addClosedDays(db, ClosedDaysInput.parse({ branchIds: [], from: `${y}-05-01`, to: `${y}-05-03`, reason: "Refit" }), staff);
    const branches = await db.branch.count();
    expect(added).toMatchObject({ days: 3, added: 3 * added.branches });
    expect(added.branches).toBeGreaterThanOrEqual(2);
    // The same days again at one branch with another reason: no new rows, the reason moves.
    expect(await addClosedDays(db, ClosedDaysInput.parse({ branchIds: [a.id], from: `${y}-05-02`, reason: "Flood" }), staff)).toMatchObject({ days: 1, added: 0 });

    const library = await closedDayGroups(db, `${y}-05-01`, `${y}-05-31`);
    const day2 = library.filter((g) => g.date === `${y}-05-02`);
    expect(day2.map((g) => g.reason).sort()).toEqual(["Flood", "Refit"]);
    expect(day2.find((g) => g.reason === "Flood")).toMatchObject({ branches: [a.name], everyBranch: false });
    expect(day2.find((g) => g.reason === "Refit")!.branches).toContain(b.name);
    expect(library.find((g) => g.date === `${y}-05-01`)!.everyBranch).toBe(added.branches === branches);
    expect((await closedDayGroups(db, `${y}-05-01`, `${y}-05-31`, a.id)).map((g) => [g.date, g.reason, g.branches]))
      .toEqual([[`${y}-05-01`, "Refit", [a.name]], [`${y}-05-02`, "Flood", [a.name]], [`${y}-05-03`, "Refit", [a.name]]]);

    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "branch", action: "branch.closed-days.add", actorId: staff.id }, orderBy: { id: "asc" } });
    expect(audit.details).toMatchObject({ after: { from: `${y}-05-01`, to: `${y}-05-03`, reason: "Refit" } });

    const first = library.find((g) => g.date === `${y}-05-01`)!;
    expect(await removeClosedDays(db, { ids: first.ids }, staff)).toEqual({ removed: first.ids.length });
    expect(await db.branchClosedDay.count({ where: { date: new Date(`${y}-05-01T00:00:00Z`) } })).toBe(0);
    await expect(removeClosedDays(db, { ids: first.ids }, staff)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a range that ends first or runs past a year, and an unknown branch, writing nothing", async () => {
    const staff = await staffUser();
    expect(ClosedDaysInput.safeParse({ branchIds: [], from: "2100-05-03", to: "2100-05-01" }).error?.issues.map((i) => [i.path.join("."), i.message]))
      .toEqual([["to", "the last day must be on or after the first"]]);
    expect(ClosedDaysInput.safeParse({ branchIds: [], from: "2100-01-01", to: "2101-06-01" }).error?.issues[0].message).toBe("at most a year at a time");
    const y = year();
    await expect(addClosedDays(db, ClosedDaysInput.parse({ branchIds: [2_000_000_000], from: `${y}-01-01` }), staff))
      .rejects.toMatchObject({ fieldErrors: { branchIds: ["no branch 2000000000"] } });
    expect(await db.branchClosedDay.count({ where: { date: new Date(`${y}-01-01T00:00:00Z`) } })).toBe(0);
  });

  it("saves a branch's hours as intervals, refuses a code another branch has, and audits before → after", async () => {
    const staff = await staffUser();
    const code = `N${uid().toUpperCase()}`.slice(0, 12);
    const other = (await saveBranch(db, BranchInput.parse({ code: `O${code}`, name: "Other", openingHours: hours("") }), staff)).branch;
    const { branch } = await saveBranch(db, BranchInput.parse({ code, name: "New", openingHours: hours("09:00-12:30, 13:30-17:00") }), staff);
    expect(branch.openingHours).toMatchObject({ mon: [["09:00", "12:30"], ["13:30", "17:00"]], tue: [] });
    await expect(saveBranch(db, BranchInput.parse({ id: branch.id, code: other.code, name: "New", openingHours: hours("") }), staff))
      .rejects.toMatchObject({ fieldErrors: { code: ["another branch has this code"] } });
    const again = await saveBranch(db, BranchInput.parse({ id: branch.id, code, name: "Renamed", openingHours: hours("10:00-16:00") }), staff);
    expect(again.changed).toBe(true);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "branch", entityId: String(branch.id), action: "branch.update" } });
    expect(audit.details).toMatchObject({ before: { name: "New", openingHours: { mon: [["09:00", "12:30"], ["13:30", "17:00"]] } }, after: { name: "Renamed", openingHours: { mon: [["10:00", "16:00"]] } } });
    expect((await saveBranch(db, BranchInput.parse({ id: branch.id, code, name: "Renamed", openingHours: hours("10:00-16:00") }), staff)).changed).toBe(false);
  });

  it("does not delete a branch patrons name, and deletes one nothing names with its closed days", async () => {
    const staff = await staffUser();
    const used = await createBranch(db);
    await createPatron(db, { branchId: used.id });
    await expect(deleteBranch(db, used.id, staff)).rejects.toMatchObject({ code: "CONFLICT", message: `${used.name} is not deleted: 1 patron names it. Rename it instead, or move them first.` });
    const unused = await createBranch(db);
    await addClosedDays(db, ClosedDaysInput.parse({ branchIds: [unused.id], from: `${year()}-02-02` }), staff);
    await deleteBranch(db, unused.id, staff);
    expect(await db.branch.findUnique({ where: { id: unused.id } })).toBeNull();
    expect(await db.branchClosedDay.count({ where: { branchId: unused.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { entity: "branch", entityId: String(unused.id), action: "branch.delete" } })).toBe(1);
  });
});
