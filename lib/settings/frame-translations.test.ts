import { describe, expect, it } from "vitest";
import { canonicalTag, sameFrameTranslations, storedFrameTranslations, tagOfDefault, tagProblems } from "./frame-translations";

describe("the frame's translations", () => {
  it("takes BCP 47 tags with an ISO 639 language, canonical", () => {
    expect(["mi", "FR-ca", "zh-hant-tw", "cy-GB"].map(canonicalTag)).toEqual(["mi", "fr-CA", "zh-Hant-TW", "cy-GB"]);
    expect(["", " ", "english", "en_GB", "x-private", "i-klingon", "Māori", "a".repeat(40)].map(canonicalTag)).toEqual(Array(8).fill(null));
  });

  it("names a bad tag, a tag twice (after canonicalising) and the default language by the tag as typed", () => {
    const typed = { "bad tag": {}, "fr-ca": {}, "FR-CA": {}, "EN-gb": {} } as never;
    expect(tagProblems(typed)).toEqual([
      { tag: "bad tag", message: "a language tag such as cy, mi or fr-CA" }, { tag: "FR-CA", message: "fr-CA is listed twice" },
    ]);
    expect(tagOfDefault(typed, "en-GB")).toBe("EN-gb");
    expect(tagOfDefault(typed, "cy")).toBeUndefined();
  });

  it("stores canonical tags in order with only the texts given, and compares regardless of key order", () => {
    const stored = storedFrameTranslations({ mi: { address: null, openingHours: null, footerText: "Kia ora" }, CY: { address: "Sgwâr", openingHours: null, footerText: null } });
    expect(JSON.stringify(stored)).toBe('{"cy":{"address":"Sgwâr"},"mi":{"footerText":"Kia ora"}}');
    expect(sameFrameTranslations(stored, { mi: { footerText: "Kia ora" }, cy: { address: "Sgwâr" } })).toBe(true);
    expect(sameFrameTranslations(stored, { cy: { address: "Sgwâr" } })).toBe(false);
    expect(sameFrameTranslations(null, {})).toBe(true);
  });
});
