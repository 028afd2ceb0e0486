import { describe, expect, it } from "vitest";
import { isConnectionError, retryWhileUnreachable } from "./connection-errors";

// Shapes as they arrive: pg's own, Prisma 7's through its pg adapter, nodemailer's rewrite of an error handed to it,
// ioredis'. A statement that is wrong must never be taken for an outage (it would be retried for an hour).
describe("isConnectionError", () => {
  it.each([
    ["pg: admin shutdown (a restart)", Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" })],
    ["pg: refused socket", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["pg: class 08 connection exception", Object.assign(new Error("x"), { code: "08006" })],
    ["Prisma P1001", Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: "P1001" })],
    ["Prisma P1017 with the pg error inside meta", Object.assign(new Error("Server has closed the connection."), {
      code: "P1017", meta: { driverAdapterError: { cause: { originalCode: "ECONNRESET" } } } })],
    ["Prisma, only the adapter's cause says it", Object.assign(new Error("Invalid invocation"), {
      code: "P2010", meta: { driverAdapterError: Object.assign(new Error("x"), { cause: { kind: "DatabaseNotReachable" } }) } })],
    ["nodemailer rewrote it (ESTREAM)", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ESTREAM", originalCode: "ECONNREFUSED" })],
    ["ioredis, offline queue off", new Error("Stream isn't writeable and enableOfflineQueue options is false")],
    ["wrapped in a cause", new Error("outer", { cause: Object.assign(new Error("inner"), { code: "57P03" }) })],
  ])("%s: yes", (_name, err) => {
    expect(isConnectionError(err)).toBe(true);
  });

  it.each([
    ["unique violation", Object.assign(new Error("duplicate key value violates unique constraint"), { code: "23505" })],
    ["Prisma unique (P2002)", Object.assign(new Error("Unique constraint failed"), { code: "P2002", meta: {} })],
    ["a bug", new TypeError("Cannot read properties of undefined")],
    ["not an error", "ECONNREFUSED"],
    ["nothing", undefined],
  ])("%s: no", (_name, err) => {
    expect(isConnectionError(err)).toBe(false);
  });
});

describe("retryWhileUnreachable", () => {
  it("waits out an outage, then returns the result; any other error is thrown at once", async () => {
    let calls = 0;
    const waits: number[] = [];
    const result = await retryWhileUnreachable(async () => {
      calls++;
      if (calls < 3) throw Object.assign(new Error("down"), { code: "57P01" });
      return "written";
    }, { firstWaitMs: 1, maxWaitMs: 3, onRetry: (_e, _a, w) => waits.push(w) });
    expect(result).toBe("written");
    expect(waits).toEqual([1, 2]);

    let other = 0;
    await expect(retryWhileUnreachable(async () => {
      other++;
      throw Object.assign(new Error("bad"), { code: "23505" });
    }, { firstWaitMs: 1 })).rejects.toThrow("bad");
    expect(other).toBe(1);
  });

  it("gives up after maxMs and throws the outage's error", async () => {
    await expect(retryWhileUnreachable(async () => {
      throw Object.assign(new Error("still down"), { code: "ECONNREFUSED" });
    }, { firstWaitMs: 5, maxMs: 20 })).rejects.toThrow("still down");
  });
});
