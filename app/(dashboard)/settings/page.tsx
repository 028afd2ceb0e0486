import type { Metadata } from "next";
import { ApiTokens } from "@/components/settings/api-tokens";
import { ConfigFile } from "@/components/settings/config-file";
import { LedgerRetention, type HistoryMonth } from "@/components/settings/ledger-retention";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma, sqlPool } from "@/lib/db/client";
import { listApiTokens } from "@/lib/api/tokens";
import { ledgerMonths, type LedgerMonth } from "@/lib/notices/ledger-partitions";
import { localDate, monthStart } from "@/lib/time/library-date";

export const metadata: Metadata = { title: "Settings" };

const monthLabel = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const count = (n: number) => (n < 0 ? "not counted yet" : n.toLocaleString("en-GB"));
const size = (bytes: number) => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GB` : `${(bytes / 2 ** 20).toFixed(1)} MB`);
const historyMonth = (m: LedgerMonth): HistoryMonth => ({
  month: m.month, label: monthLabel.format(new Date(`${m.month}T00:00:00Z`)),
  notices: count(m.notices), deliveries: count(m.deliveries), size: size(m.bytes),
});

export default async function SettingsPage() {
  await staffForPage("settings.manage", "/settings/branches");
  const [tokens, settings, months] = await Promise.all([
    listApiTokens(prisma),
    prisma.librarySettings.findUnique({ where: { id: 1 }, select: { ledgerRetentionMonths: true, timeZone: true } }),
    ledgerMonths(sqlPool(prisma)),
  ]);
  // The worker creates the coming months' (empty) partitions ahead: not history yet, so not listed.
  const today = localDate(settings?.timeZone ?? "UTC");
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm text-zinc-600">API tokens let the library system send patrons, items, loans and events to <code>/api/v1</code>.
          The API is described at <a className="text-blue-800 underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
      </div>
      <ApiTokens tokens={tokens.map((t) => ({
        id: t.id, name: t.name, prefix: t.prefix, scope: t.scope, createdBy: t.createdBy?.email ?? null,
        createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null,
      }))} />
      <LedgerRetention months={settings?.ledgerRetentionMonths ?? 24} today={today}
        history={months.filter((m) => m.month <= monthStart(today)).map(historyMonth)} />
      <ConfigFile />
    </div>
  );
}
