// The /api/v1/config paths of the OpenAPI document (lib/api/openapi.ts builds the rest and hands its helpers over):
// request bodies from the zod schemas that validate them, responses from the configuration file's schema where the
// answer is in its shape.
import { z } from "zod";
import { ConfigFile, ScenarioFile } from "@/lib/config-file/schema";
import { BranchBody, CONFIG_LISTS, ClosedDaysBody, ClosedDaysDeletion, ClosedDaysQuery, ListEntryBody, ScenarioBody, SettingsBody } from "./config-schemas";

type Json = Record<string, unknown>;
type Tools = {
  schemaOf: (schema: z.ZodType, io?: "input" | "output") => Json;
  queryParams: (schema: z.ZodObject) => Json[];
  errors: Record<number, Json>;
};

const CODE = { name: "code", in: "path", required: true, schema: { type: "string", minLength: 1, maxLength: 100 } };
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const items = (schema: Json) => ({ type: "object", required: ["items"], properties: { items: { type: "array", items: schema } } });

export function configPaths({ schemaOf, queryParams, errors }: Tools): Record<string, unknown> {
  const json = (schema: Json) => ({ "application/json": { schema } });
  const returns = (description: string, schema: Json, extra: Record<number, Json> = {}) => ({ 200: { description, content: json(schema) }, ...errors, ...extra });
  const body = (schema: z.ZodType, required = true) => ({ required, content: json(schemaOf(schema)) });
  const inUse = (what: string) => ({ 409: { ...errors[409], description: `In use: ${what} name it (\`error\` says which); nothing deleted` } });
  const tags = ["configuration"];

  const scenario = schemaOf(ScenarioFile.extend({ updatedAt: z.string().describe("this version; send it back in a PUT to refuse a save over a newer one") }), "output");
  const entry = { type: "object", required: ["code", "name", "patrons"], properties: { code: { type: "string" }, name: { type: "string" }, patrons: { type: "integer", description: "patrons in it" } } };
  const deleted = { type: "object", required: ["deleted"], properties: { deleted: { type: "string", description: "the code deleted" } } };
  const closedDay = { type: "object", required: ["date", "reason"], properties: { date: { type: "string", format: "date" }, reason: { type: ["string", "null"] } } };

  const paths: Record<string, unknown> = {
    "/api/v1/config": {
      get: { summary: "The whole configuration, as Settings → Configuration file exports it", tags, responses: returns("the configuration file", schemaOf(ConfigFile, "output")) },
    },
    "/api/v1/config/scenarios": {
      get: { summary: "Every scenario, in the configuration file's shape", tags, responses: returns("{ items }, by code", items(scenario)) },
    },
    "/api/v1/config/scenarios/{code}": {
      get: { summary: "One scenario", tags, parameters: [CODE], responses: returns("the scenario and its updatedAt", scenario) },
      put: {
        summary: "Create or replace a scenario (validated and audited as the dashboard's editor saves one); the worker re-syncs its schedulers",
        tags, parameters: [CODE], requestBody: body(ScenarioBody),
        responses: returns("the scenario as saved, with its new updatedAt", scenario, { 409: { ...errors[409], description: "`updatedAt` was sent and the scenario has been saved since" } }),
      },
    },
    "/api/v1/config/settings": {
      get: { summary: "Settings → Library", tags, responses: returns("the settings", ref("LibrarySettings")) },
      put: { summary: "Replace Settings → Library; a new time zone moves every scenario's schedule", tags, requestBody: body(SettingsBody), responses: returns("the settings as saved", ref("LibrarySettings")) },
    },
    "/api/v1/config/branches": {
      get: { summary: "Every branch with its weekly opening hours", tags, responses: returns("{ items }, by code", items(ref("Branch"))) },
    },
    "/api/v1/config/branches/{code}": {
      get: { summary: "One branch", tags, parameters: [CODE], responses: returns("the branch", ref("Branch")) },
      put: { summary: "Create or replace a branch (codes in upper case)", tags, parameters: [CODE], requestBody: body(BranchBody), responses: returns("the branch as saved", ref("Branch")) },
      delete: { summary: "Delete a branch nothing names", tags, parameters: [CODE], responses: returns("{ deleted }", deleted, inUse("loans, patrons, items, reservations or orders")) },
    },
    "/api/v1/config/branches/{code}/closed-days": {
      get: { summary: "A branch's closed days", tags, parameters: [CODE, ...queryParams(ClosedDaysQuery)], responses: returns("{ branch, from, to, items }", { type: "object", properties: { items: { type: "array", items: closedDay } } }) },
      post: { summary: "Close a branch on a day or a range of days", tags, parameters: [CODE], requestBody: body(ClosedDaysBody), responses: returns("{ branch, from, to, days, added }", { type: "object" }) },
      delete: {
        summary: "Reopen closed days: ?date=YYYY-MM-DD (repeated) or a body; all of them or none (404 naming those not closed)", tags,
        parameters: [CODE, { name: "date", in: "query", required: false, schema: { type: "array", items: { type: "string", format: "date" } }, style: "form", explode: true }],
        requestBody: body(ClosedDaysDeletion, false), responses: returns("{ branch, removed }", { type: "object" }),
      },
    },
  };
  for (const [list, { label }] of Object.entries(CONFIG_LISTS)) {
    paths[`/api/v1/config/${list}`] = {
      get: { summary: `Every entry of ${label}`, tags, responses: returns("{ items }, by code", items(entry)) },
    };
    paths[`/api/v1/config/${list}/{code}`] = {
      get: { summary: `One entry of ${label}`, tags, parameters: [CODE], responses: returns("the entry", entry) },
      put: { summary: `Create or rename an entry of ${label} (codes in upper case)`, tags, parameters: [CODE], requestBody: body(ListEntryBody), responses: returns("the entry as saved", entry) },
      delete: { summary: `Delete an entry of ${label} no patron or scenario names`, tags, parameters: [CODE], responses: returns("{ deleted }", deleted, inUse("patrons or scenarios")) },
    };
  }
  return paths;
}
