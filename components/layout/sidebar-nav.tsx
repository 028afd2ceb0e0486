"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type NavItem = { href: string; label: string; isReady: boolean };

// Areas not built yet are listed but not linked, so staff can see what is coming without a dead link.
export function SidebarNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-1">
      {items.map((item) => {
        if (!item.isReady) {
          return (
            <span key={item.href} className="flex items-center justify-between rounded-md px-3 py-2 text-sm text-zinc-400"
              aria-disabled="true">
              {item.label}
              <span className="rounded bg-zinc-100 px-1.5 text-[10px] uppercase tracking-wide">soon</span>
            </span>
          );
        }
        const isActive = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        return (
          <Link key={item.href} href={item.href} aria-current={isActive ? "page" : undefined}
            className={`rounded-md px-3 py-2 text-sm ${isActive ? "bg-blue-50 font-medium text-blue-900" : "text-zinc-700 hover:bg-zinc-100"}`}>
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
