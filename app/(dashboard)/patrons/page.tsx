import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PatronResults } from "@/components/patrons/patron-results";
import { PatronSearchForm } from "@/components/patrons/patron-search-form";
import { emptyClass } from "@/components/patrons/table-classes";
import { Pager } from "@/components/ui/pager";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { findPatronByCard, searchPatrons, searchWords } from "@/lib/patrons/search-patrons";

export const metadata: Metadata = { title: "Patrons" };

const param = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

// Find a patron by name, card number or email. Everyone signed in may look patrons up.
export default async function PatronsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await staffForPage("dashboard.view");
  const params = await searchParams;
  const query = param(params.q).trim().slice(0, 100);
  const after = param(params.after) || undefined;
  if (query && !after) {
    const id = await findPatronByCard(prisma, query);
    if (id !== null) redirect(`/patrons/${id}`);
  }
  const hasWords = searchWords(query).length > 0;
  const { hits, next } = hasWords ? await searchPatrons(prisma, { query, after }) : { hits: [], next: null };
  const href = (cursor?: string) => `/patrons?${new URLSearchParams({ q: query, ...(cursor ? { after: cursor } : {}) })}`;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Patrons</h1>
        <p className="text-sm text-zinc-600">Find a patron to see their contacts, loans, reservations, charges and every notice sent to them.</p>
      </div>
      <PatronSearchForm query={query} />
      {!query ? (
        <p className={emptyClass}>Search by surname (or its first letters), first name, card number or email address.</p>
      ) : !hasWords ? (
        <p className={emptyClass}>Type at least two letters of a name, or a card number or email address.</p>
      ) : hits.length === 0 ? (
        <p className={emptyClass} role="status">No patron matches “{query}”. Try the surname alone, part of the email address, or the card number.</p>
      ) : (
        <>
          <p className="text-sm text-zinc-600" role="status">{after ? "More patrons" : "Patrons"} matching “{query}”, by surname.</p>
          <PatronResults hits={hits} />
          <Pager label="Search results pages" firstHref={after ? href() : null} nextHref={next ? href(next) : null} />
        </>
      )}
    </div>
  );
}
