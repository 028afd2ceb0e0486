import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createSignInThrottle, SignInThrottledError, SignInUnavailableError } from "@/lib/auth/sign-in-throttle";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { createStaff, uid } from "../factories";
import { db } from "./db";

// Real Redis, a clock the test moves, and the real credential check against the test database.
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `${process.env.QUEUE_PREFIX ?? "nb-test"}-throttle-${uid()}`;
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await db.$disconnect();
});

const MINUTE = 60_000;
function setup(limits: { perAccount?: number; perAddress?: number } = {}) {
  let t = Date.UTC(2026, 11, 1, 9, 0);
  const throttle = createSignInThrottle({
    redis,
    prefix: `${prefix}-${uid()}`,
    perAccount: limits.perAccount ?? 5,
    perAddress: limits.perAddress ?? 20,
    windowMs: 15 * MINUTE,
    now: () => t,
  });
  const signIn = (email: string, password: string, address = "192.0.2.1") =>
    throttle.attempt({ email, address }, () => verifyCredentials(db, { email, password }));
  return { signIn, advance: (ms: number) => (t += ms) };
}

describe("sign-in throttling", () => {
  it("refuses the 6th attempt after 5 failures within 15 minutes, even with the right password, and says how long", async () => {
    const { user, password } = await createStaff(db);
    const { signIn, advance } = setup();
    for (let i = 0; i < 5; i++) {
      expect(await signIn(user.email, "wrong")).toBeNull();
      advance(MINUTE);
    }
    // First failure at 0, now at 5 min: it leaves the window at 15 min, in 10 minutes.
    await expect(signIn(user.email, password)).rejects.toThrow("Too many attempts; try again in 10 minutes.");
    advance(9 * MINUTE + 59_000);
    await expect(signIn(user.email.toUpperCase(), password)).rejects.toBeInstanceOf(SignInThrottledError);
    advance(1_000); // the first failure has left the window: 4 remain, one more try is allowed
    expect(await signIn(user.email, password)).toMatchObject({ id: String(user.id) });
  });

  it("a success resets the account's failures", async () => {
    const { user, password } = await createStaff(db);
    const { signIn } = setup();
    for (let i = 0; i < 4; i++) expect(await signIn(user.email, "wrong")).toBeNull();
    expect(await signIn(user.email, password)).not.toBeNull();
    for (let i = 0; i < 5; i++) expect(await signIn(user.email, "wrong")).toBeNull();
    await expect(signIn(user.email, password)).rejects.toBeInstanceOf(SignInThrottledError);
  });

  it("answers an unknown email exactly as a known one, so the refusal reveals nothing", async () => {
    const { user } = await createStaff(db);
    const { signIn } = setup();
    const messages: string[] = [];
    for (const email of [user.email, `nobody-${uid()}@library.example`]) {
      for (let i = 0; i < 5; i++) expect(await signIn(email, "wrong")).toBeNull();
      messages.push(await signIn(email, "wrong").then(() => "accepted", (e: Error) => e.message));
    }
    expect(messages).toEqual(["Too many attempts; try again in 15 minutes.", "Too many attempts; try again in 15 minutes."]);
  });

  it("limits failures per address across accounts, and other addresses are unaffected", async () => {
    const { user, password } = await createStaff(db);
    const { signIn } = setup({ perAddress: 3 });
    for (let i = 0; i < 3; i++) expect(await signIn(`guess-${i}-${uid()}@library.example`, "x", "198.51.100.7")).toBeNull();
    await expect(signIn(user.email, password, "198.51.100.7")).rejects.toThrow(/^Too many attempts/);
    expect(await signIn(user.email, password, "198.51.100.8")).not.toBeNull();
  });

  it("counts concurrent guesses: no more than the limit get checked", async () => {
    const { user } = await createStaff(db);
    const { signIn } = setup();
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => signIn(user.email, "wrong")));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(7);
  });

  it("refuses sign-in (fails closed) when Redis does not answer", async () => {
    const { user, password } = await createStaff(db);
    const down = new Redis("redis://127.0.0.1:1", { maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
    down.on("error", () => undefined);
    const throttle = createSignInThrottle({ redis: down, prefix, perAccount: 5, perAddress: 20, windowMs: 15 * MINUTE });
    await expect(throttle.attempt({ email: user.email, address: "192.0.2.9" }, () => verifyCredentials(db, { email: user.email, password })))
      .rejects.toBeInstanceOf(SignInUnavailableError);
    down.disconnect();
  });
});
