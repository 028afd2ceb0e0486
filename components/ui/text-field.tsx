import type { InputHTMLAttributes } from "react";

// A labelled input. `describedBy` ties it to the message that explains an error (read out by screen readers).
export function TextField(props: { label: string; name: string; describedBy?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const { label, name, describedBy, ...input } = props;
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">{label}</label>
      <input id={name} name={name} aria-describedby={describedBy} {...input}
        className="mt-1 w-full rounded-md border border-zinc-300 px-3 py-2 focus:border-blue-600 focus:outline-none" />
    </div>
  );
}
