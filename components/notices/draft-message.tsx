import Link from "next/link";
import type { PreviewSample } from "@/lib/notices/preview-date";

const KIND_LABELS: Record<string, string> = { SELF: "the patron", PARENT: "parent", GUARDIAN: "guardian", TEACHER: "teacher", OTHER: "other contact" };
const CHANNEL_LABELS: Record<string, string> = { EMAIL: "Email", SMS: "SMS", PRINT: "Print" };

// One message that would go, rendered by the sender's own code (lib/notices/render-draft.ts): the email's HTML in a
// sandboxed frame (no scripts, no same origin) as the delivery page shows a sent one, a printed one as its page of
// the print form, and the text part.
export function DraftMessage({ sample, showPatron = true, isLazy = false }: { sample: PreviewSample; showPatron?: boolean; isLazy?: boolean }) {
  const { rendered } = sample;
  const to = sample.contactKind === "SELF" ? sample.contactName : `${sample.contactName} (${KIND_LABELS[sample.contactKind] ?? sample.contactKind})`;
  return (
    <article className="space-y-2 rounded-lg border border-zinc-200 bg-white p-4" data-testid="draft-message">
      <dl className="grid grid-cols-1 gap-1 text-sm md:grid-cols-2">
        {showPatron && (
          <div><dt className="inline text-zinc-600">Patron: </dt><dd className="inline">
            <Link href={`/patrons/${sample.patronId}`} className="text-blue-800 underline">{sample.patronName}</Link>
            {sample.cardNumber && <span className="text-zinc-600"> · card {sample.cardNumber}</span>}
          </dd></div>
        )}
        <div><dt className="inline text-zinc-600">To: </dt><dd className="inline">{to}</dd></div>
        <div><dt className="inline text-zinc-600">By: </dt><dd className="inline" data-testid="draft-channel">{CHANNEL_LABELS[sample.channel]}
          {sample.address ? <span className="break-all"> · {sample.address}</span> : sample.channel === "PRINT" ? " · to the postal address" : ""}</dd></div>
        {rendered.ok && <div><dt className="inline text-zinc-600">Subject: </dt><dd className="inline" data-testid="draft-subject">{rendered.subject}</dd></div>}
      </dl>
      {!rendered.ok ? (
        <p className="text-sm text-zinc-700">Would not be sent: {rendered.reason}.</p>
      ) : (
        <>
          {sample.channel === "SMS" ? (
            <p className="text-sm text-zinc-600">SMS sending is not built yet; this is the text the message would carry.</p>
          ) : (
            <iframe title={`${sample.channel === "PRINT" ? "Printed letter" : "Email"} to ${to}, as they would see it`} srcDoc={rendered.html}
              sandbox="" loading={isLazy ? "lazy" : undefined} className="h-[32rem] w-full rounded border border-zinc-200" data-testid="draft-html" />
          )}
          <details open={sample.channel === "SMS"}>
            <summary className="cursor-pointer text-sm text-blue-800">Plain-text part</summary>
            <pre className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap rounded bg-zinc-50 p-3 text-xs" data-testid="draft-text">{rendered.text}</pre>
          </details>
        </>
      )}
    </article>
  );
}
