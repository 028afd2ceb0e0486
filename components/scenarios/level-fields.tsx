"use client";

import Link from "next/link";
import { Controller, useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { TransferList } from "@/components/ui/transfer-list";
import type { NoticeKind } from "@/lib/generated/prisma/enums";
import { KINDS } from "@/lib/notices/kinds";
import { AMOUNT_HELP, kindFields } from "@/lib/scenarios/kind-fields";
import type { ScenarioOptions } from "@/lib/scenarios/queries";
import type { ScenarioInputValues } from "@/lib/scenarios/schemas";
import { CheckboxGroup, CONTACT_LABELS, FormCheckbox, FormInput, FormSelect, useFieldError } from "./form-bits";

// One level of a scenario: only the fields its kind uses, with the kind's "Period means …" as the period's help.
export function LevelFields(props: {
  kind: NoticeKind; index: number; count: number; options: ScenarioOptions; disabled: boolean;
  onMove: (to: number) => void; onRemove: () => void;
}) {
  const { control } = useFormContext<ScenarioInputValues>();
  const { index: i, kind } = props;
  const f = kindFields(kind);
  const templateId = useWatch({ control, name: `levels.${i}.templateId` });
  const level = useWatch({ control, name: `levels.${i}` });
  const isEnabled = level?.isEnabled;
  const levelError = useFieldError(`levels.${i}`);
  const n = i + 1;
  return (
    <div className={`space-y-3 rounded-md border p-3 ${isEnabled ? "border-zinc-200" : "border-dashed border-zinc-300 bg-zinc-50"}`} data-testid={`level-${n}`}>
      <div className="flex flex-wrap items-center gap-3">
        <h3 className="font-medium">{f.isLevelled ? `Level ${n}` : "Notice"}{isEnabled ? "" : " (switched off)"}</h3>
        {f.isLevelled && (
          <div className="ml-auto flex gap-1">
            <Button variant="outline" disabled={props.disabled || i === 0} onClick={() => props.onMove(i - 1)} aria-label={`Move level ${n} up`}>↑</Button>
            <Button variant="outline" disabled={props.disabled || i === props.count - 1} onClick={() => props.onMove(i + 1)} aria-label={`Move level ${n} down`}>↓</Button>
            <Button variant="danger" disabled={props.disabled || props.count === 1} onClick={props.onRemove}>Remove level {n}</Button>
          </div>
        )}
      </div>
      {levelError && <p className="text-sm text-red-700" role="alert">{levelError}</p>}
      {f.isLevelled && <FormCheckbox path={`levels.${i}.isEnabled`} label="This level is sent" hint="A level with notices already recorded can be switched off; it cannot be deleted." />}
      <div className="grid gap-3 sm:grid-cols-3">
        {f.usesPeriod && <FormInput path={`levels.${i}.periodDays`} label={f.isLevelled ? `Level ${n}: days` : "Period (days)"} inputMode="numeric"
          hint={`Period means ${KINDS[kind].period}.`} />}
        {f.amount !== "none" && <FormInput path={`levels.${i}.amount`} label={kind === "LF" ? `Level ${n}: fines reached` : "Minimum balance"} inputMode="decimal"
          hint={AMOUNT_HELP[kind]} />}
        <div>
          <FormSelect path={`levels.${i}.templateId`} label="Wording (template)" number
            options={[{ value: "", label: "Choose…" }, ...props.options.templates.map((t) => ({ value: t.id, label: t.name }))]} />
          {Number(templateId) > 0 && <Link href={`/templates/${templateId}`} className="text-sm text-blue-800 underline">Edit this wording</Link>}
        </div>
      </div>
      <CheckboxGroup path={`levels.${i}.contactKinds`} legend="Who receives it" labels={CONTACT_LABELS}
        hint="The patron and any of their contacts of these kinds (a parent for a junior, say)." />
      <details className="text-sm">
        <summary className="cursor-pointer text-blue-800">Charges, printing and grouping</summary>
        <div className="mt-2 grid gap-3 sm:grid-cols-2">
          <FormInput path={`levels.${i}.processingChargeCode`} label="Processing charge code" hint="Charged to the patron when this notice is sent, e.g. ODUE2." />
          <FormInput path={`levels.${i}.processingChargeAmount`} label="Processing charge amount" inputMode="decimal" />
          <FormInput path={`levels.${i}.printMedia`} label="Print media" hint="The paper or form a printed letter uses, e.g. A4 or postcard." />
          <FormInput path={`levels.${i}.separationGroup`} label="Separation group" hint="Overrides the scenario's: notices in different groups go as separate messages." />
          <FormCheckbox path={`levels.${i}.showItemCost`} label="Show each item's replacement cost" />
        </div>
      </details>
      {f.isLevelled && (
        <details className="text-sm" open={hasLevelExclusions(level)}>
          <summary className="cursor-pointer text-blue-800">Patrons this level is not sent to</summary>
          <div className="mt-2 grid gap-3 lg:grid-cols-2">
            {(["excludeCategoryIds", "excludeAcademicLevelIds", "excludeLibraryGroupIds"] as const).map((key) => (
              <Controller key={key} control={control} name={`levels.${i}.${key}`} render={({ field, fieldState }) => (
                <TransferList label={EXCLUSION_LABELS[key]} chosenLabel="Excluded" disabled={props.disabled}
                  options={props.options[EXCLUSION_OPTIONS[key]]} value={(field.value ?? []).map(Number)} onChange={field.onChange} error={fieldState.error?.message} />
              )} />
            ))}
          </div>
        </details>
      )}
    </div>
  );
}

export const EXCLUSION_LABELS = { excludeCategoryIds: "Patron categories", excludeAcademicLevelIds: "Academic levels", excludeLibraryGroupIds: "Library groups" } as const;
export const EXCLUSION_OPTIONS = { excludeCategoryIds: "categories", excludeAcademicLevelIds: "academicLevels", excludeLibraryGroupIds: "libraryGroups" } as const;

function hasLevelExclusions(level: ScenarioInputValues["levels"][number] | undefined) {
  return !!level && level.excludeCategoryIds.length + level.excludeAcademicLevelIds.length + level.excludeLibraryGroupIds.length > 0;
}
