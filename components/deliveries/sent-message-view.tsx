import type { SentMessage } from "@/lib/deliveries/get-delivery";
import type { DeliveryStatus } from "@/lib/generated/prisma/enums";
import { formatDateTime } from "@/lib/time/library-date";

// The message exactly as it was handed to the SMTP server (stored at send time): the HTML part as the patron's mail
// program shows it, in a sandboxed frame (no scripts, no same-origin access), and the plain-text part.
export function SentMessageView({ message, status, timeZone }: { message: SentMessage | null; status: DeliveryStatus; timeZone: string }) {
  return (
    <section aria-labelledby="message-heading" className="space-y-2">
      <h2 id="message-heading" className="text-lg font-semibold">Message as sent</h2>
      {!message ? (
        <p className="rounded-lg border border-dashed border-zinc-300 bg-white p-4 text-sm text-zinc-600">
          {status === "SKIPPED" || status === "CANCELLED"
            ? "Nothing was sent: see the attempts above for the reason."
            : "No message stored yet. It is kept when the server answers a send (sent, failed or unknown)."}
        </p>
      ) : (
        <div className="space-y-2 rounded-lg border border-zinc-200 bg-white p-4">
          <dl className="grid grid-cols-1 gap-1 text-sm md:grid-cols-2">
            <div><dt className="inline text-zinc-600">From: </dt><dd className="inline">{message.from}</dd></div>
            <div><dt className="inline text-zinc-600">To: </dt><dd className="inline">{message.to}</dd></div>
            <div><dt className="inline text-zinc-600">Subject: </dt><dd className="inline" data-testid="sent-subject">{message.subject}</dd></div>
            <div><dt className="inline text-zinc-600">Date: </dt><dd className="inline">{message.date ? formatDateTime(message.date, timeZone) : "—"} · {(message.bytes / 1024).toFixed(1)} KB</dd></div>
          </dl>
          {message.html && (
            <iframe title="The message's HTML part, as the patron saw it" srcDoc={message.html} sandbox="" className="h-[36rem] w-full rounded border border-zinc-200" data-testid="sent-html" />
          )}
          <details>
            <summary className="cursor-pointer text-sm text-blue-800">Plain-text part</summary>
            <pre className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap rounded bg-zinc-50 p-3 text-xs" data-testid="sent-text">{message.text ?? "(none)"}</pre>
          </details>
        </div>
      )}
    </section>
  );
}
