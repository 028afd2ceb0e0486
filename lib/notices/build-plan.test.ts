// The planner's two pure steps between the candidate SQL and the ledger: rows -> messages -> delivery documents.
import { describe, expect, it } from "vitest";
import { buildDeliveries } from "./build-deliveries";
import { buildMessages, excludes, needsPatronFacts } from "./build-messages";
import type { CandidateRow } from "./candidates";
import { noticeKey, uniqueMessages, uniqueNotices, type LevelConfig, type Recipient, type ScenarioConfig } from "./plan-types";

const level = (n: number, periodDays: number, extra: Partial<LevelConfig> = {}): LevelConfig => ({
  id: 100 + n, level: n, periodDays, amount: null, contactKinds: ["SELF"], templateId: 1, templateName: "t", processingChargeCode: null,
  processingChargeAmount: null, showItemCost: false, printMedia: null, separationGroup: null, excludeCategoryIds: [],
  excludeAcademicLevelIds: [], excludeLibraryGroupIds: [], ...extra,
});
const scenario = (id: number, kind: ScenarioConfig["kind"], levels: LevelConfig[], separationGroup: string | null = null): ScenarioConfig => ({
  id, code: `s${id}`, kind, name: kind, frequency: "DAILY", weekday: null, monthDay: null, runAt: "02:00", catchUpDays: null,
  restrictChannels: [], printOverride: false, separationGroup, includeCategoryIds: [], excludeCategoryIds: [], excludeAcademicLevelIds: [],
  excludeLibraryGroupIds: [], levels,
});
const row = (patronId: number, subjectId: number, occurrence: string, extra: Partial<CandidateRow> = {}): CandidateRow => ({
  patronId, subjectId, occurrence, refDate: null, amount: null, recordedLevel: 0, recordedNoticeId: null, hasPrevious: false, ...extra,
});
const ctx = { runDate: "2026-02-20", isFrequencyDay: true };

describe("buildMessages", () => {
  it("gives each patron one message per scenario, with the notices due", () => {
    const overdue = scenario(1, "O", [level(1, 1)]); // period 1: the Spydus example
    const messages = buildMessages(overdue, [
      row(1, 10, "2026-02-18"), row(1, 11, "2026-02-19"), // 1 day overdue; due yesterday: 0 days, not yet
      row(2, 12, "2026-02-01"),
    ], ctx);
    expect(messages.map((m) => [m.patronId, m.notices.map((n) => n.subjectId)])).toEqual([[1, [10]], [2, [12]]]);
    // Overdue is an every-run kind: its occurrence is the run date, so each run records it once.
    expect(messages[0].notices[0]).toMatchObject({ occurrence: "2026-02-20", metric: 1, role: "trigger" });
  });

  it("escalates to the highest level reached and lists the loans already recorded", () => {
    const escalation = scenario(2, "OE", [level(1, 7), level(2, 14), level(3, 28)]);
    const [message] = buildMessages(escalation, [
      row(5, 20, "2026-01-10"), // 40 days overdue: newly level 3
      row(5, 21, "2026-02-05", { recordedLevel: 1, recordedNoticeId: 99 }), // 14 days: newly level 2, covered
      row(5, 22, "2026-02-10", { recordedLevel: 1, recordedNoticeId: 98 }), // 9 days: level 1 already recorded
    ], ctx);
    expect(message.level.level).toBe(3);
    expect(message.notices.map((n) => [n.subjectId, n.level, n.role, n.occurrence])).toEqual([
      [20, 3, "trigger", "2026-01-10"], [21, 2, "covered", "2026-02-05"],
    ]);
    expect(message.listedNoticeIds).toEqual([98]);
  });

  it("refuses rows that are not ordered by patron (each patron's rows must be one run)", () => {
    const overdue = scenario(1, "O", [level(1, 0)]);
    expect(() => buildMessages(overdue, [row(2, 1, "2026-02-01"), row(1, 2, "2026-02-01")], ctx)).toThrow(/ordered by patron/);
  });
});

describe("buildDeliveries", () => {
  const self = (patronId: number, email: string | null): Recipient =>
    ({ patronId, contactKind: "SELF", contactKey: "self", contactName: `P${patronId}`, email, mobile: null });
  const parent = (patronId: number): Recipient =>
    ({ patronId, contactKind: "PARENT", contactKey: `contact:${patronId}`, contactName: "Parent", email: `parent${patronId}@example.net`, mobile: null });

  it("combines one patron's messages per contact and separation group, whatever order the scenarios came in", () => {
    const overdue = scenario(1, "O", [level(1, 0)], "overdue");
    const escalation = scenario(2, "OE", [level(1, 7, { contactKinds: ["SELF", "PARENT"] })], "overdue");
    const reservation = scenario(3, "V", [level(1, 0)]);
    const messages = [
      ...buildMessages(overdue, [row(1, 10, "2026-02-01"), row(2, 11, "2026-02-01")], ctx),
      ...buildMessages(escalation, [row(1, 10, "2026-02-01"), row(2, 11, "2026-02-01")], ctx),
      ...buildMessages(reservation, [row(1, 30, "2026-02-19")], { ...ctx }),
    ];
    const recipients = new Map([[1, [self(1, "one@example.net"), parent(1)]], [2, [self(2, null)]]]);
    const deliveries = buildDeliveries(messages, recipients);
    const summary = deliveries.map((d) => [d.patronId, d.contactKey, d.channel, d.separationGroup, d.messages.map((m) => m.scenario.id)]);
    expect(summary).toEqual([
      [1, "self", "EMAIL", "overdue", [1, 2]],
      [1, "contact:1", "EMAIL", "overdue", [2]], // the parent is named by the escalation level only
      [1, "self", "EMAIL", "", [3]], // no separation group: its own document
      [2, "self", "PRINT", "overdue", [1, 2]], // no usable address: print
    ]);
    // A message reaching two contacts is one set of notices, not two.
    expect(uniqueNotices(deliveries)).toHaveLength(5);
  });

  it("prints a combined letter on the media of its highest level, whichever message came first", () => {
    const overdue = scenario(1, "O", [level(1, 0, { printMedia: "Speedimailer" })], "overdue");
    const escalation = scenario(2, "OE", [level(1, 7), level(2, 14), level(3, 28, { printMedia: "A4 letter" })], "overdue");
    const messages = [
      ...buildMessages(overdue, [row(1, 10, "2026-01-10")], ctx),
      ...buildMessages(escalation, [row(1, 10, "2026-01-10")], ctx), // 40 days: level 3
    ];
    const [delivery] = buildDeliveries(messages, new Map([[1, [self(1, null)]]]));
    expect([delivery.channel, delivery.messages.map((m) => m.level.level), delivery.printMedia]).toEqual(["PRINT", [1, 3], "A4 letter"]);
    const [reversed] = buildDeliveries([...messages].reverse(), new Map([[1, [self(1, null)]]]));
    expect([reversed.messages.map((m) => m.level.level), reversed.printMedia, reversed.printLevel]).toEqual([[3, 1], "A4 letter", 3]);
  });

  it("records loans below the first level at level 0 so the escalation lists every overdue loan", () => {
    const escalation = scenario(2, "OE", [level(1, 7), level(2, 14)]);
    const [message] = buildMessages(escalation, [row(5, 20, "2026-02-05"), row(5, 21, "2026-02-17")], ctx); // 14 days; 2 days
    expect(message.notices.map((n) => [n.subjectId, n.level, n.levelId, n.role])).toEqual([[20, 2, 102, "trigger"], [21, 0, 0, "covered"]]);
  });
});

describe("buildMessages: levels, amounts and exclusions", () => {
  const escalation = (levels: LevelConfig[]) => scenario(2, "OE", levels);

  it("plans no escalation on a day off the scenario's schedule", () => {
    expect(buildMessages(escalation([level(1, 7)]), [row(1, 10, "2026-01-10")], { ...ctx, isFrequencyDay: false })).toEqual([]);
  });

  it("sends a patron nothing when none of their rows is due, and lists nothing again for a kind without levels", () => {
    const overdue = scenario(1, "O", [level(1, 1)]);
    const messages = buildMessages(overdue, [row(1, 10, "2026-02-19"), row(2, 11, "2026-02-18")], ctx); // 0 days; 1 day
    expect(messages.map((m) => [m.patronId, m.level.level, m.listedNoticeIds])).toEqual([[2, 1, []]]);
  });

  it("sends a patron no escalation when every loan is already recorded at the level it has reached", () => {
    const messages = buildMessages(escalation([level(1, 7), level(2, 14)]), [
      row(1, 10, "2026-02-05", { recordedLevel: 2, recordedNoticeId: 90 }), // 14 days, level 2 on record
      row(2, 11, "2026-02-12"), // 7 days: newly level 1
    ], ctx);
    expect(messages.map((m) => [m.patronId, m.level.level, m.notices.map((n) => [n.subjectId, n.level, n.levelId, n.role])])).toEqual([
      [2, 1, [[11, 1, 101, "trigger"]]],
    ]);
  });

  it("invoices a charge once its balance reaches the first level's amount (I)", () => {
    const invoice = scenario(3, "I", [level(1, 7, { amount: 5 })]);
    const messages = buildMessages(invoice, [
      row(1, 30, "2026-02-01", { amount: 4.99 }), row(2, 31, "2026-02-01", { amount: 5 }), row(3, 32, "2026-02-01", { amount: 12 }),
    ], ctx);
    // An every-run kind: each run's notice is dated by the run.
    expect(messages.map((m) => m.notices.map((n) => [n.patronId, n.subjectId, n.occurrence, n.metric]))).toEqual([
      [[2, 31, "2026-02-20", 19]], [[3, 32, "2026-02-20", 19]],
    ]);
  });

  it("reaches fine levels by the amount accrued; a fine level with no amount is never reached (LF)", () => {
    const fines = scenario(4, "LF", [level(1, 0, { amount: 5 }), level(2, 0, { amount: null }), level(3, 0, { amount: 20 })]);
    const messages = buildMessages(fines, [row(1, 10, "2026-02-01", { amount: 6 }), row(2, 11, "2026-02-01", { amount: 25 })], ctx);
    expect(messages.map((m) => [m.patronId, m.level.level, m.notices.map((n) => [n.level, n.metric])])).toEqual([
      [1, 1, [[1, 6]]], [2, 3, [[3, 25]]],
    ]);
  });

  it("leaves out the levels that exclude a patron's category or academic level: they escalate to the levels left", () => {
    const levels = [level(1, 7), level(2, 14, { excludeCategoryIds: [7], excludeAcademicLevelIds: [3] })];
    const messages = buildMessages(escalation(levels), [
      row(1, 10, "2026-01-10", { categoryId: 7, academicLevelId: null }),
      row(2, 11, "2026-01-10", { categoryId: 8, academicLevelId: 3 }),
      row(3, 12, "2026-01-10", { categoryId: 8, academicLevelId: 4 }),
    ], ctx);
    expect(messages.map((m) => [m.patronId, m.level.level])).toEqual([[1, 1], [2, 1], [3, 2]]);
  });

  it("leaves out the levels that exclude one of a patron's library groups", () => {
    const levels = [level(1, 7), level(2, 14, { excludeAcademicLevelIds: [3], excludeLibraryGroupIds: [9] })];
    const messages = buildMessages(escalation(levels), [
      row(1, 10, "2026-01-10", { groupIds: [4, 9] }),
      row(2, 11, "2026-01-10", { groupIds: [4] }),
      row(3, 12, "2026-01-10", { groupIds: null }),
    ], ctx);
    expect(messages.map((m) => [m.patronId, m.level.level])).toEqual([[1, 1], [2, 2], [3, 2]]);
  });

  it("sends no escalation to a patron every level excludes", () => {
    const levels = [level(1, 7, { excludeCategoryIds: [7] }), level(2, 14, { excludeCategoryIds: [7] })];
    expect(buildMessages(escalation(levels), [row(1, 10, "2026-01-10", { categoryId: 7 })], ctx)).toEqual([]);
  });
});

describe("excludes and needsPatronFacts", () => {
  const excluding = level(1, 7, { excludeCategoryIds: [7], excludeAcademicLevelIds: [3], excludeLibraryGroupIds: [9, 10] });
  it.each([
    [{ categoryId: 7, academicLevelId: null, groupIds: null }, true],
    [{ categoryId: 8, academicLevelId: 3, groupIds: [] }, true],
    [{ categoryId: 8, academicLevelId: 4, groupIds: [1, 10] }, true], // one excluded group is enough
    [{ categoryId: 8, academicLevelId: 4, groupIds: [1, 2] }, false],
    [{ categoryId: 8, academicLevelId: 4, groupIds: [] }, false],
    [{ categoryId: null, academicLevelId: null, groupIds: null }, false],
    [{}, false],
  ])("a level excluding category 7, academic level 3 and groups 9, 10: %j excluded %s", (patron, expected) => {
    expect(excludes(excluding, patron)).toBe(expected);
  });

  it("asks for the patrons' facts only for levelled scenarios with exclusions on a level", () => {
    expect(needsPatronFacts(scenario(1, "OE", [level(1, 7), level(2, 14)]))).toBe(false);
    expect(needsPatronFacts(scenario(1, "OE", [level(1, 7), level(2, 14, { excludeLibraryGroupIds: [9] })]))).toBe(true);
    expect(needsPatronFacts(scenario(1, "LF", [level(1, 7, { excludeCategoryIds: [7] })]))).toBe(true);
    expect(needsPatronFacts(scenario(1, "OF", [level(1, 7, { excludeAcademicLevelIds: [3] })]))).toBe(true);
    expect(needsPatronFacts(scenario(1, "O", [level(1, 7, { excludeCategoryIds: [7] })]))).toBe(false); // the SQL excludes
  });
});

describe("buildDeliveries: contacts, channels and print media", () => {
  const recipient = (patronId: number, email: string | null, mobile: string | null = null): Recipient =>
    ({ patronId, contactKind: "SELF", contactKey: "self", contactName: `P${patronId}`, email, mobile });
  const summary = (deliveries: ReturnType<typeof buildDeliveries>) =>
    deliveries.map((d) => [d.patronId, d.contactKey, d.channel, d.address, d.messages.map((m) => m.scenario.id)]);

  it("gives each patron their own documents, though every patron's own contact has the same key", () => {
    const overdue = scenario(1, "O", [level(1, 0)]);
    const messages = buildMessages(overdue, [row(1, 10, "2026-02-01"), row(2, 11, "2026-02-01"), row(3, 12, "2026-02-01")], ctx);
    const deliveries = buildDeliveries(messages, new Map([
      [1, [recipient(1, "one@example.net")]], [2, [recipient(2, "two@example.net")]], [3, [recipient(3, "three@example.net")]],
    ]));
    expect(summary(deliveries)).toEqual([
      [1, "self", "EMAIL", "one@example.net", [1]], [2, "self", "EMAIL", "two@example.net", [1]], [3, "self", "EMAIL", "three@example.net", [1]],
    ]);
  });

  it("addresses email to the email, SMS to the mobile, and print to no address", () => {
    const bySms = { ...scenario(1, "O", [level(1, 0)], "a"), restrictChannels: ["SMS" as const] };
    const byEmail = scenario(2, "O", [level(1, 0)], "a");
    const printed = { ...scenario(3, "O", [level(1, 0)], "a"), printOverride: true };
    const messages = [bySms, byEmail, printed].flatMap((s) => buildMessages(s, [row(1, 10, "2026-02-01")], ctx));
    const deliveries = buildDeliveries(messages, new Map([[1, [recipient(1, "one@example.net", "021 555 0199")]]]));
    // Same patron, contact and separation group, but three channels: three documents.
    expect(summary(deliveries)).toEqual([
      [1, "self", "SMS", "021 555 0199", [1]], [1, "self", "EMAIL", "one@example.net", [2]], [1, "self", "PRINT", null, [3]],
    ]);
  });

  it("makes no document for a contact the scenario's methods cannot reach, nor for a patron with no contacts", () => {
    const emailOnly = { ...scenario(1, "O", [level(1, 0)]), restrictChannels: ["EMAIL" as const] };
    const messages = buildMessages(emailOnly, [row(1, 10, "2026-02-01"), row(2, 11, "2026-02-01"), row(3, 12, "2026-02-01")], ctx);
    const deliveries = buildDeliveries(messages, new Map([[1, [recipient(1, null, "021 555 0199")]], [2, [recipient(2, "two@example.net")]]]));
    expect(summary(deliveries)).toEqual([[2, "self", "EMAIL", "two@example.net", [1]]]);
  });

  it("keeps the media of a lower level when the highest level names none", () => {
    const overdue = scenario(1, "O", [level(1, 0, { printMedia: "Speedimailer" })], "overdue");
    const escalation = scenario(2, "OE", [level(1, 7), level(2, 14), level(3, 28)], "overdue");
    const messages = [...buildMessages(overdue, [row(1, 10, "2026-01-10")], ctx), ...buildMessages(escalation, [row(1, 10, "2026-01-10")], ctx)];
    const [delivery] = buildDeliveries(messages, new Map([[1, [recipient(1, null)]]]));
    expect([delivery.channel, delivery.messages.map((m) => m.level.level), delivery.printMedia, delivery.printLevel]).toEqual([
      "PRINT", [1, 3], "Speedimailer", 1,
    ]);
  });

  it("gives emailed documents no print media, whatever their levels name", () => {
    const escalation = scenario(2, "OE", [level(1, 7, { printMedia: "A4 letter" })]);
    const [delivery] = buildDeliveries(buildMessages(escalation, [row(1, 10, "2026-01-10")], ctx), new Map([[1, [recipient(1, "one@example.net")]]]));
    expect([delivery.channel, delivery.printMedia, delivery.printLevel]).toEqual(["EMAIL", null, undefined]);
  });
});

describe("plan notices", () => {
  it("collects the notices of the deliveries' messages once each, and keys them as the ledger does", () => {
    const escalation = scenario(2, "OE", [level(1, 7, { contactKinds: ["SELF", "PARENT"] })]);
    const messages = buildMessages(escalation, [row(1, 10, "2026-01-10"), row(1, 11, "2026-02-19")], ctx);
    const deliveries = buildDeliveries(messages, new Map([[1, [
      { patronId: 1, contactKind: "SELF", contactKey: "self", contactName: "P1", email: "one@example.net", mobile: null },
      { patronId: 1, contactKind: "PARENT", contactKey: "contact:1", contactName: "Parent", email: null, mobile: null },
    ]]]));
    expect(deliveries.map((d) => d.channel)).toEqual(["EMAIL", "PRINT"]);
    expect(uniqueMessages(deliveries)).toEqual(messages);
    expect(uniqueNotices(deliveries).map(noticeKey)).toEqual(["2:101:10:2026-01-10", "2:0:11:2026-02-19"]);
  });
});
