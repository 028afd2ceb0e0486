"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { applyConfigAction, checkConfigAction } from "@/lib/config-file/actions";
import type { ImportReport } from "@/lib/config-file/import-config";

// Settings → Configuration file: download the whole configuration, or check a file and then import it (to move a
// configuration tested on a test library to production). The check changes nothing; importing is one transaction.
export function ConfigFile() {
  const [file, setFile] = useState<{ name: string; doc: unknown } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [problem, setProblem] = useState<{ text: string; fields: [string, string[]][] } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();

  const choose = async (input: HTMLInputElement) => {
    setReport(null); setProblem(null); setStatus(null); setFile(null);
    const chosen = input.files?.[0];
    if (!chosen) return;
    let doc: unknown;
    try {
      doc = JSON.parse(await chosen.text());
    } catch {
      setProblem({ text: `${chosen.name} is not a JSON file: choose a file downloaded from "Download the configuration".`, fields: [] });
      return;
    }
    setFile({ name: chosen.name, doc });
    startTransition(async () => {
      const r = await checkConfigAction(doc);
      if (r.ok) setReport(r.data);
      else setProblem({ text: r.error, fields: Object.entries(r.fieldErrors ?? {}) });
    });
  };
  const apply = () => startTransition(async () => {
    const r = await applyConfigAction(file!.doc);
    setConfirming(false);
    if (r.ok) { setStatus(r.message ?? "Imported."); setReport(null); setFile(null); }
    else setProblem({ text: r.error, fields: Object.entries(r.fieldErrors ?? {}) });
  });

  return (
    <section className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4" aria-labelledby="config-title">
      <div>
        <h2 id="config-title" className="font-medium">Configuration file</h2>
        <p className="text-sm text-zinc-600">The library&apos;s settings, branches and closed days, patron categories, academic levels, library
          groups, templates and scenarios as one file: to keep a copy, or to move a configuration tested on a test library to this one.
          Patrons, loans and notices are not in it.</p>
      </div>
      <a href="/api/config/export" className="inline-block text-sm text-blue-800 underline">Download the configuration</a>
      <div>
        <label htmlFor="config-upload" className="block text-sm font-medium">Import a configuration file</label>
        <input id="config-upload" type="file" accept="application/json,.json" disabled={pending} aria-describedby="config-upload-hint"
          onChange={(e) => void choose(e.currentTarget)} className="mt-1 text-sm" />
        <p id="config-upload-hint" className="text-xs text-zinc-600">It is checked first: you see what would change before anything is.</p>
      </div>
      <div aria-live="polite" data-testid="config-result" className="space-y-2 text-sm">
        {pending && !confirming && <p>Checking…</p>}
        {status && <p className="text-emerald-700">{status}</p>}
        {problem && (
          <div className="text-red-700">
            <p>{problem.text}</p>
            {problem.fields.length > 1 && <ul className="list-disc pl-5">{problem.fields.map(([f, m]) => <li key={f}>{f}: {m[0]}</li>)}</ul>}
          </div>
        )}
        {report && (
          report.changes.length === 0 ? <p>{file?.name}: nothing to change ({report.unchanged} items are the same).</p> : (
            <>
              <p>{file?.name} would make {report.changes.length} change(s); {report.unchanged} items are the same.</p>
              <ul className="space-y-1" data-testid="config-changes">
                {report.changes.map((c) => (
                  <li key={`${c.area}:${c.key}`}>
                    <span className="font-medium">{c.area} · {c.key}</span>: {c.change === "created" ? "added" : c.lines.join("; ")}
                  </li>
                ))}
              </ul>
              <Button onClick={() => setConfirming(true)} disabled={pending}>Import these changes</Button>
            </>
          )
        )}
      </div>
      <ConfirmDialog open={confirming} title="Import these changes?" confirmLabel="Import" pending={pending} onConfirm={apply} onCancel={() => setConfirming(false)}>
        <p>{report?.changes.length} change(s) are made at once, all or none. The next runs use the new configuration; runs already planned keep theirs.</p>
      </ConfirmDialog>
    </section>
  );
}
