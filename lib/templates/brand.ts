import type { Brand } from "@/emails/components/frame";
import type { LibrarySettings } from "@/lib/generated/prisma/client";

/** The branded frame's facts from library settings (a library not set up yet gets a plain frame). */
export function brandOf(settings: LibrarySettings | null): Brand {
  return {
    name: settings?.name ?? "Noticeboard",
    logoUrl: settings?.logoUrl ?? null,
    color: settings?.brandColor ?? "#1e3a8a",
    address: settings?.address ?? null,
    openingHours: settings?.openingHours ?? null,
    footer: settings?.footerText ?? null,
  };
}
