"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/errors";
import { cancelDeliveryAction, resendDeliveryAction, retryDeliveryAction, settleDeliveryAction } from "@/lib/deliveries/actions";

type Kind = "resend" | "cancel" | "settle-sent" | "settle-not-sent" | "retry";

export type DeliveryActionsProps = {
  deliveryId: number;
  status: string;
  channel: string;
  // What the staff member sees now; the server refuses an action when the row has moved on since.
  attempts: number;
  resendCount: number;
  // A resend is resent from its original's page (one count of the letter's copies).
  isResend: boolean;
  currentAddress: string | null;
  lastError: string | null;
};

// The actions bar of the delivery page, for staff with deliveries.manage (the page leaves it out for anyone else).
export function DeliveryActions(props: DeliveryActionsProps) {
  const router = useRouter();
  const [open, setOpen] = useState<Kind | null>(null);
  const [reason, setReason] = useState("");
  const [fieldError, setFieldError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [pending, startTransition] = useTransition();
  const isEmail = props.channel === "EMAIL";
  const to = props.currentAddress ?? "(no email address now)";

  const DIALOGS: Record<Kind, { button: string; title: string; confirm: string; tone?: "danger"; needsReason: boolean; body: string; shown: boolean; sendsTo?: boolean }> = {
    resend: {
      button: "Resend…", title: "Resend this notice?", sendsTo: true, confirm: "Resend", needsReason: true, shown: isEmail && props.status === "SENT" && !props.isResend,
      body: "A new message, with a new Message-ID, goes to the contact's current address. It lists what is still true today (a book returned since is left out). The resend and your reason are recorded in the audit log.",
    },
    cancel: {
      button: "Cancel sending…", title: "Cancel this delivery?", confirm: "Cancel delivery", tone: "danger", needsReason: true,
      shown: isEmail && (props.status === "PLANNED" || props.status === "QUEUED"),
      body: "It will not be sent, even if the worker already has it in its queue. This cannot be undone.",
    },
    "settle-sent": {
      button: "Settle as sent…", title: "Settle as sent?", confirm: "Settle as sent", needsReason: true, shown: props.status === "UNKNOWN",
      body: "Only when you have checked that the message arrived (with the patron, or in the mail server's log). The notices are marked sent and the level's processing charge, if any, is posted to the patron's account.",
    },
    "settle-not-sent": {
      button: "Settle as not sent…", title: "Settle as not sent?", confirm: "Settle as not sent", tone: "danger", needsReason: true, shown: props.status === "UNKNOWN",
      body: "The delivery is marked failed, with your name and reason. You can then retry it.",
    },
    retry: {
      button: "Retry…", title: "Send this delivery again?", sendsTo: true, confirm: "Retry", needsReason: false, shown: isEmail && props.status === "FAILED",
      body: `It goes to the contact's address as it is now: correct the address on the patron's page first if it was wrong.${props.lastError ? ` Why it failed: ${props.lastError}.` : ""}`,
    },
  };

  const close = () => { setOpen(null); setReason(""); setFieldError(undefined); setFormError(undefined); };
  const run = (kind: Kind) => startTransition(async () => {
    const base = { deliveryId: props.deliveryId };
    let result: ActionResult<unknown>;
    if (kind === "resend") result = await resendDeliveryAction({ ...base, reason, expectedResends: props.resendCount });
    else if (kind === "cancel") result = await cancelDeliveryAction({ ...base, reason });
    else if (kind === "retry") result = await retryDeliveryAction({ ...base, expectedAttempts: props.attempts });
    else result = await settleDeliveryAction({ ...base, reason, outcome: kind === "settle-sent" ? "sent" : "not-sent" });
    if (!result.ok) {
      setFieldError(result.fieldErrors?.reason?.[0]);
      setFormError(result.fieldErrors?.reason ? undefined : result.error);
      return;
    }
    close();
    setDone(result.message);
    router.refresh();
  });

  const shown = (Object.keys(DIALOGS) as Kind[]).filter((k) => DIALOGS[k].shown);
  const dialog = open ? DIALOGS[open] : null;
  return (
    <div className="space-y-2">
      {shown.length > 0 && (
        <div className="flex flex-wrap gap-2" role="group" aria-label="Actions on this delivery">
          {shown.map((k) => (
            <Button key={k} variant={DIALOGS[k].tone === "danger" ? "danger" : "outline"} onClick={() => { setDone(undefined); setOpen(k); }}>{DIALOGS[k].button}</Button>
          ))}
        </div>
      )}
      <p role="status" aria-live="polite" className="text-sm text-green-900" data-testid="action-result">{done}</p>
      <ConfirmDialog open={!!dialog} title={dialog?.title ?? ""} confirmLabel={dialog?.confirm ?? ""} tone={dialog?.tone}
        cancelLabel={open === "cancel" ? "Keep it" : undefined} pending={pending} onCancel={close} onConfirm={() => open && run(open)}>
        {dialog?.sendsTo && <p>To: <strong className="break-all" data-testid="action-to">{to}</strong></p>}
        <p>{dialog?.body}</p>
        {dialog?.needsReason && (
          <Field id="action-reason" label="Reason (required)" hint="Recorded in the audit log with your name." error={fieldError}>
            <textarea id="action-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={500}
              aria-invalid={!!fieldError} aria-describedby="action-reason-hint action-reason-error" className={inputClass} />
          </Field>
        )}
        {formError && <p role="alert" className="rounded-md bg-red-50 p-2 text-red-800" data-testid="action-error">{formError}</p>}
      </ConfirmDialog>
    </div>
  );
}
