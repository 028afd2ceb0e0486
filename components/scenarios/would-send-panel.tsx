"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { previewScenarioChangeAction } from "@/lib/scenarios/actions";
import type { RunCounts } from "@/lib/scenarios/preview-change";
import { ScenarioInput, type ScenarioInputValues } from "@/lib/scenarios/schemas";
import { formatDate } from "@/lib/time/library-date";

type Answer = { current: RunCounts | null; edited: RunCounts };

// "What would this change send?": the next run counted per level as saved and as edited, by the planner in a dry run
// (nothing written). Recounted half a second after the last change; an answer to an older edit is dropped.
export function WouldSendPanel() {
  const { control } = useFormContext<ScenarioInputValues>();
  const values = useWatch({ control });
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [state, setState] = useState<"idle" | "counting" | "failed">("idle");
  const [failure, setFailure] = useState("");
  const request = useRef(0);
  const key = JSON.stringify(values);
  const parsed = useMemo(() => ScenarioInput.safeParse(JSON.parse(key)), [key]);

  useEffect(() => {
    if (!parsed.success) return;
    const mine = ++request.current;
    const timer = setTimeout(async () => {
      setState("counting");
      const r = await previewScenarioChangeAction(parsed.data);
      if (mine !== request.current) return;
      if (r.ok) { setAnswer(r.data); setState("idle"); } else { setFailure(r.error); setState("failed"); }
    }, 500);
    return () => clearTimeout(timer);
  }, [parsed]);

  const levels = answer ? [...new Set([...(answer.current?.levels ?? []), ...answer.edited.levels].map((l) => l.level))].sort((a, b) => a - b) : [];
  const cell = (run: RunCounts | null | undefined, level: number) => {
    const c = run?.levels.find((l) => l.level === level);
    return c ? `${c.patrons.toLocaleString("en-GB")} patrons · ${c.notices.toLocaleString("en-GB")} notices` : "—";
  };
  const heading = (run: RunCounts | null | undefined, what: string) =>
    run ? `${what}: ${formatDate(run.runDate)}${run.enabled ? "" : " (switched off: would not run)"}` : `${what}: not saved yet`;
  return (
    <section aria-labelledby="would-send-title" className="space-y-2 rounded-lg border border-blue-200 bg-blue-50 p-4" data-testid="would-send">
      <h2 id="would-send-title" className="font-medium">What would this change send?</h2>
      <p className="text-sm text-zinc-700">The next run, counted on today&apos;s patrons and loans as saved and with your changes. Nothing is sent or recorded.</p>
      <p aria-live="polite" className="text-sm text-zinc-700" data-testid="would-send-state">
        {!parsed.success ? "Correct the fields marked in red to see the counts." : state === "counting" ? "Counting…" : state === "failed" ? failure : ""}
      </p>
      {answer && (
        <table className="w-full text-sm" aria-busy={state === "counting"}>
          <caption className="sr-only">Patrons and notices per level on the next run, as saved and as edited</caption>
          <thead className="text-left text-zinc-700">
            <tr><th scope="col" className="py-1">Level</th><th scope="col">{heading(answer.current, "As saved")}</th><th scope="col">{heading(answer.edited, "With your changes")}</th></tr>
          </thead>
          <tbody>
            {levels.map((level) => (
              <tr key={level} className="border-t border-blue-100" data-testid={`would-send-level-${level}`}>
                <th scope="row" className="py-1 text-left font-normal">Level {level}</th>
                <td className="tabular-nums" data-testid="as-saved">{cell(answer.current, level)}</td>
                <td className="tabular-nums" data-testid="as-edited">{cell(answer.edited, level)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
