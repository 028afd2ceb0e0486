"use client";

import { useState, useTransition } from "react";
import { problemFields } from "@/lib/templates/problems";
import { previewTemplateAction, saveTemplateAction, sendTemplateTestAction } from "@/lib/templates/actions";

type Text = { subject: string; body: string; closing: string };
type Version = Text & { id: number; language: string; version: number; createdAt: string; createdBy: string | null };
type Preview = { subject: string; html: string; text: string; language: string; data: "sample" | "patron" };

const FIELDS = [
  { key: "subject", label: "Subject", rows: 0 },
  { key: "body", label: "Message (above the list of items)", rows: 9 },
  { key: "closing", label: "Closing (below the list)", rows: 3 },
] as const;

export function TemplateEditor(props: {
  templateId: number;
  current: Record<string, Text & { version: number }>;
  history: Version[];
  // The library's language as this template has it ("en" for an "en-GB" library): shown first, and copied to start a translation.
  libraryLanguage: string;
  placeholders: string[];
  canEdit: boolean;
}) {
  const languages = Object.keys(props.current);
  const [language, setLanguage] = useState(props.libraryLanguage);
  const [extraLanguages, setExtraLanguages] = useState<string[]>([]);
  const [text, setText] = useState<Text>(() => pick(props.current[language]));
  const [newLanguage, setNewLanguage] = useState("");
  const [cardNumber, setCardNumber] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [view, setView] = useState<"html" | "text">("html");
  const [pending, startTransition] = useTransition();

  const input = () => ({ templateId: props.templateId, language, ...text, cardNumber });

  function switchLanguage(next: string) {
    setLanguage(next);
    // A new translation starts from the library's language, to translate in place.
    setText(pick(props.current[next] ?? props.current[props.libraryLanguage]));
    setErrors({});
    setPreview(null);
  }

  const run = (work: () => Promise<void>) => startTransition(async () => {
    setStatus(null);
    await work();
  });

  const save = () => run(async () => {
    const r = await saveTemplateAction(input());
    setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
    setStatus(r.ok ? { ok: true, text: r.message ?? "Saved." } : { ok: false, text: r.error });
  });

  const showPreview = () => run(async () => {
    const r = await previewTemplateAction(input());
    if (!r.ok) {
      setErrors(r.fieldErrors ?? {});
      return setStatus({ ok: false, text: r.error });
    }
    if (!r.data.ok) {
      setErrors(problemFields(r.data.problems));
      return setStatus({ ok: false, text: "Fix the problems marked below to preview." });
    }
    setErrors({});
    setPreview(r.data);
  });

  const sendTest = () => run(async () => {
    const r = await sendTemplateTestAction(input());
    setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
    setStatus(r.ok ? { ok: true, text: r.message ?? "Sent." } : { ok: false, text: r.error });
  });

  const allLanguages = [...languages, ...extraLanguages.filter((l) => !languages.includes(l))];
  const history = props.history.filter((h) => h.language === language);

  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <section className="space-y-4 rounded-lg border border-zinc-200 bg-white p-4">
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="language" className="block text-sm font-medium">Language</label>
            <select id="language" value={language} onChange={(e) => switchLanguage(e.target.value)}
              className="mt-1 rounded-md border border-zinc-300 px-2 py-1.5 text-sm">
              {allLanguages.map((l) => (
                <option key={l} value={l}>{l}{props.current[l] ? ` (v${props.current[l].version})` : " (new)"}</option>
              ))}
            </select>
          </div>
          {props.canEdit ? (
            <form className="flex items-end gap-2" onSubmit={(e) => {
              e.preventDefault();
              const tag = newLanguage.trim();
              if (!tag) return;
              setExtraLanguages((l) => [...l, tag]);
              setNewLanguage("");
              switchLanguage(tag);
            }}>
              <div>
                <label htmlFor="new-language" className="block text-sm font-medium">Add a translation</label>
                <input id="new-language" value={newLanguage} onChange={(e) => setNewLanguage(e.target.value)} placeholder="cy, fr, pl…"
                  className="mt-1 w-28 rounded-md border border-zinc-300 px-2 py-1.5 text-sm" />
              </div>
              <button type="submit" className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-50">Add</button>
            </form>
          ) : null}
        </div>

        {FIELDS.map((f) => (
          <div key={f.key}>
            <label htmlFor={`field-${f.key}`} className="block text-sm font-medium">{f.label}</label>
            {f.rows === 0 ? (
              <input id={`field-${f.key}`} value={text[f.key]} readOnly={!props.canEdit} aria-describedby={`error-${f.key}`}
                onChange={(e) => setText({ ...text, [f.key]: e.target.value })}
                className="mt-1 w-full rounded-md border border-zinc-300 px-3 py-2 font-mono text-sm" />
            ) : (
              <textarea id={`field-${f.key}`} value={text[f.key]} rows={f.rows} readOnly={!props.canEdit} aria-describedby={`error-${f.key}`}
                onChange={(e) => setText({ ...text, [f.key]: e.target.value })}
                className="mt-1 w-full rounded-md border border-zinc-300 px-3 py-2 font-mono text-sm" />
            )}
            <p id={`error-${f.key}`} data-testid={`error-${f.key}`} className="mt-1 text-sm text-red-700">{errors[f.key]?.join("; ")}</p>
          </div>
        ))}

        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="card-number" className="block text-sm font-medium">Preview with a patron (card number, optional)</label>
            <input id="card-number" value={cardNumber} onChange={(e) => setCardNumber(e.target.value)} placeholder="sample data"
              aria-describedby="error-cardNumber" className="mt-1 w-44 rounded-md border border-zinc-300 px-2 py-1.5 text-sm" />
          </div>
          <button type="button" onClick={showPreview} disabled={pending}
            className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-50 disabled:opacity-60">Preview</button>
          {props.canEdit ? (
            <>
              <button type="button" onClick={sendTest} disabled={pending}
                className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-50 disabled:opacity-60">Send me a test</button>
              <button type="button" onClick={save} disabled={pending}
                className="rounded-md bg-blue-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-900 disabled:opacity-60">Save</button>
            </>
          ) : null}
        </div>
        <p id="error-cardNumber" data-testid="error-cardNumber" className="text-sm text-red-700">{errors.cardNumber?.join("; ")}</p>
        <p aria-live="polite" data-testid="editor-status" className={status?.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>
          {pending ? "Working…" : status?.text}
        </p>

        <details>
          <summary className="cursor-pointer text-sm font-medium">Placeholders</summary>
          <p className="mt-2 text-xs text-zinc-600">
            Write <code>{"{{ patron.first_name }}"}</code>; lists with <code>{"{% for loan in loans %}{{ loan.title }}{% endfor %}"}</code>.
            The layout already lists the items below the message.
          </p>
          <ul className="mt-2 columns-2 font-mono text-xs text-zinc-700" data-testid="placeholder-list">
            {props.placeholders.map((p) => <li key={p}>{p}</li>)}
          </ul>
        </details>

        <details>
          <summary className="cursor-pointer text-sm font-medium">Version history ({language})</summary>
          <ul className="mt-2 space-y-1 text-sm" data-testid="version-history">
            {history.map((h) => (
              <li key={h.id} className="flex items-center justify-between gap-2">
                <span>v{h.version} · {h.createdAt.slice(0, 16).replace("T", " ")} · {h.createdBy ?? ""}</span>
                {props.canEdit ? (
                  <button type="button" onClick={() => setText(pick(h))} className="text-blue-800 hover:underline">Load into editor</button>
                ) : null}
              </li>
            ))}
            {history.length === 0 ? <li className="text-zinc-500">Not saved in this language yet.</li> : null}
          </ul>
        </details>
      </section>

      <section className="space-y-2 rounded-lg border border-zinc-200 bg-white p-4">
        <div className="flex items-center justify-between">
          <h2 className="font-medium">Preview</h2>
          <div className="flex gap-1 text-sm" role="tablist">
            {(["html", "text"] as const).map((v) => (
              <button key={v} type="button" role="tab" aria-selected={view === v} onClick={() => setView(v)}
                className={`rounded px-2 py-1 ${view === v ? "bg-zinc-200" : "hover:bg-zinc-100"}`}>
                {v === "html" ? "Email" : "Plain text"}
              </button>
            ))}
          </div>
        </div>
        {preview ? (
          <>
            <p className="text-sm" data-testid="preview-subject"><span className="text-zinc-500">Subject:</span> {preview.subject}</p>
            <p className="text-xs text-zinc-500">{preview.data === "patron" ? "With the patron's own loans, reservations or charges." : "With sample data."} Language: {preview.language}</p>
            {view === "html" ? (
              // sandbox without scripts: the email's HTML is shown as a patron's mail program would, and nothing in it runs
              <iframe title="Email preview" sandbox="" srcDoc={preview.html} data-testid="preview-frame" className="h-[640px] w-full rounded border border-zinc-200" />
            ) : (
              <pre className="max-h-[640px] overflow-auto whitespace-pre-wrap rounded border border-zinc-200 p-3 text-xs" data-testid="preview-text">{preview.text}</pre>
            )}
          </>
        ) : (
          <p className="text-sm text-zinc-500">Press Preview to see the email as a patron would.</p>
        )}
      </section>
    </div>
  );
}

function pick(t: Text | undefined): Text {
  return { subject: t?.subject ?? "", body: t?.body ?? "", closing: t?.closing ?? "" };
}
