// The patron screens' table shell (as the notices and settings tables look).
export const tableClass = "w-full overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm";
export const theadClass = "bg-zinc-50 text-left text-zinc-600";
export const thClass = "px-3 py-2 font-medium";
export const tdClass = "px-3 py-2 align-top";
export const rowClass = "border-t border-zinc-100";
export const emptyClass = "rounded-lg border border-dashed border-zinc-300 bg-white p-6 text-center text-sm text-zinc-600";
