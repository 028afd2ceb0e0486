"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

// A modal "are you sure?" over the native <dialog>: showModal() traps focus and makes the page behind it inert, Escape
// closes it (onCancel), and focus returns to what opened it. The title says exactly what happens; the confirm button
// names the action ("Remove and save"), never just "OK".
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  // The dismiss button's words, when "Cancel" would be ambiguous (a dialog that cancels something).
  cancelLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
  pending?: boolean;
  tone?: "danger" | "default";
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId(); // several dialogs may share a page
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  const confirmClass = props.tone === "danger" ? "bg-red-700 hover:bg-red-800" : "bg-blue-800 hover:bg-blue-900";
  return (
    <dialog ref={ref} aria-labelledby={titleId} onCancel={(e) => { e.preventDefault(); props.onCancel(); }}
      className="m-auto max-w-md rounded-lg border border-zinc-200 p-5 shadow-xl backdrop:bg-zinc-900/40">
      <h2 id={titleId} className="text-lg font-semibold">{props.title}</h2>
      <div className="mt-2 space-y-2 text-sm text-zinc-700">{props.children}</div>
      <div className="mt-5 flex justify-end gap-2">
        <button type="button" onClick={props.onCancel} disabled={props.pending}
          className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 disabled:opacity-60">{props.cancelLabel ?? "Cancel"}</button>
        <button type="button" onClick={props.onConfirm} disabled={props.pending}
          className={`rounded-md px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 ${confirmClass}`}>{props.confirmLabel}</button>
      </div>
    </dialog>
  );
}
