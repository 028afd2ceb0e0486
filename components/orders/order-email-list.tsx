import type { DeliveryStatus } from "@/lib/generated/prisma/enums";
import { EmailStatus } from "./email-status";
import { formatDateTime } from "@/lib/time/library-date";

export type OrderEmailRow = {
  id: number; kind: "ORDER" | "CLAIM"; claimLevel: number | null; resendOfId: number | null; reason: string | null;
  recipients: string[]; status: DeliveryStatus; smtpCode: number | null; reply: string | null; sentAt: Date | null; createdAt: Date;
  requestedBy: string;
};

/** What an email was, as staff say it: "Order", "Claim 2", "Order, sent again: <reason>". */
export function orderEmailWhat(e: Pick<OrderEmailRow, "kind" | "claimLevel" | "resendOfId" | "reason">): string {
  const base = e.kind === "CLAIM" ? `Claim ${e.claimLevel ?? ""}`.trim() : "Order";
  return e.resendOfId === null ? base : `${base}, sent again${e.reason ? `: ${e.reason}` : ""}`;
}

/** The server's reply with its code once ("250 2.0.0 queued as …"), or a dash. */
export function serverReply(e: Pick<OrderEmailRow, "smtpCode" | "reply">): string {
  if (!e.reply) return e.smtpCode === null ? "—" : String(e.smtpCode);
  return e.smtpCode !== null && !e.reply.startsWith(String(e.smtpCode)) ? `${e.smtpCode} ${e.reply}` : e.reply;
}

// Every email about one order, newest first: what it was, to whom, how it went (the server's own reply), when and by
// whom. Read by everyone; the buttons to send are on the order page, for acquisitions staff only.
export function OrderEmailList(props: { emails: OrderEmailRow[]; staffNames: Record<string, string>; timeZone: string }) {
  const who = (by: string) => (by === "claims schedule" ? "the daily claims" : props.staffNames[by] ?? by);
  return (
    <section aria-labelledby="order-emails-heading" className="space-y-2">
      <h2 id="order-emails-heading" className="text-lg font-semibold">Emails to the supplier</h2>
      {props.emails.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 bg-white p-4 text-sm text-zinc-600" data-testid="order-emails-empty">
          No email about this order yet. The order, its claims and anything sent again are listed here with the supplier&apos;s mail server&apos;s reply.
        </p>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
            <table className="w-full text-sm" data-testid="order-emails">
              <caption className="sr-only">Emails about this order, newest first</caption>
              <thead className="bg-zinc-50 text-left text-zinc-600">
                <tr><th scope="col" className="px-3 py-2">What</th><th scope="col" className="px-3 py-2">To</th><th scope="col" className="px-3 py-2">Status</th>
                  <th scope="col" className="px-3 py-2">Server&apos;s reply</th><th scope="col" className="px-3 py-2">When</th><th scope="col" className="px-3 py-2">By</th></tr>
              </thead>
              <tbody>
                {props.emails.map((e) => (
                  <tr key={e.id} className="border-t border-zinc-100 align-top" data-testid={`order-email-${e.id}`}>
                    <td className="px-3 py-2 font-medium">{orderEmailWhat(e)}</td>
                    <td className="px-3 py-2 break-all">{e.recipients.join(", ")}</td>
                    <td className="whitespace-nowrap px-3 py-2"><EmailStatus status={e.status} /></td>
                    <td className="px-3 py-2 break-words"><code className="text-xs">{serverReply(e)}</code></td>
                    <td className="whitespace-nowrap px-3 py-2">{e.sentAt ? formatDateTime(e.sentAt, props.timeZone) : <>asked {formatDateTime(e.createdAt, props.timeZone)}</>}</td>
                    <td className="px-3 py-2">{who(e.requestedBy)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {props.emails.some((e) => ["PLANNED", "QUEUED", "SENDING"].includes(e.status)) && (
            <p className="text-sm text-zinc-600">Emails waiting to send usually go within a minute. This page does not update by itself: reload it to see how they went.</p>
          )}
        </>
      )}
    </section>
  );
}
