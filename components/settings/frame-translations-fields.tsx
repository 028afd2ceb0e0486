"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, inputClass } from "@/components/ui/field";
import type { FrameTextField, FrameTranslations } from "@/lib/settings/frame-translations";

export type TranslationRow = { key: number; tag: string } & Record<FrameTextField, string>;

const TEXTS: { field: FrameTextField; label: string }[] = [
  { field: "address", label: "Address" },
  { field: "openingHours", label: "Opening hours" },
  { field: "footerText", label: "Footer" },
];

/** "Māori" for mi, in English (staff read the dashboard in English); nothing for a tag it does not know. */
function languageName(tag: string): string | undefined {
  try {
    return new Intl.DisplayNames(["en"], { type: "language", fallback: "none" }).of(tag);
  } catch {
    return undefined;
  }
}

// Keys by position at first, so the server's render and the browser's give the same ids.
const newRow = (key: number, tag = "", texts: Partial<Record<FrameTextField, string>> = {}): TranslationRow =>
  ({ key, tag, address: texts.address ?? "", openingHours: texts.openingHours ?? "", footerText: texts.footerText ?? "" });

export const rowsOf = (stored: FrameTranslations): TranslationRow[] => Object.entries(stored).map(([tag, texts], i) => newRow(i, tag, texts));

/** The rows as the action takes them (tags as keys), or the error of a row whose tag an earlier row already has. */
export function translationsOf(rows: TranslationRow[]): { value: Record<string, Record<FrameTextField, string>>; errors: Record<string, string[]> } {
  const value: Record<string, Record<FrameTextField, string>> = {};
  const errors: Record<string, string[]> = {};
  for (const { tag, key, ...texts } of rows) {
    const t = tag.trim();
    if (t in value) errors[`row-${key}`] = [`${t} is listed twice`];
    else value[t] = texts;
  }
  return { value, errors };
}

// Settings → Library → Branding: the frame's texts per language. The server names a row's errors by its tag as typed
// ("frameTranslations.mi.footerText"), so each row finds its own; a duplicate tag cannot travel as a key, so the form
// names it itself (row-<key>). Removing a row with text asks first; nothing is removed until Save.
export function FrameTranslationsFields(props: {
  rows: TranslationRow[]; onChange: (rows: TranslationRow[]) => void; errors: Record<string, string[] | undefined>; clearError: (name: string) => void;
}) {
  const [removing, setRemoving] = useState<TranslationRow | null>(null);
  const update = (key: number, patch: Partial<TranslationRow>) => {
    if (patch.tag !== undefined) props.clearError(`row-${key}`); // "listed twice" was about the tag it had
    props.onChange(props.rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  };
  const remove = (row: TranslationRow) => props.onChange(props.rows.filter((r) => r.key !== row.key));
  const add = () => {
    const key = Math.max(-1, ...props.rows.map((r) => r.key)) + 1;
    props.onChange([...props.rows, newRow(key)]);
    setTimeout(() => document.getElementById(`ft-${key}-tag`)?.focus()); // once rendered
  };
  const hasText = (row: TranslationRow) => TEXTS.some(({ field }) => row[field].trim() !== "");
  return (
    <div className="space-y-3 border-t border-zinc-200 pt-3">
      <div>
        <h3 className="text-sm font-medium">Translations of the frame</h3>
        <p id="frame-translations-hint" className="text-xs text-zinc-600">
          Patrons whose language is listed get these texts (when the notice&apos;s template is written in that language too);
          others get the default texts above. A field left empty shows the default text; cy also serves cy-GB.
        </p>
      </div>
      {props.rows.map((row) => {
        const tag = row.tag.trim();
        const id = `ft-${row.key}`;
        const tagError = props.errors[`row-${row.key}`]?.[0] ?? props.errors[`frameTranslations.${tag}`]?.[0];
        return (
          <fieldset key={row.key} className="space-y-2 rounded-md border border-zinc-200 p-3" aria-describedby="frame-translations-hint">
            <legend className="px-1 text-sm font-medium">{tag ? [`Language ${tag}`, languageName(tag)].filter(Boolean).join(" · ") : "New language"}</legend>
            <div className="flex items-start justify-between gap-3">
              <Field id={`${id}-tag`} label="Language tag" hint="e.g. cy, mi or fr-CA" error={tagError} className="w-full max-w-xs">
                <input id={`${id}-tag`} value={row.tag} onChange={(e) => update(row.key, { tag: e.target.value })} autoComplete="off"
                  aria-invalid={tagError ? true : undefined} aria-describedby={`${id}-tag-hint ${id}-tag-error`} className={inputClass} />
              </Field>
              <Button variant="danger" className="mt-6 shrink-0" onClick={() => (hasText(row) ? setRemoving(row) : remove(row))}>
                Remove {tag || "this language"}
              </Button>
            </div>
            <div className="grid gap-3 sm:grid-cols-2">
              {TEXTS.map(({ field, label }) => {
                const error = props.errors[`frameTranslations.${tag}.${field}`]?.[0];
                return (
                  <Field key={field} id={`${id}-${field}`} label={tag ? `${label} (${tag})` : label} error={error} className={field === "footerText" ? "sm:col-span-2" : ""}>
                    <textarea id={`${id}-${field}`} rows={2} value={row[field]} onChange={(e) => update(row.key, { [field]: e.target.value })}
                      aria-invalid={error ? true : undefined} aria-describedby={`${id}-${field}-error`} className={inputClass} />
                  </Field>
                );
              })}
            </div>
          </fieldset>
        );
      })}
      <Button variant="outline" onClick={add}>Add a language</Button>
      <ConfirmDialog open={removing !== null} title={`Remove the ${removing?.tag.trim() || "new"} translation?`} confirmLabel="Remove" tone="danger"
        onCancel={() => setRemoving(null)} onConfirm={() => { if (removing) remove(removing); setRemoving(null); }}>
        <p>Its texts are removed from the form; letters in that language get the default texts once you save.</p>
      </ConfirmDialog>
    </div>
  );
}
