import type { StaffRole } from "@/lib/generated/prisma/enums";

// What each role may do. Pages and server actions name a permission, never a role, so a new role is one edit here.
const ALL: readonly StaffRole[] = ["ADMIN", "CIRCULATION", "ACQUISITIONS", "READ_ONLY"];
export const PERMISSIONS = {
  "dashboard.view": ALL,
  "mail.view": ["ADMIN", "CIRCULATION", "ACQUISITIONS"],
  "mail.send-test": ["ADMIN"],
  "notices.manage": ["ADMIN", "CIRCULATION"],
  "orders.send": ["ADMIN", "ACQUISITIONS"],
  "templates.manage": ["ADMIN", "CIRCULATION"],
  "settings.manage": ["ADMIN"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: StaffRole | undefined | null, permission: Permission): boolean {
  return !!role && (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}

export const ROLE_LABELS: Record<StaffRole, string> = {
  ADMIN: "Administrator",
  CIRCULATION: "Circulation",
  ACQUISITIONS: "Acquisitions",
  READ_ONLY: "Read-only",
};
