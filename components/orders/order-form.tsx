"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, failureText, inputClass } from "@/components/ui/field";
import { saveOrderAction } from "@/lib/orders/actions";
import { formatMoney, orderTotals } from "@/lib/orders/totals";
import { EMPTY_LINE, OrderLineFields, type LineValues } from "./order-line-fields";

export type OrderFormValues = { id?: number; supplierId: string; taxRate: string; notes: string; lines: LineValues[] };
type SupplierOption = { id: number; name: string; currency: string };

// The draft order editor: supplier, tax rate, notes and lines, with the totals as typed. Saved only while a draft.
export function OrderForm(props: { values: OrderFormValues; suppliers: SupplierOption[] }) {
  const router = useRouter();
  const { values } = props;
  const [supplierId, setSupplierId] = useState(values.supplierId);
  const [taxRate, setTaxRate] = useState(values.taxRate);
  const [lines, setLines] = useState(values.lines);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const currency = props.suppliers.find((s) => String(s.id) === supplierId)?.currency ?? "GBP";
  const totals = (() => {
    try {
      const priced = lines.filter((l) => /^\d+(\.\d{1,2})?$/.test(l.unitPrice.trim()) && /^\d+$/.test(l.quantity.trim()));
      return orderTotals(priced.map((l) => ({ quantity: Number(l.quantity), unitPrice: l.unitPrice.trim() })), /^\d+(\.\d+)?$/.test(taxRate.trim()) ? taxRate.trim() : "0");
    } catch { return null; }
  })();

  const save = (form: HTMLFormElement) => startTransition(async () => {
    const notes = String(new FormData(form).get("notes") ?? "");
    const r = await saveOrderAction({ id: values.id, supplierId, taxRate, notes, lines });
    setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
    setStatus(r.ok ? { ok: true, text: r.message ?? "Saved." } : { ok: false, text: failureText(r) });
    if (r.ok && !values.id) router.push(`/orders/${r.data.id}`);
    else if (r.ok) router.refresh();
  });
  const aria = (name: string) => ({ "aria-invalid": errors[name] ? true : undefined, "aria-describedby": `order-${name}-hint order-${name}-error` });

  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); save(e.currentTarget); }} aria-label={values.id ? "Draft order" : "New order"} className="space-y-4">
      <section aria-labelledby="order-details-title" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4">
        <h2 id="order-details-title" className="font-medium">Order</h2>
        <div className="grid gap-3 sm:grid-cols-3">
          <Field id="order-supplierId" label="Supplier" hint="Only active suppliers; add one under Suppliers." error={errors.supplierId?.[0]}>
            <select id="order-supplierId" value={supplierId} onChange={(e) => setSupplierId(e.target.value)} className={inputClass} {...aria("supplierId")}>
              <option value="">Choose a supplier…</option>
              {props.suppliers.map((s) => <option key={s.id} value={s.id}>{s.name} ({s.currency})</option>)}
            </select>
          </Field>
          <Field id="order-taxRate" label="Tax rate (%)" hint="Added to the lines' total, e.g. 20 for VAT at 20 %; 0 when none." error={errors.taxRate?.[0]}>
            <input id="order-taxRate" value={taxRate} onChange={(e) => setTaxRate(e.target.value)} inputMode="decimal" className={inputClass} {...aria("taxRate")} />
          </Field>
          <Field id="order-notes" label="Notes" error={errors.notes?.[0]}><input id="order-notes" name="notes" defaultValue={values.notes} className={inputClass} {...aria("notes")} /></Field>
        </div>
      </section>
      <section aria-labelledby="order-lines-title" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4">
        <h2 id="order-lines-title" className="font-medium">Lines</h2>
        <p id="order-lines-error" aria-live="polite" className="text-sm text-red-700" data-testid="order-lines-error">{errors.lines?.[0]}</p>
        {lines.map((l, i) => (
          <OrderLineFields key={i} index={i} value={l} errors={errors} canRemove
            onChange={(v) => setLines(lines.map((x, j) => (j === i ? v : x)))} onRemove={() => setLines(lines.filter((_, j) => j !== i))} />
        ))}
        <Button variant="outline" onClick={() => setLines([...lines, EMPTY_LINE])}>Add a line</Button>
        {totals && (
          <dl className="ml-auto grid max-w-xs grid-cols-2 gap-x-4 text-sm" data-testid="order-totals">
            <dt>Subtotal</dt><dd className="text-right tabular-nums">{formatMoney(totals.subtotal, currency)}</dd>
            <dt>Tax</dt><dd className="text-right tabular-nums">{formatMoney(totals.tax, currency)}</dd>
            <dt className="font-medium">Total</dt><dd className="text-right font-medium tabular-nums">{formatMoney(totals.total, currency)}</dd>
          </dl>
        )}
      </section>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass("primary")}>{pending ? "Saving…" : values.id ? "Save draft" : "Create draft order"}</button>
        <p aria-live="polite" data-testid="order-status" className={status?.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>{status?.text}</p>
      </div>
    </form>
  );
}
