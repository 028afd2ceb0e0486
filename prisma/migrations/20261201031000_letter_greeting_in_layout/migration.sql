-- Written by hand: it moves data, no schema change (ARCHITECTURE.md, Templates: "One letter").
-- The letter's greeting ("Dear {{ contact.name }}," and the line for a parent or guardian) now comes from the layout,
-- once per document, in the document's language (lib/templates/labels.ts). Each notice template's current text that
-- still starts with the greeting the seed or the templates migration wrote gets a new version without it (versions
-- are append-only). Texts staff wrote differently are left as they are.

-- The seeded greetings: "Dear {{ contact.name }},\n\n" (templates migration) or, from the seed, "Dear|Annwyl
-- {{ contact.name }},\n\n{% unless contact.is_patron %}... {{ patron.name }}.\n\n{% endunless %}".
INSERT INTO "TemplateVersion" ("templateId", "language", "version", "subject", "body", "closing", "createdBy")
SELECT v."templateId", v."language", v."version" + 1, v."subject",
  regexp_replace(v."body", '^(Dear|Annwyl) \{\{ contact\.name \}\},\n\n(\{% unless contact\.is_patron %\}[^%]*\{% endunless %\})?', ''),
  v."closing", 'migration'
FROM (
  SELECT DISTINCT ON ("templateId", "language") * FROM "TemplateVersion" ORDER BY "templateId", "language", "version" DESC
) v
JOIN "Template" t ON t."id" = v."templateId" AND t."family" <> 'SUPPLIER_ORDER'
WHERE v."body" ~ '^(Dear|Annwyl) \{\{ contact\.name \}\},\n\n';
