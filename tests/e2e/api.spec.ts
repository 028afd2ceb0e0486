import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./db";

test("an admin makes an API token, the library system uses it, and a revoked token stops working", async ({ page, request }) => {
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Settings" }).click();

  const name = `e2e sync ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token").textContent())!.trim();
  expect(secret).toMatch(/^nb_[A-Za-z0-9_-]{40,}$/);
  await expect(page.getByTestId("token-table")).toContainText(name);

  const auth = { authorization: `Bearer ${secret}` };
  const patrons = await request.get("/api/v1/patrons?limit=2", { headers: auth });
  expect(patrons.status()).toBe(200);
  const body = await patrons.json();
  expect(body.items).toHaveLength(2);
  expect(body.next).not.toBeNull();
  const one = await request.get(`/api/v1/patrons/${encodeURIComponent(body.items[0].cardNumber)}`, { headers: auth });
  expect((await one.json()).cardNumber).toBe(body.items[0].cardNumber);

  const category = `E2E${Date.now()}`;
  const upsert = await request.post("/api/v1/categories/batch", { headers: auth, data: { items: [{ code: category, name: "From the ILS" }] } });
  expect(await upsert.json()).toEqual({ resource: "categories", created: 1, updated: 0 });
  const bad = await request.post("/api/v1/events", { headers: auth, data: { items: [{ type: "return", loanExternalId: "NO-SUCH" }] } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).fields).toEqual({ "items[0].loanExternalId": ['unknown loan "NO-SUCH"'] });
  const doc = await request.get("/api/v1/openapi.json");
  expect((await doc.json()).paths["/api/v1/patrons/batch"]).toBeTruthy();

  await page.reload();
  await page.getByTestId("token-table").getByRole("row", { name: new RegExp(name) }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("token-status")).toHaveText("Revoked.");
  expect((await request.get("/api/v1/patrons?limit=1", { headers: auth })).status()).toBe(401);
});
