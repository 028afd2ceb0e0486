import type { PrismaClient } from "@/lib/generated/prisma/client";
import { planRun } from "./plan-run";

// `limit` caps the deliveries listed (the totals always count everything): a big library's night is 200,000+.
export type PreviewOptions = { runDate: string; scenarioCodes?: string[]; limit?: number };

/** Exactly what a run on `runDate` would send now, without writing anything: deliveries, recipients, notices. */
export async function previewRun(db: PrismaClient, options: PreviewOptions) {
  const scenarioIds = await resolveScenarioCodes(db, options.scenarioCodes);
  const plan = await planRun(db, { runDate: options.runDate, scenarioIds, trigger: "REPLAY", dryRun: true });
  const listed = plan.preview.slice(0, options.limit ?? 500);
  const loanIds = listed.flatMap((d) => d.messages.flatMap((m) => m.notices.filter((n) => n.subject === "loan").map((n) => n.subjectId)));
  const titles = new Map(
    (await db.loan.findMany({ where: { id: { in: [...new Set(loanIds)] } }, select: { id: true, item: { select: { title: true, barcode: true } } } }))
      .map((l) => [l.id, `${l.item.title} (${l.item.barcode})`]),
  );
  // A message reaches each of its contacts, so count its notices once (by message) and its patron once (by set).
  const seen = new Map<string, { messages: Set<object>; patrons: Set<number>; notices: number }>();
  for (const d of plan.preview) {
    for (const m of d.messages) {
      const s = seen.get(m.scenario.code) ?? { messages: new Set(), patrons: new Set(), notices: 0 };
      seen.set(m.scenario.code, s);
      if (!s.messages.has(m)) s.notices += m.notices.length;
      s.messages.add(m);
      s.patrons.add(m.patronId);
    }
  }
  const byScenario = Object.fromEntries([...seen].map(([code, s]) => [code, { notices: s.notices, patrons: s.patrons.size }]));
  return {
    runDate: options.runDate,
    totals: { notices: plan.notices, deliveries: plan.deliveries, emailDeliveries: plan.emailDeliveries },
    byScenario,
    deliveriesListed: listed.length,
    deliveries: listed.map((d) => ({
      patronId: d.patronId,
      contact: { kind: d.contactKind, name: d.contactName },
      channel: d.channel,
      address: d.address,
      separationGroup: d.separationGroup || null,
      printMedia: d.printMedia,
      messages: d.messages.map((m) => ({
        scenario: m.scenario.code,
        kind: m.scenario.kind,
        level: m.level.level,
        template: m.level.templateName,
        notices: m.notices.map((n) => ({
          subject: n.subject,
          id: n.subjectId,
          occurrence: n.occurrence,
          metric: n.metric,
          level: n.level,
          role: n.role,
          ...(n.subject === "loan" ? { item: titles.get(n.subjectId) } : {}),
        })),
        alsoListedNotices: m.listedNoticeIds.length,
      })),
    })),
  };
}

export async function resolveScenarioCodes(db: PrismaClient, codes?: string[]): Promise<number[] | undefined> {
  if (!codes?.length) return undefined;
  const found = await db.scenario.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } });
  const missing = codes.filter((c) => !found.some((f) => f.code === c));
  if (missing.length) throw new Error(`scenario: no scenario with code ${missing.join(", ")}`);
  return found.map((f) => f.id);
}
