"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, failureText, inputClass } from "@/components/ui/field";
import { requestRunAction } from "@/lib/notices/run-actions";

type Mode = "now" | "replay";

// "Run now" and "Replay a date": each asks first, then the worker plans the run and staff land on its page. The
// request key is made when the dialog opens, so a double click (or a retry after a lost answer) finds the same run.
export function StartRunButtons(props: { scenarios: { id: number; name: string }[]; today: string }) {
  const router = useRouter();
  const [mode, setMode] = useState<Mode | null>(null);
  const [requestKey, setRequestKey] = useState("");
  const [date, setDate] = useState("");
  const [chosen, setChosen] = useState<number[]>([]);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState("");
  const [pending, startTransition] = useTransition();

  const open = (m: Mode) => {
    setMode(m);
    setRequestKey(crypto.randomUUID());
    setErrors({});
    setFailure("");
  };
  const confirm = () => startTransition(async () => {
    const result = await requestRunAction({ mode, date: mode === "replay" ? date : undefined, scenarioIds: chosen, requestKey });
    if (!result.ok) {
      setErrors(result.fieldErrors ?? {});
      setFailure(failureText(result));
      return;
    }
    router.push(`/notices/runs/${result.data.runId}`);
  });
  const toggle = (id: number) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  const which = chosen.length === 0 ? "every enabled scenario" : `${chosen.length} ${chosen.length === 1 ? "scenario" : "scenarios"}`;

  return (
    <div className="flex flex-wrap gap-2">
      <Button onClick={() => open("now")}>Run now</Button>
      <Button variant="outline" onClick={() => open("replay")}>Replay a date</Button>
      <ConfirmDialog open={mode !== null} pending={pending} onConfirm={confirm} onCancel={() => setMode(null)}
        title={mode === "now" ? `Run today's notices now (${props.today})?` : "Replay a date?"}
        confirmLabel={pending ? "Starting…" : mode === "now" ? "Run now" : "Replay this date"}>
        {mode === "now" ? (
          <p>Plans today&apos;s notices for {which} now and sends the emails. Notices already sent today are not sent again;
            tonight&apos;s scheduled run still runs and sends only what is new by then.</p>
        ) : (
          <>
            <p>Plans the chosen date as it was and sends <strong>only what was never sent for that date</strong>. Notices
              already sent for it are not sent again.</p>
            <Field id="replay-date" label="Date" error={errors.date?.[0]} hint={`Today (${props.today}) or earlier.`}>
              <input id="replay-date" type="date" value={date} max={props.today} onChange={(e) => {
                  setDate(e.target.value);
                  setErrors(({ date: _, ...rest }) => rest);
                  setFailure("");
                }}
                aria-invalid={errors.date ? true : undefined} aria-describedby="replay-date-hint replay-date-error" className={inputClass} />
            </Field>
          </>
        )}
        <fieldset aria-describedby="run-scenarios-error">
          <legend className="text-sm font-medium">Scenarios <span className="font-normal text-zinc-600">(none ticked: all)</span></legend>
          <div className="mt-1 max-h-40 space-y-1 overflow-y-auto">
            {props.scenarios.map((s) => (
              <label key={s.id} className="flex items-center gap-2">
                <input type="checkbox" checked={chosen.includes(s.id)} onChange={() => toggle(s.id)} /> {s.name}
              </label>
            ))}
          </div>
          <p id="run-scenarios-error" aria-live="polite" className="text-sm text-red-700">{errors.scenarioIds?.[0]}</p>
        </fieldset>
        <p role="status" className="text-sm text-red-700" data-testid="start-run-error">{failure}</p>
      </ConfirmDialog>
    </div>
  );
}
