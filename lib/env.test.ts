import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const base = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/x",
  REDIS_URL: "redis://127.0.0.1:6379",
  SMTP_HOST: "127.0.0.1",
  SMTP_PORT: "1025",
  MAIL_FROM: "Library <a@b.example>",
  NODE_ENV: "production",
};
const example = "change-me-to-a-long-random-string";

describe("parseEnv: NEXTAUTH_SECRET", () => {
  it("the web server refuses the example secret in production, naming the variable", () => {
    expect(() => parseEnv({ ...base, NEXTAUTH_SECRET: example }, { webServer: true })).toThrow(
      /NEXTAUTH_SECRET: is the example value from \.env\.example/,
    );
  });

  it("accepts a secret of one's own in production, and the example one in development, the build and the worker", () => {
    expect(parseEnv({ ...base, NEXTAUTH_SECRET: "k7Qz9x2vL0pN4rT8wY1bC6dF" }, { webServer: true }).NEXTAUTH_SECRET).toBe("k7Qz9x2vL0pN4rT8wY1bC6dF");
    expect(() => parseEnv({ ...base, NODE_ENV: "development", NEXTAUTH_SECRET: example }, { webServer: true })).not.toThrow();
    expect(() => parseEnv({ ...base, NEXTAUTH_SECRET: example }, { webServer: false })).not.toThrow();
  });
});

describe("parseEnv: sign-in throttling", () => {
  it("defaults to 5 failures per account and 20 per address in 15 minutes, proxy headers untrusted", () => {
    const env = parseEnv({ ...base, NEXTAUTH_SECRET: "k7Qz9x2vL0pN4rT8wY1bC6dF" }, { webServer: false });
    expect(env).toMatchObject({
      SIGN_IN_MAX_FAILURES_PER_ACCOUNT: 5,
      SIGN_IN_MAX_FAILURES_PER_ADDRESS: 20,
      SIGN_IN_WINDOW_MINUTES: 15,
      TRUST_PROXY: false,
    });
    expect(parseEnv({ ...base, NEXTAUTH_SECRET: "k7Qz9x2vL0pN4rT8wY1bC6dF", TRUST_PROXY: "true" }, { webServer: false }).TRUST_PROXY).toBe(true);
  });
});
