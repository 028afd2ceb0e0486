import { afterAll, describe, expect, it } from "vitest";
import { LibrarySettingsInput, saveLibrarySettings, SETTINGS_FIELDS } from "@/lib/settings/library-settings";
import { ensureSettings, uid } from "../factories";
import { db } from "./db";

afterAll(() => db.$disconnect());

describe("library settings", () => {
  it("saves only what changed with an audit row, and a new time zone restarts every scenario's schedule", async () => {
    await ensureSettings(db);
    const staff = await db.staffUser.create({ data: { email: `s.${uid()}@example.net`, name: "S", passwordHash: "x", role: "ADMIN" } });
    const current = await db.librarySettings.findUniqueOrThrow({ where: { id: 1 } });
    const values = LibrarySettingsInput.parse({ ...Object.fromEntries(SETTINGS_FIELDS.map((k) => [k, current[k] ?? ""])), countOpenDaysOnly: current.countOpenDaysOnly });
    expect(await saveLibrarySettings(db, values, staff)).toEqual({ changed: [], timeZoneChanged: false });

    const zone = current.timeZone === "Pacific/Auckland" ? "Europe/London" : "Pacific/Auckland";
    const startedAt = new Date();
    const saved = await saveLibrarySettings(db, { ...values, timeZone: zone, closingTime: "18:00" }, staff);
    expect(saved).toEqual({ changed: expect.arrayContaining(["timeZone"]), timeZoneChanged: true });
    const scenarios = await db.scenario.findMany({ select: { scheduleSetAt: true } });
    expect(scenarios.every((s) => s.scheduleSetAt >= new Date(startedAt.getTime() - 5))).toBe(true);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entity: "settings", entityId: "library" }, orderBy: { id: "desc" } });
    expect(audit.details).toMatchObject({ before: { timeZone: current.timeZone }, after: { timeZone: zone, closingTime: "18:00" } });
    await saveLibrarySettings(db, values, staff); // put it back
  });

  it("names each bad field", () => {
    const r = LibrarySettingsInput.safeParse({ name: "", senderAddress: "nope", timeZone: "Mars/Olympus", closingTime: "25:00", defaultLanguage: "English",
      currency: "pounds", brandColor: "blue", logoUrl: "http://x", countOpenDaysOnly: false });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["brandColor", "closingTime", "currency", "defaultLanguage", "logoUrl", "name", "senderAddress", "timeZone"]);
  });
});
