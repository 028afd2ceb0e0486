import type { Metadata } from "next";
import { ContactKinds } from "@/components/settings/contact-kinds";
import { PatronList } from "@/components/settings/patron-list";
import { can } from "@/lib/auth/permissions";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { ContactKind } from "@/lib/generated/prisma/enums";
import { listContactKindUses, listEntryUses } from "@/lib/settings/list-uses";
import { LIST_NAMES, LISTS, listPatronLists, type ListName } from "@/lib/settings/lists";

export const metadata: Metadata = { title: "Patron lists" };

const EXAMPLES: Record<ListName, string> = { category: "ADULT", "academic-level": "SECONDARY", group: "HOMEBOUND" };
const DESCRIPTIONS: Record<ListName, string> = {
  category: "Every patron has one category, such as Adult or Child. A scenario can send only to some categories or leave some out, and each of its levels can leave more out.",
  "academic-level": "The school or study level a patron may have. A scenario, or one of its levels, can leave out the patrons of a level.",
  group: "Groups a patron may belong to (none, one or several), such as the home library service. A scenario, or one of its levels, can leave out a group's patrons.",
};

// Visible to all staff (scenarios name these entries, so everyone needs to read them); only administrators change them.
export default async function PatronListsPage() {
  const staff = await staffForPage("dashboard.view");
  const canManage = can(staff.role, "settings.manage");
  const [lists, uses, kinds] = await Promise.all([
    listPatronLists(prisma), listEntryUses(prisma), listContactKindUses(prisma, Object.values(ContactKind)),
  ]);
  return (
    <div className="space-y-4">
      <div className="max-w-3xl space-y-2 text-sm text-zinc-600">
        <p>The lists scenarios choose patrons by. Patron imports, the API and the configuration file name each entry by its
          code, so the codes must match the library system&apos;s; staff see the name. An entry that patrons or scenarios use
          cannot be deleted.</p>
        {!canManage && <p className="rounded-md border border-zinc-200 bg-white px-3 py-2 font-medium text-zinc-800" data-testid="lists-read-only">Only administrators can change these lists.</p>}
      </div>
      {LIST_NAMES.map((list) => (
        <PatronList key={list} list={list} title={LISTS[list].label} one={LISTS[list].one} example={EXAMPLES[list]} description={DESCRIPTIONS[list]} canManage={canManage}
          entries={lists[list].map((e) => ({ ...e, uses: uses[list].get(e.id) ?? [] }))} />
      ))}
      <ContactKinds kinds={kinds} />
    </div>
  );
}
