"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { runClaimsAction } from "@/lib/orders/email/actions";

// "Run claims for a date": the daily pass by hand, for a date staff choose (today by default, in the library's
// calendar). The key is made when the page renders (a new one after each run, as the page refreshes): a double
// click runs it once.
export function RunClaimsForm(props: { today: string; requestKey: string }) {
  const router = useRouter();
  const [runDate, setRunDate] = useState(props.today);
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = () => startTransition(async () => {
    const r = await runClaimsAction({ runDate, requestKey: props.requestKey });
    setError(r.ok ? undefined : r.fieldErrors?.runDate?.[0]);
    setStatus(r.ok ? { ok: true, text: r.message ?? "Done." } : { ok: false, text: r.fieldErrors?.runDate ? "Not run: check the date." : r.error });
    if (r.ok) router.refresh();
  });
  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); setStatus(null); submit(); }} aria-labelledby="run-claims-title" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4">
      <h2 id="run-claims-title" className="text-lg font-semibold">Run claims for a date</h2>
      <p className="text-sm text-zinc-600">Claims every order due a claim on that date, as the daily claims would. An order already claimed at its level is not claimed twice.</p>
      <Field id="run-claims-date" label="Date" hint="The library's calendar." error={error} className="max-w-xs">
        <input id="run-claims-date" type="date" value={runDate} onChange={(e) => setRunDate(e.target.value)} className={inputClass}
          aria-invalid={error ? true : undefined} aria-describedby="run-claims-date-hint run-claims-date-error" />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass("primary")}>{pending ? "Running…" : "Run claims"}</button>
        <p aria-live="polite" data-testid="run-claims-status" className={status?.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>{status?.text}</p>
      </div>
    </form>
  );
}
