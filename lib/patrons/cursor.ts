// Keyset cursors for the patron screens: the sort key of a page's last row, as an opaque URL-safe string. A cursor we
// did not give out (edited by hand, or from an older version) reads as none: the list starts again from the top.

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** The key, or null when `value` is missing or not a cursor of this shape (`types`: "s" string, "n" integer). */
export function decodeCursor(value: string | undefined, types: readonly ("s" | "n")[]): (string | number)[] | null {
  if (!value) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(key) || key.length !== types.length) return null;
    const ok = key.every((v, i) => (types[i] === "n" ? Number.isSafeInteger(v) && v >= 0 && v <= 2_147_483_647 : typeof v === "string" && v.length <= 200));
    return ok ? key : null;
  } catch {
    return null;
  }
}
