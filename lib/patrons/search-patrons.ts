// Patron search (/patrons): by name, card number or email, a page at a time.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sqlPool } from "@/lib/db/client";
import { dateOnly, localDate } from "@/lib/time/library-date";
import { decodeCursor, encodeCursor } from "./cursor";
import { libraryTimeZone } from "@/lib/time/library-time-zone";

export const SEARCH_PAGE_SIZE = 25;
const MAX_WORDS = 5;

export type PatronHit = {
  id: number; cardNumber: string; firstName: string; lastName: string; email: string | null;
  category: string; homeBranch: string; status: string; loans: number; overdue: number;
};

/** The words of a query, lower-case; words of one character are dropped (they would match nearly everyone). */
export function searchWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter((w) => w.length >= 2).slice(0, MAX_WORDS);
}

const likeEscape = (w: string) => w.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A card number typed exactly (as stored, or in capitals): the patron's id, else null. Through the unique index. */
export async function findPatronByCard(db: PrismaClient, query: string): Promise<number | null> {
  const card = query.trim();
  if (!card || card.length > 64) return null;
  const { rows } = await sqlPool(db).query<{ id: number }>(
    `SELECT id FROM "Patron" WHERE "cardNumber" = $1 OR "cardNumber" = upper($1) ORDER BY ("cardNumber" = $1) DESC LIMIT 1`, [card]);
  return rows[0]?.id ?? null;
}

/**
 * Patrons matching every word of the query, ordered by surname, first name and id (case-insensitive), a page after
 * `after` (a cursor from the previous page's `next`). A word of three characters or more matches anywhere in the
 * surname, first name, email or card number; a shorter one only at the start of the surname or first name. Both are
 * answered by the GIN trigram index "Patron_search_trgm_idx" (pg_trgm pads the start of a word, so "li%" has trigrams
 * too). The sort keys are lower-case on purpose: no index provides that order, so Postgres never walks the
 * (lastName, firstName) index hoping to meet matches early (1.2 s for a surname late in the alphabet, measured), and
 * sorts the matches instead.
 */
export async function searchPatrons(db: PrismaClient, options: { query: string; after?: string; limit?: number; today?: string }) {
  const words = searchWords(options.query);
  const limit = options.limit ?? SEARCH_PAGE_SIZE;
  if (words.length === 0) return { hits: [] as PatronHit[], next: null as string | null };
  const today = options.today ?? await libraryToday(db);
  const values: unknown[] = [dateOnly(today)];
  const conditions = words.map((w) => {
    if (w.length >= 3) {
      values.push(`%${likeEscape(w)}%`);
      const p = `$${values.length}`;
      return `(p."lastName" ILIKE ${p} OR p."firstName" ILIKE ${p} OR p.email ILIKE ${p} OR p."cardNumber" ILIKE ${p})`;
    }
    values.push(`${likeEscape(w)}%`);
    const p = `$${values.length}`;
    return `(p."lastName" ILIKE ${p} OR p."firstName" ILIKE ${p})`;
  });
  const after = decodeCursor(options.after, ["s", "s", "n"]);
  if (after) {
    values.push(...after);
    const n = values.length;
    conditions.push(`(lower(p."lastName"), lower(p."firstName"), p.id) > ($${n - 2}, $${n - 1}, $${n})`);
  }
  values.push(limit + 1);
  const { rows } = await sqlPool(db).query<PatronHit & { k1: string; k2: string; categoryId: number; homeBranchId: number }>(
    // The page first, then its loan counts: counted for 26 rows, not for every match before the sort.
    `SELECT p.*, c.name AS category, b.name AS "homeBranch", n.loans, n.overdue
     FROM (SELECT p.id, p."cardNumber", p."firstName", p."lastName", p.email, p.status, p."categoryId", p."homeBranchId",
         lower(p."lastName") AS k1, lower(p."firstName") AS k2
       FROM "Patron" p WHERE ${conditions.join(" AND ")}
       ORDER BY lower(p."lastName"), lower(p."firstName"), p.id LIMIT $${values.length}) p
     JOIN "PatronCategory" c ON c.id = p."categoryId" JOIN "Branch" b ON b.id = p."homeBranchId"
     CROSS JOIN LATERAL (SELECT count(*)::int AS loans, count(*) FILTER (WHERE l."dueDate" < $1)::int AS overdue
       FROM "Loan" l WHERE l."patronId" = p.id AND l.status IN ('ON_LOAN', 'RECALLED')) n
     ORDER BY p.k1, p.k2, p.id`,
    values,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next = rows.length > limit ? encodeCursor([last.k1, last.k2, last.id]) : null;
  return { hits: page.map(({ k1: _k1, k2: _k2, categoryId: _c, homeBranchId: _b, ...hit }) => hit), next };
}

async function libraryToday(db: PrismaClient) {
  return localDate(await libraryTimeZone(db));
}
