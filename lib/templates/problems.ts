import type { TemplateProblem } from "./validate";

// How a template problem reads to staff, in the editor and in a refused save or test ("line 3: unknown placeholder ...").
export const describeProblem = (p: TemplateProblem) => (p.line ? `line ${p.line}: ${p.message}` : p.message);

/** Problems as form field errors: field -> messages. */
export const problemFields = (problems: TemplateProblem[]): Record<string, string[]> =>
  Object.fromEntries(problems.map((p) => [p.field, [describeProblem(p)]]));
