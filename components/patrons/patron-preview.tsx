import Form from "next/form";
import { DraftMessage } from "@/components/notices/draft-message";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { prisma } from "@/lib/db/client";
import { RUN_DATE_RANGE } from "@/lib/notices/preview-query";
import { previewPatron } from "@/lib/patrons/preview-patron";
import { formatDate, formatDateTime } from "@/lib/time/library-date";

// "What would this patron get on date X": a GET form (the date is in the URL as ?on=), answered below it.
export function PatronPreviewForm({ patronId, value, error }: { patronId: number; value: string; error: string | null }) {
  return (
    <Form action={`/patrons/${patronId}`} scroll={false} className="flex flex-wrap items-start gap-3" aria-label="What would this patron get on a date">
      <Field id="on" label="Run date" error={error ?? undefined} className="w-48">
        <input id="on" name="on" type="date" required min={RUN_DATE_RANGE.from} max={RUN_DATE_RANGE.to} defaultValue={value}
          aria-invalid={error ? true : undefined} aria-describedby="on-error" className={inputClass} />
      </Field>
      <div className="pt-6"><button type="submit" className={buttonClass("outline")}>Show what would go</button></div>
    </Form>
  );
}

export function PatronPreviewLoading({ date }: { date: string }) {
  return <p role="status" className="text-sm text-zinc-700">Working out what a run on {formatDate(date)} would send this patron…</p>;
}

export async function PatronPreviewResult({ patronId, date, timeZone }: { patronId: number; date: string; timeZone: string }) {
  const preview = await previewPatron(prisma, { patronId, runDate: date });
  if (preview.deliveries.length === 0) {
    const last = preview.lastTold;
    return (
      <div className="rounded-lg border border-dashed border-zinc-300 bg-white p-4 text-sm text-zinc-700" data-testid="patron-preview-nothing">
        <p className="font-medium">Nothing would go to this patron or their contacts on {formatDate(date)}.</p>
        <p className="mt-1 text-zinc-600">
          {last
            ? <>Already told: the last notice was planned on {formatDateTime(last.createdAt, timeZone)} ({[...new Set(last.notices.map((n) => `${n.scenario}${n.levels > 1 ? ` #${n.level}` : ""}`))].join(", ")}, {last.status.toLowerCase()}). A notice is sent once for each reason; an escalation goes again only when a loan reaches a new level.</>
            : "No notice is due for what they have out, reserved or owe on that date, and none has been sent to them before."}
        </p>
        {preview.excludedBy.length > 0 && (
          <p className="mt-1 text-zinc-600" data-testid="patron-preview-excluded">
            Left out by: {preview.excludedBy.map((e) => `${e.name} (${e.why})`).join("; ")}.
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="space-y-3" data-testid="patron-preview">
      <p className="text-sm">A run on {formatDate(date)} would send {preview.deliveries.length === 1 ? "one message" : `${preview.deliveries.length} messages`}:</p>
      <ul className="list-disc pl-5 text-sm" data-testid="patron-preview-summary">
        {preview.deliveries.map((d, i) => (
          <li key={i}>
            {d.messages.map((m) => `${m.scenario}${m.levels > 1 ? ` level ${m.level}` : ""} (${m.notices + m.alsoListed} ${m.notices + m.alsoListed === 1 ? "item" : "items"})`).join(" + ")}
            {" "}to {d.contactKind === "SELF" ? "the patron" : d.contactName} by {d.channel === "SMS" ? "SMS" : d.channel.toLowerCase()}
            {d.address ? ` (${d.address})` : ""}
          </li>
        ))}
      </ul>
      {preview.deliveries.map((d, i) => <DraftMessage key={i} sample={d} showPatron={false} />)}
    </div>
  );
}
