// The configuration through /api/v1/config (issue 13 item 8): each resource round-tripped through the route handlers
// with a token (read to GET, read-write to change), saved by the dashboard's own use-cases: audit rows naming the token,
// field errors naming the field (422) with nothing written, unknown codes 404, deletes of what is in use 409, and the
// worker asked to re-sync its schedulers after a scenario save or a time zone change.
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getList } from "@/app/api/v1/[resource]/route";
import { DELETE as deleteEntryRoute, GET as getEntryRoute, PUT as putEntryRoute } from "@/app/api/v1/config/[list]/[code]/route";
import { GET as listEntriesRoute } from "@/app/api/v1/config/[list]/route";
import { DELETE as reopenDays, GET as closedDays, POST as closeDays } from "@/app/api/v1/config/branches/[code]/closed-days/route";
import { DELETE as deleteBranchRoute, GET as getBranchRoute, PUT as putBranchRoute } from "@/app/api/v1/config/branches/[code]/route";
import { GET as listBranchesRoute } from "@/app/api/v1/config/branches/route";
import { GET as getConfigRoute } from "@/app/api/v1/config/route";
import { GET as getScenarioRoute, PUT as putScenarioRoute } from "@/app/api/v1/config/scenarios/[code]/route";
import { GET as listScenariosRoute } from "@/app/api/v1/config/scenarios/route";
import { GET as getSettingsRoute, PUT as putSettingsRoute } from "@/app/api/v1/config/settings/route";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { NOTICES_QUEUE, syncSchedulersJob } from "@/lib/jobs/notices";
import { closeProducerQueues } from "@/lib/jobs/producer";
import { createPatron, ensureSettings, uid } from "../../factories";
import { apiFixture, call, type Fixture } from "./api-env";

let f: Fixture;
let template: { id: number; name: string };
let redis: Redis;
let notices: Queue;

beforeAll(async () => {
  f = await apiFixture();
  await ensureSettings(prisma);
  template = await prisma.template.create({ data: { name: `API config ${uid()}`, family: "LOAN",
    versions: { create: [{ language: "en", version: 1, subject: "Overdue", body: "These are overdue.", closing: "" }] } } });
  redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  notices = new Queue(NOTICES_QUEUE, { connection: redis, prefix: env.QUEUE_PREFIX });
});
afterAll(async () => {
  await notices.close();
  await redis.quit();
  await closeProducerQueues();
});

/** Scheduler sync requests waiting in the notices queue (no worker takes them in this file). */
const syncRequests = async () => (await notices.getJobs(["waiting", "delayed", "prioritized"])).filter((j) => j.name === syncSchedulersJob.name).length;
const lastAudit = (where: { entity: string; entityId?: string; action?: string }) => prisma.auditLog.findFirst({ where, orderBy: { id: "desc" } });
const auditCount = () => prisma.auditLog.count();

const level = (periodDays: number) => ({
  isEnabled: true, periodDays, amount: null, contactKinds: ["SELF"], template: template.name, processingChargeCode: null,
  processingChargeAmount: null, showItemCost: false, printMedia: null, separationGroup: null, excludeCategories: [],
  excludeAcademicLevels: [], excludeLibraryGroups: [],
});
// An escalation scenario for a category of the test's own only, so it overlaps no other enabled one.
const scenarioBody = (category: string) => ({
  kind: "OE", name: "API escalation", isEnabled: true, frequency: "DAILY", weekday: null, monthDay: null, runAt: "02:00", catchUpDays: 30,
  restrictChannels: [], printOverride: false, separationGroup: null, includeCategories: [category], excludeCategories: [],
  excludeAcademicLevels: [] as string[], excludeLibraryGroups: [], levels: [level(7), level(14), level(28)],
});

describe("GET /api/v1/config", () => {
  it("answers the whole configuration as the configuration file exports it, to a read token; refuses unknown parameters", async () => {
    const res = await call(getConfigRoute, { token: f.read });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ format: "noticeboard-configuration", version: 1, settings: { timeZone: expect.any(String) } });
    expect(res.json.branches.map((b: { code: string }) => b.code)).toContain(f.branch);
    expect(res.json.patronCategories).toContainEqual({ code: f.category, name: "API test" });
    expect((await call(getConfigRoute, {})).status).toBe(401);
    const unknown = await call(getConfigRoute, { token: f.read, path: "/api/v1/config?format=yaml" });
    expect([unknown.status, unknown.json.fields]).toEqual([422, { format: ["unknown parameter"] }]);
  });

  it("leaves /api/v1/<resource> as it was", async () => {
    const res = await call(getList, { token: f.read, params: { resource: "patrons" }, path: "/api/v1/patrons?limit=1" });
    expect(res.status).toBe(200);
    expect(res.json).toHaveProperty("items");
  });
});

describe("scenarios", () => {
  it("creates and replaces a scenario as the file's import does, audited as the token, re-syncing the schedulers", async () => {
    const code = `api-oe-${uid()}`;
    const category = (await prisma.patronCategory.create({ data: { code: `CAT-${uid()}`, name: "API scenario" } })).code;
    const academic = await prisma.academicLevel.create({ data: { code: `AL-${uid().toUpperCase()}`, name: "API academic level" } });
    const put = (body: unknown) => call(putScenarioRoute, { token: f.write, method: "PUT", body, params: { code } });

    const syncsBefore = await syncRequests();
    const created = await put(scenarioBody(category));
    expect(created.status).toBe(200);
    expect(created.json).toEqual({ ...scenarioBody(category), code, updatedAt: expect.any(String) });
    const row = await prisma.scenario.findUniqueOrThrow({ where: { code } });
    expect(await lastAudit({ entity: "scenario", entityId: String(row.id) })).toMatchObject({ action: "scenario.create", actorId: null, actorKind: `api:${f.writeId}` });
    expect(await syncRequests()).toBe(syncsBefore + 1);

    // Level 2's period, an academic level excluded by code, and the run time.
    const changed = { ...scenarioBody(category), code, runAt: "05:30", excludeAcademicLevels: [academic.code], levels: [level(7), level(21), level(28)] };
    const replaced = await put(changed);
    expect(replaced.status).toBe(200);
    expect(replaced.json.updatedAt > created.json.updatedAt).toBe(true);
    const got = await call(getScenarioRoute, { token: f.read, params: { code } });
    expect(got.json).toEqual({ ...changed, updatedAt: replaced.json.updatedAt });
    const after = await prisma.scenario.findUniqueOrThrow({ where: { code }, include: { levels: { orderBy: { level: "asc" } } } });
    expect(after.excludeAcademicLevelIds).toEqual([academic.id]);
    expect(after.scheduleSetAt.getTime()).toBeGreaterThan(row.scheduleSetAt.getTime()); // the run time changed
    expect(await syncRequests()).toBe(syncsBefore + 2);

    const audit = await lastAudit({ entity: "scenario", entityId: String(row.id) });
    expect(audit).toMatchObject({ action: "scenario.update", actorId: null, actorKind: `api:${f.writeId}` });
    const details = audit!.details as { before: { runAt: string; levels: { periodDays: number }[]; excludeAcademicLevelIds: number[] }; after: typeof details.before };
    expect([details.before.runAt, details.after.runAt]).toEqual(["02:00", "05:30"]);
    expect([details.before.levels[1].periodDays, details.after.levels[1].periodDays]).toEqual([14, 21]);
    expect([details.before.excludeAcademicLevelIds, details.after.excludeAcademicLevelIds]).toEqual([[], [academic.id]]);

    // A change of name only leaves the schedule's time stamp alone.
    const renamed = await put({ ...changed, name: "API escalation (renamed)" });
    expect(renamed.status).toBe(200);
    expect((await prisma.scenario.findUniqueOrThrow({ where: { code } })).scheduleSetAt).toEqual(after.scheduleSetAt);

    // The list has it, in the same shape.
    const list = await call(listScenariosRoute, { token: f.read });
    expect(list.json.items.find((s: { code: string }) => s.code === code)).toEqual(renamed.json);
  });

  it("refuses bad input naming the file's field, a stale version (409), another code, a read token (403); writes nothing", async () => {
    const code = `api-oe-${uid()}`;
    const category = (await prisma.patronCategory.create({ data: { code: `CAT-${uid()}`, name: "API scenario" } })).code;
    const put = (body: unknown, token = f.write) => call(putScenarioRoute, { token, method: "PUT", body, params: { code } });
    const saved = await put(scenarioBody(category));
    expect(saved.status).toBe(200);
    const [audits, syncs] = [await auditCount(), await syncRequests()];

    const order = await put({ ...scenarioBody(category), levels: [level(7), level(5), level(28)] });
    expect([order.status, order.json.fields]).toEqual([422, { "levels[1].periodDays": ["must be more than level 1's (7)"] }]);
    const type = await put({ ...scenarioBody(category), levels: [level(7), { ...level(14), periodDays: "14" }, level(28)] });
    expect([type.status, Object.keys(type.json.fields)]).toEqual([422, ["levels[1].periodDays"]]);
    const codes = await put({ ...scenarioBody(category), excludeAcademicLevels: ["NOPE"], levels: [level(7), { ...level(14), template: "No such template" }, level(28)] });
    expect([codes.status, codes.json.fields]).toEqual([422, { "levels[1].template": ['no template named "No such template"'], excludeAcademicLevels: ["no such code: NOPE"] }]);
    expect(codes.json.error).toMatch(/^Not saved: levels\[1\]\.template: /);
    // Refusals of the save itself name the file's fields too, not the ids behind them.
    const pickup = await prisma.template.create({ data: { name: `API pickup ${uid()}`, family: "RESERVATION" } });
    const both = await put({ ...scenarioBody(category), excludeCategories: [category] });
    expect([both.status, Object.keys(both.json.fields)]).toEqual([422, ["excludeCategories"]]);
    const family = await put({ ...scenarioBody(category), levels: [level(7), level(14), { ...level(28), template: pickup.name }] });
    expect([family.status, Object.keys(family.json.fields)]).toEqual([422, ["levels[2].template"]]);
    expect(family.json.fields["levels[2].template"][0]).toMatch(/reservation notices template/);
    const nul = await put({ ...scenarioBody(category), name: "A\u0000B" });
    expect([nul.status, nul.json.fields]).toEqual([422, { name: ["must not contain a NUL character"] }]);
    const otherCode = await put({ ...scenarioBody(category), code: "another-code" });
    expect([otherCode.status, Object.keys(otherCode.json.fields)]).toEqual([422, ["code"]]);
    const stale = await put({ ...scenarioBody(category), name: "Stale", updatedAt: "2020-01-01T00:00:00.000Z" });
    expect(stale.status).toBe(409);
    expect((await put({ ...scenarioBody(category), name: "Read only" }, f.read)).status).toBe(403);

    expect((await call(getScenarioRoute, { token: f.read, params: { code } })).json).toEqual(saved.json);
    expect(await auditCount()).toBe(audits);
    expect(await syncRequests()).toBe(syncs);
    // The version read is accepted.
    expect((await put({ ...scenarioBody(category), name: "Current", updatedAt: saved.json.updatedAt })).json.name).toBe("Current");
    expect((await call(getScenarioRoute, { token: f.read, params: { code: "no-such-scenario" } })).status).toBe(404);
  });
});

describe("settings", () => {
  it("round-trips Settings → Library, names a bad time zone, and re-syncs the schedulers on a new time zone", async () => {
    const original = await call(getSettingsRoute, { token: f.read });
    expect(original.status).toBe(200);
    const put = (body: unknown, token = f.write) => call(putSettingsRoute, { token, method: "PUT", body });
    try {
      const name = `API library ${uid()}`;
      const saved = await put({ ...original.json, name, footerText: "Thank you" });
      expect(saved.status).toBe(200);
      expect(saved.json).toEqual({ ...original.json, name, footerText: "Thank you" });
      expect((await call(getSettingsRoute, { token: f.read })).json).toEqual(saved.json);
      const audit = await lastAudit({ entity: "settings", entityId: "library" });
      expect(audit).toMatchObject({ action: "settings.update", actorId: null, actorKind: `api:${f.writeId}` });
      expect((audit!.details as { after: Record<string, unknown> }).after).toEqual({ name, footerText: "Thank you" });

      // The frame's translations: saved under the canonical tag, only the texts given; a bad tag is named by its key.
      const translated = await put({ ...saved.json, frameTranslations: { "FR-ca": { footerText: "Merci", openingHours: null } } });
      expect(translated.json.frameTranslations).toEqual({ "fr-CA": { footerText: "Merci" } });
      expect((await lastAudit({ entity: "settings", entityId: "library" }))!.details).toEqual({
        before: { frameTranslations: saved.json.frameTranslations }, after: { frameTranslations: { "fr-CA": { footerText: "Merci" } } } });
      const badTag = await put({ ...saved.json, frameTranslations: { "klingon!": { footerText: "x" } } });
      expect([badTag.status, badTag.json.fields]).toEqual([422, { "frameTranslations.klingon!": ["a language tag such as cy, mi or fr-CA"] }]);
      expect((await call(getSettingsRoute, { token: f.read })).json.frameTranslations).toEqual({ "fr-CA": { footerText: "Merci" } });
      await put(saved.json);

      const audits = await auditCount();
      const bad = await put({ ...saved.json, name: "Not saved", timeZone: "Mars/Olympus" });
      expect([bad.status, Object.keys(bad.json.fields)]).toEqual([422, ["timeZone"]]);
      expect((await put({ ...saved.json, name: "Not saved" }, f.read)).status).toBe(403);
      expect((await put({ ...saved.json, colour: "red" })).json.fields).toEqual({ body: [expect.stringMatching(/colour/)] });
      expect((await call(getSettingsRoute, { token: f.read })).json.name).toBe(name);
      expect(await auditCount()).toBe(audits);

      const syncs = await syncRequests();
      const scenario = await prisma.scenario.create({ data: { code: `api-tz-${uid()}`, kind: "O", name: "TZ", isEnabled: false,
        levels: { create: [{ level: 1, periodDays: 0, templateId: template.id }] } } });
      const zone = original.json.timeZone === "Europe/Dublin" ? "Europe/Lisbon" : "Europe/Dublin";
      expect((await put({ ...saved.json, timeZone: zone })).json.timeZone).toBe(zone);
      expect(await syncRequests()).toBe(syncs + 1);
      expect((await prisma.scenario.findUniqueOrThrow({ where: { id: scenario.id } })).scheduleSetAt.getTime()).toBeGreaterThan(scenario.scheduleSetAt.getTime());
      // Back to the original zone: another sync; a change of the footer only: none.
      expect((await put(original.json)).json).toEqual(original.json);
      expect(await syncRequests()).toBe(syncs + 2);
      await put({ ...original.json, footerText: "x" });
      expect(await syncRequests()).toBe(syncs + 2);
    } finally {
      await put(original.json);
    }
  });
});

describe("branches and closed days", () => {
  const hours = { mon: "09:00-17:00", tue: "09:00-12:30, 13:30-17:00", wed: "", thu: "closed", fri: "9:00-17:00", sat: "10:00-13:00", sun: "" };

  it("creates, reads, replaces and deletes a branch; refuses a lower-case code, bad hours and a branch in use", async () => {
    const code = `API-${uid().toUpperCase()}`;
    const put = (body: unknown, c = code) => call(putBranchRoute, { token: f.write, method: "PUT", body, params: { code: c } });
    const created = await put({ name: "API branch", email: "api@library.example", openingHours: hours });
    expect(created.status).toBe(200);
    const expected = { code, name: "API branch", email: "api@library.example", phone: null, address: null,
      openingHours: { ...hours, thu: "", fri: "09:00-17:00" } };
    expect(created.json).toEqual(expected);
    expect((await prisma.branch.findUniqueOrThrow({ where: { code } })).openingHours).toMatchObject({ tue: [["09:00", "12:30"], ["13:30", "17:00"]], wed: [] });
    expect((await call(getBranchRoute, { token: f.read, params: { code } })).json).toEqual(expected);
    expect((await call(listBranchesRoute, { token: f.read })).json.items).toContainEqual(expected);
    expect(await lastAudit({ entity: "branch", action: "branch.create" })).toMatchObject({ actorId: null, actorKind: `api:${f.writeId}` });

    const replaced = await put({ code, name: "API branch", phone: "01234 567890", openingHours: { ...hours, sun: "12:00-16:00" } });
    expect(replaced.json).toMatchObject({ email: null, phone: "01234 567890", openingHours: { sun: "12:00-16:00" } });

    const audits = await auditCount();
    const lower = await put({ name: "Lower", openingHours: hours }, code.toLowerCase());
    expect([lower.status, Object.keys(lower.json.fields)]).toEqual([422, ["code"]]);
    const overlap = await put({ name: "Bad hours", openingHours: { ...hours, tue: "09:00-13:00, 12:00-17:00" } });
    expect([overlap.status, overlap.json.fields]).toEqual([422, { "openingHours.tue": ["12:00-17:00 overlaps the interval before it"] }]);
    const missingDay = await put({ name: "No Sunday", openingHours: { ...hours, sun: undefined } });
    expect([missingDay.status, Object.keys(missingDay.json.fields)]).toEqual([422, ["openingHours.sun"]]);
    expect((await call(putBranchRoute, { token: f.read, method: "PUT", body: { name: "x", openingHours: hours }, params: { code } })).status).toBe(403);
    expect(await auditCount()).toBe(audits);
    expect(await prisma.branch.count({ where: { code: code.toLowerCase() } })).toBe(0);
    expect((await call(getBranchRoute, { token: f.read, params: { code } })).json.name).toBe("API branch");

    // In use: a patron's home branch.
    const patron = await createPatron(prisma, { branchId: (await prisma.branch.findUniqueOrThrow({ where: { code } })).id });
    const inUse = await call(deleteBranchRoute, { token: f.write, method: "DELETE", params: { code } });
    expect([inUse.status, inUse.json.error]).toEqual([409, expect.stringMatching(/1 patron names it/)]);
    expect(await prisma.branch.count({ where: { code } })).toBe(1);
    await prisma.patron.delete({ where: { id: patron.id } });
    const deleted = await call(deleteBranchRoute, { token: f.write, method: "DELETE", params: { code } });
    expect([deleted.status, deleted.json]).toEqual([200, { deleted: code }]);
    expect(await lastAudit({ entity: "branch", action: "branch.delete" })).toMatchObject({ actorId: null, actorKind: `api:${f.writeId}` });
    expect((await call(getBranchRoute, { token: f.read, params: { code } })).status).toBe(404);
    expect((await call(deleteBranchRoute, { token: f.write, method: "DELETE", params: { code } })).status).toBe(404);
  });

  it("closes a range of days, lists them, reopens by ?date= and by body, all or none", async () => {
    const code = `API-${uid().toUpperCase()}`;
    expect((await call(putBranchRoute, { token: f.write, method: "PUT", body: { name: "Closed days", openingHours: hours }, params: { code } })).status).toBe(200);
    const days = (range = "from=2026-12-01&to=2026-12-31") =>
      call(closedDays, { token: f.read, params: { code }, path: `/api/v1/config/branches/${code}/closed-days?${range}` });

    const added = await call(closeDays, { token: f.write, body: { from: "2026-12-24", to: "2026-12-27", reason: "Christmas" }, params: { code } });
    expect([added.status, added.json]).toEqual([200, { branch: code, from: "2026-12-24", to: "2026-12-27", days: 4, added: 4 }]);
    expect((await days()).json.items).toEqual(["24", "25", "26", "27"].map((d) => ({ date: `2026-12-${d}`, reason: "Christmas" })));
    expect((await days("from=2026-12-26")).json.items.map((d: { date: string }) => d.date)).toEqual(["2026-12-26", "2026-12-27"]);
    expect(await lastAudit({ entity: "branch", action: "branch.closed-days.add" })).toMatchObject({ entityId: code, actorKind: `api:${f.writeId}` });

    const backwards = await call(closeDays, { token: f.write, body: { from: "2026-12-24", to: "2026-12-20" }, params: { code } });
    expect([backwards.status, Object.keys(backwards.json.fields)]).toEqual([422, ["to"]]);
    expect((await call(closeDays, { token: f.read, body: { from: "2026-12-30" }, params: { code } })).status).toBe(403);

    const reopen = (options: { path?: string; body?: unknown; token?: string }) =>
      call(reopenDays, { token: options.token ?? f.write, method: "DELETE", params: { code }, path: options.path, body: options.body });
    expect((await reopen({ path: `/x?date=2026-12-24` })).json).toEqual({ branch: code, removed: 1 });
    expect((await reopen({ body: { dates: ["2026-12-25", "2026-12-26"] } })).json).toEqual({ branch: code, removed: 2 });
    // One day not closed: nothing reopened, the day named.
    const partly = await reopen({ body: { dates: ["2026-12-27", "2026-12-24"] } });
    expect([partly.status, partly.json.fields]).toEqual([404, { "dates[1]": [`not a closed day of ${code}: 2026-12-24`] }]);
    expect((await reopen({ path: "/x?date=2026-12-27", token: f.read })).status).toBe(403);
    expect((await reopen({})).status).toBe(422);
    expect((await days()).json.items).toEqual([{ date: "2026-12-27", reason: "Christmas" }]);
    expect((await call(closedDays, { token: f.read, params: { code: "NO-SUCH" } })).status).toBe(404);
  });
});

describe("patron categories, academic levels, library groups", () => {
  it("creates, renames, reads and deletes entries; refuses deleting one a scenario names (409) and an unknown list", async () => {
    const code = `G-${uid().toUpperCase()}`;
    const put = (list: string, c: string, body: unknown, token = f.write) => call(putEntryRoute, { token, method: "PUT", body, params: { list, code: c } });
    const del = (list: string, c: string) => call(deleteEntryRoute, { token: f.write, method: "DELETE", params: { list, code: c } });

    expect((await put("library-groups", code, { name: "Reading group" })).json).toEqual({ code, name: "Reading group", patrons: 0 });
    expect((await put("library-groups", code, { code, name: "Readers" })).json).toEqual({ code, name: "Readers", patrons: 0 });
    expect((await call(getEntryRoute, { token: f.read, params: { list: "library-groups", code } })).json).toEqual({ code, name: "Readers", patrons: 0 });
    expect((await call(listEntriesRoute, { token: f.read, params: { list: "library-groups" } })).json.items).toContainEqual({ code, name: "Readers", patrons: 0 });
    const audit = await lastAudit({ entity: "patron-lists", action: "group.update" });
    expect(audit).toMatchObject({ actorId: null, actorKind: `api:${f.writeId}`, details: { before: { code, name: "Reading group" }, after: { code, name: "Readers" } } });
    // The same code in another list is another entry.
    expect((await call(getEntryRoute, { token: f.read, params: { list: "academic-levels", code } })).status).toBe(404);

    const audits = await auditCount();
    expect((await put("library-groups", code.toLowerCase(), { name: "Lower" })).status).toBe(422);
    expect((await put("library-groups", code, { name: "" })).json.fields).toEqual({ name: ["the name staff see in lists"] });
    expect((await put("library-groups", code, { name: "Read only" }, f.read)).status).toBe(403);
    expect((await put("no-such-list", code, { name: "x" })).status).toBe(404);
    expect((await call(listEntriesRoute, { token: f.read, params: { list: "staff" } })).status).toBe(404);
    expect(await auditCount()).toBe(audits);

    // Named by a scenario's exclusion: kept.
    const group = await prisma.libraryGroup.findUniqueOrThrow({ where: { code } });
    const scenario = await prisma.scenario.create({ data: { code: `api-group-${uid()}`, kind: "O", name: `Excludes ${code}`, isEnabled: false,
      excludeLibraryGroupIds: [group.id], levels: { create: [{ level: 1, periodDays: 0, templateId: template.id }] } } });
    const inUse = await del("library-groups", code);
    expect([inUse.status, inUse.json.error]).toEqual([409, expect.stringContaining(`Excludes ${code}`)]);
    expect(await prisma.libraryGroup.count({ where: { code } })).toBe(1);

    await prisma.scenario.delete({ where: { id: scenario.id } });
    expect((await del("library-groups", code)).json).toEqual({ deleted: code });
    expect((await call(getEntryRoute, { token: f.read, params: { list: "library-groups", code } })).status).toBe(404);

    const category = `C-${uid().toUpperCase()}`;
    expect((await put("patron-categories", category, { name: "Visitors" })).json).toEqual({ code: category, name: "Visitors", patrons: 0 });
    expect((await prisma.patronCategory.findUniqueOrThrow({ where: { code: category } })).name).toBe("Visitors");
    expect((await put("academic-levels", category, { name: "Year 1" })).json.name).toBe("Year 1");
    expect(await prisma.academicLevel.count({ where: { code: category } })).toBe(1);
  });
});
