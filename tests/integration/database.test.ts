import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_SEED_VERSION, isDatabaseEmpty, seedDemoData } from "#db/seed";
import { appMeta } from "#db/schema/system";
import { pingDatabase, selectRows } from "~/utils/db.server";
import { loader as healthLoader } from "~/routes/healthz";
import { violatedConstraint } from "#tests/fixtures/errors";
import { resetDatabase, testConnection } from "./helpers";

describe("database layer", () => {
  beforeEach(resetDatabase);

  it("runs the committed migrations (drizzle journal and app tables exist)", async () => {
    const { db } = await testConnection();
    const rows = await selectRows<{ table_name: string }>(
      db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(rows.map((row) => row.table_name)).toContain("app_meta");
  });

  it("answers the health check", async () => {
    const { db } = await testConnection();
    expect(await pingDatabase(db)).toBe(true);
    const response = await healthLoader();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("seeds demo data once, and never over existing data", async () => {
    const { db } = await testConnection();
    expect(await isDatabaseEmpty(db)).toBe(true);
    expect((await seedDemoData(db)).seeded).toBe(true);
    expect(await isDatabaseEmpty(db)).toBe(false);
    expect(await seedDemoData(db)).toEqual({ seeded: false, reason: "database already has data" });
    const [row] = await db.select().from(appMeta).where(eq(appMeta.key, "demo_seed"));
    expect(row?.value).toMatchObject({ version: DEMO_SEED_VERSION });
  });

  it("stores timestamps as timestamptz in UTC", async () => {
    const { db } = await testConnection();
    const moment = new Date("2026-03-01T16:30:00+08:00");
    await db.insert(appMeta).values({ key: "probe", value: {}, updatedAt: moment });
    const [row] = await db.select().from(appMeta).where(eq(appMeta.key, "probe"));
    expect(row?.updatedAt.toISOString()).toBe("2026-03-01T08:30:00.000Z");
  });

  it("rolls a failed transaction back completely", async () => {
    const { db } = await testConnection();
    expect(
      await violatedConstraint(
        db.transaction(async (tx) => {
          await tx.insert(appMeta).values({ key: "half", value: {} });
          await tx.insert(appMeta).values({ key: "half", value: {} }); // primary-key violation
        }),
      ),
    ).toBe("app_meta_pkey");
    expect(await db.select().from(appMeta)).toEqual([]);
  });
});
