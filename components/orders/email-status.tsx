import { StatusBadge } from "@/components/deliveries/status-badge";
import type { DeliveryStatus } from "@/lib/generated/prisma/enums";
import { EMAIL_STATUS_LABELS } from "@/lib/orders/email/schemas";

// An order email's status in plain words ("Waiting to send", "Failed"), tinted as the delivery log tints its statuses.
export function EmailStatus({ status }: { status: DeliveryStatus }) {
  return <StatusBadge status={status} label={EMAIL_STATUS_LABELS[status]} />;
}
