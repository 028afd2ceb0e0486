"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Controller, FormProvider, useFieldArray, useForm, useWatch } from "react-hook-form";
import { buttonClass, Button } from "@/components/ui/button";
import { TransferList } from "@/components/ui/transfer-list";
import type { NoticeKind } from "@/lib/generated/prisma/enums";
import { KINDS } from "@/lib/notices/kinds";
import { saveScenarioAction } from "@/lib/scenarios/actions";
import { describeSchedule, WEEKDAYS } from "@/lib/scenarios/describe-schedule";
import { kindFields } from "@/lib/scenarios/kind-fields";
import type { ScenarioOptions } from "@/lib/scenarios/queries";
import { formPath, ScenarioInput, type ScenarioInputValues, type ScenarioSave } from "@/lib/scenarios/schemas";
import { CHANNEL_LABELS, CheckboxGroup, FormCheckbox, FormInput, FormSelect, Section } from "./form-bits";
import { EXCLUSION_LABELS, EXCLUSION_OPTIONS, LevelFields } from "./level-fields";
import { WouldSendPanel } from "./would-send-panel";

// The scenario editor: every field of a scenario and its levels, only those its kind uses. Read-only staff see the same
// form disabled, without Save (the action refuses them anyway).
export function ScenarioForm(props: { defaults: ScenarioInputValues; options: ScenarioOptions; canEdit: boolean }) {
  const router = useRouter();
  const form = useForm<ScenarioInputValues, unknown, ScenarioSave>({ resolver: zodResolver(ScenarioInput), defaultValues: props.defaults, mode: "onBlur" });
  const { control, handleSubmit, setError, setValue } = form;
  const levels = useFieldArray({ control, name: "levels" });
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  // The would-send panel counts "as saved" once when it mounts: a new key after each save recounts it.
  const [savedVersion, setSavedVersion] = useState(props.defaults.expectedUpdatedAt ?? "new");
  const kind = props.defaults.kind as NoticeKind;
  const f = kindFields(kind);
  const isNew = props.defaults.id === undefined;
  const schedule = useWatch({ control, name: ["frequency", "weekday", "monthDay", "runAt"] });
  const levelsErrors = form.formState.errors.levels;
  const levelsError = levelsErrors?.message ?? levelsErrors?.root?.message;

  const save = handleSubmit((values) => startTransition(async () => {
    setStatus(null);
    const r = await saveScenarioAction(values);
    if (!r.ok) {
      for (const [field, messages] of Object.entries(r.fieldErrors ?? {})) setError(formPath(field) as never, { message: messages[0] });
      setStatus({ ok: false, text: r.error });
      return;
    }
    setStatus({ ok: true, text: r.message ?? "Saved." });
    if (isNew) router.push(`/scenarios/${r.data.id}`);
    else { setValue("expectedUpdatedAt", r.data.updatedAt); setSavedVersion(r.data.updatedAt); router.refresh(); }
  }), () => setStatus({ ok: false, text: "Not saved: correct the fields marked in red." }));

  const words = (() => {
    const [frequency, weekday, monthDay, runAt] = schedule;
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(runAt ?? "")) return "—";
    const missing = (v: unknown) => v === null || v === undefined || v === "";
    if ((frequency === "WEEKLY" && missing(weekday)) || (frequency === "MONTHLY" && missing(monthDay))) return "—";
    return describeSchedule({ frequency: frequency ?? "DAILY", weekday: weekday === null || weekday === undefined || weekday === "" ? null : Number(weekday),
      monthDay: monthDay === null || monthDay === undefined || monthDay === "" ? null : Number(monthDay), runAt: runAt! }, props.options.timeZone);
  })();

  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={save} className="space-y-4" aria-label={`Scenario: ${props.defaults.name}`}>
        <fieldset disabled={!props.canEdit || pending} className="space-y-4">
          <Section title="General" id="general-title" description={`${KINDS[kind].label}. Period means ${KINDS[kind].period}.`}>
            <div className="grid gap-3 sm:grid-cols-3">
              <FormInput path="name" label="Name" className="sm:col-span-2" />
              {isNew ? <FormInput path="code" label="Code" hint="Used by the API and the command line, e.g. overdue-juniors. Cannot change later." />
                : <div><p className="text-sm font-medium">Code</p><p className="mt-2 font-mono text-sm">{props.defaults.code}</p></div>}
            </div>
            <FormCheckbox path="isEnabled" label="Switched on: this scenario runs on its schedule" />
          </Section>

          <Section title="Schedule" id="schedule-title" description={<>Runs <strong data-testid="schedule-words">{words}</strong>.</>}>
            <div className="grid gap-3 sm:grid-cols-4">
              <FormSelect path="frequency" label="How often" options={[{ value: "DAILY", label: "Every day" }, { value: "WEEKLY", label: "Once a week" }, { value: "MONTHLY", label: "Once a month" }]} />
              {schedule[0] === "WEEKLY" && <FormSelect path="weekday" label="Day of the week" number options={WEEKDAYS.map((d, i) => ({ value: i, label: d }))} />}
              {schedule[0] === "MONTHLY" && <FormInput path="monthDay" label="Day of the month" inputMode="numeric" hint="1–31; 31 means the last day of every month." />}
              <FormInput path="runAt" label="Run time" hint={`HH:MM, ${props.options.timeZone}`} />
              {f.usesCatchUp && <FormInput path="catchUpDays" label="Catch-up window (days)" inputMode="numeric"
                hint="Events older than the period plus this many days are not notified when first found (so switching a scenario on does not mail patrons about old events). Empty: no limit." />}
            </div>
          </Section>

          <Section title="Delivery" id="delivery-title">
            <CheckboxGroup path="restrictChannels" legend="Only send by" labels={CHANNEL_LABELS} hint="None ticked: the patron's preferred method. Ticked: the notice goes only by these (several may be ticked)." />
            <FormCheckbox path="printOverride" label="Always print (a letter even for patrons with email)" />
            <FormInput path="separationGroup" label="Separation group" className="max-w-sm" hint="Notices of scenarios in different groups are never combined into one message." />
          </Section>

          <Section title="Who receives it" id="who-title" description="Patrons of the categories sent to, minus the ones excluded.">
            <div className="grid gap-4 lg:grid-cols-2">
              <Controller control={control} name="includeCategoryIds" render={({ field, fieldState }) => (
                <TransferList label="Only these patron categories" chosenLabel="Sent to" options={props.options.categories} value={(field.value ?? []).map(Number)}
                  onChange={field.onChange} error={fieldState.error?.message} hint="None chosen: every category. Two switched-on scenarios of one kind may not share a category." />
              )} />
              {(Object.keys(EXCLUSION_LABELS) as (keyof typeof EXCLUSION_LABELS)[]).map((key) => (
                <Controller key={key} control={control} name={key} render={({ field, fieldState }) => (
                  <TransferList label={`Excluded ${EXCLUSION_LABELS[key].toLowerCase()}`} chosenLabel="Excluded" options={props.options[EXCLUSION_OPTIONS[key]]}
                    value={(field.value ?? []).map(Number)} onChange={field.onChange} error={fieldState.error?.message} />
                )} />
              ))}
            </div>
          </Section>

          <Section title={f.isLevelled ? "Escalation levels" : "The notice"} id="levels-title"
            description={f.isLevelled ? "A patron gets one message at the highest level any of their loans has reached. Each level must come after the one before." : undefined}>
            {levelsError && <p role="alert" className="text-sm text-red-700">{levelsError}</p>}
            {levels.fields.map((field, index) => (
              <LevelFields key={field.id} kind={kind} index={index} count={levels.fields.length} options={props.options} disabled={!props.canEdit || pending}
                onMove={(to) => levels.move(index, to)} onRemove={() => levels.remove(index)} />
            ))}
            {f.isLevelled && (
              <Button variant="outline" onClick={() => {
                const last = form.getValues(`levels.${levels.fields.length - 1}`);
                levels.append({ ...last, id: undefined, isEnabled: true, periodDays: last?.periodDays === null ? null : Number(last?.periodDays ?? 0) + 7 });
              }}>Add a level</Button>
            )}
          </Section>
        </fieldset>

        <WouldSendPanel key={savedVersion} />

        {props.canEdit ? (
          <div className="flex items-center gap-3">
            <button type="submit" disabled={pending} className={buttonClass("primary")}>{pending ? "Saving…" : isNew ? "Create scenario" : "Save"}</button>
            <p aria-live="polite" role="status" data-testid="save-status" className={status?.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>{status?.text}</p>
          </div>
        ) : (
          <p className="text-sm text-zinc-700" data-testid="read-only-note">You can look at this scenario; an administrator or circulation staff member can change it.</p>
        )}
      </form>
    </FormProvider>
  );
}
