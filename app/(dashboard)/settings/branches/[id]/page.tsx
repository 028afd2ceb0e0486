import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BranchForm, type BranchFormValues } from "@/components/settings/branch-form";
import { ClosedDays } from "@/components/settings/closed-days";
import { can } from "@/lib/auth/permissions";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { addDays } from "@/lib/notices/rules/day-count";
import { closedDayGroups, formatDayHours, WEEKDAYS, type OpeningHours } from "@/lib/settings/branches";
import { localDate } from "@/lib/time/library-date";

export const metadata: Metadata = { title: "Branch" };

const EMPTY: BranchFormValues = { code: "", name: "", email: "", phone: "", address: "", hours: Object.fromEntries(WEEKDAYS.map((d) => [d, ""])) as BranchFormValues["hours"] };

// One branch (or "new"): its details and hours, and its own calendar of closed days.
export default async function BranchPage(props: { params: Promise<{ id: string }>; searchParams: Promise<{ added?: string }> }) {
  const [{ id }, { added }] = await Promise.all([props.params, props.searchParams]);
  const staff = await staffForPage("dashboard.view");
  const canChange = can(staff.role, "settings.manage");
  if (id === "new" && !canChange) notFound();
  const branchId = id === "new" ? null : /^\d{1,9}$/.test(id) ? Number(id) : notFound();
  const branch = branchId ? await prisma.branch.findUnique({ where: { id: branchId } }) : null;
  if (branchId && !branch) notFound();
  const settings = await prisma.librarySettings.findUnique({ where: { id: 1 }, select: { timeZone: true, countOpenDaysOnly: true } });
  const today = localDate(settings?.timeZone ?? "UTC");
  const groups = branch ? await closedDayGroups(prisma, today, addDays(today, 365), branch.id) : [];
  const hours = (branch?.openingHours ?? {}) as OpeningHours;
  const values: BranchFormValues = branch
    ? { id: branch.id, code: branch.code, name: branch.name, email: branch.email ?? "", phone: branch.phone ?? "", address: branch.address ?? "",
        hours: Object.fromEntries(WEEKDAYS.map((d) => [d, formatDayHours(hours[d])])) as BranchFormValues["hours"] }
    : EMPTY;
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm"><Link href="/settings/branches" className="text-blue-800 underline underline-offset-2">Branches</Link> <span aria-hidden="true">›</span> {branch?.name ?? "New branch"}</nav>
      <h2 className="text-xl font-semibold">{branch?.name ?? "New branch"}</h2>
      {added && <p className="text-sm text-emerald-700" role="status">Added {branch?.name}. Add its closed days below.</p>}
      {!canChange && <p className="text-sm text-zinc-600">Only administrators can change branches.</p>}
      <BranchForm key={branch?.id ?? "new"} values={values} canChange={canChange} />
      {branch && <ClosedDays groups={groups} branches={[]} branch={{ id: branch.id, name: branch.name }} canChange={canChange}
        countingOpenDays={settings?.countOpenDaysOnly ?? false} today={today} />}
    </div>
  );
}
