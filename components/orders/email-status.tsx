import { EMAIL_STATUS_LABELS } from "@/lib/orders/email/schemas";

// An order email's status in plain words ("Waiting to send", "Failed"), tinted as the delivery log tints its statuses.
const TONES: Record<string, string> = {
  SENT: "bg-green-100 text-green-900",
  PLANNED: "bg-zinc-100 text-zinc-800",
  QUEUED: "bg-blue-100 text-blue-900",
  SENDING: "bg-blue-100 text-blue-900",
  FAILED: "bg-red-100 text-red-900",
  UNKNOWN: "bg-amber-100 text-amber-900",
  SKIPPED: "bg-zinc-100 text-zinc-700",
  CANCELLED: "bg-zinc-100 text-zinc-700",
};

export function EmailStatus({ status }: { status: string }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${TONES[status] ?? TONES.PLANNED}`}>{EMAIL_STATUS_LABELS[status] ?? status.toLowerCase()}</span>;
}
