import type { Metadata } from "next";
import { LibrarySettingsForm } from "@/components/settings/library-settings-form";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { storedFrameTranslations, FrameTranslationsInput } from "@/lib/settings/frame-translations";
import { SETTINGS_FIELDS } from "@/lib/settings/library-settings";

export const metadata: Metadata = { title: "Library settings" };

export default async function LibrarySettingsPage() {
  await staffForPage("settings.manage");
  const settings = await prisma.librarySettings.findUnique({ where: { id: 1 } });
  if (!settings) return <p className="text-sm text-zinc-600">The library has no settings yet: import a configuration file (Settings → General) or run the seed.</p>;
  const values = Object.fromEntries(SETTINGS_FIELDS.filter((k) => k !== "frameTranslations").map((k) => [k, settings[k] as string | boolean | null]));
  // As the form edits them; a value written by hand that does not read as translations shows as none.
  const stored = FrameTranslationsInput.safeParse(settings.frameTranslations);
  const frameTranslations = stored.success ? storedFrameTranslations(stored.data) : {};
  return <LibrarySettingsForm values={values} frameTranslations={frameTranslations} timeZones={Intl.supportedValuesOf("timeZone")} />;
}
