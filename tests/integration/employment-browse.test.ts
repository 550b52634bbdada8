/**
 * Staff browse the open offers (`/staff/employment`): jobs and trainings in one list, soonest closing
 * first, cut into pages in the database, with the filters of the page and a total for the pager.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ENTERPRISE_OFFER_PAGE_SIZE,
  listEnterpriseOffers,
  listOpenOffers,
  OFFER_PAGE_SIZE,
} from "~/domains/employment/offers.server";
import { resetClock, setClock } from "~/utils/clock.server";
import type { Database } from "~/utils/db.server";
import {
  createEmploymentWorld,
  createOpenJobOffer,
  createOpenTrainingOffer,
  type EmploymentWorld,
} from "#tests/fixtures/employment-factories";
import { routeCall, signedInRequest } from "#tests/fixtures/requests";
import { resetDatabase, testConnection } from "./helpers";

// Tuesday 2026-12-01, 10:00 in Beijing.
const START = new Date("2026-12-01T02:00:00Z");

let db: Database;
let world: EmploymentWorld;

beforeAll(async () => {
  db = (await testConnection()).db;
});
beforeEach(async () => {
  await resetDatabase();
  setClock({ fixedAt: START });
  world = await createEmploymentWorld(db);
});
afterEach(() => resetClock());

const closing = (day: number) => `2027-01-${String(day).padStart(2, "0")}`;

describe("listOpenOffers", () => {
  it("lists jobs and trainings together, soonest closing first, one page at a time with the total", async () => {
    // 20 jobs and 10 trainings, closing on interleaved days.
    for (let i = 1; i <= 20; i += 1) {
      await createOpenJobOffer(db, world, { title: `岗位 ${i}`, closesOn: closing(i) });
    }
    for (let i = 1; i <= 10; i += 1) {
      await createOpenTrainingOffer(db, world, { course: `培训 ${i}`, closesOn: closing(i * 2) });
    }
    const first = await listOpenOffers(db, {});
    expect(first.total).toBe(30);
    expect(first.pageSize).toBe(OFFER_PAGE_SIZE);
    expect(first.rows).toHaveLength(OFFER_PAGE_SIZE);
    const dates = first.rows.map((row) => row.closesOn);
    expect(dates).toEqual([...dates].sort());
    expect(first.rows[0]).toMatchObject({ kind: "job", title: "岗位 1", closesOn: closing(1), places: 2 });
    expect(first.rows.find((row) => row.kind === "training")).toMatchObject({
      title: "培训 1",
      wageMin: null,
      wageMax: null,
      places: 3,
    });

    const second = await listOpenOffers(db, { page: 2 });
    expect(second.total).toBe(30);
    expect(second.rows).toHaveLength(5);
    const seen = [...first.rows, ...second.rows].map((row) => `${row.kind}:${row.id}`);
    expect(new Set(seen).size).toBe(30);

    // Past the last page: no rows, the total still known for the pager.
    expect(await listOpenOffers(db, { page: 3 })).toMatchObject({ rows: [], total: 30, page: 3 });
  });

  it("filters by kind, wage (trainings have none), search (wildcards taken literally) and date", async () => {
    await createOpenJobOffer(db, world, {
      title: "仓库管理员",
      wageMin: 3000,
      wageMax: 4000,
      closesOn: closing(5),
    });
    await createOpenJobOffer(db, world, {
      title: "数控 100%_达标",
      wageMin: 6000,
      wageMax: 9000,
      closesOn: closing(20),
    });
    await createOpenTrainingOffer(db, world, { course: "叉车培训", closesOn: closing(10) });

    const titles = async (filters: Parameters<typeof listOpenOffers>[1]) =>
      (await listOpenOffers(db, filters)).rows.map((row) => row.title);
    expect(await titles({ kind: "training" })).toEqual(["叉车培训"]);
    expect(await titles({ kind: "job" })).toEqual(["仓库管理员", "数控 100%_达标"]);
    expect(await titles({ minWage: 5000 })).toEqual(["数控 100%_达标"]);
    expect(await titles({ q: "%_" })).toEqual(["数控 100%_达标"]);
    expect(await titles({ q: "_" })).toEqual(["数控 100%_达标"]);
    expect(await titles({ q: "叉车" })).toEqual(["叉车培训"]);
    // Offers still open on 2027-01-15: only the job closing on the 20th.
    expect(await titles({ openOn: "2027-01-15" })).toEqual(["数控 100%_达标"]);
    expect((await listOpenOffers(db, { districtId: crypto.randomUUID() })).total).toBe(0);
  });
});

describe("/staff/employment", () => {
  it("answers the page asked for with the pager's figures", async () => {
    for (let i = 1; i <= 27; i += 1) {
      await createOpenJobOffer(db, world, { title: `岗位 ${i}`, closesOn: closing(i) });
    }
    const route = await import("~/routes/staff.employment._index");
    const answer = await routeCall(async () =>
      route.loader({
        request: await signedInRequest(db, world.staff, "/staff/employment?page=2&kind=job"),
        params: {},
        context: { cspNonce: "" },
      } as never),
    );
    expect(answer.status).toBe(200);
    const body = answer.body as { offers: { rows: { title: string }[]; total: number; page: number } };
    expect(body.offers.total).toBe(27);
    expect(body.offers.page).toBe(2);
    expect(body.offers.rows.map((row) => row.title)).toEqual(["岗位 26", "岗位 27"]);
  });
});

describe("the enterprise's own offers (its dashboard)", () => {
  it("pages jobs and trainings separately, newest first, each with its total, in one statement", async () => {
    const jobIds: string[] = [];
    for (let i = 1; i <= ENTERPRISE_OFFER_PAGE_SIZE + 3; i += 1) {
      setClock({ fixedAt: new Date(START.getTime() + i * 60_000) });
      jobIds.push(await createOpenJobOffer(db, world, { title: `岗位 ${i}` }));
    }
    const trainingId = await createOpenTrainingOffer(db, world);
    const actor = {
      id: world.member.id,
      organizationId: world.member.organizationId,
      districtId: world.member.districtId,
    };
    const first = await listEnterpriseOffers(db, actor);
    expect(first.jobsTotal).toBe(ENTERPRISE_OFFER_PAGE_SIZE + 3);
    expect(first.trainingsTotal).toBe(1);
    expect(first.jobs.map((job) => job.id)).toEqual(jobIds.toReversed().slice(0, ENTERPRISE_OFFER_PAGE_SIZE));
    expect(first.trainings.map((training) => training.id)).toEqual([trainingId]);
    const second = await listEnterpriseOffers(db, actor, { jobsPage: 2, trainingsPage: 2 });
    expect(second.jobs.map((job) => job.id)).toEqual(jobIds.toReversed().slice(ENTERPRISE_OFFER_PAGE_SIZE));
    expect(second.trainings).toEqual([]);
    expect(second).toMatchObject({
      jobsTotal: ENTERPRISE_OFFER_PAGE_SIZE + 3,
      trainingsTotal: 1,
      jobsPage: 2,
    });

    // Another enterprise sees none of them.
    const other = await createEmploymentWorld(db);
    const theirs = await listEnterpriseOffers(db, {
      id: other.member.id,
      organizationId: other.member.organizationId,
      districtId: other.member.districtId,
    });
    expect(theirs).toMatchObject({ jobs: [], trainings: [], jobsTotal: 0, trainingsTotal: 0 });
  });
});
