import Form from "next/form";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Channel, DeliveryStatus } from "@/lib/generated/prisma/enums";
import type { LogFilter } from "@/lib/deliveries/log-filters";

// The log's filter bar: a plain GET form, so every filter is in the URL (bookmarkable, and Reload keeps it).
export function DeliveryFilters(props: { filter: LogFilter; scenarios: { id: number; name: string }[]; timeZone: string }) {
  const { filter, scenarios } = props;
  const field = (id: string, label: string, control: React.ReactNode) => (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      {control}
    </div>
  );
  return (
    <Form action="/notices/deliveries" className="grid grid-cols-2 gap-3 rounded-lg border border-zinc-200 bg-white p-3 md:grid-cols-4 lg:grid-cols-5" aria-label="Filter deliveries">
      {field("run", "Run number", <input id="run" name="run" type="number" min={1} defaultValue={filter.run ?? ""} className={inputClass} />)}
      {field("card", "Card number", <input id="card" name="card" defaultValue={filter.card ?? ""} className={inputClass} autoComplete="off" />)}
      {field("recipient", "Recipient address", <input id="recipient" name="recipient" type="text" defaultValue={filter.recipient ?? ""} className={inputClass} autoComplete="off" placeholder="name@example.net" />)}
      {field("scenario", "Scenario", (
        <select id="scenario" name="scenario" defaultValue={filter.scenario ?? ""} className={inputClass}>
          <option value="">Any scenario</option>
          {scenarios.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      ))}
      {field("level", "Level", <input id="level" name="level" type="number" min={0} max={100} defaultValue={filter.level ?? ""} className={inputClass} />)}
      {field("status", "Status", (
        <select id="status" name="status" defaultValue={filter.status ?? ""} className={inputClass}>
          <option value="">Any status</option>
          {Object.values(DeliveryStatus).map((s) => <option key={s} value={s}>{s.toLowerCase()}</option>)}
        </select>
      ))}
      {field("channel", "Channel", (
        <select id="channel" name="channel" defaultValue={filter.channel ?? ""} className={inputClass}>
          <option value="">Any channel</option>
          {Object.values(Channel).map((c) => <option key={c} value={c}>{c.toLowerCase()}</option>)}
        </select>
      ))}
      {field("from", `From (${props.timeZone})`, <input id="from" name="from" type="date" defaultValue={filter.from ?? ""} className={inputClass} />)}
      {field("to", "To", <input id="to" name="to" type="date" defaultValue={filter.to ?? ""} className={inputClass} />)}
      <div className="col-span-2 flex items-end gap-2">
        <button type="submit" className={buttonClass("primary")}>Filter</button>
        <Link href="/notices/deliveries" className={buttonClass("outline")}>Clear</Link>
      </div>
    </Form>
  );
}
