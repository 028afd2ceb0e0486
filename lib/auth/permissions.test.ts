import { describe, expect, it } from "vitest";
import { can } from "./permissions";

describe("can", () => {
  it.each([
    ["ADMIN", "settings.manage", true],
    ["CIRCULATION", "settings.manage", false],
    ["CIRCULATION", "notices.manage", true],
    ["ACQUISITIONS", "notices.manage", false],
    ["ACQUISITIONS", "orders.send", true],
    ["READ_ONLY", "dashboard.view", true],
    ["READ_ONLY", "mail.view", false],
    ["READ_ONLY", "orders.send", false],
    ["ACQUISITIONS", "orders.manage", true],
    ["ADMIN", "orders.manage", true],
    ["CIRCULATION", "orders.manage", false],
    ["READ_ONLY", "orders.manage", false],
  ] as const)("%s may %s: %s", (role, permission, expected) => {
    expect(can(role, permission)).toBe(expected);
  });

  it("refuses a missing role", () => {
    expect(can(undefined, "dashboard.view")).toBe(false);
    expect(can(null, "dashboard.view")).toBe(false);
  });
});
