import type { Metadata } from "next";
import { StaffAccounts } from "@/components/settings/staff-accounts";
import { PERMISSION_LABELS, PERMISSIONS, ROLE_LABELS, type Permission } from "@/lib/auth/permissions";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { listStaff } from "@/lib/staff/manage-staff";
import { formatDateTime } from "@/lib/time/library-date";

export const metadata: Metadata = { title: "Staff" };

const ROLES = Object.keys(ROLE_LABELS) as StaffRole[];

export default async function StaffPage() {
  const me = await staffForPage("settings.manage");
  const [staff, settings] = await Promise.all([listStaff(prisma), prisma.librarySettings.findUnique({ where: { id: 1 }, select: { timeZone: true } })]);
  const tz = settings?.timeZone ?? "UTC";
  return (
    <div className="space-y-6">
      <p className="text-sm text-zinc-600">Who can sign in, and what their role lets them do. A deactivated account cannot sign in from its next page;
        it is kept so the audit log can still name it. After 5 wrong passwords in 15 minutes, sign-in is refused for a while.</p>
      <StaffAccounts meId={me.id} roles={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        staff={staff.map((s) => ({ ...s, lastSignIn: s.lastSignInAt ? formatDateTime(s.lastSignInAt, tz) : null }))} />
      <section aria-labelledby="roles-title" className="space-y-2">
        <h2 id="roles-title" className="font-medium">What each role may do</h2>
        <table className="w-full overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm" data-testid="roles-table">
          <thead className="bg-zinc-50 text-left text-zinc-600">
            <tr><th scope="col" className="px-3 py-2">May</th>{ROLES.map((r) => <th key={r} scope="col" className="px-3 py-2 text-center">{ROLE_LABELS[r]}</th>)}</tr>
          </thead>
          <tbody>
            {(Object.keys(PERMISSIONS) as Permission[]).map((p) => (
              <tr key={p} className="border-t border-zinc-100">
                <th scope="row" className="px-3 py-2 text-left font-normal">{PERMISSION_LABELS[p]}</th>
                {ROLES.map((r) => {
                  const may = (PERMISSIONS[p] as readonly StaffRole[]).includes(r);
                  return <td key={r} className="px-3 py-2 text-center">{may ? <><span aria-hidden="true">✓</span><span className="sr-only">yes</span></> : <><span aria-hidden="true" className="text-zinc-600">—</span><span className="sr-only">no</span></>}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
