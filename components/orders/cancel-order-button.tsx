"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { cancelOrderAction } from "@/lib/orders/actions";

export function CancelOrderButton(props: { orderId: number; number: string; wasSent: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const cancel = () => startTransition(async () => {
    const r = await cancelOrderAction({ id: props.orderId });
    if (r.ok) { setOpen(false); router.refresh(); } else setError(r.error);
  });
  return (
    <>
      <Button variant="danger" onClick={() => { setError(null); setOpen(true); }}>Cancel order</Button>
      <ConfirmDialog open={open} title={`Cancel order ${props.number}?`} confirmLabel="Cancel order" tone="danger" onConfirm={cancel} onCancel={() => setOpen(false)} pending={pending}>
        <p>{props.wasSent ? "The order is marked cancelled here; tell the supplier too. Copies already received stay recorded." : "The draft is marked cancelled and can no longer be edited."}</p>
        {error && <p className="text-red-700" role="alert">{error}</p>}
      </ConfirmDialog>
    </>
  );
}
