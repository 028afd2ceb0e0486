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
  // ScenarioLevel id (what a notice records) -> the level's template, whether it shows replacement costs, and the
  // processing charge posted when its notice goes out
  levels: Map<number, LevelSetup>;
  templates: Map<number, TemplateTexts>;
};

export type LevelSetup = {
  scenarioId: number;
  level: number;
  templateId: number;
  showItemCost: boolean;
  processingChargeCode: string | null;
  processingChargeAmount: number | null;
};

/** A delivery's notice names a level (or its template) that no longer exists: it cannot be worded, so it is not sent. */
export class ConfigurationGoneError extends Error {}

export async function loadNoticeSetup(db: PrismaClient): Promise<NoticeSetup> {
  const [settings, levels, templates, versions] = await Promise.all([
    db.librarySettings.findUniqueOrThrow({ where: { id: 1 } }),
    db.scenarioLevel.findMany({
      select: { id: true, scenarioId: true, level: true, templateId: true, showItemCost: true, processingChargeCode: true, processingChargeAmount: true },
    }),
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
    levels: new Map(levels.map(({ id, processingChargeAmount, ...l }) =>
      [id, { ...l, processingChargeAmount: processingChargeAmount === null ? null : Number(processingChargeAmount) }])),
    templates: byId,
  };
}

/** The library's placeholders in a letter's language: its address and opening hours as the letter's footer shows them. */
export function libraryFactsIn(setup: NoticeSetup, language: string): LibraryFacts {
  const brand = brandIn(setup.brand, language);
  return { ...setup.library.facts, address: brand.address ?? "", opening_hours: brand.openingHours ?? "" };
}

/** `fresh`: read again now (a level added since the last read must not be taken for one removed). */
export function cachedNoticeSetup(db: PrismaClient, ttlMs = 30_000) {
  let cached: { at: number; value: Promise<NoticeSetup> } | null = null;
  return (options: { fresh?: boolean } = {}) => {
    if (!cached || options.fresh || Date.now() - cached.at > ttlMs) {
      const value = loadNoticeSetup(db);
      value.catch(() => (cached = null));
      cached = { at: Date.now(), value };
    }
    return cached.value;
  };
}
