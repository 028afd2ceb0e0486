// "What would this patron get on date X" (the patron page): a dry run of that date for this one patron (planRun's
// patron range: one batch of one patron, milliseconds), each delivery rendered as the sender would render it. When
// nothing would go, the reasons that are cheap to find: nothing out, and the last notice already told.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { planRun } from "@/lib/notices/plan-run";
import { renderSamples } from "@/lib/notices/preview-date";
import { patronHistory } from "./patron-history";

export async function previewPatron(db: PrismaClient, options: { patronId: number; runDate: string }) {
  const { patronId, runDate } = options;
  const plan = await planRun(db, { runDate, trigger: "REPLAY", dryRun: true, patrons: { from: patronId, to: patronId } });
  const rendered = await renderSamples(db, plan.preview, runDate);
  const deliveries = plan.preview.map((d) => ({
    ...rendered.get(d)!,
    messages: d.messages.map((m) => ({
      scenario: m.scenario.name, level: m.level.level, levels: m.scenario.levels.length, notices: m.notices.length,
      alsoListed: m.listedNoticeIds.length,
    })),
  }));
  if (deliveries.length) return { runDate, deliveries, lastTold: null };
  const [last] = (await patronHistory(db, { patronId, limit: 1 })).deliveries;
  return { runDate, deliveries, lastTold: last ?? null };
}

export type PatronPreview = Awaited<ReturnType<typeof previewPatron>>;
