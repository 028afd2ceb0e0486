// Postgres array literals built directly, for the large unnest() parameters of set-based writes: node-postgres'
// generic array conversion (prepareValue + escapeElement per element) cost ~2 s of CPU per night of notices.
// The literal goes as a text parameter and is cast in SQL ($1::int[], $2::text[], ...).

/** {1,2.5,NULL} from numbers (NULL for null/undefined), for int[] or numeric[]. */
export function numberArray(values: readonly (number | null | undefined)[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out += (i ? "," : "") + (v === null || v === undefined ? "NULL" : String(v));
  }
  return `${out}}`;
}

/** {"a","b \"c\"",NULL} from strings: every element quoted, backslashes and quotes escaped. */
export function textArray(values: readonly (string | null | undefined)[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = "NULL";
    // Most values (kinds, dates, codes) need no escaping: skip the regex for them.
    else if (v.indexOf('"') === -1 && v.indexOf("\\") === -1) parts[i] = `"${v}"`;
    else parts[i] = `"${v.replace(/[\\"]/g, "\\$&")}"`;
  }
  return `{${parts.join(",")}}`;
}
