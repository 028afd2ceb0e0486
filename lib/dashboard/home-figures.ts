// The home page's runs list and chart rows, shaped from the per-day counts (pure: no database).
import type { DeliveryStatus, NoticeKind } from "@/lib/generated/prisma/enums";
import { KINDS } from "@/lib/notices/kinds";
import { addDays } from "@/lib/notices/rules/day-count";
import type { DeliveryCount, NoticeCount } from "./ledger-counts";

export const STATUS_ORDER: DeliveryStatus[] = ["PLANNED", "QUEUED", "SENDING", "SENT", "FAILED", "UNKNOWN", "SKIPPED", "CANCELLED"];

type RunRow = { id: number; runDate: string; trigger: string; status: string; startedAt: Date; noticesPlanned: number };

export type RecentRun = RunRow & { deliveries: Partial<Record<DeliveryStatus, number>>; total: number };

export function buildRecentRuns(runs: RunRow[], counts: DeliveryCount[]): RecentRun[] {
  const byRun = new Map<number, Partial<Record<DeliveryStatus, number>>>();
  for (const c of counts) {
    const m = byRun.get(c.runId) ?? {};
    m[c.status] = (m[c.status] ?? 0) + c.count;
    byRun.set(c.runId, m);
  }
  return runs.map((r) => {
    const deliveries = byRun.get(r.id) ?? {};
    return { ...r, deliveries, total: Object.values(deliveries).reduce((a, b) => a + (b ?? 0), 0) };
  });
}

export type NoticesDay = { day: string; total: number } & Partial<Record<NoticeKind, number>>;
export type FailureDay = { day: string; sent: number; failed: number; rate: number | null };

/**
 * Notices per day by kind, and the failure rate per day: failed ÷ (sent + failed) among that day's deliveries that have
 * ended either way (an unknown outcome is neither; planned, queued and skipped ones have not been tried).
 */
export function buildCharts(options: { from: string; today: string; counts: { deliveries: DeliveryCount[]; notices: NoticeCount[] } }) {
  const days: string[] = [];
  for (let d = options.from; d <= options.today; d = addDays(d, 1)) days.push(d);
  const notices = new Map<string, NoticesDay>(days.map((day) => [day, { day, total: 0 }]));
  const kinds = new Set<NoticeKind>();
  for (const n of options.counts.notices) {
    const row = notices.get(n.day);
    if (!row) continue;
    row[n.kind] = (row[n.kind] ?? 0) + n.count;
    row.total += n.count;
    kinds.add(n.kind);
  }
  const failures = new Map<string, FailureDay>(days.map((day) => [day, { day, sent: 0, failed: 0, rate: null }]));
  for (const c of options.counts.deliveries) {
    const row = failures.get(c.day);
    if (!row) continue;
    if (c.status === "SENT") row.sent += c.count;
    if (c.status === "FAILED") row.failed += c.count;
  }
  for (const row of failures.values()) row.rate = row.sent + row.failed ? row.failed / (row.sent + row.failed) : null;
  const kindList = [...kinds].sort((a, b) => KINDS[a].label.localeCompare(KINDS[b].label));
  return {
    kinds: kindList.map((kind) => ({ kind, label: KINDS[kind].label })),
    noticesPerDay: [...notices.values()],
    failuresPerDay: [...failures.values()],
  };
}
