"use client";

import { useState, useTransition } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, failureText, inputClass } from "@/components/ui/field";
import { saveLibrarySettingsAction } from "@/lib/settings/actions";
import type { FrameTranslations } from "@/lib/settings/frame-translations";
import { FrameTranslationsFields, rowsOf, translationsOf } from "./frame-translations-fields";
import type { LibrarySettingsValues } from "@/lib/settings/library-settings";

type Field = { name: keyof LibrarySettingsValues; label: string; hint?: string; type?: string; list?: string; wide?: boolean; area?: boolean };

const GROUPS: { title: string; description: string; fields: Field[] }[] = [
  { title: "The library", description: "How notices name the library and when its day ends.", fields: [
    { name: "name", label: "Library name", wide: true },
    { name: "timeZone", label: "Time zone", list: "time-zones", hint: "Type to search, e.g. Auckland. Every date and run time is in this zone." },
    { name: "closingTime", label: "Closing time", hint: "HH:MM, in the time zone above." },
    { name: "defaultLanguage", label: "Default language", hint: "For patrons whose language has no translation, e.g. en-GB or cy." },
    { name: "currency", label: "Currency", hint: "Three letters, e.g. GBP, NZD." },
  ] },
  { title: "Email sender", description: "Who notices come from, and where replies go.", fields: [
    { name: "senderAddress", label: "Sender address", type: "email" },
    { name: "senderName", label: "Sender name", hint: "Shown as the sender; empty: the library name." },
    { name: "replyToAddress", label: "Reply-to address", type: "email", hint: "Empty: replies go to the sender address." },
  ] },
  { title: "Branding", description: "The frame around every email and printed notice.", fields: [
    { name: "logoUrl", label: "Logo (https:// address of the image)", wide: true },
    { name: "brandColor", label: "Colour", hint: "#RRGGBB" },
    { name: "address", label: "Address", area: true },
    { name: "openingHours", label: "Opening hours", area: true },
    { name: "footerText", label: "Footer", area: true, wide: true },
  ] },
];

// Settings → Library. Uncontrolled fields sent as they are; the server's zod answer puts each error beside its field.
export function LibrarySettingsForm(props: { values: Record<string, string | boolean | null>; frameTranslations: FrameTranslations; timeZones: string[] }) {
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [rows, setRows] = useState(() => rowsOf(props.frameTranslations));
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const clearError = (name: string) => setErrors((e) => ({ ...e, [name]: undefined }));
  const save = (form: HTMLFormElement) => startTransition(async () => {
    const translations = translationsOf(rows);
    if (Object.keys(translations.errors).length) {
      setErrors(translations.errors);
      return setStatus({ ok: false, text: "Not saved: a language is listed twice." });
    }
    const data = { ...Object.fromEntries(new FormData(form)), countOpenDaysOnly: (form.elements.namedItem("countOpenDaysOnly") as HTMLInputElement).checked,
      frameTranslations: translations.value };
    const r = await saveLibrarySettingsAction(data);
    setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
    // Field errors are beside their fields (a translation's by its tag); the line below only says where to look.
    setStatus(r.ok ? { ok: true, text: r.message ?? "Saved." } : { ok: false, text: failureText(r) });
  });
  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); save(e.currentTarget); }} className="space-y-4" aria-label="Library settings">
      <datalist id="time-zones">{props.timeZones.map((z) => <option key={z} value={z} />)}</datalist>
      {GROUPS.map((g) => (
        <section key={g.title} className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4" aria-label={g.title}>
          <div><h2 className="font-medium">{g.title}</h2><p className="text-sm text-zinc-600">{g.description}</p></div>
          <div className="grid gap-3 sm:grid-cols-2">
            {g.fields.map((f) => {
              const id = `s-${f.name}`;
              const common = { id, name: f.name, "aria-invalid": errors[f.name] ? true : undefined, "aria-describedby": `${id}-hint ${id}-error`, className: inputClass, defaultValue: String(props.values[f.name] ?? "") };
              return (
                <Field key={f.name} id={id} label={f.label} hint={f.hint} error={errors[f.name]?.[0]} className={f.wide ? "sm:col-span-2" : ""}>
                  {f.area ? <textarea rows={3} {...common} /> : <input type={f.type ?? "text"} list={f.list} autoComplete="off" {...common} />}
                </Field>
              );
            })}
          </div>
          {g.title === "Branding" && <FrameTranslationsFields rows={rows} onChange={setRows} errors={errors} clearError={clearError} />}
          {g.title === "The library" && (
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="countOpenDaysOnly" defaultChecked={props.values.countOpenDaysOnly === true} className="mt-0.5 h-4 w-4" />
              <span><span className="font-medium">Count only open days</span> for overdue periods: a loan&apos;s days overdue skip the days its branch is closed (Settings → Branches).</span>
            </label>
          )}
        </section>
      ))}
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass("primary")}>{pending ? "Saving…" : "Save"}</button>
        <p aria-live="polite" data-testid="library-settings-status" className={status?.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>{status?.text}</p>
      </div>
    </form>
  );
}
