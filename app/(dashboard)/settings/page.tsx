import type { Metadata } from "next";
import { ApiTokens } from "@/components/settings/api-tokens";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { listApiTokens } from "@/lib/api/tokens";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await staffForPage("settings.manage");
  const tokens = await listApiTokens(prisma);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Settings</h1>
        <p className="text-sm text-zinc-600">API tokens let the library system send patrons, items, loans and events to <code>/api/v1</code>.
          The API is described at <a className="text-blue-800 hover:underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
      </div>
      <ApiTokens tokens={tokens.map((t) => ({
        id: t.id, name: t.name, prefix: t.prefix, scope: t.scope, createdBy: t.createdBy?.email ?? null,
        createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null,
      }))} />
    </div>
  );
}
