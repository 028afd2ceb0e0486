import Form from "next/form";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { RUN_DATE_RANGE } from "@/lib/notices/preview-query";

// The date (and scenario) to preview: a plain GET form, so a preview is a URL staff can reload or share. Errors are
// the server's, beside their field.
export function PreviewDateForm(props: {
  date: string; scenario: string; scenarios: { code: string; name: string }[];
  errors: { date?: string | null; scenario?: string | null }; timeZone: string;
}) {
  const invalid = (e?: string | null) => (e ? true : undefined);
  return (
    <Form action="/notices/preview" className="flex flex-wrap items-start gap-3 rounded-lg border border-zinc-200 bg-white p-3" aria-label="Preview a date">
      <Field id="date" label="Run date" hint={`In ${props.timeZone}`} error={props.errors.date ?? undefined} className="w-48">
        <input id="date" name="date" type="date" required min={RUN_DATE_RANGE.from} max={RUN_DATE_RANGE.to} defaultValue={props.date}
          aria-invalid={invalid(props.errors.date)} aria-describedby="date-hint date-error" className={inputClass} />
      </Field>
      <Field id="scenario" label="Scenario" error={props.errors.scenario ?? undefined} className="w-72">
        <select id="scenario" name="scenario" defaultValue={props.scenario} aria-invalid={invalid(props.errors.scenario)}
          aria-describedby="scenario-error" className={inputClass}>
          <option value="">Every enabled scenario</option>
          {props.scenarios.map((s) => <option key={s.code} value={s.code}>{s.name}</option>)}
        </select>
      </Field>
      <div className="pt-6"><button type="submit" className={buttonClass("primary")}>Preview</button></div>
    </Form>
  );
}
