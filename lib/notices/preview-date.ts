// The dashboard's "preview a date" (/notices/preview): what a run on that date would send now (a dry run: nothing is
// written, and notices already in the ledger are left out as the run would), counted per scenario and level and
// channel, with the first few messages of each rendered exactly as the sender would render them.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Channel } from "@/lib/generated/prisma/enums";
import { loadNoticeSetup } from "./load-notice-setup";
import { planRun } from "./plan-run";
import type { DeliveryDraft } from "./plan-types";
import { countPlan, type ChannelCounts } from "./count-plan";
import { renderDraftDelivery, type RenderedDraft } from "./render-draft";

export type PreviewSample = {
  patronId: number; patronName: string; cardNumber: string;
  contactKind: string; contactName: string; channel: Channel; address: string | null;
  rendered: RenderedDraft;
};

export type PreviewGroup = {
  key: string; scenarioId: number; scenario: string; code: string; level: number; levels: number;
  patrons: number; notices: number; deliveries: ChannelCounts; samples: PreviewSample[];
};

/** Renders drafts for display, naming each one's patron (one query for all of them). */
export async function renderSamples(db: PrismaClient, drafts: DeliveryDraft[], runDate: string): Promise<Map<DeliveryDraft, PreviewSample>> {
  if (drafts.length === 0) return new Map();
  const setup = await loadNoticeSetup(db);
  const patrons = new Map((await db.patron.findMany({
    where: { id: { in: [...new Set(drafts.map((d) => d.patronId))] } }, select: { id: true, firstName: true, lastName: true, cardNumber: true },
  })).map((p) => [p.id, p]));
  const out = new Map<DeliveryDraft, PreviewSample>();
  // One at a time: a few dozen renders of a few ms each, and the page's pool is shared with other requests.
  for (const d of drafts) {
    const p = patrons.get(d.patronId);
    out.set(d, {
      patronId: d.patronId, patronName: p ? `${p.firstName} ${p.lastName}` : `#${d.patronId}`, cardNumber: p?.cardNumber ?? "",
      contactKind: d.contactKind, contactName: d.contactName, channel: d.channel, address: d.address,
      rendered: await renderDraftDelivery(db, d, { runDate, setup }),
    });
  }
  return out;
}

// One preview of a date at a time per web process: each is a dry run over every patron (seconds on a large library,
// every draft held in memory) behind a GET any signed-in member of staff can open or reload. A second waits its turn.
let previewInHand: Promise<unknown> = Promise.resolve();

export function previewDate(db: PrismaClient, options: { runDate: string; scenarioIds?: number[]; samplesPerGroup?: number }) {
  const run = previewInHand.then(() => previewDateNow(db, options));
  previewInHand = run.catch(() => undefined);
  return run;
}

async function previewDateNow(db: PrismaClient, options: { runDate: string; scenarioIds?: number[]; samplesPerGroup?: number }) {
  const perGroup = options.samplesPerGroup ?? 3;
  const plan = await planRun(db, { runDate: options.runDate, scenarioIds: options.scenarioIds, trigger: "REPLAY", dryRun: true });
  const { totals, groups } = countPlan(plan.preview);
  const chosen = [...new Set(groups.flatMap((g) => g.drafts.slice(0, perGroup)))];
  const samples = await renderSamples(db, chosen, options.runDate);
  return {
    runDate: options.runDate,
    totals,
    groups: groups.map(({ drafts, ...g }) => ({ ...g, samples: drafts.slice(0, perGroup).map((d) => samples.get(d)!) })),
  };
}

export type DatePreview = Awaited<ReturnType<typeof previewDate>>;
