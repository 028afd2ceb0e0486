// DOMAIN.md "Delivery method": email, SMS and print. "Email only" / "SMS only" (several may be ticked): generate the
// notice only if one ticked method is usable. Print override prints regardless. No usable address and no restriction:
// print.
import { describe, expect, it } from "vitest";
import type { Channel } from "@/lib/generated/prisma/enums";
import { chooseChannel, type ContactPoint } from "./channel";

const contacts: Record<string, ContactPoint> = {
  emailOnly: { email: "pat@example.net", mobile: null },
  mobileOnly: { email: null, mobile: "021 555 0199" },
  both: { email: "pat@example.net", mobile: "021 555 0199" },
  neither: { email: null, mobile: null },
};

describe("chooseChannel: every restriction with every kind of contact", () => {
  // restriction, then the channel for: email only, mobile only, both, neither
  const table: [Channel[], (Channel | null)[]][] = [
    [[], ["EMAIL", "PRINT", "EMAIL", "PRINT"]], // unrestricted: email when usable, else print (never SMS)
    [["EMAIL"], ["EMAIL", null, "EMAIL", null]],
    [["SMS"], [null, "SMS", "SMS", null]],
    [["PRINT"], ["PRINT", "PRINT", "PRINT", "PRINT"]],
    [["EMAIL", "SMS"], ["EMAIL", "SMS", "EMAIL", null]],
    [["EMAIL", "PRINT"], ["EMAIL", "PRINT", "EMAIL", "PRINT"]],
    [["SMS", "PRINT"], ["PRINT", "SMS", "SMS", "PRINT"]],
    [["EMAIL", "SMS", "PRINT"], ["EMAIL", "SMS", "EMAIL", "PRINT"]],
    [["SMS", "EMAIL"], ["EMAIL", "SMS", "EMAIL", null]], // email is preferred whatever order they were ticked in
  ];
  it.each(table)("restricted to %j: %j", (restrictChannels, expected) => {
    const chosen = Object.values(contacts).map((c) => chooseChannel(c, { restrictChannels, printOverride: false }));
    expect(chosen).toEqual(expected);
  });

  it.each(table.map(([r]) => [r]))("print override prints whatever the restriction (%j) and the contact", (restrictChannels) => {
    const chosen = Object.values(contacts).map((c) => chooseChannel(c, { restrictChannels, printOverride: true }));
    expect(chosen).toEqual(["PRINT", "PRINT", "PRINT", "PRINT"]);
  });
});

describe("chooseChannel: what counts as a usable address", () => {
  it.each([
    ["pat@example.net", "EMAIL"],
    ["pat@example", null], // no domain dot
    ["pat@@example.net", null],
    ["pat smith@example.net", null], // spaces are not part of an address
    ["see pat@example.net", null], // the whole field must be the address
    ["pat@example.net (home)", null],
    ["", null],
  ])("email %j restricted to email: %s", (email, expected) => {
    expect(chooseChannel({ email, mobile: null }, { restrictChannels: ["EMAIL"], printOverride: false })).toBe(expected);
  });

  it.each([
    ["021 555 0199", "SMS"],
    ["+64 21 555 0199", "SMS"],
    ["555-0199", "SMS"], // seven digits: enough
    ["555-019", null], // six digits: not a number a message can reach
    ["12-34-56", null],
    ["call the school", null],
    ["", null],
  ])("mobile %j restricted to SMS: %s", (mobile, expected) => {
    expect(chooseChannel({ email: null, mobile }, { restrictChannels: ["SMS"], printOverride: false })).toBe(expected);
  });
});
