import { z } from "zod";
import type { Brand, FrameTexts } from "@/emails/components/frame";
import type { LibrarySettings } from "@/lib/generated/prisma/client";

// LibrarySettings.frameTranslations: { "<language tag>": { "address": "...", "openingHours": "...", "footerText": "..." } }.
const ZFrameTranslations = z.record(z.string(), z.object({ address: z.string().nullish(), openingHours: z.string().nullish(), footerText: z.string().nullish() }));

/** The branded frame's facts from library settings (a library not set up yet gets a plain frame). */
export function brandOf(settings: LibrarySettings | null): Brand {
  return {
    name: settings?.name ?? "Noticeboard",
    logoUrl: settings?.logoUrl ?? null,
    color: settings?.brandColor ?? "#1e3a8a",
    address: settings?.address ?? null,
    openingHours: settings?.openingHours ?? null,
    footer: settings?.footerText ?? null,
    translations: frameTranslations(settings?.frameTranslations),
  };
}

/** The stored translations as the frame reads them; a malformed value reads as none (the default texts show). */
function frameTranslations(value: unknown): Record<string, FrameTexts> {
  const parsed = ZFrameTranslations.safeParse(value ?? {});
  if (!parsed.success) return {};
  return Object.fromEntries(Object.entries(parsed.data).map(([tag, t]) => [tag, { address: t.address, openingHours: t.openingHours, footer: t.footerText }]));
}
