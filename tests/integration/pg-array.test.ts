import { describe, expect, it } from "vitest";
import pg from "pg";
import { numberArray, textArray } from "@/lib/db/pg-array";

describe("Postgres array literals", () => {
  it("match what node-postgres would send, element for element", () => {
    expect(numberArray([1, null, 30, undefined])).toBe("{1,NULL,30,NULL}");
    expect(numberArray([])).toBe("{}");
    expect(textArray(["a", null, 'say "hi"', "back\\slash", "", "NULL", "{x,y}"])).toBe('{"a",NULL,"say \\"hi\\"","back\\\\slash","","NULL","{x,y}"}');
  });

  it("round-trip through a real Postgres unchanged", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const texts = ["plain", 'q"uote', "b\\s", "", "NULL", "{b,r}", "comma, here", "ünïcödé", null];
      const ints = [1, -2, null, 2147483647];
      const { rows } = await client.query(`SELECT $1::text[] AS t, $2::int[] AS i`, [textArray(texts), numberArray(ints)]);
      expect(rows[0].t).toEqual(texts);
      expect(rows[0].i).toEqual(ints);
    } finally {
      await client.end();
    }
  });
});
