// Path parameters, checked before any query. Next hands them over already percent-decoded: they are used as they are
// (decoding again broke keys holding "%" and answered a bare 500 for "%ZZ"), and anything Postgres cannot take (a NUL,
// an id beyond its integer) is a 422 naming the parameter.
import { z } from "zod";
import { parseOrThrow } from "@/lib/parse-input";
import { safeString } from "./safe-text";

export const MAX_DB_INT = 2_147_483_647;
export const ID_RANGE = `a whole number from 1 to ${MAX_DB_INT}`;

const ZKey = z.object({ key: safeString("text").min(1, "required").max(1000, "at most 1000 characters") });

/** A record's key in the path (card number, barcode, code or external id), as Next decoded it. */
export function keyParam(key: unknown): string {
  return parseOrThrow(ZKey, { key }).key;
}

/** True for the digits of an integer Postgres' `integer` holds, from 1 up ("0x10", "1e3", " 7" are not). */
export const isDbId = (value: string) => /^[1-9][0-9]{0,9}$/.test(value) && Number(value) <= MAX_DB_INT;

const ZId = z.object({ id: z.string().refine(isDbId, ID_RANGE) });

/** A numeric id in the path (a run): digits only, 1..2147483647. */
export function idParam(id: unknown): number {
  return Number(parseOrThrow(ZId, { id }).id);
}
