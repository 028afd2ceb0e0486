"use client";

import type { ReactNode } from "react";
import { get, useFormContext } from "react-hook-form";
import { Field, inputClass } from "@/components/ui/field";
import type { ScenarioInputValues } from "@/lib/scenarios/schemas";

export const CONTACT_LABELS = { SELF: "The patron", PARENT: "Parent", GUARDIAN: "Guardian", TEACHER: "Teacher", OTHER: "Other contact" } as const;
export const CHANNEL_LABELS = { EMAIL: "Email", SMS: "Text message (SMS)", PRINT: "Printed letter" } as const;

/** The message of a field's error, by its react-hook-form path ("levels.1.periodDays"). */
export function useFieldError(path: string): string | undefined {
  const { formState } = useFormContext<ScenarioInputValues>();
  const error = get(formState.errors, path) as { message?: string; root?: { message?: string } } | undefined;
  return error?.message ?? error?.root?.message;
}

const fieldId = (path: string) => `f-${path.replace(/\./g, "-")}`;

/** A labelled input registered on the form, with its hint and its error beside it. */
export function FormInput(props: { path: string; label: string; hint?: ReactNode; type?: string; className?: string; inputMode?: "numeric" | "decimal"; placeholder?: string }) {
  const { register } = useFormContext<ScenarioInputValues>();
  const error = useFieldError(props.path);
  const id = fieldId(props.path);
  return (
    <Field id={id} label={props.label} hint={props.hint} error={error} className={props.className}>
      <input id={id} type={props.type ?? "text"} inputMode={props.inputMode} placeholder={props.placeholder}
        {...register(props.path as never)} aria-invalid={error ? true : undefined} aria-describedby={`${id}-hint ${id}-error`} className={inputClass} />
    </Field>
  );
}

export function FormSelect(props: { path: string; label: string; options: { value: string | number; label: string }[]; hint?: ReactNode; className?: string; number?: boolean }) {
  const { register } = useFormContext<ScenarioInputValues>();
  const error = useFieldError(props.path);
  const id = fieldId(props.path);
  return (
    <Field id={id} label={props.label} hint={props.hint} error={error} className={props.className}>
      <select id={id} {...register(props.path as never, props.number ? { setValueAs: (v: string) => (v === "" ? null : Number(v)) } : {})}
        aria-invalid={error ? true : undefined} aria-describedby={`${id}-hint ${id}-error`} className={inputClass}>
        {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </Field>
  );
}

export function FormCheckbox(props: { path: string; label: string; hint?: string }) {
  const { register } = useFormContext<ScenarioInputValues>();
  const id = fieldId(props.path);
  return (
    <div>
      <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium">
        <input id={id} type="checkbox" {...register(props.path as never)} className="h-4 w-4" /> {props.label}
      </label>
      {props.hint && <p className="ml-6 text-xs text-zinc-600">{props.hint}</p>}
    </div>
  );
}

/** A group of checkboxes over an array value (recipients, delivery methods). */
export function CheckboxGroup<T extends string>(props: { path: string; legend: string; labels: Record<T, string>; hint?: string }) {
  const { register } = useFormContext<ScenarioInputValues>();
  const error = useFieldError(props.path);
  const id = fieldId(props.path);
  return (
    <fieldset aria-describedby={`${id}-error`}>
      <legend className="text-sm font-medium">{props.legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {(Object.keys(props.labels) as T[]).map((value) => (
          <label key={value} className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" value={value} {...register(props.path as never)} className="h-4 w-4" /> {props.labels[value]}
          </label>
        ))}
      </div>
      {props.hint && <p className="text-xs text-zinc-600">{props.hint}</p>}
      <p id={`${id}-error`} aria-live="polite" className="text-sm text-red-700">{error}</p>
    </fieldset>
  );
}

export function Section(props: { title: string; description?: ReactNode; children: ReactNode; id?: string }) {
  return (
    <section className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4" aria-labelledby={props.id}>
      <div>
        <h2 id={props.id} className="font-medium">{props.title}</h2>
        {props.description && <p className="text-sm text-zinc-600">{props.description}</p>}
      </div>
      {props.children}
    </section>
  );
}
