import type { Permission } from "@/lib/auth/permissions";

export const NAV_ITEMS: { href: string; label: string; permission: Permission; isReady: boolean }[] = [
  { href: "/", label: "Home", permission: "dashboard.view", isReady: true },
  { href: "/notices", label: "Notices", permission: "dashboard.view", isReady: true },
  { href: "/scenarios", label: "Scenarios", permission: "dashboard.view", isReady: true },
  { href: "/templates", label: "Templates", permission: "dashboard.view", isReady: true },
  { href: "/patrons", label: "Patrons", permission: "dashboard.view", isReady: true },
  { href: "/orders", label: "Orders", permission: "dashboard.view", isReady: true },
  { href: "/import", label: "Import", permission: "settings.manage", isReady: true },
  { href: "/outbox", label: "Outbox", permission: "mail.view", isReady: true },
  // Everyone reads branches and patron lists; the other settings pages send non-administrators there.
  { href: "/settings", label: "Settings", permission: "dashboard.view", isReady: true },
];
