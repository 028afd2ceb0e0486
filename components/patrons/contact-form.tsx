"use client";

import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, failureText, inputClass } from "@/components/ui/field";
import { saveContactAction, saveOwnContactAction } from "@/lib/patrons/contact-actions";
import type { PatronContactRow } from "@/lib/patrons/get-patron";

export const CONTACT_KIND_LABELS: Record<string, string> = { SELF: "Patron", PARENT: "Parent", GUARDIAN: "Guardian", TEACHER: "Teacher", OTHER: "Other" };

// Adds or edits one contact; for the patron themselves ("self") only their email and mobile. The server validates with
// the API's rules and its field errors are shown beside each field.
export function ContactForm(props: { patronId: number; contact?: PatronContactRow; onDone: (message: string) => void; onCancel: () => void }) {
  const { contact } = props;
  const isSelf = contact?.kind === "SELF";
  const id = useId();
  const [values, setValues] = useState({
    kind: contact && !isSelf ? String(contact.kind) : "PARENT", name: contact?.name ?? "", email: contact?.email ?? "", mobile: contact?.mobile ?? "",
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState("");
  const [pending, startTransition] = useTransition();
  const contactId = contact && !isSelf ? Number(contact.key.replace("contact:", "")) : undefined;

  const save = () => startTransition(async () => {
    const result = isSelf
      ? await saveOwnContactAction({ patronId: props.patronId, email: values.email, mobile: values.mobile })
      : await saveContactAction({ patronId: props.patronId, ...(contactId ? { id: contactId } : {}), ...values });
    if (result.ok) return props.onDone(result.message ?? "Saved.");
    setErrors(result.fieldErrors ?? {});
    setFailure(failureText(result));
  });
  const field = (name: "name" | "email" | "mobile", label: string, type: string, hint?: string) => {
    const error = errors[name]?.join("; ");
    return (
      <Field id={`${id}-${name}`} label={label} hint={hint} error={error}>
        <input id={`${id}-${name}`} name={name} type={type} value={values[name]} disabled={pending}
          onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))} aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-${name}-hint ${id}-${name}-error`} className={inputClass} autoComplete="off" />
      </Field>
    );
  };
  const title = isSelf ? `Edit ${contact!.name}'s own email and mobile` : contact ? `Edit ${contact.name}` : "Add a contact";
  return (
    <form onSubmit={(e) => { e.preventDefault(); save(); }} aria-label={title} noValidate
      className="space-y-2 rounded-lg border border-blue-200 bg-white p-4 text-sm" data-testid="contact-form">
      <p className="font-medium">{title}</p>
      {!isSelf && (
        <>
          <Field id={`${id}-kind`} label="Kind" error={errors.kind?.join("; ")}>
            <select id={`${id}-kind`} name="kind" value={values.kind} disabled={pending} aria-describedby={`${id}-kind-error`}
              onChange={(e) => setValues((v) => ({ ...v, kind: e.target.value }))} className={inputClass}>
              {["PARENT", "GUARDIAN", "TEACHER", "OTHER"].map((k) => <option key={k} value={k}>{CONTACT_KIND_LABELS[k]}</option>)}
            </select>
          </Field>
          {field("name", "Name", "text")}
        </>
      )}
      {field("email", "Email", "email", "Leave empty for none")}
      {field("mobile", "Mobile", "tel", "Leave empty for none. With neither, letters go by post.")}
      <div className="flex items-center gap-2 pt-1">
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : contact ? "Save" : "Add contact"}</Button>
        <Button variant="outline" onClick={props.onCancel} disabled={pending}>Cancel</Button>
        <p aria-live="polite" className="text-sm text-red-700" data-testid="contact-form-status">{failure}</p>
      </div>
    </form>
  );
}
