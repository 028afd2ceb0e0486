// A staff action on a delivery (its audit row) in plain words, for the audit log and the delivery page alike.
type Details = { reason?: string; resendId?: number; address?: string; previousAddress?: string | null; messageId?: string; was?: string; chargesPosted?: string[] };

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

export function describeDeliveryAction(action: string, details: unknown): string[] {
  const d = (details && typeof details === "object" ? details : {}) as Details;
  const reason = str(d.reason) ? [`Reason: ${d.reason}`] : [];
  switch (action) {
    case "delivery.resend":
      return [`Resent as delivery #${d.resendId} to ${d.address}`, ...(d.messageId ? [`New Message-ID ${d.messageId}`] : []), ...reason];
    case "delivery.cancel":
      return [`Cancelled before sending (it was ${str(d.was)?.toLowerCase() ?? "waiting"})`, ...reason];
    case "delivery.settle-sent":
      return ["Unknown outcome settled as sent",
        d.chargesPosted?.length ? `Processing charge posted: ${d.chargesPosted.join(", ")}` : "No processing charge to post", ...reason];
    case "delivery.settle-not-sent":
      return ["Unknown outcome settled as not sent: marked failed, so it can be retried", ...reason];
    case "delivery.retry":
      return [d.previousAddress && d.previousAddress !== d.address ? `Sent again to ${d.address} (was ${d.previousAddress})` : `Sent again to ${d.address}`];
    default:
      return [action];
  }
}

/** The audit row's action as a short title: "Resend", "Cancel", … */
export const DELIVERY_ACTION_TITLES: Record<string, string> = {
  "delivery.resend": "Resend", "delivery.cancel": "Cancel", "delivery.settle-sent": "Settled as sent",
  "delivery.settle-not-sent": "Settled as not sent", "delivery.retry": "Retry",
};
