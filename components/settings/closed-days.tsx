"use client";

import { useState, useTransition } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, failureText, inputClass } from "@/components/ui/field";
import { addClosedDaysAction, removeClosedDaysAction } from "@/lib/settings/branch-actions";
import type { ClosedDayGroup } from "@/lib/settings/branches";
import { formatDate } from "@/lib/time/library-date";

type Status = { ok: boolean; text: string } | null;

// A calendar of closed days: add a day or a range to one branch or every branch, reopen chosen days (confirmed).
// `branch` set: that branch's calendar only (its edit page); otherwise the whole library's (Settings → Branches).
export function ClosedDays(props: {
  groups: ClosedDayGroup[]; branches: { id: number; name: string }[]; branch?: { id: number; name: string };
  canChange: boolean; countingOpenDays: boolean; today: string;
}) {
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [status, setStatus] = useState<Status>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const keyOf = (g: ClosedDayGroup) => `${g.date}|${g.ids.join(",")}`;
  const picked = props.groups.filter((g) => chosen.has(keyOf(g)));

  const add = (form: HTMLFormElement) => startTransition(async () => {
    const data = new FormData(form);
    const branchId = props.branch ? String(props.branch.id) : String(data.get("branchId") ?? "");
    const to = String(data.get("to") ?? "");
    const r = await addClosedDaysAction({
      branchIds: branchId ? [Number(branchId)] : [], from: String(data.get("from") ?? ""), to: to || undefined, reason: String(data.get("reason") ?? ""),
    });
    setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
    setStatus(r.ok ? { ok: true, text: r.message ?? "" } : { ok: false, text: failureText(r) });
    if (r.ok) form.reset();
  });
  const reopen = () => startTransition(async () => {
    const r = await removeClosedDaysAction({ ids: picked.flatMap((g) => g.ids) });
    setConfirming(false);
    setStatus(r.ok ? { ok: true, text: r.message ?? "" } : { ok: false, text: r.error });
    if (r.ok) setChosen(new Set());
  });
  const field = (name: string) => ({
    id: `closed-${name}`, name, "aria-invalid": errors[name] ? true : undefined, "aria-describedby": `closed-${name}-hint closed-${name}-error`, className: inputClass,
  });
  const where = (g: ClosedDayGroup) => (props.branch ? props.branch.name : g.everyBranch ? "Every branch" : g.branches.join(", "));

  return (
    <section aria-labelledby="closed-days-title" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4">
      <div>
        <h2 id="closed-days-title" className="font-medium">Closed days{props.branch ? ` at ${props.branch.name}` : ""}</h2>
        <p className="text-sm text-zinc-600">
          Public holidays and closures. {props.countingOpenDays
            ? "Overdue notices do not count a day on which the loan's branch is closed."
            : "They change nothing yet: Settings → Library counts every day. Tick “Count only open days” there to skip them."}
        </p>
      </div>

      {props.canChange && (
        <form noValidate onSubmit={(e) => { e.preventDefault(); add(e.currentTarget); }} aria-label="Add closed days" className="grid items-start gap-3 sm:grid-cols-5">
          {!props.branch && (
            <Field id="closed-branchIds" label="Branch" error={errors.branchIds?.[0]}>
              <select {...field("branchIds")} name="branchId" defaultValue="">
                <option value="">Every branch</option>
                {props.branches.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
              </select>
            </Field>
          )}
          <Field id="closed-from" label="First day" error={errors.from?.[0]}><input {...field("from")} type="date" min={props.today} /></Field>
          <Field id="closed-to" label="Last day" hint="Empty for a single day." error={errors.to?.[0]}><input {...field("to")} type="date" min={props.today} /></Field>
          <Field id="closed-reason" label="Reason" hint="Shown here only, e.g. Christmas Day." error={errors.reason?.[0]} className={props.branch ? "sm:col-span-2" : ""}>
            <input {...field("reason")} autoComplete="off" />
          </Field>
          <div className="sm:pt-6"><button type="submit" disabled={pending} className={buttonClass("primary")}>Add closed days</button></div>
        </form>
      )}
      <p aria-live="polite" data-testid="closed-days-status" className={status?.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>{status?.text}</p>

      {props.groups.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 p-4 text-sm text-zinc-600" data-testid="closed-days-empty">
          No closed days in the next 12 months.{props.canChange ? " Add the year's public holidays above, for every branch at once." : ""}
        </p>
      ) : (
        <>
          <table className="w-full text-sm" data-testid="closed-days-table">
            <caption className="sr-only">Closed days in the next 12 months</caption>
            <thead className="text-left text-zinc-600">
              <tr>
                {props.canChange && <th scope="col" className="w-8 px-2 py-1"><span className="sr-only">Choose</span></th>}
                <th scope="col" className="px-2 py-1">Date</th>
                {!props.branch && <th scope="col" className="px-2 py-1">Branches</th>}
                <th scope="col" className="px-2 py-1">Reason</th>
              </tr>
            </thead>
            <tbody>
              {props.groups.map((g) => {
                const key = keyOf(g);
                return (
                  <tr key={key} className="border-t border-zinc-100">
                    {props.canChange && (
                      <td className="px-2 py-1">
                        <input type="checkbox" className="h-4 w-4" checked={chosen.has(key)}
                          aria-label={`Choose ${formatDate(g.date)}, ${where(g)}`}
                          onChange={(e) => setChosen((prev) => { const next = new Set(prev); if (e.target.checked) next.add(key); else next.delete(key); return next; })} />
                      </td>
                    )}
                    <td className="whitespace-nowrap px-2 py-1">{formatDate(g.date)}</td>
                    {!props.branch && <td className="px-2 py-1">{where(g)}</td>}
                    <td className="px-2 py-1 text-zinc-700">{g.reason ?? <span className="text-zinc-600">—</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {props.canChange && (
            <Button variant="danger" disabled={picked.length === 0 || pending} onClick={() => setConfirming(true)}>
              Reopen {picked.length ? `${picked.length} chosen` : "chosen days"}
            </Button>
          )}
        </>
      )}
      <ConfirmDialog open={confirming} title={`Reopen ${picked.length} closed day${picked.length === 1 ? "" : "s"}?`} confirmLabel="Reopen"
        onConfirm={reopen} onCancel={() => setConfirming(false)} pending={pending} tone="danger">
        <p>These days will count as open days again for overdue notices:</p>
        <ul className="list-disc pl-5">{picked.map((g) => <li key={keyOf(g)}>{formatDate(g.date)}: {where(g)}{g.reason ? ` (${g.reason})` : ""}</li>)}</ul>
      </ConfirmDialog>
    </section>
  );
}
