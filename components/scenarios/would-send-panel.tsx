"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { previewScenarioChangeAction } from "@/lib/scenarios/actions";
import type { RunCounts } from "@/lib/scenarios/preview-change";
import { ScenarioInput, type ScenarioInputValues, type ScenarioSave } from "@/lib/scenarios/schemas";
import { formatDate } from "@/lib/time/library-date";

// "What would this change send?": the next run counted per level as saved and as edited, by the planner in a dry run
// (nothing written). Counted half a second after the last change, one count at a time (each is a pass over every
// patron: seconds on a large library; server actions cannot be cancelled, so a newer edit waits for the count in
// hand, then only the latest edit is counted). The saved configuration is counted once, when the editor opens.
export function WouldSendPanel() {
  const { control } = useFormContext<ScenarioInputValues>();
  const values = useWatch({ control });
  const [current, setCurrent] = useState<RunCounts | null | undefined>(undefined);
  const [edited, setEdited] = useState<RunCounts | null>(null);
  const [counting, setCounting] = useState(false);
  const [failure, setFailure] = useState("");
  const inFlight = useRef(false);
  const latest = useRef<ScenarioSave | null>(null);
  const hasCurrent = useRef(false);
  const unmounted = useRef(false);
  useEffect(() => () => { unmounted.current = true; }, []);
  const key = JSON.stringify(values);
  const parsed = useMemo(() => ScenarioInput.safeParse(JSON.parse(key)), [key]);

  useEffect(() => {
    if (!parsed.success) return;
    const timer = setTimeout(() => {
      latest.current = parsed.data;
      if (!inFlight.current) void countLatest();
    }, 500);
    return () => clearTimeout(timer);

    async function countLatest() {
      inFlight.current = true;
      setCounting(true);
      while (latest.current && !unmounted.current) {
        const input = latest.current;
        latest.current = null;
        // The first count is of the form as opened, which is the saved configuration: counted once, shown in both columns.
        const r = await previewScenarioChangeAction(input, hasCurrent.current ? "edited" : "saved");
        if (unmounted.current) return; // a save remounts the panel: the new one counts afresh
        if (r.ok) {
          if (!hasCurrent.current) { setCurrent(r.data.current); hasCurrent.current = true; }
          setEdited(r.data.edited);
          setFailure("");
        } else setFailure(r.error);
      }
      inFlight.current = false;
      setCounting(false);
    }
  }, [parsed]);

  const levels = edited ? [...new Set([...(current?.levels ?? []), ...edited.levels].map((l) => l.level))].sort((a, b) => a - b) : [];
  const cell = (run: RunCounts | null | undefined, level: number) => {
    const c = run?.levels.find((l) => l.level === level);
    return c ? `${c.patrons.toLocaleString("en-GB")} patrons · ${c.notices.toLocaleString("en-GB")} notices` : "—";
  };
  const heading = (run: RunCounts | null | undefined, what: string) =>
    run ? `${what}: ${formatDate(run.runDate)}${run.enabled ? "" : " (switched off: would not run)"}` : `${what}: not saved yet`;
  return (
    <section aria-labelledby="would-send-title" className="space-y-2 rounded-lg border border-blue-200 bg-blue-50 p-4" data-testid="would-send">
      <h2 id="would-send-title" className="font-medium">What would this change send?</h2>
      <p className="text-sm text-zinc-700">The next run, counted on today&apos;s patrons and loans as saved and with your changes. Nothing is sent or
        recorded. On a large library a count takes a few seconds.</p>
      <p aria-live="polite" className="text-sm text-zinc-700" data-testid="would-send-state">
        {!parsed.success ? "Fill in the fields above, and correct any marked in red, to see the counts." : counting ? "Counting…" : failure}
      </p>
      {edited && (
        <table className="w-full text-sm" aria-busy={counting}>
          <caption className="sr-only">Patrons and notices per level on the next run, as saved and as edited</caption>
          <thead className="text-left text-zinc-700">
            <tr><th scope="col" className="py-1">Level</th><th scope="col">{heading(current, "As saved")}</th><th scope="col">{heading(edited, "With your changes")}</th></tr>
          </thead>
          <tbody>
            {levels.map((level) => (
              <tr key={level} className="border-t border-blue-100" data-testid={`would-send-level-${level}`}>
                <th scope="row" className="py-1 text-left font-normal">Level {level}</th>
                <td className="tabular-nums" data-testid="as-saved">{cell(current, level)}</td>
                <td className="tabular-nums" data-testid="as-edited">{cell(edited, level)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
