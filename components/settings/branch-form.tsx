"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, failureText, inputClass } from "@/components/ui/field";
import { deleteBranchAction, saveBranchAction } from "@/lib/settings/branch-actions";
import type { Weekday } from "@/lib/settings/branches";

export type BranchFormValues = { id?: number; code: string; name: string; email: string; phone: string; address: string; hours: Record<Weekday, string> };

const DAYS: { day: Weekday; label: string }[] = [
  { day: "mon", label: "Monday" }, { day: "tue", label: "Tuesday" }, { day: "wed", label: "Wednesday" }, { day: "thu", label: "Thursday" },
  { day: "fri", label: "Friday" }, { day: "sat", label: "Saturday" }, { day: "sun", label: "Sunday" },
];

// One branch: its details and weekly opening hours (typed as "09:00-17:00"); delete asks first and is refused while
// loans, patrons, items, reservations or orders name the branch.
export function BranchForm(props: { values: BranchFormValues; canChange: boolean }) {
  const router = useRouter();
  const { values } = props;
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [pending, startTransition] = useTransition();

  const save = (form: HTMLFormElement) => startTransition(async () => {
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "");
    const r = await saveBranchAction({
      id: values.id, code: text("code"), name: text("name"), email: text("email"), phone: text("phone"), address: text("address"),
      openingHours: Object.fromEntries(DAYS.map(({ day }) => [day, text(`openingHours.${day}`)])),
    });
    setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
    setStatus(r.ok ? { ok: true, text: r.message ?? "Saved." } : { ok: false, text: failureText(r) });
    if (r.ok && !values.id) router.push(`/settings/branches/${r.data.id}?added=1`);
  });
  const remove = () => startTransition(async () => {
    const r = await deleteBranchAction({ id: values.id });
    setConfirmingDelete(false);
    if (r.ok) router.push("/settings/branches");
    else setStatus({ ok: false, text: r.error });
  });
  const idOf = (name: string) => `branch-${name.replace(".", "-")}`;
  const field = (name: string, value: string) => ({
    id: idOf(name), name, defaultValue: value, autoComplete: "off", "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": `${idOf(name)}-hint ${idOf(name)}-error`, className: inputClass,
  });

  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); save(e.currentTarget); }} aria-label={values.id ? `Branch ${values.name}` : "New branch"} className="space-y-4">
      <fieldset disabled={!props.canChange} className="space-y-4">
        <section aria-labelledby="branch-details-title" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4">
          <h2 id="branch-details-title" className="font-medium">Details</h2>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field id="branch-name" label="Name" hint="As patrons know it; notices name the branch this way." error={errors.name?.[0]}><input {...field("name", values.name)} /></Field>
            <Field id="branch-code" label="Code" hint="Imports and the API name the branch by this code, e.g. CEN." error={errors.code?.[0]}><input {...field("code", values.code)} /></Field>
            <Field id="branch-email" label="Email" error={errors.email?.[0]}><input {...field("email", values.email)} type="email" /></Field>
            <Field id="branch-phone" label="Phone" error={errors.phone?.[0]}><input {...field("phone", values.phone)} type="tel" /></Field>
            <Field id="branch-address" label="Address" error={errors.address?.[0]} className="sm:col-span-2"><textarea rows={3} {...field("address", values.address)} /></Field>
          </div>
        </section>
        <section aria-labelledby="branch-hours-title" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4">
          <div>
            <h2 id="branch-hours-title" className="font-medium">Opening hours</h2>
            <p className="text-sm text-zinc-600">Type the hours as 09:00-17:00; a day with a lunch break as 09:00-12:30, 13:30-17:00; leave a day empty when the branch is closed.</p>
          </div>
          <div className="max-w-xl space-y-2">
            {DAYS.map(({ day, label }) => {
              const name = `openingHours.${day}`;
              return (
                <div key={day} className="grid items-start gap-x-3 sm:grid-cols-[7rem_1fr]">
                  <label htmlFor={idOf(name)} className="pt-2.5 text-sm font-medium">{label}</label>
                  <div>
                    <input {...field(name, values.hours[day])} placeholder="closed" />
                    <p id={`${idOf(name)}-error`} aria-live="polite" className="text-sm text-red-700">{errors[name]?.[0]}</p>
                  </div>
                </div>
              );
            })}
          </div>
        </section>
      </fieldset>
      {props.canChange && (
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" disabled={pending} className={buttonClass("primary")}>{pending ? "Saving…" : values.id ? "Save branch" : "Add branch"}</button>
          {values.id && <Button variant="danger" disabled={pending} onClick={() => setConfirmingDelete(true)}>Delete branch</Button>}
          <p aria-live="polite" data-testid="branch-status" className={status?.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>{status?.text}</p>
        </div>
      )}
      <ConfirmDialog open={confirmingDelete} title={`Delete ${values.name}?`} confirmLabel="Delete branch" tone="danger"
        onConfirm={remove} onCancel={() => setConfirmingDelete(false)} pending={pending}>
        <p>The branch, its opening hours and its closed days are removed. This cannot be undone.</p>
        <p>A branch that loans, patrons, items, reservations or orders still name is not deleted: rename it instead.</p>
      </ConfirmDialog>
    </form>
  );
}
