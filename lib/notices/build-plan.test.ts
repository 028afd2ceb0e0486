// The planner's two pure steps between the candidate SQL and the ledger: rows -> messages -> delivery documents.
import { describe, expect, it } from "vitest";
import { buildDeliveries } from "./build-deliveries";
import { buildMessages } from "./build-messages";
import type { CandidateRow } from "./candidates";
import { uniqueNotices, type LevelConfig, type Recipient, type ScenarioConfig } from "./plan-types";

const level = (n: number, periodDays: number, extra: Partial<LevelConfig> = {}): LevelConfig => ({
  id: 100 + n, level: n, periodDays, amount: null, contactKinds: ["SELF"], templateId: 1, templateName: "t", processingChargeCode: null,
  processingChargeAmount: null, showItemCost: false, printMedia: null, separationGroup: null, excludeCategoryIds: [],
  excludeAcademicLevelIds: [], excludeLibraryGroupIds: [], ...extra,
});
const scenario = (id: number, kind: ScenarioConfig["kind"], levels: LevelConfig[], separationGroup: string | null = null): ScenarioConfig => ({
  id, code: `s${id}`, kind, name: kind, frequency: "DAILY", weekday: null, monthDay: null, runAt: "02:00", catchUpDays: null,
  restrictChannels: [], printOverride: false, separationGroup, excludeCategoryIds: [], excludeAcademicLevelIds: [],
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
  });

  it("records loans below the first level at level 0 so the escalation lists every overdue loan", () => {
    const escalation = scenario(2, "OE", [level(1, 7), level(2, 14)]);
    const [message] = buildMessages(escalation, [row(5, 20, "2026-02-05"), row(5, 21, "2026-02-17")], ctx); // 14 days; 2 days
    expect(message.notices.map((n) => [n.subjectId, n.level, n.levelId, n.role])).toEqual([[20, 2, 102, "trigger"], [21, 0, 0, "covered"]]);
  });
});
