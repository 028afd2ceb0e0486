import type { ButtonHTMLAttributes } from "react";

// The dashboard's buttons: one look per purpose.
const VARIANTS = {
  primary: "bg-blue-800 text-white hover:bg-blue-900",
  outline: "border border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50",
  danger: "border border-red-300 bg-white text-red-800 hover:bg-red-50",
} as const;

export function buttonClass(variant: keyof typeof VARIANTS = "primary", extra = "") {
  return `rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${VARIANTS[variant]} ${extra}`.trim();
}

export function Button({ variant = "primary", className = "", ...props }: { variant?: keyof typeof VARIANTS } & ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button type="button" {...props} className={buttonClass(variant, className)} />;
}
