"use client";

import Papa from "papaparse";
import { useState } from "react";
import { IMPORT_TYPES, guessMapping, type ImportField, type ImportType, type Mapping } from "@/lib/import/csv-types";
import type { ImportProgress, ImportResult } from "@/lib/import/run-import";

type Preview = { headers: string[]; rows: Record<string, string>[] };

export function CsvImport() {
  const [type, setType] = useState<ImportType>("patrons");
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = IMPORT_TYPES[type].fields as readonly ImportField[];

  function choose(next: File | null, nextType = type) {
    setFile(next);
    setResult(null);
    setError(null);
    setPreview(null);
    if (!next) return;
    // Only the first rows are read here, for the preview and the column mapping; the server reads the whole file.
    Papa.parse<Record<string, string>>(next, {
      header: true, preview: 5, skipEmptyLines: "greedy",
      complete: (parsed) => {
        const headers = parsed.meta.fields ?? [];
        setPreview({ headers, rows: parsed.data });
        setMapping(guessMapping(nextType, headers));
      },
    });
  }

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setResult(null);
    setError(null);
    setProgress({ phase: "parsing", done: 0, total: 0 });
    try {
      const form = new FormData();
      form.set("file", file);
      form.set("mapping", JSON.stringify(mapping));
      form.set("dryRun", String(dryRun));
      const response = await fetch(`/api/import/${type}`, { method: "POST", body: form });
      if (!response.ok || !response.body) {
        const body = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
        return setError(body.error);
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines.filter(Boolean)) {
          const message = JSON.parse(line);
          if (message.progress) setProgress(message.progress);
          if (message.result) setResult(message.result);
          if (message.error) setError(message.error);
        }
      }
    } catch (err) {
      setError(`The upload failed: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-4">
      <section className="flex flex-wrap items-end gap-4 rounded-lg border border-zinc-200 bg-white p-4">
        <div>
          <label htmlFor="import-type" className="block text-sm font-medium">What the file holds</label>
          <select id="import-type" value={type} disabled={busy} className="mt-1 rounded-md border border-zinc-300 px-2 py-1.5 text-sm"
            onChange={(e) => { const next = e.target.value as ImportType; setType(next); choose(file, next); }}>
            {(Object.keys(IMPORT_TYPES) as ImportType[]).map((t) => <option key={t} value={t}>{IMPORT_TYPES[t].label}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="import-file" className="block text-sm font-medium">CSV file (first line: column names)</label>
          <input id="import-file" type="file" accept=".csv,text/csv" disabled={busy} className="mt-1 text-sm"
            onChange={(e) => choose(e.target.files?.[0] ?? null)} />
        </div>
      </section>

      {preview ? (
        <section className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4">
          <h2 className="font-medium">First rows</h2>
          <div className="overflow-x-auto">
            <table className="text-xs" data-testid="import-preview">
              <thead><tr>{preview.headers.map((h) => <th key={h} className="px-2 py-1 text-left text-zinc-600">{h}</th>)}</tr></thead>
              <tbody>
                {preview.rows.map((row, i) => (
                  <tr key={i} className="border-t border-zinc-100">{preview.headers.map((h) => <td key={h} className="px-2 py-1">{row[h]}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2 className="font-medium">Columns</h2>
          <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {fields.map((field) => (
              <div key={field.name}>
                <label htmlFor={`map-${field.name}`} className="block text-sm">{field.label}{field.required ? " *" : ""}</label>
                <select id={`map-${field.name}`} value={mapping[field.name] ?? ""} disabled={busy}
                  onChange={(e) => setMapping({ ...mapping, [field.name]: e.target.value })}
                  className="mt-0.5 w-full rounded-md border border-zinc-300 px-2 py-1 text-sm">
                  <option value="">(not in the file)</option>
                  {preview.headers.map((h) => <option key={h} value={h}>{h}</option>)}
                </select>
              </div>
            ))}
          </div>
          <div className="flex gap-3">
            <button type="button" onClick={() => run(true)} disabled={busy} className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-50 disabled:opacity-60">Check the file</button>
            <button type="button" onClick={() => run(false)} disabled={busy} className="rounded-md bg-blue-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-900 disabled:opacity-60">Import</button>
          </div>
        </section>
      ) : null}

      {progress && busy ? (
        <section className="rounded-lg border border-zinc-200 bg-white p-4" aria-live="polite">
          <progress className="w-full" data-testid="import-progress" value={progress.done} max={Math.max(progress.total, 1)} />
          <p className="text-sm text-zinc-600">{progress.phase}: {progress.done.toLocaleString("en-GB")} of {progress.total.toLocaleString("en-GB")} rows</p>
        </section>
      ) : null}

      {error ? <p className="text-sm text-red-700" data-testid="import-error">{error}</p> : null}
      {result ? <ImportReport result={result} /> : null}
    </div>
  );
}

function ImportReport({ result }: { result: ImportResult }) {
  const n = (v: number) => v.toLocaleString("en-GB");
  if (result.problemCount > 0) {
    return (
      <section className="space-y-2 rounded-lg border border-red-200 bg-white p-4">
        <p className="text-sm font-medium text-red-700" data-testid="import-summary">{describeProblems(result)}</p>
        <table className="w-full text-sm" data-testid="import-problems">
          <thead className="text-left text-zinc-600"><tr><th>Row</th><th>Line</th><th>Field</th><th>Problem</th></tr></thead>
          <tbody>
            {result.problems.map((p, i) => (
              <tr key={i} className="border-t border-zinc-100"><td>{p.row || "header"}</td><td>{p.line}</td><td className="font-mono">{p.field}</td><td>{p.message}</td></tr>
            ))}
          </tbody>
        </table>
        {result.problemCount > result.problems.length ? <p className="text-sm text-zinc-600">The first {n(result.problems.length)} are listed.</p> : null}
      </section>
    );
  }
  return (
    <p className="rounded-lg border border-emerald-200 bg-white p-4 text-sm text-emerald-700" data-testid="import-summary">
      {result.written
        ? `Imported ${n(result.total)} rows: ${n(result.created)} new, ${n(result.updated)} updated (${(result.ms / 1000).toFixed(1)} s).`
        : `All ${n(result.total)} rows are valid: ${n(result.created)} would be new, ${n(result.updated)} updated. Nothing written yet.`}
    </p>
  );
}

/** "3 problems: 1 on the header line, 2 in 2 of the 2 rows; nothing was written." Every count is listed below it. */
function describeProblems(result: ImportResult) {
  const n = (v: number) => v.toLocaleString("en-GB");
  const onHeader = result.fileProblemCount;
  const inRows = result.problemCount - onHeader;
  const where = { header: "on the header line", rows: `in ${n(result.badRowCount)} of the ${n(result.total)} rows` };
  const total = `${n(result.problemCount)} problem${result.problemCount === 1 ? "" : "s"}`;
  const detail = onHeader && inRows
    ? `${total}: ${n(onHeader)} ${where.header}, ${n(inRows)} ${where.rows}`
    : `${total} ${onHeader ? where.header : where.rows}`;
  return `${detail}; nothing was written.`;
}
