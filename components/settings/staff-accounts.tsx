"use client";

import { useState, useTransition } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, inputClass } from "@/components/ui/field";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { createStaffAction, resetStaffPasswordAction, updateStaffAction } from "@/lib/staff/actions";

export type StaffRow = { id: number; name: string; email: string; role: StaffRole; isActive: boolean; lastSignIn: string | null };
type Status = { ok: boolean; text: string } | null;
type Errors = Record<string, string[] | undefined>;

// Settings → Staff: add an account, change a role or name, deactivate, reset a password.
export function StaffAccounts(props: { staff: StaffRow[]; roles: { value: StaffRole; label: string }[]; meId: number }) {
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status>(null);
  const [pending, startTransition] = useTransition();
  const add = (form: HTMLFormElement) => startTransition(async () => {
    const data = Object.fromEntries(new FormData(form));
    const r = await createStaffAction(data);
    setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
    setStatus(r.ok ? { ok: true, text: r.message ?? "" } : { ok: false, text: r.error });
    if (r.ok) form.reset();
  });
  const field = (name: string) => ({ id: `new-${name}`, name, "aria-invalid": errors[name] ? true : undefined, "aria-describedby": `new-${name}-error`, className: inputClass });
  return (
    <div className="space-y-4">
      <table className="w-full overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm" data-testid="staff-table">
        <caption className="sr-only">Staff accounts</caption>
        <thead className="bg-zinc-50 text-left text-zinc-600">
          <tr><th scope="col" className="px-3 py-2">Name</th><th scope="col" className="px-3 py-2">Email</th><th scope="col" className="px-3 py-2">Role</th>
            <th scope="col" className="px-3 py-2">Can sign in</th><th scope="col" className="px-3 py-2">Last signed in</th><th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th></tr>
        </thead>
        <tbody>{props.staff.map((s) => <StaffRowEditor key={s.id} row={s} roles={props.roles} isMe={s.id === props.meId} />)}</tbody>
      </table>

      <form noValidate onSubmit={(e) => { e.preventDefault(); add(e.currentTarget); }} aria-labelledby="add-staff-title"
        className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4">
        <h2 id="add-staff-title" className="font-medium">Add a staff account</h2>
        <div className="grid gap-3 sm:grid-cols-4">
          <Field id="new-name" label="Name" error={errors.name?.[0]}><input {...field("name")} autoComplete="off" /></Field>
          <Field id="new-email" label="Email" error={errors.email?.[0]}><input {...field("email")} type="email" autoComplete="off" /></Field>
          <Field id="new-role" label="Role" error={errors.role?.[0]}>
            <select {...field("role")} defaultValue="CIRCULATION">{props.roles.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}</select>
          </Field>
          <Field id="new-password" label="Password (at least 12 characters)" error={errors.password?.[0]}><input {...field("password")} type="password" autoComplete="new-password" /></Field>
        </div>
        <div className="flex items-center gap-3">
          <button type="submit" disabled={pending} className={buttonClass("primary")}>Add account</button>
          <p aria-live="polite" data-testid="add-staff-status" className={status?.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>{status?.text}</p>
        </div>
      </form>
    </div>
  );
}

function StaffRowEditor(props: { row: StaffRow; roles: { value: StaffRole; label: string }[]; isMe: boolean }) {
  const { row } = props;
  const [role, setRole] = useState(row.role);
  const [isActive, setIsActive] = useState(row.isActive);
  const [status, setStatus] = useState<Status>(null);
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState("");
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const save = () => startTransition(async () => {
    const r = await updateStaffAction({ id: row.id, name: row.name, role, isActive });
    setStatus(r.ok ? { ok: true, text: r.message ?? "" } : { ok: false, text: r.fieldErrors?.role?.[0] ?? r.error });
    if (!r.ok) { setRole(row.role); setIsActive(row.isActive); }
  });
  const reset = () => startTransition(async () => {
    const r = await resetStaffPasswordAction({ id: row.id, password });
    if (r.ok) { setResetting(false); setPassword(""); setPasswordError(null); setStatus({ ok: true, text: r.message ?? "" }); }
    else setPasswordError(r.fieldErrors?.password?.[0] ?? r.error);
  });
  const changed = role !== row.role || isActive !== row.isActive;
  return (
    <tr className="border-t border-zinc-100 align-top" data-testid={`staff-${row.email}`}>
      <td className="px-3 py-2 font-medium">{row.name}{props.isMe ? " (you)" : ""}</td>
      <td className="px-3 py-2">{row.email}</td>
      <td className="px-3 py-2">
        <select aria-label={`Role of ${row.name}`} value={role} disabled={pending} onChange={(e) => setRole(e.target.value as StaffRole)}
          className="rounded-md border border-zinc-300 px-2 py-1 text-sm">
          {props.roles.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
        </select>
      </td>
      <td className="px-3 py-2">
        <label className="flex items-center gap-1.5"><input type="checkbox" checked={isActive} disabled={pending} onChange={(e) => setIsActive(e.target.checked)}
          aria-label={`${row.name} can sign in`} className="h-4 w-4" />{isActive ? "Yes" : "No (deactivated)"}</label>
      </td>
      <td className="px-3 py-2 text-zinc-600">{row.lastSignIn ?? "never"}</td>
      <td className="px-3 py-2">
        <div className="flex flex-wrap gap-2">
          <Button variant={changed ? "primary" : "outline"} disabled={pending || !changed} onClick={save} aria-label={`Save ${row.name}`}>Save</Button>
          <Button variant="outline" disabled={pending} onClick={() => setResetting(true)} aria-label={`Reset the password of ${row.name}`}>Reset password</Button>
        </div>
        <p aria-live="polite" className={status?.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>{status?.text}</p>
        <ConfirmDialog open={resetting} title={`Set a new password for ${row.name}?`} confirmLabel="Set password" pending={pending}
          onConfirm={reset} onCancel={() => { setResetting(false); setPassword(""); setPasswordError(null); }}>
          <p>Their old password stops working at once. Tell them the new one in person or by phone.</p>
          <label htmlFor={`password-${row.id}`} className="block font-medium">New password (at least 12 characters)</label>
          <input id={`password-${row.id}`} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)}
            aria-invalid={passwordError ? true : undefined} aria-describedby={`password-${row.id}-error`} className={inputClass} />
          <p id={`password-${row.id}-error`} aria-live="polite" className="text-sm text-red-700">{passwordError}</p>
        </ConfirmDialog>
      </td>
    </tr>
  );
}
