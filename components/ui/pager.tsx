import Link from "next/link";
import { buttonClass } from "./button";

// Keyset pages: back to the first page, or on to the next (an opaque cursor in the URL). No page numbers or totals:
// counting millions of rows to print "page 3 of 4,000" would cost more than the page itself.
export function Pager(props: { label: string; firstHref: string | null; nextHref: string | null; nextLabel?: string; firstLabel?: string }) {
  if (!props.firstHref && !props.nextHref) return null;
  return (
    <nav aria-label={props.label} className="flex items-center justify-end gap-2">
      {props.firstHref && <Link href={props.firstHref} className={buttonClass("outline")}>{props.firstLabel ?? "First page"}</Link>}
      {props.nextHref && <Link href={props.nextHref} className={buttonClass("outline")}>{props.nextLabel ?? "Next page"}</Link>}
    </nav>
  );
}
