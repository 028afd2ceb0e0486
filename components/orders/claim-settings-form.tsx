"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, failureText, inputClass } from "@/components/ui/field";
import { saveClaimSettingsAction } from "@/lib/orders/email/actions";

export type ClaimSettingsValues = { claimsEnabled: boolean; claimsRunAt: string; maxClaimLevel: number; orderTemplateId: number | null; claimTemplateId: number | null };

// The acquisitions settings: whether the daily claims go out, at what time (the library's), how many claims an order
// gets at most, and which templates word an order and a claim. Read-only for staff without orders.manage.
export function ClaimSettingsForm(props: { values: ClaimSettingsValues; templates: { id: number; name: string }[]; defaults: { order: string; claim: string }; timeZone: string; canChange: boolean }) {
  const router = useRouter();
  const [v, setV] = useState(props.values);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = () => startTransition(async () => {
    const r = await saveClaimSettingsAction(v);
    setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
    setStatus(r.ok ? { ok: true, text: r.message ?? "Saved." } : { ok: false, text: failureText(r) });
    if (r.ok) router.refresh();
  });
  const disabled = !props.canChange || pending;
  const err = (f: string) => errors[f]?.[0];
  const aria = (id: string, f: string) => ({ "aria-invalid": err(f) ? true : undefined, "aria-describedby": `${id}-hint ${id}-error` });
  const templateSelect = (f: "orderTemplateId" | "claimTemplateId", fallback: string) => (
    <select id={`claims-${f}`} value={v[f] ?? ""} disabled={disabled} className={inputClass} {...aria(`claims-${f}`, f)}
      onChange={(e) => setV({ ...v, [f]: e.target.value ? Number(e.target.value) : null })}>
      <option value="">{fallback} (the default)</option>
      {props.templates.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
    </select>
  );
  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); setStatus(null); submit(); }} aria-labelledby="claim-settings-title" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4">
      <h2 id="claim-settings-title" className="text-lg font-semibold">Claim settings</h2>
      <div>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" checked={v.claimsEnabled} disabled={disabled} onChange={(e) => setV({ ...v, claimsEnabled: e.target.checked })} aria-describedby="claims-enabled-hint" />
          Send claims every day
        </label>
        <p id="claims-enabled-hint" className="text-xs text-zinc-600">When off, no claim goes out by itself; “Claim now” on an order and “Run claims for a date” below still work.</p>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="claims-runAt" label="Time of day" hint={`The library's time (${props.timeZone}).`} error={err("claimsRunAt")}>
          <input id="claims-runAt" type="time" value={v.claimsRunAt} disabled={disabled} className={inputClass} {...aria("claims-runAt", "claimsRunAt")}
            onChange={(e) => setV({ ...v, claimsRunAt: e.target.value })} />
        </Field>
        <Field id="claims-maxClaimLevel" label="Claims per order, at most" hint="After the last one, staff follow up by hand." error={err("maxClaimLevel")}>
          <select id="claims-maxClaimLevel" value={v.maxClaimLevel} disabled={disabled} className={inputClass} {...aria("claims-maxClaimLevel", "maxClaimLevel")}
            onChange={(e) => setV({ ...v, maxClaimLevel: Number(e.target.value) })}>
            {[1, 2, 3].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </Field>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="claims-orderTemplateId" label="Wording of an order" hint="A supplier order template (Templates)." error={err("orderTemplateId")}>
          {templateSelect("orderTemplateId", props.defaults.order)}
        </Field>
        <Field id="claims-claimTemplateId" label="Wording of a claim" hint="A supplier order template; its claim placeholders say which claim it is and how late." error={err("claimTemplateId")}>
          {templateSelect("claimTemplateId", props.defaults.claim)}
        </Field>
      </div>
      {props.canChange && (
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" disabled={pending} className={buttonClass("primary")}>{pending ? "Saving…" : "Save claim settings"}</button>
          <p aria-live="polite" data-testid="claim-settings-status" className={status?.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>{status?.text}</p>
        </div>
      )}
    </form>
  );
}
