import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NAV_ITEMS } from "@/components/layout/nav-items";
import { SidebarNav } from "@/components/layout/sidebar-nav";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const staff = await staffForPage("dashboard.view", "/sign-in");
  const settings = await prisma.librarySettings.findUnique({ where: { id: 1 }, select: { name: true } });
  const items = NAV_ITEMS.filter((i) => can(staff.role, i.permission)).map(({ href, label, isReady }) => ({
    href,
    label,
    isReady,
  }));
  return (
    <div className="flex min-h-screen">
      <aside className="w-56 shrink-0 border-r border-zinc-200 bg-white p-4">
        <p className="px-3 text-lg font-semibold text-blue-900">Noticeboard</p>
        <p className="mb-6 px-3 text-xs text-zinc-500">{settings?.name}</p>
        <SidebarNav items={items} />
      </aside>
      <div className="flex flex-1 flex-col">
        <header className="flex items-center justify-end gap-3 border-b border-zinc-200 bg-white px-6 py-3">
          <span className="text-sm text-zinc-700" data-testid="staff-name">
            {staff.name} <span className="text-zinc-500">· {ROLE_LABELS[staff.role]}</span>
          </span>
          <SignOutButton />
        </header>
        <main className="flex-1 p-6">{children}</main>
      </div>
    </div>
  );
}
