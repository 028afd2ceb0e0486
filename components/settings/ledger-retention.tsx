"use client";

import { useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { setLedgerRetentionAction } from "@/lib/settings/actions";
import { RETENTION_MAX, RETENTION_MIN } from "@/lib/settings/ledger-retention";
import { monthStart } from "@/lib/time/library-date";

export type HistoryMonth = { month: string; label: string; notices: string; deliveries: string; size: string };

// "Notice history" on the settings page: how many months of notices, deliveries and sending attempts are kept, and
// what each month held takes. Lowering it asks first, naming the months the worker will remove.
export function LedgerRetention(props: { months: number; today: string; history: HistoryMonth[] }) {
  const [value, setValue] = useState(String(props.months));
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirming, setConfirming] = useState<HistoryMonth[] | null>(null);
  const [pending, startTransition] = useTransition();

  const save = () => startTransition(async () => {
    const r = await setLedgerRetentionAction({ months: value });
    setConfirming(null);
    setError(r.ok ? null : (r.fieldErrors?.months?.join("; ") ?? null));
    // A field's error shows beside the field only, not again in the status line.
    setStatus(r.ok ? { ok: true, text: r.message ?? "" } : r.fieldErrors?.months ? null : { ok: false, text: r.error });
  });
  const submit = () => {
    const months = Number(value);
    // (A value out of range goes straight to the server, whose answer names the field.)
    const valid = value.trim() !== "" && Number.isInteger(months) && months >= RETENTION_MIN && months <= RETENTION_MAX;
    // Only months the current setting keeps and the new one would not: older ones are going anyway.
    const keepFrom = valid ? monthStart(props.today, -months) : null;
    const keptNow = monthStart(props.today, -props.months);
    const removed = keepFrom ? props.history.filter((m) => m.month < keepFrom && m.month >= keptNow) : [];
    if (removed.length) setConfirming(removed);
    else save();
  };

  return (
    <section className="space-y-4 rounded-lg border border-zinc-200 bg-white p-4" aria-labelledby="history-title">
      <div>
        <h2 id="history-title" className="font-medium">Notice history</h2>
        <p className="text-sm text-zinc-600">Overdue and invoice reminders, every delivery and each sending attempt are kept for this many
          months, then removed a whole month at a time (the worker checks every hour). The record that a once-only notice
          went — a reservation pickup, a 7-, 14- or 28-day overdue notice — and charges are kept for ever, so nothing is
          sent twice after a month is removed.</p>
      </div>
      <form noValidate className="flex flex-wrap items-start gap-3" onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <div>
          <label htmlFor="retention-months" className="block text-sm font-medium">Months kept</label>
          <input id="retention-months" name="months" type="number" inputMode="numeric" min={RETENTION_MIN} max={RETENTION_MAX} step={1} value={value}
            onChange={(e) => setValue(e.target.value)} disabled={pending}
            aria-invalid={error ? true : undefined} aria-describedby="retention-months-hint retention-months-error"
            className="mt-1 w-28 rounded-md border border-zinc-300 px-2 py-1.5 text-sm disabled:bg-zinc-100" />
          <p id="retention-months-hint" className="text-xs text-zinc-500">{RETENTION_MIN} to {RETENTION_MAX}; the default is 24.</p>
          <p id="retention-months-error" aria-live="polite" className="text-sm text-red-700">{error}</p>
        </div>
        <button type="submit" disabled={pending}
          className="mt-6 rounded-md bg-blue-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-900 disabled:opacity-60">Save</button>
      </form>
      <p aria-live="polite" data-testid="retention-status" className={status?.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>{status?.text}</p>
      {props.history.length === 0 ? (
        <p className="text-sm text-zinc-600">No notices yet: the months appear here once the worker has run.</p>
      ) : (
        <table className="w-full text-sm" data-testid="history-table">
          <caption className="sr-only">What each month of notice history holds</caption>
          <thead className="text-left text-zinc-600">
            <tr><th scope="col" className="py-1">Month</th><th scope="col" className="text-right">Overdue and invoice reminders</th>
              <th scope="col" className="text-right">Deliveries</th><th scope="col" className="text-right">Space used</th></tr>
          </thead>
          <tbody>
            {props.history.map((m) => (
              <tr key={m.month} className="border-t border-zinc-100">
                <td className="py-1">{m.label}</td>
                <td className="text-right tabular-nums">{m.notices}</td>
                <td className="text-right tabular-nums">{m.deliveries}</td>
                <td className="text-right tabular-nums">{m.size}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmDialog open={confirming !== null} tone="danger" pending={pending} confirmLabel="Remove and save"
        title={`Keep ${value} months and remove older history?`} onConfirm={save} onCancel={() => setConfirming(null)}>
        <p>Within the hour the worker removes every reminder, delivery and sending attempt of
          {confirming && confirming.length === 1 ? ` ${confirming[0].label}` : confirming ? ` ${confirming.length} months (${confirming.at(-1)!.label} to ${confirming[0].label})` : ""}.
          This cannot be undone.</p>
        <p>Once-only notices and charges stay.</p>
      </ConfirmDialog>
    </section>
  );
}
