"use client";

import { useState, useTransition } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { saveListEntryAction } from "@/lib/settings/list-actions";
import type { ListName } from "@/lib/settings/lists";
import { ListEntryRow, type ListEntry, type Status } from "./list-entry-row";

type Errors = Record<string, string[] | undefined>;

// One patron list (categories, academic levels or groups): its entries, and for administrators an add form whose
// errors come back from the server's schema and sit beside their fields.
export function PatronList(props: {
  list: ListName; title: string; one: string; example: string; description: string; entries: ListEntry[]; canManage: boolean;
}) {
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status>(null);
  const [pending, startTransition] = useTransition();
  const id = (field: string) => `${props.list}-new-${field}`;
  const add = (form: HTMLFormElement) => startTransition(async () => {
    const data = Object.fromEntries(new FormData(form));
    const r = await saveListEntryAction({ list: props.list, code: data.code, name: data.name });
    setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
    // A field's error shows beside the field only; the status line is for what concerns no single field.
    setStatus(r.ok ? { ok: true, text: r.message ?? "" } : r.fieldErrors && Object.keys(r.fieldErrors).length ? null : { ok: false, text: r.error });
    if (r.ok) form.reset();
  });
  const input = (field: string) => ({
    id: id(field), name: field, autoComplete: "off", className: inputClass,
    "aria-invalid": errors[field] ? true : undefined, "aria-describedby": `${id(field)}-hint ${id(field)}-error`,
  });
  const titleId = `${props.list}-title`;
  const aOne = `${/^[aeiou]/i.test(props.one) ? "an" : "a"} ${props.one}`;
  return (
    <section aria-labelledby={titleId} className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4" data-testid={`list-${props.list}`}>
      <div>
        <h2 id={titleId} className="font-medium">{props.title}</h2>
        <p className="max-w-3xl text-sm text-zinc-600">{props.description}</p>
      </div>
      {props.entries.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 px-3 py-4 text-sm text-zinc-600">
          No {props.title.toLowerCase()} yet. {props.canManage ? `Add the ${props.one} codes your library system uses below, before importing patrons:` : "An administrator adds them here before patrons are imported:"} a
          patron import refuses a code it does not know.
        </p>
      ) : (
        <table className="w-full text-sm">
          <caption className="sr-only">{props.title}</caption>
          <thead className="border-b border-zinc-200 text-left text-zinc-600">
            <tr>
              <th scope="col" className="w-40 py-2 pr-3">Code</th>
              <th scope="col" className="py-2 pr-3">Name</th>
              <th scope="col" className="w-24 py-2 pr-3 text-right">Patrons</th>
              <th scope="col" className="py-2 pr-3">Named by scenarios</th>
              {props.canManage && <th scope="col" className="w-44 py-2"><span className="sr-only">Actions</span></th>}
            </tr>
          </thead>
          <tbody>{props.entries.map((e) => <ListEntryRow key={e.id} list={props.list} one={props.one} entry={e} canManage={props.canManage} onStatus={setStatus} />)}</tbody>
        </table>
      )}
      {props.canManage && <p aria-live="polite" data-testid={`${props.list}-status`} className={status?.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>{status?.text}</p>}
      {props.canManage && (
        <form noValidate onSubmit={(e) => { e.preventDefault(); add(e.currentTarget); }} aria-labelledby={`${props.list}-add-title`}
          className="border-t border-zinc-100 pt-3">
          <h3 id={`${props.list}-add-title`} className="text-sm font-medium">Add {aOne}</h3>
          <div className="mt-1 flex flex-wrap items-start gap-3">
            <Field id={id("code")} label="Code" hint={`As in the library system, e.g. ${props.example}`} error={errors.code?.[0]} className="w-72">
              <input {...input("code")} maxLength={20} className={`${inputClass} font-mono uppercase`} />
            </Field>
            <Field id={id("name")} label="Name" hint="What staff see in lists" error={errors.name?.[0]} className="w-80">
              <input {...input("name")} maxLength={80} />
            </Field>
            <button type="submit" disabled={pending} className={buttonClass("primary", "mt-6")}>{pending ? "Adding…" : "Add"}</button>
          </div>
        </form>
      )}
    </section>
  );
}
