// The one Liquid engine: logic-less enough for staff, safe for the server. No file access (include / render / layout
// are removed, so they are unknown tags at parse time), own properties only (no `constructor` or prototype walks), and
// limits on template size, render time and memory so a loop cannot hold a worker.
import { Liquid, type Template } from "liquidjs";

function createEngine(strict: boolean) {
  const engine = new Liquid({
    strictFilters: true,
    strictVariables: strict,
    ownPropertyOnly: true,
    jsTruthy: false,
    greedy: false,
    parseLimit: 50_000, // characters a template may have
    renderLimit: 500, // milliseconds a render may take
    memoryLimit: 10_000_000, // characters a render may allocate
    relativeReference: false,
    root: [],
    partials: [],
    layouts: [],
  });
  for (const tag of ["include", "render", "layout", "block"]) delete engine.tags[tag];
  return engine;
}

/** Rendering at send time: a missing value renders as nothing (the text was validated when it was saved). */
export const liquid = createEngine(false);
/** Validation: every undefined variable is an error. */
export const strictLiquid = createEngine(true);

export type ParsedText = Template[];

/** Line (1-based) and column of a Liquid error, when it has them. */
export function errorPosition(err: unknown): { line: number | null; col: number | null } {
  const e = err as { token?: { getPosition?: () => [number, number] }; message?: string };
  const position = e.token?.getPosition?.();
  if (position) return { line: position[0], col: position[1] };
  const match = /line:(\d+), col:(\d+)/.exec(e.message ?? "");
  return match ? { line: Number(match[1]), col: Number(match[2]) } : { line: null, col: null };
}

/** The error's own words, without the ", line:2, col:5" liquidjs appends (shown separately). */
export function errorReason(err: unknown): string {
  const message = (err as Error).message ?? String(err);
  return message.replace(/,? ?line:\d+, col:\d+.*$/s, "").trim();
}

// Parsed texts by source: a template's text is parsed once per process, not once per notice.
const parsedCache = new Map<string, ParsedText>();
export function parseCached(source: string): ParsedText {
  let parsed = parsedCache.get(source);
  if (!parsed) {
    parsed = liquid.parse(source);
    if (parsedCache.size >= 1000) parsedCache.delete(parsedCache.keys().next().value!);
    parsedCache.set(source, parsed);
  }
  return parsed;
}

/** Renders a stored (validated) text. The result is plain text: the layouts escape it as they show it. */
export function renderText(source: string, context: object): string {
  return String(liquid.renderSync(parseCached(source), context));
}
