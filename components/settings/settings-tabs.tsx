"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { href: "/settings/library", label: "Library" },
  { href: "/settings/branches", label: "Branches" },
  { href: "/settings/lists", label: "Patron lists" },
  { href: "/settings", label: "General" },
  { href: "/settings/staff", label: "Staff" },
  { href: "/settings/audit", label: "Audit log" },
];

// The settings area's own navigation: one page per section.
export function SettingsTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="flex gap-1 border-b border-zinc-200">
      {TABS.map((t) => {
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
