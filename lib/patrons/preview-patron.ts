// "What would this patron get on date X" (the patron page): a dry run of that date for this one patron (planRun's
// patron range: one batch of one patron, milliseconds), each delivery rendered as the sender would render it. When
// nothing would go, the reasons that are cheap to find: the last notice already sent, and the scenarios whose
// exclusions leave the patron out.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { loadScenarios } from "@/lib/notices/load-scenarios";
import { planRun } from "@/lib/notices/plan-run";
import { renderSamples } from "@/lib/notices/preview-date";
import { scenariosExcluding } from "./excluded-by";
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
  if (deliveries.length) return { runDate, deliveries, lastTold: null, excludedBy: [] };
  const [history, scenarios, patron] = await Promise.all([
    patronHistory(db, { patronId, limit: 1 }),
    loadScenarios(db),
    db.patron.findUnique({ where: { id: patronId }, select: { categoryId: true, academicLevelId: true, groups: { select: { groupId: true } } } }),
  ]);
  const excludedBy = patron
    ? scenariosExcluding(scenarios, { categoryId: patron.categoryId, academicLevelId: patron.academicLevelId, groupIds: patron.groups.map((g) => g.groupId) })
    : [];
  return { runDate, deliveries, lastTold: history.deliveries[0] ?? null, excludedBy };
}

export type PatronPreview = Awaited<ReturnType<typeof previewPatron>>;
