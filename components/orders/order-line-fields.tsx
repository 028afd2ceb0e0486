"use client";

import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

export type LineValues = { title: string; author: string; isbn: string; quantity: string; unitPrice: string; fund: string; note: string };
export const EMPTY_LINE: LineValues = { title: "", author: "", isbn: "", quantity: "1", unitPrice: "", fund: "", note: "" };

// One order line; errors keyed as the server names them ("lines[1].isbn").
export function OrderLineFields(props: {
  index: number; value: LineValues; errors: Record<string, string[] | undefined>; canRemove: boolean;
  onChange: (v: LineValues) => void; onRemove: () => void;
}) {
  const { index: i, value: l } = props;
  const id = (f: keyof LineValues) => `line-${i}-${f}`;
  const input = (f: keyof LineValues) => ({
    id: id(f), value: l[f], autoComplete: "off", className: inputClass, "aria-invalid": props.errors[`lines[${i}].${f}`] ? true : undefined,
    "aria-describedby": `${id(f)}-hint ${id(f)}-error`, onChange: (e: React.ChangeEvent<HTMLInputElement>) => props.onChange({ ...l, [f]: e.target.value }),
  });
  const error = (f: keyof LineValues) => props.errors[`lines[${i}].${f}`]?.[0];
  return (
    <fieldset className="rounded-md border border-zinc-200 p-3" data-testid={`line-${i}`}>
      <legend className="px-1 text-sm font-medium">Line {i + 1}{l.title ? `: ${l.title}` : ""}</legend>
      <div className="grid gap-3 sm:grid-cols-6">
        <Field id={id("title")} label="Title" error={error("title")} className="sm:col-span-3"><input {...input("title")} /></Field>
        <Field id={id("author")} label="Author" error={error("author")} className="sm:col-span-3"><input {...input("author")} /></Field>
        <Field id={id("isbn")} label="ISBN" hint="10 or 13 digits; hyphens are fine." error={error("isbn")} className="sm:col-span-2"><input {...input("isbn")} /></Field>
        <Field id={id("quantity")} label="Quantity" error={error("quantity")}><input {...input("quantity")} inputMode="numeric" /></Field>
        <Field id={id("unitPrice")} label="Unit price" error={error("unitPrice")}><input {...input("unitPrice")} inputMode="decimal" placeholder="12.50" /></Field>
        <Field id={id("fund")} label="Fund" error={error("fund")} className="sm:col-span-2"><input {...input("fund")} /></Field>
        <Field id={id("note")} label="Note to the supplier" error={error("note")} className="sm:col-span-5"><input {...input("note")} /></Field>
        {props.canRemove && <div className="flex items-end pb-5"><Button variant="outline" onClick={props.onRemove} aria-label={`Remove line ${i + 1}`}>Remove</Button></div>}
      </div>
    </fieldset>
  );
}
