import { emptyClass } from "./table-classes";

export function EmptyNote({ children }: { children: React.ReactNode }) {
  return <p className={emptyClass}>{children}</p>;
}
