import { KINDS } from "./kinds";
import type { DeliveryDraft, NoticeDraft } from "./plan-types";

/**
 * The draft's notices in the order the ledger would hold them: the sender reads a delivery's rows ordered by scenario,
 * level (highest first), notice id and listed position. Recorded notices listed again have lower ids than anything
 * new; new once-only notices get ids in (scenario, subject, level) order (write-plan.ts), an every-run message one id
 * whose rows keep the message's order.
 */
export function draftOrder(draft: DeliveryDraft): { notice: NoticeDraft; ord: number }[] {
  const out: { notice: NoticeDraft; ord: number }[] = [];
  for (const m of draft.messages) {
    const notices = KINDS[m.scenario.kind].repeat === "every-run"
      ? m.notices
      : [...m.notices].sort((a, b) => a.subjectId - b.subjectId || a.levelId - b.levelId);
    notices.forEach((notice, i) => out.push({ notice, ord: i + 1 }));
  }
  return out;
}
