"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { RunProgressView } from "@/lib/notices/run-progress";

const STATUS_WORDS: Record<string, string> = {
  PLANNED: "Waiting", QUEUED: "Queued", SENDING: "Sending", SENT: "Sent", FAILED: "Failed", UNKNOWN: "Outcome unknown",
  SKIPPED: "Skipped", CANCELLED: "Cancelled",
};
const CHANNEL_WORDS: Record<string, string> = { EMAIL: "Email", PRINT: "Print", SMS: "Text message" };
const STILL_MOVING = new Set(["waiting", "planning", "sending"]);
const n = (x: number) => x.toLocaleString("en-GB");

// The run's bar and its counts by status and channel, asked for every 2 s while the run plans or sends (and the tab is
// visible). Once done it stops and refreshes the page once, so the counts by scenario and level are the final ones.
export function RunProgress(props: { initial: RunProgressView; logLink: string }) {
  const [view, setView] = useState(props.initial);
  const router = useRouter();
  const moving = STILL_MOVING.has(view.phase);
  useEffect(() => {
    if (!moving) return;
    let stopped = false;
    const timer = setInterval(async () => {
      if (document.visibilityState !== "visible") return;
      const res = await fetch(`/api/notices/runs/${view.id}/progress`, { cache: "no-store" }).catch(() => null);
      if (!res?.ok || stopped) return;
      const next = (await res.json()) as RunProgressView;
      setView(next);
      if (!STILL_MOVING.has(next.phase)) router.refresh();
    }, 2000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [moving, view.id, router]);

  const bar = view.phase === "failed" ? "bg-red-700" : view.phase === "done" ? "bg-green-700" : "bg-blue-800";
  const statuses = Object.entries(view.byStatus).sort((a, b) => b[1] - a[1]);
  return (
    <section aria-labelledby="progress-title" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4">
      <h2 id="progress-title" className="font-semibold">Progress</h2>
      <div role="progressbar" aria-label={`Run #${view.id} progress`} aria-valuemin={0} aria-valuemax={100}
        aria-valuenow={view.percent} aria-valuetext={view.text} data-phase={view.phase} data-testid="run-progress"
        className="h-3 w-full overflow-hidden rounded-full bg-zinc-200">
        <div className={`h-full ${bar} transition-[width] duration-500`} style={{ width: `${view.percent}%` }} />
      </div>
      <p aria-live="polite" className="text-sm" data-testid="run-progress-text">{view.text}</p>
      {view.phase === "done" && (view.waiting.print > 0 || view.waiting.sms > 0) && (
        <p className="text-sm text-zinc-700" data-testid="run-waiting">
          {view.waiting.print > 0 && <>{n(view.waiting.print)} printed {view.waiting.print === 1 ? "notice waits" : "notices wait"} for the print form. </>}
          {view.waiting.sms > 0 && <>{n(view.waiting.sms)} text {view.waiting.sms === 1 ? "message waits" : "messages wait"} for a text message service.</>}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <CountTable caption="Deliveries by status" testId="by-status" empty={moving ? "None yet." : "None."}
          rows={statuses.map(([s, c]) => ({ key: s, label: STATUS_WORDS[s] ?? s, count: c, href: `${props.logLink}&status=${s}` }))} />
        <CountTable caption="Deliveries by channel" testId="by-channel" empty={moving ? "None yet." : "None."}
          rows={Object.entries(view.byChannel).map(([ch, c]) => ({ key: ch, label: CHANNEL_WORDS[ch] ?? ch, count: c, href: `${props.logLink}&channel=${ch}` }))} />
      </div>
    </section>
  );
}

function CountTable(props: { caption: string; testId: string; empty: string; rows: { key: string; label: string; count: number; href: string }[] }) {
  return (
    <table className="w-full text-sm" data-testid={props.testId}>
      <caption className="text-left text-sm font-medium text-zinc-700">{props.caption}</caption>
      <tbody>
        {props.rows.length === 0 && <tr><td className="py-1 text-zinc-600">{props.empty}</td></tr>}
        {props.rows.map((r) => (
          <tr key={r.key} className="border-t border-zinc-100" data-key={r.key}>
            <th scope="row" className="py-1 text-left font-normal">
              <Link href={r.href} className="text-blue-800 underline">{r.label}</Link>
            </th>
            <td className="py-1 text-right tabular-nums">{n(r.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
