"use client";

import { useState, useTransition } from "react";
import { sendTestEmailAction } from "@/lib/system/actions";

export function SendTestButton() {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="flex items-center gap-3">
      <button type="button" disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const r = await sendTestEmailAction();
            setResult(r.ok ? { ok: true, text: r.message ?? "Sent." } : { ok: false, text: r.error });
          })
        }
        className="rounded-md bg-blue-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-900 disabled:opacity-60">
        {pending ? "Sending…" : "Send me a test email"}
      </button>
      <span aria-live="polite" data-testid="send-test-result" className={result?.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>
        {result?.text}
      </span>
    </div>
  );
}
