import type { ReactNode } from "react";

// A form field: its label, the control, a hint and the error beside it. The control sets aria-invalid and
// aria-describedby={`${id}-hint ${id}-error`}; the error line is live so screen readers hear it when it appears.
export const inputClass = "mt-1 w-full rounded-md border border-zinc-300 px-2 py-1.5 text-sm disabled:bg-zinc-100 aria-[invalid=true]:border-red-600";

export function Field(props: { id: string; label: ReactNode; hint?: ReactNode; error?: string; className?: string; children: ReactNode }) {
  return (
    <div className={props.className}>
      <label htmlFor={props.id} className="block text-sm font-medium">{props.label}</label>
      {props.children}
      {props.hint && <p id={`${props.id}-hint`} className="text-xs text-zinc-600">{props.hint}</p>}
      <p id={`${props.id}-error`} aria-live="polite" className="text-sm text-red-700">{props.error}</p>
    </div>
  );
}

/** A refused save's summary beside the button: the fields say what is wrong, so this only points at them. */
export function failureText(r: { error: string; fieldErrors?: Record<string, string[]> }): string {
  const n = Object.keys(r.fieldErrors ?? {}).length;
  return n ? `Not saved: ${n === 1 ? "one field needs" : `${n} fields need`} correcting (marked in red).` : r.error;
}
