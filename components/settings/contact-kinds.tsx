import type { ContactKind } from "@/lib/generated/prisma/enums";

export type ContactKindUse = { kind: ContactKind; contacts: number; levels: { scenario: string; level: number }[] };

// The scenario editor's words (components/scenarios/form-bits.tsx is a client module, so its constant cannot be read here).
const LABELS: Record<ContactKind, string> = { SELF: "The patron", PARENT: "Parent", GUARDIAN: "Guardian", TEACHER: "Teacher", OTHER: "Other contact" };
const WHO: Record<ContactKind, string> = {
  SELF: "The patron's own email address, mobile number or postal address.",
  PARENT: "A parent recorded with the patron.",
  GUARDIAN: "A guardian recorded with the patron.",
  TEACHER: "A teacher recorded with the patron.",
  OTHER: "Any other contact recorded with the patron.",
};

// Read-only: the kinds are fixed by Noticeboard; which of them a notice goes to is chosen per level in the scenario
// editor. Long lists (nearly every level sends to the patron) fold into <details> so the table stays readable.
export function ContactKinds(props: { kinds: ContactKindUse[] }) {
  return (
    <section aria-labelledby="contact-kinds-title" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4" data-testid="contact-kinds">
      <div>
        <h2 id="contact-kinds-title" className="font-medium">Contact kinds</h2>
        <p className="max-w-3xl text-sm text-zinc-600">Who besides the patron can receive a notice. These kinds are fixed and cannot be
          changed here; each scenario level chooses which of them it sends to (Scenarios → a scenario → its levels). Contacts come
          with the patron from the library system.</p>
      </div>
      <table className="w-full text-sm">
        <caption className="sr-only">Contact kinds and the scenario levels that send to them</caption>
        <thead className="border-b border-zinc-200 text-left text-zinc-600">
          <tr>
            <th scope="col" className="w-40 py-2 pr-3">Kind</th>
            <th scope="col" className="w-1/3 py-2 pr-3">Who it is</th>
            <th scope="col" className="w-28 py-2 pr-3 text-right">Contacts on file</th>
            <th scope="col" className="py-2">Scenario levels that send to it</th>
          </tr>
        </thead>
        <tbody>
          {props.kinds.map((k) => {
            const levels = k.levels.map((l) => `${l.scenario} (level ${l.level})`);
            return (
              <tr key={k.kind} className="border-t border-zinc-100 align-top" data-testid={`contact-kind-${k.kind}`}>
                <th scope="row" className="py-2 pr-3 text-left font-medium">{LABELS[k.kind]}</th>
                <td className="py-2 pr-3 text-zinc-700">{WHO[k.kind]}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{k.kind === "SELF" ? <span className="text-zinc-600">—</span> : k.contacts.toLocaleString("en-GB")}</td>
                <td className="py-2 text-zinc-700">
                  {levels.length === 0 ? <span className="text-zinc-600">none</span>
                    : levels.length <= 4 ? levels.join(", ")
                    : <details><summary className="cursor-pointer">{levels.length} levels in {new Set(k.levels.map((l) => l.scenario)).size} scenarios</summary>
                      <ul className="mt-1 list-disc pl-5">{levels.map((l) => <li key={l}>{l}</li>)}</ul></details>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
