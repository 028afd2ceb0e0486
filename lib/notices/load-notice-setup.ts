// Everything a notice needs besides its own facts: the library's branding and sender, which template each scenario
// level uses, and every template's current text per language. Read at most every `ttlMs` per process (sends run
// hundreds a second), so a saved template reaches the worker within that time.
import { brandIn, type Brand } from "@/emails/components/frame";
import { brandOf } from "@/lib/templates/brand";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { TemplateFamily } from "@/lib/generated/prisma/enums";
import type { LibraryFacts } from "@/lib/templates/placeholders";
import type { TemplateText } from "@/lib/templates/validate";

export type Library = {
  name: string;
  senderName: string | null;
  senderAddress: string;
  currency: string;
  defaultLanguage: string;
  timeZone: string;
  facts: LibraryFacts;
};

export type TemplateTexts = { id: number; name: string; family: TemplateFamily; texts: Map<string, TemplateText> };

export type NoticeSetup = {
  brand: Brand;
  library: Library;
  // "scenarioId:level" -> the level's template and whether it shows replacement costs
  levels: Map<string, { templateId: number; showItemCost: boolean }>;
  templates: Map<number, TemplateTexts>;
};

export const levelKey = (scenarioId: number, level: number) => `${scenarioId}:${level}`;

export async function loadNoticeSetup(db: PrismaClient): Promise<NoticeSetup> {
  const [settings, levels, templates, versions] = await Promise.all([
    db.librarySettings.findUniqueOrThrow({ where: { id: 1 } }),
    db.scenarioLevel.findMany({ select: { scenarioId: true, level: true, templateId: true, showItemCost: true } }),
    db.template.findMany({ select: { id: true, name: true, family: true } }),
    // The current text of each template and language: its highest version.
    db.templateVersion.findMany({
      distinct: ["templateId", "language"],
      orderBy: [{ templateId: "asc" }, { language: "asc" }, { version: "desc" }],
      select: { templateId: true, language: true, subject: true, body: true, closing: true },
    }),
  ]);
  const byId = new Map(templates.map((t) => [t.id, { ...t, texts: new Map<string, TemplateText>() }]));
  for (const v of versions) byId.get(v.templateId)?.texts.set(v.language, { subject: v.subject, body: v.body, closing: v.closing });
  return {
    brand: brandOf(settings),
    library: {
      name: settings.name, senderName: settings.senderName, senderAddress: settings.senderAddress, currency: settings.currency,
      defaultLanguage: settings.defaultLanguage, timeZone: settings.timeZone,
      facts: { name: settings.name, address: settings.address ?? "", opening_hours: settings.openingHours ?? "", email: settings.replyToAddress ?? settings.senderAddress },
    },
    levels: new Map(levels.map((l) => [levelKey(l.scenarioId, l.level), { templateId: l.templateId, showItemCost: l.showItemCost }])),
    templates: byId,
  };
}

/** The library's placeholders in a letter's language: its opening hours as the letter's footer shows them. */
export function libraryFactsIn(setup: NoticeSetup, language: string): LibraryFacts {
  return { ...setup.library.facts, opening_hours: brandIn(setup.brand, language).openingHours ?? "" };
}

export function cachedNoticeSetup(db: PrismaClient, ttlMs = 30_000) {
  let cached: { at: number; value: Promise<NoticeSetup> } | null = null;
  return () => {
    if (!cached || Date.now() - cached.at > ttlMs) {
      const value = loadNoticeSetup(db);
      value.catch(() => (cached = null));
      cached = { at: Date.now(), value };
    }
    return cached.value;
  };
}
