"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { href: "/settings/library", label: "Library", adminOnly: true },
  { href: "/settings/branches", label: "Branches", adminOnly: false },
  { href: "/settings/lists", label: "Patron lists", adminOnly: false },
  { href: "/settings", label: "General", adminOnly: true },
  { href: "/settings/staff", label: "Staff", adminOnly: true },
  { href: "/settings/audit", label: "Audit log", adminOnly: true },
];

// The settings area's own navigation: one page per section; staff who may not change settings see the two they read.
export function SettingsTabs(props: { canManage: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="flex gap-1 border-b border-zinc-200">
      {TABS.filter((t) => props.canManage || !t.adminOnly).map((t) => {
        const isActive = t.href === "/settings" ? pathname === t.href : pathname.startsWith(t.href);
        return (
          <Link key={t.href} href={t.href} aria-current={isActive ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${isActive ? "border-blue-800 font-medium text-blue-900" : "border-transparent text-zinc-700 hover:text-zinc-900"}`}>
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
