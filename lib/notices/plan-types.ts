import type { Channel, ContactKind, NoticeKind } from "@/lib/generated/prisma/enums";
import type { Subject } from "./kinds";

export type LevelConfig = {
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
  excludeCategoryIds: number[];
  excludeAcademicLevelIds: number[];
  excludeLibraryGroupIds: number[];
  levels: LevelConfig[]; // ascending by level
};

/** A notice about to be recorded. */
export type NoticeDraft = {
  dedupeKey: string;
  scenarioId: number;
  kind: NoticeKind;
  level: number;
  patronId: number;
  subject: Subject;
  subjectId: number;
  occurrence: string;
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
  messages: Message[];
};

/** The distinct notices of some deliveries (a notice travels in every delivery of its message: self, parent...). */
export function uniqueNotices(deliveries: DeliveryDraft[]): NoticeDraft[] {
  return [...new Map(deliveries.flatMap((d) => d.messages.flatMap((m) => m.notices)).map((n) => [n.dedupeKey, n])).values()];
}
