import type { ReactNode } from "react";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { can } from "@/lib/auth/permissions";
import { currentStaff } from "@/lib/auth/require-staff";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const staff = await currentStaff();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <SettingsTabs canManage={can(staff?.role, "settings.manage")} />
      {children}
    </div>
  );
}
