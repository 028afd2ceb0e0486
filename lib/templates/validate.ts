// Validation on save (issue #4): a template text is refused with the field, line and name of its first problem in
// each field, so nothing that cannot render is ever stored. Three checks per field:
// 1. it parses (syntax errors, unknown tags such as include / render, unknown filters);
// 2. every placeholder outside a loop or assign is one the family has (static analysis: every branch, taken or not);
// 3. it renders strictly against the family's sample, which catches misspelt fields of loop items ("loan.titel").
import { analyzeSync } from "liquidjs";
import type { TemplateFamily } from "@/lib/generated/prisma/enums";
import { errorPosition, errorReason, strictLiquid } from "./liquid";
import { sampleContext } from "./placeholders";

export const TEXT_FIELDS = ["subject", "body", "closing"] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export type TemplateText = Record<TextField, string>;

export type TemplateProblem = { field: TextField; line: number | null; name: string | null; message: string };

// Liquid's own names that are always defined inside their tags.
const BUILT_INS = new Set(["forloop", "tablerowloop", "empty", "blank", "nil", "null", "true", "false"]);
// Array properties Liquid understands on any list.
const LIST_PROPERTIES = new Set(["size", "first", "last"]);

/** Whether a placeholder path (root and literal segments) exists in the family's sample. */
function isKnownPath(sample: unknown, segments: (string | number | object)[]): boolean {
  let value: unknown = sample;
  for (const segment of segments) {
    if (typeof segment === "object") return true; // a computed index (a[b]): checked when rendered
    if (Array.isArray(value)) {
      if (typeof segment === "number") value = value[0];
      else if (LIST_PROPERTIES.has(segment)) value = segment === "size" ? 0 : value[0];
      else return false;
    } else if (typeof value === "string" && segment === "size") {
      value = 0;
    } else if (value && typeof value === "object" && Object.hasOwn(value, segment)) {
      value = (value as Record<string, unknown>)[segment];
    } else {
      return false;
    }
  }
  return true;
}

export function validateField(field: TextField, source: string, family: TemplateFamily): TemplateProblem | null {
  const problem = (err: unknown, name: string | null = null): TemplateProblem => ({
    field, name, line: errorPosition(err).line, message: errorReason(err),
  });
  if (field === "subject" && /[\r\n]/.test(source)) return { field, line: 1, name: null, message: "the subject must be one line" };
  if (field !== "closing" && source.trim() === "") return { field, line: null, name: null, message: `the ${field} cannot be empty` };

  let parsed;
  try {
    parsed = strictLiquid.parse(source);
  } catch (err) {
    return problem(err);
  }
  const sample = sampleContext(family);
  for (const [root, uses] of Object.entries(analyzeSync(parsed).globals)) {
    if (BUILT_INS.has(root)) continue;
    for (const variable of uses) {
      if (!isKnownPath(sample, variable.segments)) {
        const name = variable.toString();
        return { field, line: variable.location.row, name, message: `unknown placeholder "${name}"` };
      }
    }
  }
  try {
    strictLiquid.renderSync(parsed, sample);
  } catch (err) {
    const name = /undefined variable: ([\w.[\]"']+)/.exec(errorReason(err))?.[1] ?? null;
    return problem(err, name);
  }
  return null;
}

/** Every field's first problem; empty when the text may be saved. */
export function validateTemplateText(text: TemplateText, family: TemplateFamily): TemplateProblem[] {
  return TEXT_FIELDS.map((field) => validateField(field, text[field], family)).filter((p): p is TemplateProblem => p !== null);
}
