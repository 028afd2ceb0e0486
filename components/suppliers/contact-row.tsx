"use client";

import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

export type ContactValues = { name: string; role: string; email: string; phone: string; receivesOrders: boolean; receivesClaims: boolean };

// One supplier contact; its errors are keyed as the server names them ("contacts[1].email").
export function ContactRow(props: {
  index: number; value: ContactValues; errors: Record<string, string[] | undefined>; canRemove: boolean;
  onChange: (v: ContactValues) => void; onRemove: () => void;
}) {
  const { index: i, value: c } = props;
  const key = (f: string) => `contacts[${i}].${f}`;
  const id = (f: string) => `contact-${i}-${f}`;
  const input = (f: "name" | "role" | "email" | "phone") => ({
    id: id(f), value: c[f], autoComplete: "off", className: inputClass, "aria-invalid": props.errors[key(f)] ? true : undefined,
    "aria-describedby": `${id(f)}-error`, onChange: (e: React.ChangeEvent<HTMLInputElement>) => props.onChange({ ...c, [f]: e.target.value }),
  });
  return (
    <fieldset className="rounded-md border border-zinc-200 p-3" data-testid={`contact-${i}`}>
      <legend className="px-1 text-sm font-medium">Contact {i + 1}{c.name ? `: ${c.name}` : ""}</legend>
      <div className="grid gap-3 sm:grid-cols-4">
        <Field id={id("name")} label="Name" error={props.errors[key("name")]?.[0]}><input {...input("name")} /></Field>
        <Field id={id("role")} label="Role" error={props.errors[key("role")]?.[0]}><input {...input("role")} placeholder="e.g. Sales" /></Field>
        <Field id={id("email")} label="Email" error={props.errors[key("email")]?.[0]}><input {...input("email")} type="email" /></Field>
        <Field id={id("phone")} label="Phone" error={props.errors[key("phone")]?.[0]}><input {...input("phone")} type="tel" /></Field>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-4 text-sm">
        <label className="flex items-center gap-2"><input type="checkbox" checked={c.receivesOrders} onChange={(e) => props.onChange({ ...c, receivesOrders: e.target.checked })} /> Receives orders</label>
        <label className="flex items-center gap-2"><input type="checkbox" checked={c.receivesClaims} onChange={(e) => props.onChange({ ...c, receivesClaims: e.target.checked })} /> Receives claims</label>
        {props.canRemove && <Button variant="outline" onClick={props.onRemove} aria-label={`Remove contact ${i + 1}`}>Remove</Button>}
      </div>
    </fieldset>
  );
}
