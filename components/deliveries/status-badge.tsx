import type { DeliveryStatus } from "@/lib/generated/prisma/enums";

// One colour per delivery status, the same wherever a status is shown (text stays readable: AA contrast on each tint).
const TONES: Record<DeliveryStatus, string> = {
  SENT: "bg-green-100 text-green-900",
  PLANNED: "bg-zinc-100 text-zinc-800",
  QUEUED: "bg-blue-100 text-blue-900",
  SENDING: "bg-blue-100 text-blue-900",
  FAILED: "bg-red-100 text-red-900",
  UNKNOWN: "bg-amber-100 text-amber-900",
  SKIPPED: "bg-zinc-100 text-zinc-700",
  CANCELLED: "bg-zinc-100 text-zinc-700",
};

// `label`: the status in other words (an order email's "Waiting to send"), the same tint.
export function StatusBadge({ status, label }: { status: DeliveryStatus; label?: string }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${TONES[status]}`}>{label ?? status.toLowerCase()}</span>;
}
