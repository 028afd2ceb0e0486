"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { inputClass } from "@/components/ui/field";
import { deleteListEntryAction, saveListEntryAction } from "@/lib/settings/list-actions";
import type { ListName } from "@/lib/settings/lists";

export type ListEntry = { id: number; code: string; name: string; patrons: number; uses: { scenario: string; how: string }[] };
export type Status = { ok: boolean; text: string } | null;
type Errors = Record<string, string[] | undefined>;

const patronCount = (n: number) => `${n.toLocaleString("en-GB")} patron${n === 1 ? "" : "s"}`;

// One entry: shown, or edited in place (code and name); deleting asks first and says what will happen.
export function ListEntryRow(props: { list: ListName; one: string; entry: ListEntry; canManage: boolean; onStatus: (s: Status) => void }) {
  const { entry } = props;
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const save = (form: HTMLFormElement) => startTransition(async () => {
    const data = Object.fromEntries(new FormData(form));
    const r = await saveListEntryAction({ list: props.list, id: entry.id, code: data.code, name: data.name });
    setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
    if (r.ok) setEditing(false);
    props.onStatus(r.ok ? { ok: true, text: r.message ?? "" } : r.fieldErrors && Object.keys(r.fieldErrors).length ? null : { ok: false, text: r.error });
  });
  const remove = () => startTransition(async () => {
    const r = await deleteListEntryAction({ list: props.list, id: entry.id });
    if (!r.ok) { setRefusal(r.error); return; }
    setDeleting(false);
    props.onStatus({ ok: true, text: r.message ?? "" });
  });
  const formId = `edit-${props.list}-${entry.id}`;
  const input = (field: "code" | "name", label: string) => ({
    id: `${formId}-${field}`, name: field, form: formId, defaultValue: entry[field], autoComplete: "off", "aria-label": label,
    "aria-invalid": errors[field] ? true : undefined, "aria-describedby": `${formId}-${field}-error`,
  });
  const error = (field: string) => <p id={`${formId}-${field}-error`} aria-live="polite" className="text-sm text-red-700">{errors[field]?.[0]}</p>;
  const inUse = entry.patrons > 0 || entry.uses.length > 0;
  return (
    <tr className="border-t border-zinc-100 align-top" data-testid={`entry-${props.list}-${entry.code}`}>
      <td className="py-2 pr-3 font-mono">
        {editing ? <><input {...input("code", `Code of ${entry.name}`)} maxLength={20} className={`${inputClass} uppercase`} />{error("code")}</> : entry.code}
      </td>
      <td className="py-2 pr-3">
        {editing ? <><input {...input("name", `Name of ${entry.name}`)} maxLength={80} className={inputClass} />{error("name")}</> : entry.name}
      </td>
      <td className="py-2 pr-3 text-right tabular-nums">{entry.patrons.toLocaleString("en-GB")}</td>
      <td className="py-2 pr-3 text-zinc-700">
        {entry.uses.length === 0 ? <span className="text-zinc-600">none</span> : (
          <ul>{entry.uses.map((u, i) => <li key={i}>{u.scenario} <span className="text-zinc-600">({u.how})</span></li>)}</ul>
        )}
      </td>
      {props.canManage && (
        <td className="py-2">
          {editing ? (
            <form id={formId} noValidate onSubmit={(e) => { e.preventDefault(); save(e.currentTarget); }} className="flex flex-wrap gap-2">
              <Button type="submit" disabled={pending} aria-label={`Save ${entry.name}`}>Save</Button>
              <Button variant="outline" disabled={pending} onClick={() => { setEditing(false); setErrors({}); }}>Cancel</Button>
            </form>
          ) : (
            <div className="flex flex-wrap gap-2">
              <Button variant="outline" onClick={() => { setEditing(true); props.onStatus(null); }} aria-label={`Edit ${entry.name}`}>Edit</Button>
              <Button variant="danger" onClick={() => { setRefusal(null); setDeleting(true); }} aria-label={`Delete ${entry.name}`}>Delete</Button>
            </div>
          )}
          <ConfirmDialog open={deleting} title={`Delete the ${props.one} ${entry.name} (${entry.code})?`} confirmLabel={`Delete ${entry.name}`}
            tone="danger" pending={pending} onConfirm={remove} onCancel={() => setDeleting(false)}>
            {inUse ? (
              <p>It is in use, so it will not be deleted:{entry.patrons > 0 && ` ${patronCount(entry.patrons)} have it`}
                {entry.patrons > 0 && entry.uses.length > 0 && " and"}{entry.uses.length > 0 && ` ${[...new Set(entry.uses.map((u) => u.scenario))].join(", ")} name it`}.
                Move those patrons to another {props.one} in the library system and take it out of those scenarios first.</p>
            ) : (
              <p>It is removed from this list. No patron or scenario names it, so no notice changes; a later patron import
                that names {entry.code} will be refused. The deletion is recorded in the audit log.</p>
            )}
            <p aria-live="polite" data-testid="delete-refusal" className="font-medium text-red-700">{refusal}</p>
          </ConfirmDialog>
        </td>
      )}
    </tr>
  );
}
