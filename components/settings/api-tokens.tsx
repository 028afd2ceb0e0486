"use client";

import { useState, useTransition } from "react";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/api/actions";

type Token = { id: number; name: string; prefix: string; scope: string; createdBy: string | null; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };
const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") : "never");

export function ApiTokens({ tokens }: { tokens: Token[] }) {
  const [name, setName] = useState("");
  const [scope, setScope] = useState<"READ" | "READ_WRITE">("READ_WRITE");
  const [secret, setSecret] = useState<string | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();

  const create = () => startTransition(async () => {
    const r = await createApiTokenAction({ name, scope });
    setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
    setStatus(r.ok ? { ok: true, text: r.message ?? "" } : { ok: false, text: r.error });
    if (r.ok) {
      setSecret(r.data.secret);
      setName("");
    }
  });
  const revoke = (id: number) => startTransition(async () => {
    const r = await revokeApiTokenAction(id);
    setStatus(r.ok ? { ok: true, text: r.message ?? "" } : { ok: false, text: r.error });
  });

  return (
    <section className="space-y-4 rounded-lg border border-zinc-200 bg-white p-4">
      <h2 className="font-medium">API tokens</h2>
      <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => { e.preventDefault(); create(); }}>
        <div>
          <label htmlFor="token-name" className="block text-sm font-medium">Name</label>
          <input id="token-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="ILS nightly sync" aria-describedby="token-name-error"
            className="mt-1 w-64 rounded-md border border-zinc-300 px-2 py-1.5 text-sm" />
          <p id="token-name-error" className="text-sm text-red-700">{errors.name?.join("; ")}</p>
        </div>
        <div>
          <label htmlFor="token-scope" className="block text-sm font-medium">Scope</label>
          <select id="token-scope" value={scope} onChange={(e) => setScope(e.target.value as "READ" | "READ_WRITE")}
            className="mt-1 rounded-md border border-zinc-300 px-2 py-1.5 text-sm">
            <option value="READ_WRITE">Read and write</option>
            <option value="READ">Read only</option>
          </select>
          <p className="text-sm">&nbsp;</p>
        </div>
        <div>
          <button type="submit" disabled={pending} className="rounded-md bg-blue-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-900 disabled:opacity-60">Create token</button>
          <p className="text-sm">&nbsp;</p>
        </div>
      </form>
      {secret ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium">New token (shown once):</p>
          <code data-testid="new-token" className="mt-1 block break-all font-mono">{secret}</code>
        </div>
      ) : null}
      <p aria-live="polite" data-testid="token-status" className={status?.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>{status?.text}</p>
      <table className="w-full text-sm" data-testid="token-table">
        <thead className="text-left text-zinc-600">
          <tr><th className="py-1">Name</th><th>Token</th><th>Scope</th><th>Created</th><th>Last used</th><th></th></tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id} className={`border-t border-zinc-100 ${t.revokedAt ? "text-zinc-500" : ""}`}>
              <td className="py-1">{t.name}</td>
              <td className="font-mono">{t.prefix}…</td>
              <td>{t.scope === "READ" ? "read" : "read-write"}</td>
              <td>{when(t.createdAt)}{t.createdBy ? ` · ${t.createdBy}` : ""}</td>
              <td>{when(t.lastUsedAt)}</td>
              <td className="text-right">
                {t.revokedAt ? `revoked ${when(t.revokedAt)}` : (
                  <button type="button" onClick={() => revoke(t.id)} disabled={pending} className="text-red-700 hover:underline">Revoke</button>
                )}
              </td>
            </tr>
          ))}
          {tokens.length === 0 ? <tr><td colSpan={6} className="py-2 text-zinc-500">No tokens yet.</td></tr> : null}
        </tbody>
      </table>
    </section>
  );
}
