// The preview's figures from a dry run's deliveries (lib/notices/preview-date.ts). Pure.
import type { Channel } from "@/lib/generated/prisma/enums";
import { uniqueMessages, type DeliveryDraft, type Message } from "./plan-types";

export type ChannelCounts = Record<Channel, number>;
const noChannels = (): ChannelCounts => ({ EMAIL: 0, SMS: 0, PRINT: 0 });

export type PlanGroup = {
  key: string; scenarioId: number; scenario: string; code: string; level: number; levels: number;
  patrons: number; notices: number; deliveries: ChannelCounts; drafts: DeliveryDraft[];
};

/** Counts per scenario and level (a message is one patron's at its level; its deliveries are one per contact). Pure. */
export function countPlan(deliveries: readonly DeliveryDraft[]) {
  const groups = new Map<string, PlanGroup>();
  const keyOf = (m: Message) => `${m.scenario.id}:${m.level.level}`;
  for (const m of uniqueMessages(deliveries)) {
    const key = keyOf(m);
    let g = groups.get(key);
    if (!g) {
      g = { key, scenarioId: m.scenario.id, scenario: m.scenario.name, code: m.scenario.code, level: m.level.level,
        levels: m.scenario.levels.length, patrons: 0, notices: 0, deliveries: noChannels(), drafts: [] };
      groups.set(key, g);
    }
    g.patrons += 1;
    g.notices += m.notices.length;
  }
  const totals = { patrons: new Set<number>(), notices: 0, deliveries: noChannels() };
  for (const d of deliveries) {
    totals.patrons.add(d.patronId);
    totals.deliveries[d.channel] += 1;
    for (const key of new Set(d.messages.map(keyOf))) {
      const g = groups.get(key)!;
      g.deliveries[d.channel] += 1;
      g.drafts.push(d);
    }
  }
  for (const g of groups.values()) totals.notices += g.notices;
  const sorted = [...groups.values()].sort((a, b) => a.scenario.localeCompare(b.scenario) || a.level - b.level);
  return { totals: { patrons: totals.patrons.size, notices: totals.notices, deliveries: totals.deliveries }, groups: sorted };
}

