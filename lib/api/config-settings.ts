// GET/PUT /api/v1/config/settings: Settings → Library through saveLibrarySettings (one transaction, an audit row of the
// changed fields; a new time zone moves every scenario's scheduleSetAt), then, on a new time zone, the worker asked to
// re-sync its schedulers, as the dashboard's action does.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/parse-input";
import { LibrarySettingsInput, SETTINGS_FIELDS, saveLibrarySettings } from "@/lib/settings/library-settings";
import { apiActor, parseBody, requestSync } from "./config-params";
import { SettingsBody } from "./config-schemas";
import type { ApiCaller } from "./tokens";

export async function getSettings(db: PrismaClient) {
  const row = await db.librarySettings.findUnique({ where: { id: 1 } });
  if (!row) throw new AppError("NOT_FOUND", "The library has no settings yet: run the seed or import a configuration first.");
  return Object.fromEntries(SETTINGS_FIELDS.map((k) => [k, row[k]]));
}

/** Replaces Settings → Library (optional fields left out are cleared); answers them as GET does. */
export async function putSettings(db: PrismaClient, body: unknown, caller: Pick<ApiCaller, "tokenId">) {
  const shape = parseBody(SettingsBody, body);
  const input = parseOrThrow(LibrarySettingsInput, Object.fromEntries(SETTINGS_FIELDS.map((k) => [k, shape[k] ?? null])));
  const result = await saveLibrarySettings(db, input, apiActor(caller));
  if (result.timeZoneChanged) await requestSync("a time zone change");
  return getSettings(db);
}
