"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { buttonClass } from "@/components/ui/button";
import { failureText, inputClass } from "@/components/ui/field";
import { receiveOrderAction } from "@/lib/orders/actions";

type Line = { id: number; lineNo: number; title: string; quantity: number; receivedQuantity: number };

// Receiving: staff type how many copies of each line have arrived so far (a total, never above the quantity ordered).
export function ReceiveForm(props: { orderId: number; lines: Line[] }) {
  const router = useRouter();
  const [received, setReceived] = useState(props.lines.map((l) => String(l.receivedQuantity)));
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = () => startTransition(async () => {
    const r = await receiveOrderAction({ id: props.orderId, lines: props.lines.map((l, i) => ({ lineId: l.id, received: received[i] })) });
    setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
    setStatus(r.ok ? { ok: true, text: r.message ?? "Saved." } : { ok: false, text: failureText(r) });
    if (r.ok) router.refresh();
  });
  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); submit(); }} aria-labelledby="receive-title" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4">
      <h2 id="receive-title" className="font-medium">Receive</h2>
      <p className="text-sm text-zinc-600">Type how many copies of each line have arrived so far. The order becomes partly received, then received when every copy is in.</p>
      <div className="space-y-2">
        {props.lines.map((l, i) => {
          const id = `receive-${i}`;
          const error = errors[`lines[${i}].received`]?.[0];
          return (
            <div key={l.id} className="grid items-start gap-x-3 sm:grid-cols-[1fr_8rem]">
              <label htmlFor={id} className="pt-2 text-sm">{l.lineNo}. {l.title} <span className="text-zinc-600">(ordered {l.quantity})</span></label>
              <div>
                <input id={id} value={received[i]} inputMode="numeric" onChange={(e) => setReceived(received.map((x, j) => (j === i ? e.target.value : x)))}
                  aria-invalid={error ? true : undefined} aria-describedby={`${id}-error`} className={inputClass} />
                <p id={`${id}-error`} aria-live="polite" className="text-sm text-red-700">{error}</p>
              </div>
            </div>
          );
        })}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass("primary")}>{pending ? "Saving…" : "Record received copies"}</button>
        <p aria-live="polite" data-testid="receive-status" className={status?.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>{status?.text}</p>
      </div>
    </form>
  );
}
