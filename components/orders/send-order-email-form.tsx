"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { requestOrderEmailAction } from "@/lib/orders/email/actions";
import { splitAddresses } from "@/lib/orders/email/schemas";

export type EmailContact = { id: number; name: string; role: string | null; email: string; receivesOrders: boolean; receivesClaims: boolean };

const receives = (c: EmailContact) => [c.receivesOrders && "orders", c.receivesClaims && "claims"].filter(Boolean).join(" and ");

// The email page's form: who it goes to (the supplier's contacts, the suggested ones ticked, and any other address),
// why it goes again (when it does), the email as it will go (`children`, rendered on the server), and Send. The
// request key is made when the page renders: a double click or a re-posted form sends one email.
export function SendOrderEmailForm(props: {
  orderId: number; what: "order" | "claim"; again: boolean; requestKey: string; expectedEmails: number;
  contacts: EmailContact[]; suggested: string[]; otherSuggested: string[]; sendLabel: string; children: ReactNode;
}) {
  const router = useRouter();
  const [checked, setChecked] = useState<string[]>(props.suggested);
  const [other, setOther] = useState(props.otherSuggested.join(", "));
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ recipients?: string; other?: string; reason?: string }>({});
  const [formError, setFormError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const others = splitAddresses(other);
  const recipients = [...new Set([...checked, ...others.map((a) => a.toLowerCase())])];

  const submit = () => startTransition(async () => {
    setFormError(undefined);
    const list = [...checked, ...others];
    const r = await requestOrderEmailAction({
      orderId: props.orderId, what: props.what, again: props.again, reason: props.again ? reason : undefined,
      recipients: list, requestKey: props.requestKey, expectedEmails: props.expectedEmails,
    });
    if (r.ok) {
      router.push(`/orders/${props.orderId}?emailed=${r.data.emailId}`);
      return;
    }
    const fe = r.fieldErrors ?? {};
    // "recipients[3]": the fourth address sent, one of the other addresses (the ticked ones come from the supplier).
    const bad = Object.keys(fe).flatMap((k) => { const m = /^recipients\[(\d+)\]$/.exec(k); return m ? [list[Number(m[1])]] : []; });
    setErrors({
      recipients: fe.recipients?.[0],
      other: bad.length ? `not an email address: ${bad.join(", ")}` : undefined,
      reason: fe.reason?.[0],
    });
    const known = Object.keys(fe).every((k) => k === "recipients" || k === "reason" || k.startsWith("recipients["));
    if (!Object.keys(fe).length || !known) setFormError(r.error);
  });

  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); submit(); }} className="space-y-4" aria-label={props.sendLabel}>
      <fieldset className="space-y-2 rounded-lg border border-zinc-200 bg-white p-4" aria-describedby="recipients-hint recipients-error">
        <legend className="px-1 font-medium">Recipients</legend>
        <p id="recipients-hint" className="text-sm text-zinc-600">
          Ticked: the supplier&apos;s contacts who receive {props.what === "claim" ? "claims (else those who receive orders)" : "orders"}. Change the contacts on the supplier&apos;s page.
        </p>
        {props.contacts.length === 0 ? (
          <p className="text-sm text-zinc-600">The supplier has no contact with an email address: type one under “Other addresses”.</p>
        ) : (
          <ul className="space-y-1">
            {props.contacts.map((c) => (
              <li key={c.id}>
                <label className="flex items-start gap-2 text-sm">
                  <input type="checkbox" className="mt-1" checked={checked.includes(c.email)} aria-invalid={errors.recipients ? true : undefined}
                    onChange={(e) => { setChecked(e.target.checked ? [...checked, c.email] : checked.filter((x) => x !== c.email)); setErrors({ ...errors, recipients: undefined }); }} />
                  <span>
                    <span className="font-medium">{c.name}</span>{c.role ? `, ${c.role}` : ""} &lt;{c.email}&gt;
                    <span className="block text-xs text-zinc-600">{receives(c) ? `receives ${receives(c)}` : "receives neither orders nor claims"}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <p id="recipients-error" aria-live="polite" className="text-sm text-red-700">{errors.recipients}</p>
        <Field id="other-addresses" label="Other addresses" hint="Separated by commas or spaces. Each gets the same email." error={errors.other}>
          <input id="other-addresses" value={other} onChange={(e) => { setOther(e.target.value); setErrors({ ...errors, recipients: undefined, other: undefined }); }} autoComplete="off" className={inputClass}
            aria-invalid={errors.other ? true : undefined} aria-describedby="other-addresses-hint other-addresses-error" />
        </Field>
      </fieldset>

      {props.again && (
        <div className="rounded-lg border border-zinc-200 bg-white p-4">
          <Field id="resend-reason" label="Reason (required)" hint="Why it goes again, in a few words: kept with the order's emails and in the audit log." error={errors.reason}>
            <textarea id="resend-reason" value={reason} onChange={(e) => { setReason(e.target.value); setErrors({ ...errors, reason: undefined }); }} rows={2} maxLength={500} className={inputClass}
              aria-invalid={errors.reason ? true : undefined} aria-describedby="resend-reason-hint resend-reason-error" />
          </Field>
        </div>
      )}

      <section aria-labelledby="preview-heading" className="space-y-2 rounded-lg border border-zinc-200 bg-white p-4">
        <h2 id="preview-heading" className="font-medium">The email</h2>
        <p className="text-sm"><span className="text-zinc-600">To: </span><span data-testid="preview-to" className="break-all">{recipients.length ? recipients.join(", ") : "nobody yet: tick a contact or type an address"}</span></p>
        {props.children}
      </section>

      {formError && <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800" data-testid="send-error">{formError}</p>}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass("primary")}>{pending ? "Sending…" : props.sendLabel}</button>
        <p className="text-sm text-zinc-600">The email is sent within a minute; the order page shows how it went.</p>
      </div>
    </form>
  );
}
