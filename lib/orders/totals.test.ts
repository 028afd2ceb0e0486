import { describe, expect, it } from "vitest";
import { formatMoney, orderTotals, toCents } from "./totals";

describe("order totals", () => {
  it("sums lines in cents and adds the tax rounded half up", () => {
    expect(toCents("12.5")).toBe(1250);
    expect(toCents("0.07")).toBe(7);
    expect(orderTotals([{ quantity: 3, unitPrice: "12.50" }, { quantity: 1, unitPrice: "0.99" }], "20")).toEqual({ subtotal: 3849, tax: 770, total: 4619 });
    // 5.5 % of 0.10 is 0.0055: half a cent rounds up.
    expect(orderTotals([{ quantity: 1, unitPrice: "0.10" }], "5.5")).toEqual({ subtotal: 10, tax: 1, total: 11 });
    expect(orderTotals([{ quantity: 2, unitPrice: "10" }], "0")).toEqual({ subtotal: 2000, tax: 0, total: 2000 });
    expect(formatMoney(461900, "GBP")).toBe("£4,619.00");
  });
});
