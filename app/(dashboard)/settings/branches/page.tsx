import type { Metadata } from "next";
import Link from "next/link";
import { ClosedDays } from "@/components/settings/closed-days";
import { buttonClass } from "@/components/ui/button";
import { can } from "@/lib/auth/permissions";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { addDays } from "@/lib/notices/rules/day-count";
import { closedDayGroups, describeWeek, listBranches } from "@/lib/settings/branches";
import { formatDate, localDate } from "@/lib/time/library-date";

export const metadata: Metadata = { title: "Branches" };

// Settings → Branches: every branch with its week and next closure, and the library's calendar of closed days.
// Everyone signed in reads it; administrators change it.
export default async function BranchesPage() {
  const staff = await staffForPage("dashboard.view");
  const canChange = can(staff.role, "settings.manage");
  const settings = await prisma.librarySettings.findUnique({ where: { id: 1 }, select: { timeZone: true, countOpenDaysOnly: true } });
  const today = localDate(settings?.timeZone ?? "UTC");
  const [branches, groups] = await Promise.all([listBranches(prisma, today), closedDayGroups(prisma, today, addDays(today, 365))]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <p className="max-w-3xl text-sm text-zinc-600">The library&apos;s branches, their opening hours and the days they are closed. Loans, reservations
          and orders name a branch; notices show its name and hours.{canChange ? "" : " Only administrators can change branches."}</p>
        {canChange && <Link href="/settings/branches/new" className={buttonClass("primary")}>Add a branch</Link>}
      </div>
      {branches.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 bg-white p-4 text-sm text-zinc-600" data-testid="branches-empty">
          No branches yet. {canChange ? "Add the first with “Add a branch”, or import a configuration file (Settings → General)." : "An administrator adds them."}
        </p>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm" data-testid="branches-table">
          <caption className="sr-only">Branches</caption>
          <thead className="bg-zinc-50 text-left text-zinc-600">
            <tr><th scope="col" className="px-3 py-2">Branch</th><th scope="col" className="px-3 py-2">Code</th><th scope="col" className="px-3 py-2">Opening hours</th>
              <th scope="col" className="px-3 py-2">Next closed</th><th scope="col" className="px-3 py-2 text-right">Closed days ahead</th></tr>
          </thead>
          <tbody>
            {branches.map((b) => (
              <tr key={b.id} className="border-t border-zinc-100 align-top">
                <td className="px-3 py-2"><Link href={`/settings/branches/${b.id}`} className="font-medium text-blue-800 underline-offset-2 hover:underline">{b.name}</Link>
                  {b.address && <div className="text-xs text-zinc-600">{b.address.split("\n")[0]}</div>}</td>
                <td className="px-3 py-2 font-mono text-xs">{b.code}</td>
                <td className="px-3 py-2">{describeWeek(b.openingHours)}</td>
                <td className="whitespace-nowrap px-3 py-2">{b.nextClosedDay ? formatDate(b.nextClosedDay) : <span className="text-zinc-600">none planned</span>}</td>
                <td className="px-3 py-2 text-right tabular-nums">{b.upcomingClosedDays}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {branches.length > 0 && (
        <ClosedDays groups={groups} branches={branches.map((b) => ({ id: b.id, name: b.name }))} canChange={canChange}
          countingOpenDays={settings?.countOpenDaysOnly ?? false} today={today} />
      )}
    </div>
  );
}
