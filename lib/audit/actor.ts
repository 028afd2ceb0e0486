// Who made a configuration change: a staff user, or an actor without one (an API token: actorKind "api:<token id>",
// as lib/api/batch.ts records it). Every audited save takes this, so the dashboard and the API write the same rows.
export type Actor = { id: number; actorKind?: "staff" } | { id: null; actorKind: string };

/** The audit row's actor columns. */
export const actorColumns = (actor: Actor) => ({ actorId: actor.id, actorKind: actor.actorKind ?? "staff" });

/** Who an audit row names, in staff's words: the staff user's name, else "API token #12", "the command line", … */
export function actorLabel(row: { actor?: { name: string } | null; actorKind: string }): string {
  if (row.actor?.name) return row.actor.name;
  const token = /^api:(\d+)$/.exec(row.actorKind);
  if (token) return `API token #${token[1]}`;
  return ({ cli: "the command line", seed: "the demo set-up", staff: "a staff account since removed" } as Record<string, string>)[row.actorKind] ?? row.actorKind;
}
