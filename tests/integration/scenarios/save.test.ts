// Scenarios saved from the editor (issue 13): one transaction with an audit row, refused whole with each field named,
// a stale version refused, levels with notices kept switched off, categories not shared between enabled scenarios of
// a kind, the worker's scheduler moved by the sync the save asks for, and the "would send" counts from a dry run.
import { Queue, type Job } from "bullmq";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createWorkerConnection } from "@/lib/jobs/connection";
import { tickJob } from "@/lib/jobs/notices";
import { planRun } from "@/lib/notices/plan-run";
import { previewScenarioChange } from "@/lib/scenarios/preview-change";
import { scenarioFormValues } from "@/lib/scenarios/queries";
import { saveScenario } from "@/lib/scenarios/save-scenario";
import { ScenarioInput, type ScenarioInputValues } from "@/lib/scenarios/schemas";
import { handleSyncSchedulers, type NoticeDeps } from "@/worker/handlers/notices";
import { clearPrefixes, createEngineLibrary, freshPrefix, redisUrl } from "../notices/engine-env";
import { addLoan, addPatron, scenarioId } from "../notices/library-factory";

let lib: Awaited<ReturnType<typeof createEngineLibrary>>;
let deps: NoticeDeps;
let restore: () => Promise<void>;
let staff: { id: number; name: string };
const connection = createWorkerConnection(redisUrl);

beforeAll(async () => {
  lib = await createEngineLibrary("scenarios", { timeZone: "Europe/London" });
  restore = await lib.snapshotConfig();
  staff = await lib.db.staffUser.create({ data: { email: "ada@test-library.example", name: "Ada Librarian", passwordHash: "x", role: "CIRCULATION" } });
  deps = {
    db: lib.db, log: pino({ level: "silent" }), noticesQueue: new Queue("notices", { connection, prefix: freshPrefix() }),
    deliveriesQueue: new Queue("deliveries", { connection, prefix: freshPrefix() }), send: { attempts: 1, backoffMs: 10, leaseSeconds: 2 },
  };
});
afterAll(async () => {
  await deps.noticesQueue.close();
  await deps.deliveriesQueue.close();
  await connection.quit();
  await lib.close();
  await clearPrefixes();
});
beforeEach(async () => {
  await restore();
  await lib.sql.query(`DELETE FROM "Scenario" WHERE code LIKE 'test-%'`);
});

const values = async (code: string) => (await scenarioFormValues(lib.db, await scenarioId(lib.sql, code)))!;
const save = (input: ScenarioInputValues) => saveScenario(lib.db, ScenarioInput.parse(input), staff);
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("saved, but should have been refused"); }, (err: unknown) => err as AppError);

describe("saving a scenario", () => {
  it("moves the worker's next tick to the new run time and audits before → after", async () => {
    const form = await values("overdue-escalation");
    const saved = await save({ ...form, isEnabled: true, runAt: "05:30" });
    await handleSyncSchedulers({} as Job, deps); // the job the action asks for
    const scheduler = await deps.noticesQueue.getJobScheduler(tickJob.schedulerId(saved.id));
    expect(scheduler?.pattern).toBe("30 5 * * *");
    expect(scheduler?.tz).toBe("Europe/London");
    // Its next tick is at 05:30 London time.
    const next = new Date(Number(scheduler!.next));
    expect(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" }).format(next)).toBe("05:30");
    const audit = await lib.db.auditLog.findFirstOrThrow({ where: { entity: "scenario", entityId: String(saved.id) }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ action: "scenario.update", actorId: staff.id });
    const details = audit.details as { before: { runAt: string }; after: { runAt: string; levels: unknown[] } };
    expect([details.before.runAt, details.after.runAt]).toEqual(["02:00", "05:30"]);
    expect(details.after.levels).toHaveLength(3);
    expect(saved.scheduleChanged).toBe(true);
  });

  it("refuses a save over a version someone else saved meanwhile, naming them, and writes nothing", async () => {
    const opened = await values("overdue-escalation");
    await save({ ...opened, name: "Overdue letters" });
    const err = await failure(save({ ...opened, runAt: "06:00" }));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toMatch(/changed by Ada Librarian at \d{4}-\d\d-\d\d \d\d:\d\d UTC.*Reload/);
    const row = await lib.db.scenario.findUniqueOrThrow({ where: { code: "overdue-escalation" } });
    expect([row.name, row.runAt]).toEqual(["Overdue letters", "02:00"]);
  });

  it("refuses periods that do not increase and a template of another family, naming each field; nothing written", async () => {
    const form = await values("overdue-escalation");
    const levels = form.levels.map((l, i) => (i === 1 ? { ...l, periodDays: 5 } : l));
    const parsed = ScenarioInput.safeParse({ ...form, levels });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["levels.1.periodDays", "must be more than level 1's (7)"]]);

    const reservationTemplate = await lib.db.template.findFirstOrThrow({ where: { family: "RESERVATION" } });
    const err = await failure(save({ ...form, name: "Changed", levels: form.levels.map((l, i) => (i === 2 ? { ...l, templateId: reservationTemplate.id } : l)) }));
    expect(err.code).toBe("INVALID");
    expect(Object.keys(err.fieldErrors)).toEqual(["levels[2].templateId"]);
    expect(err.fieldErrors["levels[2].templateId"][0]).toMatch(/reservation.*loan notices/i);
    expect((await lib.db.scenario.findUniqueOrThrow({ where: { code: "overdue-escalation" } })).name).not.toBe("Changed");
  });

  it("refuses removing a level that has notices (switched off instead); deletes one without; the planner skips a switched-off level", async () => {
    const id = await scenarioId(lib.sql, "overdue-escalation");
    const patron = await addPatron(lib.sql);
    await addLoan(lib.sql, patron.id, "2026-02-01");
    // Level 3 (28 days) is reached by 2026-03-29 and recorded.
    await planRun(lib.db, { runDate: "2026-03-29", trigger: "REPLAY", scenarioIds: [id] });
    const form = await values("overdue-escalation");
    const [level1, level2, level3] = form.levels;
    expect(await lib.db.notice.count({ where: { levelId: level3.id } })).toBeGreaterThan(0);
    expect(await lib.db.notice.count({ where: { levelId: level2.id } })).toBe(0);

    const err = await failure(save({ ...form, levels: [level1] }));
    expect(err.fieldErrors.levels[0]).toMatch(/^level 3 \(28 days\) has notices recorded, so it cannot be removed/);
    expect(await lib.db.scenarioLevel.count({ where: { scenarioId: id } })).toBe(3); // level 2's deletion rolled back too

    await save({ ...form, levels: [level1, { ...level3, isEnabled: false }] });
    const levels = await lib.db.scenarioLevel.findMany({ where: { scenarioId: id }, orderBy: { level: "asc" } });
    expect(levels.map((l) => [l.id, l.level, l.isEnabled])).toEqual([[level1.id, 1, true], [level3.id, 2, false]]);

    // A loan 30 days overdue now reaches only level 1 (7 days): the switched-off 28-day level sends nothing.
    const other = await addPatron(lib.sql);
    await addLoan(lib.sql, other.id, "2026-05-01");
    const plan = await planRun(lib.db, { runDate: "2026-05-31", trigger: "REPLAY", scenarioIds: [id], dryRun: true });
    const mine = plan.preview.filter((d) => d.patronId === other.id).flatMap((d) => d.messages.map((m) => m.level.level));
    expect(mine).toEqual([1]);
  });

  it("refuses a second enabled scenario of a kind for the same categories; one for other categories is honoured, and does not repeat what the first sent", async () => {
    await save({ ...(await values("pre-overdue")), isEnabled: true });
    const form = await values("pre-overdue");
    const child = await lib.db.patronCategory.findUniqueOrThrow({ where: { code: "CHILD" } });
    const copy = { ...form, id: undefined, expectedUpdatedAt: undefined, code: "test-juniors", name: "Pre-overdue for children",
      levels: form.levels.map((l) => ({ ...l, id: undefined, periodDays: 5 })) };
    const err = await failure(save(copy));
    expect(err.fieldErrors.includeCategoryIds[0]).toMatch(/pre-overdue.*also an enabled pre-overdue reminder scenario for Adult, Child, Staff/i);
    expect(await lib.db.scenario.count({ where: { code: "test-juniors" } })).toBe(0);

    // A child reminded by the library-wide scenario (2 days before) before the juniors' scenario existed.
    const reminded = await addPatron(lib.sql, { category: "CHILD" });
    await addLoan(lib.sql, reminded.id, "2026-06-05");
    await planRun(lib.db, { runDate: "2026-06-03", trigger: "REPLAY", scenarioIds: [form.id!] });
    expect(await lib.db.notice.count({ where: { patronId: reminded.id } })).toBe(1);

    await save({ ...form, excludeCategoryIds: [child.id] });
    const created = await save({ ...copy, includeCategoryIds: [child.id] });
    const audit = await lib.db.auditLog.findFirstOrThrow({ where: { entity: "scenario", entityId: String(created.id) } });
    expect(audit.action).toBe("scenario.create");

    const kid = await addPatron(lib.sql, { category: "CHILD" });
    const grown = await addPatron(lib.sql, { category: "ADULT" });
    await addLoan(lib.sql, kid.id, "2026-06-05");
    await addLoan(lib.sql, grown.id, "2026-06-05");
    const plan = await planRun(lib.db, { runDate: "2026-06-04", trigger: "REPLAY", dryRun: true, scenarioIds: [created.id, form.id!] });
    const who = plan.preview.flatMap((d) => d.messages.map((m) => [m.patronId, m.scenario.code]));
    expect(who).toContainEqual([kid.id, "test-juniors"]); // 1 day before: within the children's 5
    expect(who).toContainEqual([grown.id, "pre-overdue"]);
    expect(who).not.toContainEqual([grown.id, "test-juniors"]);
    expect(who).not.toContainEqual([kid.id, "pre-overdue"]); // children excluded there
    // The child already reminded for this loan is not reminded again by the new scenario.
    expect(who.filter(([patronId]) => patronId === reminded.id)).toEqual([]);
  });
});

describe("what would this change send", () => {
  it("counts the next run per level as saved and as edited, writing nothing", async () => {
    // A scenario of its own with levels at 7, 14 and 28 days (earlier tests changed the seeded one's levels).
    const seeded = await values("overdue-escalation");
    const templateId = seeded.levels[0].templateId;
    const level = (periodDays: number) => ({ ...seeded.levels[0], id: undefined, isEnabled: true, periodDays, templateId });
    const created = await save({ ...seeded, id: undefined, expectedUpdatedAt: undefined, code: "test-preview", isEnabled: true, levels: [level(7), level(14), level(28)] });
    const form = await values("test-preview");
    expect(form.id).toBe(created.id);
    // Loans 10 and 20 days overdue today: levels 1 (7) and 2 (14) as saved.
    const today = new Date().toISOString().slice(0, 10);
    const daysAgo = (n: number) => new Date(Date.parse(today) - n * 86_400_000).toISOString().slice(0, 10);
    for (const n of [10, 20]) await addLoan(lib.sql, (await addPatron(lib.sql)).id, daysAgo(n));
    const runsBefore = await lib.db.noticeRun.count();
    const noticesBefore = await lib.db.notice.count();
    const edited = { ...form, levels: form.levels.map((l, i) => (i === 1 ? { ...l, periodDays: 21 } : l)) };
    const answer = await previewScenarioChange(lib.db, ScenarioInput.parse(edited));
    const at = (run: typeof answer.edited | null, level: number) => run!.levels.find((l) => l.level === level)!.patrons;
    expect(at(answer.current, 1)).toBeGreaterThanOrEqual(1);
    expect(at(answer.current, 2) - at(answer.edited, 2)).toBe(1); // the 20-day loan falls back to level 1
    expect(at(answer.edited, 1) - at(answer.current, 1)).toBe(1);
    expect(await lib.db.noticeRun.count()).toBe(runsBefore);
    expect(await lib.db.notice.count()).toBe(noticesBefore);
  });
});
