// Text the database can store. Postgres refuses U+0000 in text (error 22021, which would be a 500), so every text
// value from outside (API rows, events, path keys, scenario codes, CSV cells) is refused here instead, naming its field.
import { z } from "zod";

export const NO_NUL = "must not contain a NUL character";
export const hasNoNul = (value: string) => !value.includes("\u0000");

/** A string that may be stored as text: zod's string with the NUL check first (its other checks follow). */
export const safeString = (params?: Parameters<typeof z.string>[0]) => z.string(params).refine(hasNoNul, NO_NUL);
