/**
 * The law firm's overview (`/legal`): its lawyers and office hours a page at a time, in name order,
 * with their totals — also past the last page — and nothing of another firm.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { shanghaiInstant } from "~/domains/legal/slots";
import { resetClock, setClock } from "~/utils/clock.server";
import type { Database } from "~/utils/db.server";
import {
  createLawyer,
  createOffice,
  createOfficeHourRule,
  createServicePoint,
  createUser,
} from "#tests/fixtures/factories";
import { signedInRequest } from "#tests/fixtures/requests";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;
beforeAll(async () => {
  db = (await testConnection()).db;
});
afterAll(() => resetClock());
beforeEach(async () => {
  await resetDatabase();
  setClock({ fixedAt: shanghaiInstant("2026-06-01", 8 * 60) });
});

const args = (request: Request) => ({ request, params: {}, context: { cspNonce: "" } });

describe("law firm overview", () => {
  it("pages its lawyers and office hours separately, in order, with their totals", async () => {
    const office = await createOffice(db);
    const admin = await createUser(db, "law_firm_admin", { districtId: office.districtId });
    const point = await createServicePoint(db, office);
    const firmId = admin.organizationId!;
    const names: string[] = [];
    for (let index = 0; index < 23; index += 1) {
      const lawyer = await createLawyer(db, { lawFirmId: firmId, districtId: office.districtId });
      names.push(lawyer.name);
      // One rule per lawyer for the first 21 of them.
      if (index < 21) await createOfficeHourRule(db, { lawyer, point, createdBy: admin.id });
    }
    // Another firm's lawyer and rule are not this firm's.
    const otherAdmin = await createUser(db, "law_firm_admin", { districtId: office.districtId });
    const stranger = await createLawyer(db, {
      lawFirmId: otherAdmin.organizationId!,
      districtId: office.districtId,
    });
    await createOfficeHourRule(db, { lawyer: stranger, point, createdBy: otherAdmin.id });
    const route = await import("~/routes/legal._index");
    const page = async (query: string) =>
      route.loader(args(await signedInRequest(db, admin, `/legal${query}`)));

    const first = await page("");
    const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(first.lawyers.total).toBe(23);
    expect(first.lawyers.page).toBe(1);
    expect(first.lawyers.rows.map((lawyer) => lawyer.name)).toEqual(sorted.slice(0, 20));
    expect(first.rules.total).toBe(21);
    expect(first.rules.rows).toHaveLength(20);

    const second = await page("?lawyersPage=2&rulesPage=2");
    expect(second.lawyers.rows.map((lawyer) => lawyer.name)).toEqual(sorted.slice(20));
    expect(second.rules.rows).toHaveLength(1);
    expect(second.rules.total).toBe(21);
    // Every rule once over the two pages.
    const ruleIds = [...first.rules.rows, ...second.rules.rows].map((rule) => rule.id);
    expect(new Set(ruleIds).size).toBe(21);

    const beyond = await page("?lawyersPage=9&rulesPage=oops");
    expect(beyond.lawyers.rows).toEqual([]);
    expect(beyond.lawyers.total).toBe(23);
    expect(beyond.rules.page).toBe(1);
    expect(beyond.rules.rows).toHaveLength(20);
  });
});
