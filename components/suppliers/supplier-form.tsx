"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, failureText, inputClass } from "@/components/ui/field";
import { saveSupplierAction, setSupplierActiveAction } from "@/lib/suppliers/actions";
import { ContactRow, type ContactValues } from "./contact-row";

export type SupplierFormValues = {
  id?: number; code: string; name: string; email: string; phone: string; address: string; accountNumber: string;
  currency: string; claimPeriodDays: string; isActive: boolean; contacts: ContactValues[];
};

const NEW_CONTACT: ContactValues = { name: "", role: "", email: "", phone: "", receivesOrders: false, receivesClaims: false };

// One supplier: details and contacts (who receives orders, who receives claims). Deactivate asks first; a supplier
// is never deleted, since its orders name it.
export function SupplierForm(props: { values: SupplierFormValues; canChange: boolean }) {
  const router = useRouter();
  const { values } = props;
  const [contacts, setContacts] = useState(values.contacts);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();

  const save = (form: HTMLFormElement) => startTransition(async () => {
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "");
    const r = await saveSupplierAction({
      id: values.id, code: text("code"), name: text("name"), email: text("email"), phone: text("phone"), address: text("address"),
      accountNumber: text("accountNumber"), currency: text("currency"), claimPeriodDays: text("claimPeriodDays"), isActive: values.isActive, contacts,
    });
    setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
    setStatus(r.ok ? { ok: true, text: r.message ?? "Saved." } : { ok: false, text: failureText(r) });
    if (r.ok && !values.id) router.push(`/orders/suppliers/${r.data.id}?added=1`);
    else if (r.ok) router.refresh();
  });
  const toggleActive = () => startTransition(async () => {
    const r = await setSupplierActiveAction({ id: values.id, isActive: !values.isActive });
    setConfirming(false);
    setStatus(r.ok ? { ok: true, text: r.message ?? "Saved." } : { ok: false, text: r.error });
    if (r.ok) router.refresh();
  });
  const field = (name: keyof SupplierFormValues) => ({
    id: `supplier-${name}`, name, defaultValue: String(values[name] ?? ""), autoComplete: "off", "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": `supplier-${name}-hint supplier-${name}-error`, className: inputClass,
  });

  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); save(e.currentTarget); }} aria-label={values.id ? `Supplier ${values.name}` : "New supplier"} className="space-y-4">
      <fieldset disabled={!props.canChange} className="space-y-4">
        <section aria-labelledby="supplier-details-title" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4">
          <h2 id="supplier-details-title" className="font-medium">Details</h2>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field id="supplier-name" label="Name" error={errors.name?.[0]}><input {...field("name")} /></Field>
            <Field id="supplier-code" label="Code" hint="Imports and the API name the supplier by this code." error={errors.code?.[0]}><input {...field("code")} /></Field>
            <Field id="supplier-accountNumber" label="Our account number" hint="The library's customer number with this supplier; printed on orders." error={errors.accountNumber?.[0]}><input {...field("accountNumber")} /></Field>
            <Field id="supplier-currency" label="Currency" hint="The code the supplier invoices in, e.g. GBP, EUR, USD." error={errors.currency?.[0]}><input {...field("currency")} maxLength={3} /></Field>
            <Field id="supplier-claimPeriodDays" label="Claim after (days)" hint="An order not fully received this many days after it was sent is claimed." error={errors.claimPeriodDays?.[0]}><input {...field("claimPeriodDays")} inputMode="numeric" /></Field>
            <Field id="supplier-email" label="General email" error={errors.email?.[0]}><input {...field("email")} type="email" /></Field>
            <Field id="supplier-phone" label="Phone" error={errors.phone?.[0]}><input {...field("phone")} type="tel" /></Field>
            <Field id="supplier-address" label="Address" error={errors.address?.[0]} className="sm:col-span-2"><textarea rows={3} {...field("address")} /></Field>
          </div>
        </section>
        <section aria-labelledby="supplier-contacts-title" aria-describedby="supplier-contacts-error" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4">
          <div>
            <h2 id="supplier-contacts-title" className="font-medium">Contacts</h2>
            <p className="text-sm text-zinc-600">Tick who receives orders and who receives claims for late orders. An active supplier needs at least one contact who receives orders.</p>
            <p id="supplier-contacts-error" aria-live="polite" className="text-sm text-red-700" data-testid="supplier-contacts-error">{errors.contacts?.[0]}</p>
          </div>
          {contacts.map((c, i) => (
            <ContactRow key={i} index={i} value={c} errors={errors} canRemove={props.canChange}
              onChange={(v) => setContacts(contacts.map((x, j) => (j === i ? v : x)))}
              onRemove={() => setContacts(contacts.filter((_, j) => j !== i))} />
          ))}
          {props.canChange && <Button variant="outline" onClick={() => setContacts([...contacts, NEW_CONTACT])}>Add a contact</Button>}
        </section>
      </fieldset>
      {props.canChange && (
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" disabled={pending} className={buttonClass("primary")}>{pending ? "Saving…" : values.id ? "Save supplier" : "Add supplier"}</button>
          {values.id && <Button variant={values.isActive ? "danger" : "outline"} disabled={pending} onClick={() => (values.isActive ? setConfirming(true) : toggleActive())}>
            {values.isActive ? "Deactivate supplier" : "Reactivate supplier"}</Button>}
          <p aria-live="polite" data-testid="supplier-status" className={status?.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>{status?.text}</p>
        </div>
      )}
      <ConfirmDialog open={confirming} title={`Deactivate ${values.name}?`} confirmLabel="Deactivate supplier" tone="danger"
        onConfirm={toggleActive} onCancel={() => setConfirming(false)} pending={pending}>
        <p>No new orders can name this supplier. Its orders and their history stay as they are, and it can be reactivated later.</p>
      </ConfirmDialog>
    </form>
  );
}
