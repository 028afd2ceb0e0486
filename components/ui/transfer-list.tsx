"use client";

import { useId, useRef, useState } from "react";
import { Button } from "./button";

type Option = { id: number; name: string };

// Two lists side by side, "Available" and the chosen ones (Infiniti's Available / Excluded pickers): select entries and
// move them across with the buttons (or a double click). Native <select multiple>s: keyboard and screen readers work.
export function TransferList(props: {
  label: string; chosenLabel: string; options: Option[]; value: number[]; onChange: (ids: number[]) => void;
  disabled?: boolean; error?: string; hint?: string;
}) {
  const id = useId();
  const available = useRef<HTMLSelectElement>(null);
  const chosen = useRef<HTMLSelectElement>(null);
  const [filter, setFilter] = useState("");
  const matches = (o: Option) => o.name.toLowerCase().includes(filter.trim().toLowerCase());
  const selected = (el: HTMLSelectElement | null) => [...(el?.selectedOptions ?? [])].map((o) => Number(o.value));
  const add = () => props.onChange([...new Set([...props.value, ...selected(available.current)])]);
  const remove = () => { const out = selected(chosen.current); props.onChange(props.value.filter((v) => !out.includes(v))); };
  const name = (v: number) => props.options.find((o) => o.id === v)?.name ?? `#${v}`;
  if (props.options.length === 0) {
    return <p className="text-sm text-zinc-600"><span className="font-medium text-zinc-800">{props.label}:</span> none defined yet.</p>;
  }
  return (
    <fieldset className="space-y-1" aria-describedby={`${id}-hint ${id}-error`}>
      <legend className="text-sm font-medium">{props.label}</legend>
      {props.options.length > 8 && (
        <input type="search" aria-label={`Filter ${props.label.toLowerCase()}`} placeholder="Filter…" value={filter} onChange={(e) => setFilter(e.target.value)}
          className="w-full rounded-md border border-zinc-300 px-2 py-1 text-sm" />
      )}
      <div className="flex items-stretch gap-2">
        <div className="flex-1">
          <label htmlFor={`${id}-available`} className="text-xs text-zinc-600">Available<span className="sr-only"> {props.label.toLowerCase()}</span></label>
          <select id={`${id}-available`} ref={available} multiple size={5} disabled={props.disabled} onDoubleClick={add}
            className="w-full rounded-md border border-zinc-300 text-sm">
            {props.options.filter((o) => !props.value.includes(o.id) && matches(o)).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </div>
        <div className="flex flex-col justify-center gap-1">
          <Button variant="outline" onClick={add} disabled={props.disabled} aria-label={`Add the selected ${props.label.toLowerCase()} to ${props.chosenLabel.toLowerCase()}`}>Add →</Button>
          <Button variant="outline" onClick={remove} disabled={props.disabled} aria-label={`Remove the selected ${props.label.toLowerCase()} from ${props.chosenLabel.toLowerCase()}`}>← Remove</Button>
        </div>
        <div className="flex-1">
          <label htmlFor={`${id}-chosen`} className="text-xs text-zinc-600">{props.chosenLabel}<span className="sr-only"> {props.label.toLowerCase()}</span></label>
          <select id={`${id}-chosen`} ref={chosen} multiple size={5} disabled={props.disabled} onDoubleClick={remove}
            aria-invalid={props.error ? true : undefined} className="w-full rounded-md border border-zinc-300 text-sm">
            {props.value.map((v) => <option key={v} value={v}>{name(v)}</option>)}
          </select>
        </div>
      </div>
      <p id={`${id}-hint`} className="text-xs text-zinc-600">{props.hint}</p>
      <p id={`${id}-error`} aria-live="polite" className="text-sm text-red-700">{props.error}</p>
    </fieldset>
  );
}
