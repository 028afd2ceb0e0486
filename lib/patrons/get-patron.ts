// The patron page (/patrons/[id]): who they are, who else receives their notices and which scenarios reach each of
// those people, and what they have out, on hold and owing. Each list is read by the patron's id through its index.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ContactKind } from "@/lib/generated/prisma/enums";
import { dateOnly, localDate } from "@/lib/time/library-date";

const OPEN_RESERVATIONS = ["WAITING", "READY_FOR_PICKUP"] as const;
// Loans still out in the patron's hands, as the home page counts them: only these can be overdue.
const OUT_STATUSES = new Set(["ON_LOAN", "RECALLED"]);
const DAY_MS = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export type PatronContactRow = { key: string; kind: ContactKind; name: string; email: string | null; mobile: string | null };
export type Reach = { scenario: string; level: number; levels: number };

export async function getPatron(db: PrismaClient, id: number, now = new Date()) {
  const settings = await db.librarySettings.findUnique({ where: { id: 1 }, select: { timeZone: true, currency: true } });
  const timeZone = settings?.timeZone ?? "UTC";
  const today = localDate(timeZone, now);
  const patron = await db.patron.findUnique({
    where: { id },
    include: {
      homeBranch: { select: { name: true } }, category: { select: { name: true } }, academicLevel: { select: { name: true } },
      groups: { select: { group: { select: { name: true } } }, orderBy: { groupId: "asc" } },
      contacts: { orderBy: { id: "asc" } },
    },
  });
  if (!patron) return null;
  const [loans, reservations, charges, levels] = await Promise.all([
    db.loan.findMany({
      where: { patronId: id, status: { not: "RETURNED" } },
      select: { id: true, dueDate: true, loanedAt: true, status: true, renewalsUsed: true, renewalsAllowed: true,
        item: { select: { barcode: true, title: true, author: true } } },
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
    }),
    db.reservation.findMany({
      where: { patronId: id, status: { in: [...OPEN_RESERVATIONS] } },
      select: { id: true, title: true, status: true, placedAt: true, readyAt: true, pickupBy: true,
        item: { select: { barcode: true, title: true } }, pickupBranch: { select: { name: true } } },
      orderBy: [{ placedAt: "asc" }, { id: "asc" }],
    }),
    db.charge.findMany({
      where: { patronId: id, balance: { gt: 0 } },
      select: { id: true, kind: true, code: true, description: true, amount: true, balance: true, createdAt: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    // Configuration, a few dozen rows: which enabled levels name which contact kinds.
    db.scenarioLevel.findMany({
      where: { isEnabled: true, scenario: { isEnabled: true } },
      select: { level: true, contactKinds: true, scenario: { select: { name: true, _count: { select: { levels: true } } } } },
      orderBy: [{ scenario: { name: "asc" } }, { level: "asc" }],
    }),
  ]);

  const contacts: PatronContactRow[] = [
    { key: "self", kind: "SELF", name: `${patron.firstName} ${patron.lastName}`, email: patron.email, mobile: patron.mobile },
    ...patron.contacts.map((c) => ({ key: `contact:${c.id}`, kind: c.kind, name: c.name, email: c.email, mobile: c.mobile })),
  ];
  const reachOf = (kind: ContactKind): Reach[] => levels.filter((l) => l.contactKinds.includes(kind))
    .map((l) => ({ scenario: l.scenario.name, level: l.level, levels: l.scenario._count.levels }));

  return {
    timeZone, today, currency: settings?.currency ?? "GBP",
    patron: {
      id: patron.id, cardNumber: patron.cardNumber, firstName: patron.firstName, lastName: patron.lastName,
      email: patron.email, mobile: patron.mobile, preferredLanguage: patron.preferredLanguage, status: patron.status,
      address: [patron.addressLine1, patron.addressLine2, patron.city, patron.postcode].filter(Boolean).join(", "),
      homeBranch: patron.homeBranch.name, category: patron.category.name, academicLevel: patron.academicLevel?.name ?? null,
      groups: patron.groups.map((g) => g.group.name),
      registeredOn: isoDate(patron.registeredOn), expiresOn: isoDate(patron.expiresOn), lastActivityAt: patron.lastActivityAt,
    },
    contacts: contacts.map((c) => ({ ...c, reach: reachOf(c.kind) })),
    // Days overdue as the notices count them (DOMAIN.md): today - due date - 1, so 0 on the day after the due date.
    loans: loans.map((l) => {
      const due = isoDate(l.dueDate);
      const isOverdue = OUT_STATUSES.has(l.status) && l.dueDate < dateOnly(today);
      return { id: l.id, barcode: l.item.barcode, title: l.item.title, author: l.item.author, status: l.status,
        loanedAt: l.loanedAt, dueDate: due, renewals: `${l.renewalsUsed} of ${l.renewalsAllowed}`, isOverdue,
        daysOverdue: isOverdue ? Math.round((dateOnly(today).getTime() - l.dueDate.getTime()) / DAY_MS) - 1 : null };
    }),
    reservations: reservations.map((r) => ({ id: r.id, title: r.item?.title ?? r.title ?? "(title not given)",
      barcode: r.item?.barcode ?? null, status: r.status, placedAt: r.placedAt, readyAt: r.readyAt,
      pickupBy: r.pickupBy ? isoDate(r.pickupBy) : null, pickupBranch: r.pickupBranch.name })),
    charges: charges.map((c) => ({ id: c.id, kind: c.kind, code: c.code, description: c.description,
      amount: c.amount.toFixed(2), balance: c.balance.toFixed(2), createdAt: c.createdAt })),
  };
}

export type PatronPage = NonNullable<Awaited<ReturnType<typeof getPatron>>>;
