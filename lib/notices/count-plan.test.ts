// The preview's figures and the order a draft's notices are rendered in, from hand-made plans.
import { describe, expect, it } from "vitest";
import { countPlan } from "./count-plan";
import { draftOrder } from "./draft-order";
import type { DeliveryDraft, LevelConfig, Message, NoticeDraft, ScenarioConfig } from "./plan-types";

const level = (n: number): LevelConfig => ({
  id: 100 + n, level: n, periodDays: 7 * n, amount: null, contactKinds: ["SELF", "PARENT"], templateId: 1, templateName: "t",
  processingChargeCode: null, processingChargeAmount: null, showItemCost: false, printMedia: null, separationGroup: null,
  excludeCategoryIds: [], excludeAcademicLevelIds: [], excludeLibraryGroupIds: [],
});
const scenario = (id: number, kind: ScenarioConfig["kind"], name: string, levels: LevelConfig[]): ScenarioConfig => ({
  id, code: `s${id}`, kind, name, frequency: "DAILY", weekday: null, monthDay: null, runAt: "02:00", catchUpDays: null,
  restrictChannels: [], printOverride: false, separationGroup: null, includeCategoryIds: [], excludeCategoryIds: [],
  excludeAcademicLevelIds: [], excludeLibraryGroupIds: [], levels,
});
const escalation = scenario(1, "OE", "Escalation", [level(1), level(2)]);
const overdue = scenario(2, "O", "Overdue", [level(1)]);
const notice = (s: ScenarioConfig, lv: number, patronId: number, subjectId: number): NoticeDraft => ({
  scenarioId: s.id, kind: s.kind, levelId: 100 + lv, level: lv, patronId, subject: "loan", subjectId, occurrence: "2026-02-01", metric: 9, role: "trigger",
});
const message = (s: ScenarioConfig, lv: number, patronId: number, subjects: number[]): Message =>
  ({ scenario: s, level: s.levels[lv - 1], patronId, notices: subjects.map((id) => notice(s, lv, patronId, id)), listedNoticeIds: [] });
const delivery = (patronId: number, contactKey: string, channel: DeliveryDraft["channel"], messages: Message[]): DeliveryDraft => ({
  patronId, contactKind: contactKey === "self" ? "SELF" : "PARENT", contactKey, contactName: "x", channel, address: null,
  separationGroup: "", printMedia: null, messages,
});

describe("countPlan", () => {
  it("counts a message once however many contacts receive it, deliveries per channel, per scenario and level", () => {
    const child = message(escalation, 2, 1, [11, 12]);
    const childOverdue = message(overdue, 1, 1, [11, 12, 13]);
    const adult = message(escalation, 1, 2, [21]);
    const plan = [
      delivery(1, "self", "EMAIL", [child, childOverdue]), delivery(1, "contact:5", "PRINT", [child]),
      delivery(2, "self", "EMAIL", [adult]),
    ];
    const { totals, groups } = countPlan(plan);
    expect(totals).toEqual({ patrons: 2, notices: 6, deliveries: { EMAIL: 2, PRINT: 1, SMS: 0 } });
    expect(groups.map((g) => [g.scenario, g.level, g.patrons, g.notices, g.deliveries, g.drafts.length])).toEqual([
      ["Escalation", 1, 1, 1, { EMAIL: 1, PRINT: 0, SMS: 0 }, 1],
      ["Escalation", 2, 1, 2, { EMAIL: 1, PRINT: 1, SMS: 0 }, 2],
      ["Overdue", 1, 1, 3, { EMAIL: 1, PRINT: 0, SMS: 0 }, 1],
    ]);
    expect(countPlan([])).toEqual({ totals: { patrons: 0, notices: 0, deliveries: { EMAIL: 0, PRINT: 0, SMS: 0 } }, groups: [] });
  });
});

describe("draftOrder", () => {
  it("orders once-only notices by subject (their ids' order when recorded) and keeps an every-run message's order", () => {
    const d = delivery(1, "self", "EMAIL", [message(escalation, 1, 1, [30, 10, 20]), message(overdue, 1, 1, [30, 10, 20])]);
    expect(draftOrder(d).map((x) => [x.notice.scenarioId, x.notice.subjectId, x.ord])).toEqual([
      [1, 10, 1], [1, 20, 2], [1, 30, 3], [2, 30, 1], [2, 10, 2], [2, 20, 3],
    ]);
  });
});
