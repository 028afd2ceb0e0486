import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { listContactKindUses, listEntryUses } from "@/lib/settings/list-uses";
import { deleteListEntry, ListEntryInput, listPatronLists, saveListEntry } from "@/lib/settings/lists";
import { createPatron, createStaff, uid } from "../factories";
import { db } from "./db";

afterAll(() => db.$disconnect());

const refused = (p: Promise<unknown>) => p.then(() => { throw new Error("should have been refused"); }, (e: unknown) => e as AppError);
const audits = (entityId: string) => db.auditLog.findMany({ where: { entity: "patron-lists", entityId }, orderBy: { id: "asc" }, select: { action: true, actorId: true, details: true } });
let admin: { id: number };
let template: { id: number };

beforeAll(async () => {
  admin = (await createStaff(db, { role: "ADMIN" })).user;
  template = await db.template.create({ data: { name: `Lists ${uid()}`, family: "LOAN",
    versions: { create: [{ language: "en", version: 1, subject: "Overdue", body: "These are overdue.", closing: "" }] } } });
});

describe("patron lists (Settings → Patron lists)", () => {
  it("adds an entry in capitals, refuses a second with the same code beside the field, renames it with an audit row before → after", async () => {
    const code = `V-${uid()}`.toUpperCase();
    const { entry, changed } = await saveListEntry(db, ListEntryInput.parse({ list: "category", code: code.toLowerCase(), name: " Visitors " }), admin);
    expect([entry.code, entry.name, changed]).toEqual([code, "Visitors", true]);
    const clash = await refused(saveListEntry(db, ListEntryInput.parse({ list: "category", code, name: "Other" }), admin));
    expect([clash.code, clash.fieldErrors]).toEqual(["INVALID", { code: ["another patron category has this code"] }]);
    expect(ListEntryInput.safeParse({ list: "category", code: "NOT A CODE!", name: "x" }).error?.issues.map((i) => i.path[0])).toEqual(["code"]);

    await saveListEntry(db, { list: "category", id: entry.id, code, name: "Visiting readers" }, admin);
    expect((await saveListEntry(db, { list: "category", id: entry.id, code, name: "Visiting readers" }, admin)).changed).toBe(false);
    expect(await audits(`category:${entry.id}`)).toEqual([
      { action: "category.create", actorId: admin.id, details: { before: null, after: { code, name: "Visitors" } } },
      { action: "category.update", actorId: admin.id, details: { before: { code, name: "Visitors" }, after: { code, name: "Visiting readers" } } },
    ]);
    // The same code in another list is another entry.
    expect((await saveListEntry(db, { list: "group", code, name: "Visitors' group" }, admin)).changed).toBe(true);
  });

  it("refuses deleting an entry patrons have or a scenario level names, saying who; deletes an unused one with an audit row", async () => {
    // A category of this test's own (the factories' TEST category gains patrons from the tests running beside it).
    const { entry: category } = await saveListEntry(db, { list: "category", code: `C-${uid()}`.toUpperCase(), name: "Lists test" }, admin);
    for (let i = 0; i < 2; i++) await db.patron.update({ where: { id: (await createPatron(db)).id }, data: { categoryId: category.id } });
    const n = 2;
    const inUse = await refused(deleteListEntry(db, { list: "category", id: category.id }, admin));
    expect([inUse.code, inUse.message]).toEqual(["CONFLICT", "Lists test is not deleted: 2 patrons name it."]);

    const { entry: level } = await saveListEntry(db, { list: "academic-level", code: `Y-${uid()}`.toUpperCase(), name: "Year 9" }, admin);
    const scenario = await db.scenario.create({ data: { code: `lists-${uid()}`, kind: "O", name: `Escalation ${uid()}`, isEnabled: false,
      levels: { create: [{ level: 1, templateId: template.id }, { level: 2, templateId: template.id, excludeAcademicLevelIds: [level.id], contactKinds: ["SELF", "TEACHER"] }] } } });
    const named = await refused(deleteListEntry(db, { list: "academic-level", id: level.id }, admin));
    expect(named.message).toBe(`Year 9 is not deleted: the scenario ${scenario.name} names it.`);
    expect(await db.academicLevel.count({ where: { id: level.id } })).toBe(1);

    // The page's read side shows the same uses, and which levels send to which contact kind.
    expect((await listEntryUses(db))["academic-level"].get(level.id)).toEqual([{ scenario: scenario.name, how: "excludes at level 2" }]);
    const kinds = await listContactKindUses(db, ["SELF", "TEACHER"]);
    expect(kinds.find((k) => k.kind === "TEACHER")?.levels).toContainEqual({ scenario: scenario.name, level: 2 });
    expect(kinds.find((k) => k.kind === "SELF")?.levels).toContainEqual({ scenario: scenario.name, level: 1 });
    expect((await listPatronLists(db)).category.find((c) => c.id === category.id)?.patrons).toBe(n);

    await db.scenario.delete({ where: { id: scenario.id } });
    expect((await deleteListEntry(db, { list: "academic-level", id: level.id }, admin)).name).toBe("Year 9");
    expect(await db.academicLevel.count({ where: { id: level.id } })).toBe(0);
    expect((await audits(`academic-level:${level.id}`)).map((a) => [a.action, a.details])).toEqual([
      ["academic-level.create", { before: null, after: { code: level.code, name: "Year 9" } }],
      ["academic-level.delete", { before: { code: level.code, name: "Year 9" }, after: null }],
    ]);
    const gone = await refused(deleteListEntry(db, { list: "academic-level", id: level.id }, admin));
    expect(gone.code).toBe("NOT_FOUND");
  });
});
