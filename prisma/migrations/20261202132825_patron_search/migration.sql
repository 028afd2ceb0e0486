-- Patron search (lib/patrons/search-patrons.ts). Hand-edited: the extension first, which schema.prisma does not
-- declare (Prisma's extensions support is a preview feature, and its diff ignores extensions without it).
-- pg_trgm ships with Postgres (contrib). Its GIN operator class serves ILIKE '%word%' and anchored 'ab%' patterns,
-- case-insensitively, on any one of the four columns (a multi-column GIN index is searched per column).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Patron_search_trgm_idx" ON "Patron" USING GIN ("lastName" gin_trgm_ops, "firstName" gin_trgm_ops, "email" gin_trgm_ops, "cardNumber" gin_trgm_ops);
