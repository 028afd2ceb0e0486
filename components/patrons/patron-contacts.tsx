"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { removeContactAction } from "@/lib/patrons/contact-actions";
import type { PatronContactRow, PatronPage } from "@/lib/patrons/get-patron";
import { CONTACT_KIND_LABELS as KIND_LABELS, ContactForm } from "./contact-form";

const MAX_CONTACTS = 10; // lib/patrons/contact-schemas.ts (a client file cannot import the zod schemas' module cheaply)

// Who receives this patron's notices: the patron and each contact, by channel, and which scenario levels name their kind
// (ScenarioLevel.contactKinds). Without an email or mobile a notice goes by print, to the patron's postal address.
// Staff who may manage patrons add, edit and remove contacts here; everyone else sees the list only.
export function PatronContacts({ patronId, contacts, canManage }: { patronId: number; contacts: PatronPage["contacts"]; canManage: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<PatronContactRow | null>(null);
  const [status, setStatus] = useState("");
  const [removeError, setRemoveError] = useState("");
  const [pending, startTransition] = useTransition();
  const done = (message: string) => { setEditing(null); setStatus(message); router.refresh(); };
  const remove = () => startTransition(async () => {
    const result = await removeContactAction({ patronId, id: Number(removing!.key.replace("contact:", "")) });
    if (!result.ok) return setRemoveError(result.error);
    setRemoving(null);
    done(result.message ?? "Removed.");
  });
  const others = contacts.filter((c) => c.kind !== "SELF").length;
  return (
    <div className="space-y-3">
      <ul className="grid gap-3 md:grid-cols-2" aria-label="Contacts">
        {contacts.map((c) => (
          <li key={c.key} data-testid="patron-contact">
            {editing === c.key ? (
              <ContactForm patronId={patronId} contact={c} onDone={done} onCancel={() => setEditing(null)} />
            ) : (
              <div className="h-full rounded-lg border border-zinc-200 bg-white p-4 text-sm">
                <div className="flex items-start justify-between gap-2">
                  <p className="font-medium">{c.name} <span className="font-normal text-zinc-600">· {KIND_LABELS[c.kind] ?? c.kind}</span></p>
                  {canManage && (
                    <div className="flex gap-1">
                      <Button variant="outline" onClick={() => { setStatus(""); setEditing(c.key); }} aria-label={`Edit ${c.name}`}>Edit</Button>
                      {c.kind !== "SELF" && (
                        <Button variant="danger" onClick={() => { setRemoveError(""); setRemoving(c); }} aria-label={`Remove ${c.name}`}>Remove</Button>
                      )}
                    </div>
                  )}
                </div>
                <dl className="mt-2 grid grid-cols-[5rem_1fr] gap-x-2 gap-y-1">
                  <dt className="text-zinc-600">Email</dt><dd className="break-all">{c.email ?? "none"}</dd>
                  <dt className="text-zinc-600">SMS</dt><dd>{c.mobile ?? "none"}</dd>
                  {!c.email && !c.mobile && <><dt className="text-zinc-600">Print</dt><dd>letters go by post</dd></>}
                </dl>
                <p className="mt-3 text-zinc-600">Receives:</p>
                {c.reach.length === 0 ? (
                  <p className="text-zinc-700">no scenario names {c.kind === "SELF" ? "the patron" : `a ${KIND_LABELS[c.kind]?.toLowerCase()}`}</p>
                ) : (
                  <ul className="mt-1 flex flex-wrap gap-1">
                    {c.reach.map((r) => (
                      <li key={`${r.scenario}-${r.level}`} className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-800">
                        {r.scenario}{r.levels > 1 ? ` #${r.level}` : ""}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
          </li>
        ))}
        {editing === "new" && (
          <li><ContactForm patronId={patronId} onDone={done} onCancel={() => setEditing(null)} /></li>
        )}
      </ul>
      {canManage && editing !== "new" && (
        others < MAX_CONTACTS
          ? <Button variant="outline" onClick={() => { setStatus(""); setEditing("new"); }}>Add a contact</Button>
          : <p className="text-sm text-zinc-600">This patron has {MAX_CONTACTS} contacts, the most allowed: remove one to add another.</p>
      )}
      <p role="status" className="text-sm text-green-800" data-testid="contacts-status">{status}</p>
      <ConfirmDialog open={removing !== null} title={`Remove ${removing?.name ?? ""} from this patron's contacts?`} confirmLabel="Remove contact"
        tone="danger" pending={pending} onConfirm={remove} onCancel={() => setRemoving(null)}>
        <p>They will no longer receive this patron&apos;s notices from the next run. Notices already planned for them still go.
          The removal is recorded in the audit log.</p>
        {removeError && <p className="text-red-700" role="alert">{removeError}</p>}
      </ConfirmDialog>
    </div>
  );
}
