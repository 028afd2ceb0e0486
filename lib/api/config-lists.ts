// /api/v1/config/{patron-categories|academic-levels|library-groups}[/{code}]: Settings → Patron lists through
// lib/settings/lists.ts (the same validation, audit rows, and refusal to delete an entry patrons or scenarios name, 409).
// Codes are saved as the dashboard saves them (upper case); a path code that would be changed by that is refused.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/parse-input";
import { LISTS, ListEntryInput, deleteListEntry, listPatronLists, saveListEntryTx, type ListName } from "@/lib/settings/lists";
import { apiActor, parseBody, samePathCode } from "./config-params";
import { CONFIG_LISTS, ListEntryBody, type ConfigList } from "./config-schemas";
import type { ApiCaller } from "./tokens";

type Caller = Pick<ApiCaller, "tokenId">;

/** The list a path names; 404 for any other. */
export function listParam(value: string): ConfigList {
  if (Object.hasOwn(CONFIG_LISTS, value)) return value as ConfigList;
  throw new AppError("NOT_FOUND", `No configuration "${value.slice(0, 100)}": one of scenarios, settings, branches, ${Object.keys(CONFIG_LISTS).join(", ")}.`);
}

/** The entries of a list by code, each with how many patrons it has. */
export async function listEntries(db: PrismaClient, list: ConfigList) {
  const entries = (await listPatronLists(db))[CONFIG_LISTS[list].list];
  return { items: entries.map(({ code, name, patrons }) => ({ code, name, patrons })).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)) };
}

async function idOf(db: PrismaClient | Prisma.TransactionClient, list: ListName, code: string) {
  const args = { where: { code }, select: { id: true } } as const;
  const row = list === "category" ? await db.patronCategory.findUnique(args)
    : list === "academic-level" ? await db.academicLevel.findUnique(args) : await db.libraryGroup.findUnique(args);
  return row?.id;
}

const notFound = (list: ListName, code: string) => new AppError("NOT_FOUND", `No ${LISTS[list].one} "${code}".`);

export async function getEntry(db: PrismaClient, list: ConfigList, code: string) {
  const entry = (await listEntries(db, list)).items.find((e) => e.code === code);
  if (!entry) throw notFound(CONFIG_LISTS[list].list, code);
  return entry;
}

/** Creates or renames the entry of `code` in one transaction; answers it as GET does. */
export async function putEntry(db: PrismaClient, list: ConfigList, code: string, body: unknown, caller: Caller) {
  const { code: bodyCode, name } = parseBody(ListEntryBody, body);
  samePathCode(bodyCode, code);
  await db.$transaction(async (tx) => {
    const input = parseOrThrow(ListEntryInput, { list: CONFIG_LISTS[list].list, id: await idOf(tx, CONFIG_LISTS[list].list, code), code, name });
    if (input.code !== code) {
      throw new AppError("INVALID", `code: codes are saved in upper case: use "${input.code}".`, { code: [`in upper case, as it is saved: "${input.code}"`] });
    }
    await saveListEntryTx(tx, input, apiActor(caller));
  });
  return getEntry(db, list, code);
}

/** Deletes the entry of `code`, unless patrons or scenarios name it (409). */
export async function deleteEntry(db: PrismaClient, list: ConfigList, code: string, caller: Caller) {
  const name = CONFIG_LISTS[list].list;
  const id = await idOf(db, name, code);
  if (id === undefined) throw notFound(name, code);
  await deleteListEntry(db, { list: name, id }, apiActor(caller));
  return { deleted: code };
}
