import type { Page } from "@playwright/test";
import pg from "pg";

// The browser tests read the same database as the server under test, to compare what the page shows.
export async function queryE2e<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({
    connectionString: process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/noticeboard_e2e",
  });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

export const ADMIN = { email: "admin@library.example", password: "noticeboard-demo" };
export const READ_ONLY = { email: "readonly@library.example", password: "noticeboard-demo" };

/** Fills in and submits the sign-in form (the caller checks where it lands). */
export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
