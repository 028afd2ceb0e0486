// Calls /api/v1 route handlers in-process, as Next.js would: a real Request, the real database and Redis.
import { createApiToken } from "@/lib/api/tokens";
import { prisma } from "@/lib/db/client";
import { createBranch, createStaff, uid } from "../../factories";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route types its own params
type Handler = (request: Request, route: { params: Promise<any> }) => Promise<Response>;

export async function call(handler: Handler, options: {
  token?: string | null; method?: string; path?: string; body?: unknown; rawBody?: string; params?: Record<string, string>;
}) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://localhost${options.path ?? "/api/v1/x"}`, { method: options.method ?? (body === undefined ? "GET" : "POST"), headers, body });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null, headers: response.headers };
}

/** A read-write and a read-only token, a branch and a category/group the rows can name. */
export async function apiFixture() {
  const { user } = await createStaff(prisma, { role: "ADMIN" });
  const write = await createApiToken(prisma, { name: `test rw ${uid()}`, scope: "READ_WRITE" }, user);
  const read = await createApiToken(prisma, { name: `test ro ${uid()}`, scope: "READ" }, user);
  const branch = await createBranch(prisma);
  const category = await prisma.patronCategory.create({ data: { code: `CAT-${uid()}`, name: "API test" } });
  const group = await prisma.libraryGroup.create({ data: { code: `GRP-${uid()}`, name: "API test group" } });
  return { staff: user, write: write.secret, read: read.secret, writeId: write.id, readId: read.id, branch: branch.code, category: category.code, group: group.code };
}

export type Fixture = Awaited<ReturnType<typeof apiFixture>>;

export const patronRow = (f: Fixture, overrides: Record<string, unknown> = {}) => ({
  cardNumber: `API-${uid()}`, firstName: "Ada", lastName: "Lovelace", email: `ada.${uid()}@example.net`,
  homeBranch: f.branch, category: f.category, registeredOn: "2025-01-01", expiresOn: "2028-01-01", ...overrides,
});

/** Row counts of every table the API writes, to prove a refused request wrote nothing. */
export async function counts() {
  const [patrons, contacts, groups, items, loans, reservations, charges, suppliers, categories, libraryGroups] = await Promise.all([
    prisma.patron.count(), prisma.patronContact.count(), prisma.patronLibraryGroup.count(), prisma.item.count(), prisma.loan.count(),
    prisma.reservation.count(), prisma.charge.count(), prisma.supplier.count(), prisma.patronCategory.count(), prisma.libraryGroup.count(),
  ]);
  return { patrons, contacts, groups, items, loans, reservations, charges, suppliers, categories, libraryGroups };
}
