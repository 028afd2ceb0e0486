import type { StaffRole } from "@/lib/generated/prisma/enums";

// What each role may do. Pages and server actions name a permission, never a role, so a new role is one edit here.
const ALL: readonly StaffRole[] = ["ADMIN", "CIRCULATION", "ACQUISITIONS", "READ_ONLY"];
export const PERMISSIONS = {
  "dashboard.view": ALL,
  "mail.view": ["ADMIN", "CIRCULATION", "ACQUISITIONS"],
  "mail.send-test": ["ADMIN"],
  "notices.manage": ["ADMIN", "CIRCULATION"],
  "deliveries.manage": ["ADMIN", "CIRCULATION"],
  "patrons.manage": ["ADMIN", "CIRCULATION"],
  "orders.send": ["ADMIN", "ACQUISITIONS"],
  "orders.manage": ["ADMIN", "ACQUISITIONS"],
  "templates.manage": ["ADMIN", "CIRCULATION"],
  "settings.manage": ["ADMIN"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

// What each permission lets a person do, in the words of Settings → Staff (its table is drawn from PERMISSIONS).
export const PERMISSION_LABELS: Record<Permission, string> = {
  "dashboard.view": "See the dashboard, scenarios, templates and notices",
  "mail.view": "See the outbox",
  "mail.send-test": "Send a test email",
  "notices.manage": "Change scenarios; run and replay notices",
  "deliveries.manage": "Resend, cancel, retry and settle single deliveries",
  "patrons.manage": "Edit patrons' contacts",
  "orders.send": "Send supplier orders",
  "orders.manage": "Create and edit suppliers and purchase orders; receive orders",
  "templates.manage": "Change the wording of notices (templates)",
  "settings.manage": "Change settings, staff accounts, API tokens; import data",
};

export function can(role: StaffRole | undefined | null, permission: Permission): boolean {
  return !!role && (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}

export const ROLE_LABELS: Record<StaffRole, string> = {
  ADMIN: "Administrator",
  CIRCULATION: "Circulation",
  ACQUISITIONS: "Acquisitions",
  READ_ONLY: "Read-only",
};
