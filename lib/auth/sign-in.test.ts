import { describe, expect, it } from "vitest";
import { clientAddress, UNTRUSTED_FORWARDED } from "./client-address";
import { signInErrorMessage, tooManyAttempts } from "./sign-in-messages";

describe("clientAddress", () => {
  it("behind a trusted proxy, takes the last X-Forwarded-For entry (the one the proxy added)", () => {
    expect(clientAddress({ "x-forwarded-for": "203.0.113.9, 198.51.100.2" }, true)).toBe("198.51.100.2");
    expect(clientAddress(new Headers({ "x-forwarded-for": "198.51.100.2" }), true)).toBe("198.51.100.2");
  });

  it("without TRUST_PROXY, a list cannot choose its own bucket: all such requests share one", () => {
    expect(clientAddress({ "x-forwarded-for": "203.0.113.9, 198.51.100.2" }, false)).toBe(UNTRUSTED_FORWARDED);
    expect(clientAddress({ "x-forwarded-for": "203.0.113.1, 203.0.113.2" }, false)).toBe(UNTRUSTED_FORWARDED);
    // A single entry is what Next records from the socket.
    expect(clientAddress({ "x-forwarded-for": "127.0.0.1" }, false)).toBe("127.0.0.1");
  });

  it("with no header at all, one shared bucket", () => {
    expect(clientAddress({}, true)).toBe("unknown");
    expect(clientAddress(undefined, false)).toBe("unknown");
  });
});

describe("sign-in messages", () => {
  it("shows the throttle and unavailable messages as they are, anything else as a wrong password", () => {
    expect(tooManyAttempts(1)).toBe("Too many attempts; try again in 1 minute.");
    expect(signInErrorMessage(tooManyAttempts(12))).toBe("Too many attempts; try again in 12 minutes.");
    expect(signInErrorMessage("CredentialsSignin")).toBe("Wrong email or password.");
    expect(signInErrorMessage("connect ECONNREFUSED 127.0.0.1:5432")).toBe("Wrong email or password.");
    expect(signInErrorMessage(undefined)).toBe("Wrong email or password.");
  });
});
