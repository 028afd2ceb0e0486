// An order's totals in whole cents, so sums never drift: each line is quantity × unit price, the subtotal their sum,
// the tax the order's rate (percent) on the subtotal rounded half up to the cent, the total both.
export type TotalsLine = { quantity: number; unitPrice: string | { toString(): string } };

export function toCents(price: string | { toString(): string }): number {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(price).trim());
  if (!m) throw new Error(`not a price: ${String(price)}`);
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

export function orderTotals(lines: TotalsLine[], taxRate: string | { toString(): string }) {
  const subtotal = lines.reduce((sum, l) => sum + l.quantity * toCents(l.unitPrice), 0);
  // The rate has at most two decimals: work in hundredths of a percent to stay in integers.
  const rate = Math.round(Number(String(taxRate)) * 100);
  const tax = Math.floor((subtotal * rate + 5000) / 10000);
  return { subtotal, tax, total: subtotal + tax };
}

/** Cents as money in the order's currency: "£1,234.50". */
export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency }).format(cents / 100);
}
