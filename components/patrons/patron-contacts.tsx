import type { PatronPage } from "@/lib/patrons/get-patron";
import { emptyClass } from "./table-classes";

const KIND_LABELS: Record<string, string> = { SELF: "Patron", PARENT: "Parent", GUARDIAN: "Guardian", TEACHER: "Teacher", OTHER: "Other" };

// Who receives this patron's notices: the patron and each contact, by channel, and which scenario levels name their kind
// (ScenarioLevel.contactKinds). Without an email or mobile a notice goes by print, to the patron's postal address.
export function PatronContacts({ contacts }: { contacts: PatronPage["contacts"] }) {
  return (
    <ul className="grid gap-3 md:grid-cols-2" aria-label="Contacts">
      {contacts.map((c) => (
        <li key={c.key} className="rounded-lg border border-zinc-200 bg-white p-4 text-sm" data-testid="patron-contact">
          <p className="font-medium">{c.name} <span className="font-normal text-zinc-600">· {KIND_LABELS[c.kind] ?? c.kind}</span></p>
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
        </li>
      ))}
    </ul>
  );
}

export function EmptyNote({ children }: { children: React.ReactNode }) {
  return <p className={emptyClass}>{children}</p>;
}
