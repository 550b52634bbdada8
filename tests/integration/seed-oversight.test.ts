/**
 * The oversight demo: right after `npm start` seeds an empty database, the bureau admin's district
 * dashboard and an office's dashboard show the demo's figures (the summary rows were built by the
 * seed), equal to direct counts over the seeded rows, and the weekly to-do digest has something to say.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "#db/seed";
import { users } from "#db/schema/accounts";
import { actorOf } from "~/domains/accounts/actor";
import { loadDashboard, resolveScope } from "~/domains/oversight/dashboard.server";
import { digestItems } from "~/domains/oversight/digest.server";
import { currentPeriod, valueOf } from "~/domains/oversight/figures";
import { rolePermissionSeed } from "~/domains/permission-registry";
import { type Database, selectRows } from "~/utils/db.server";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;

beforeAll(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
  expect((await seedDemoData(db)).seeded).toBe(true);
});

async function actorByEmail(email: string) {
  const [row] = await db
    .select({ id: users.id, role: users.role, organizationId: users.organizationId })
    .from(users)
    .where(eq(users.email, email));
  const [org] = await selectRows<{ district_id: string | null; kind: string }>(
    db,
    sql`select district_id, kind::text as kind from organizations where id = ${row!.organizationId}`,
  );
  return actorOf(
    {
      id: row!.id,
      role: row!.role,
      organizationId: row!.organizationId,
      organizationStatus: "verified",
      districtId: org!.kind === "bureau" ? row!.organizationId : org!.district_id,
    },
    rolePermissionSeed[row!.role],
  );
}

describe("oversight demo", () => {
  it("the district dashboard counts the demo's records as soon as the seed is done", async () => {
    const bureau = await actorByEmail("bureau@demo.portal");
    const { scope, offices } = await resolveScope(db, bureau, null);
    expect(offices.length).toBeGreaterThanOrEqual(2);
    const now = new Date();
    const data = await loadDashboard(db, scope, currentPeriod(now), now);
    expect(data.refresh).not.toBeNull();

    const [direct] = await selectRows<{ pending_hours: number; open_needs: number; awards: number }>(
      db,
      sql`select
            (select count(*)::int from hour_records where status = 'pending' and district_id = ${scope.id}) as pending_hours,
            (select count(*)::int from help_needs where status in ('open', 'referred') and district_id = ${scope.id}) as open_needs,
            (select count(*)::int from nominations where status in ('submitted', 'returned', 'in_notice') and district_id = ${scope.id}) as awards`,
    );
    expect(direct!.pending_hours).toBeGreaterThan(0);
    expect(direct!.open_needs).toBeGreaterThan(0);
    expect(valueOf(data.values, "volunteers.pendingHours")).toBe(direct!.pending_hours);
    expect(valueOf(data.values, "matching.openNeeds")).toBe(direct!.open_needs);
    expect(valueOf(data.values, "awards.inProgress")).toBe(direct!.awards);
    // A year of approved service makes a trend, not a single bar.
    const minutesByMonth = data.trend.series["volunteers.minutes"]!;
    expect(minutesByMonth.filter((value) => value > 0).length).toBeGreaterThanOrEqual(3);
    expect(digestItems(data.values).length).toBeGreaterThan(0);
  });

  it("an office's staff see their office's share of it", async () => {
    const staff = await actorByEmail("staff.a@demo.portal");
    const { scope } = await resolveScope(db, staff, null);
    expect(scope.kind).toBe("office");
    const now = new Date();
    const data = await loadDashboard(db, scope, currentPeriod(now), now);
    const [direct] = await selectRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from hour_records where status = 'pending' and office_id = ${scope.id}`,
    );
    expect(valueOf(data.values, "volunteers.pendingHours")).toBe(direct!.n);
  });
});
