import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { LevelText, Library } from "./compose-notice-email";

/** Library settings and level texts for rendering, read at most every `ttlMs` per process (sends run hundreds a second). */
export function cachedLibraryLoader(db: PrismaClient, ttlMs = 30_000) {
  let cached: { at: number; value: Promise<{ library: Library; levels: LevelText[] }> } | null = null;
  return () => {
    if (!cached || Date.now() - cached.at > ttlMs) {
      const value = (async () => {
        const [settings, levels] = await Promise.all([
          db.librarySettings.findUniqueOrThrow({ where: { id: 1 } }),
          db.scenarioLevel.findMany({ select: { scenarioId: true, level: true, subject: true, intro: true, showItemCost: true } }),
        ]);
        return {
          library: { name: settings.name, address: settings.address, senderName: settings.senderName, senderAddress: settings.senderAddress, currency: settings.currency },
          levels,
        };
      })();
      value.catch(() => (cached = null));
      cached = { at: Date.now(), value };
    }
    return cached.value;
  };
}
