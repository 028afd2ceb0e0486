import type { Channel, ContactKind, NoticeKind } from "@/lib/generated/prisma/enums";
import type { Subject } from "./kinds";

export type LevelConfig = {
  id: number; // ScenarioLevel.id: what the ledger records (a level's number may change, its id does not)
  level: number;
  periodDays: number;
  amount: number | null;
  contactKinds: ContactKind[];
  templateId: number;
  templateName: string;
  processingChargeCode: string | null;
  processingChargeAmount: number | null;
  showItemCost: boolean;
  printMedia: string | null;
  separationGroup: string | null;
  // Patrons this level is not sent to, besides the scenario's exclusions (escalation levels).
  excludeCategoryIds: number[];
  excludeAcademicLevelIds: number[];
  excludeLibraryGroupIds: number[];
};

export type ScenarioConfig = {
  id: number;
  code: string;
  kind: NoticeKind;
  name: string;
  frequency: "DAILY" | "WEEKLY" | "MONTHLY";
  weekday: number | null;
  monthDay: number | null;
  runAt: string;
  catchUpDays: number | null;
  restrictChannels: Channel[];
  printOverride: boolean;
  separationGroup: string | null;
  includeCategoryIds: number[]; // empty: every category
  excludeCategoryIds: number[];
  excludeAcademicLevelIds: number[];
  excludeLibraryGroupIds: number[];
  levels: LevelConfig[]; // ascending by level; enabled levels only
};

/** A notice about to be recorded. Its identity in a plan is the object itself: one message per patron and scenario makes
 * each (scenario, level, subject, occurrence) one draft, shared by the message's deliveries (self, parent...). */
export type NoticeDraft = {
  scenarioId: number;
  kind: NoticeKind;
  levelId: number; // 0: listed below the first level (escalations list every overdue loan); no ScenarioLevel
  level: number;
  patronId: number;
  subject: Subject;
  subjectId: number;
  occurrence: string; // every-run kinds: the run date, so each run may send once
  metric: number;
  role: "trigger" | "covered";
};

/** What one patron is told by one scenario in this run: new notices plus earlier ones it lists again. */
export type Message = {
  scenario: ScenarioConfig;
  level: LevelConfig;
  patronId: number;
  notices: NoticeDraft[];
  listedNoticeIds: number[];
};

export type Recipient = {
  patronId: number;
  contactKind: ContactKind;
  contactKey: string;
  contactName: string;
  email: string | null;
  mobile: string | null;
};

export type DeliveryDraft = {
  patronId: number;
  contactKind: ContactKind;
  contactKey: string;
  contactName: string;
  channel: Channel;
  address: string | null;
  separationGroup: string;
  printMedia: string | null;
  printLevel?: number; // the level whose printMedia the document took
  messages: Message[];
};

/** The distinct messages of some deliveries (a message travels in every delivery of its patron's contacts it names). */
export function uniqueMessages(deliveries: readonly DeliveryDraft[]): Message[] {
  const messages = new Set<Message>();
  for (const d of deliveries) for (const m of d.messages) messages.add(m);
  return [...messages];
}

/** The distinct notices of some deliveries. */
export function uniqueNotices(deliveries: readonly DeliveryDraft[]): NoticeDraft[] {
  return uniqueMessages(deliveries).flatMap((m) => m.notices);
}

/** A notice's unique key in the ledger as text: scenario:levelId:subject:occurrence (Notice's unique index). */
export function noticeKey(n: Pick<NoticeDraft, "scenarioId" | "levelId" | "subjectId" | "occurrence">): string {
  return `${n.scenarioId}:${n.levelId}:${n.subjectId}:${n.occurrence}`;
}
