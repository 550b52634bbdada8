/**
 * The audit log against a real database: the hash chain, its verifier, the append-only guard,
 * transactions and concurrency, and the district scoping of the admin search.
 *
 * Tampering: the guard triggers refuse UPDATE and DELETE to everyone, so the tests that prove the
 * verifier catches an edited or removed row first disable one trigger (`alter table … disable
 * trigger`, allowed to the table owner / a superuser, which is what the test connection is) and
 * enable it again in `finally` — exactly what an attacker with owner rights would have to do.
 */
import { asc, count, sql } from "drizzle-orm";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { organizations, users } from "#db/schema/accounts";
import { auditLog } from "#db/schema/audit";
import { type AuditEntry, recordAudit, searchAuditLog, verifyAuditChain } from "~/domains/audit/audit.server";
import { GENESIS_HASH } from "~/domains/audit/chain";
import { connectDatabase, type Database } from "~/utils/db.server";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;

beforeEach(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
});

/** The whole error text, including drizzle's wrapped driver error. */
function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    parts.push(current.message);
    current = current.cause;
  }
  return parts.join(" | ");
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return errorText(error);
  }
  throw new Error("expected the statement to fail");
}

async function bureau(name: string) {
  const [row] = await db
    .insert(organizations)
    .values({ kind: "bureau", name, status: "verified" })
    .returning();
  return row!.id;
}

async function bureauAdmin(districtId: string, email: string) {
  const [row] = await db
    .insert(users)
    .values({ email, displayName: email, role: "bureau_admin", organizationId: districtId })
    .returning();
  return row!.id;
}

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    actorId: null,
    action: "view_identity",
    entityType: "subject",
    entityId: "b5f2c9e0-0000-4000-8000-000000000001",
    caseCode: "AB12-CD34-EF56",
    purpose: "走访核实",
    ipAddress: "203.0.113.7",
    details: { fields: ["name", "phone"], via: { page: "subject" } },
    ...overrides,
  };
}

async function rowsInOrder() {
  return db.select().from(auditLog).orderBy(asc(auditLog.sequence));
}

async function withTriggerDisabled(trigger: string, change: () => Promise<unknown>) {
  await db.execute(sql.raw(`alter table audit_log disable trigger ${trigger}`));
  try {
    await change();
  } finally {
    await db.execute(sql.raw(`alter table audit_log enable trigger ${trigger}`));
  }
}

describe("the hash chain", () => {
  it("links each row to the one before it and verifies", async () => {
    for (let i = 0; i < 3; i++) await db.transaction((tx) => recordAudit(tx, entry({ entityId: `e${i}` })));
    await recordAudit(db, entry({ action: "purge", details: null, caseCode: null }));

    const rows = await rowsInOrder();
    expect(rows.map((row) => row.sequence)).toEqual([1, 2, 3, 4]);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(new Set(rows.map((row) => row.hash)).size).toBe(4);
    expect(rows[0]!.details).toEqual({ fields: ["name", "phone"], via: { page: "subject" } });
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 4 });
  });

  it("verifies an empty log", async () => {
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 0 });
  });

  it("detects an edited row", async () => {
    for (let i = 0; i < 3; i++) await recordAudit(db, entry({ entityId: `e${i}` }));
    const [, second] = await rowsInOrder();
    await withTriggerDisabled("audit_log_no_update", () =>
      db.execute(sql`update audit_log set purpose = '随便看看' where id = ${second!.id}`),
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: second!.id, reason: /changed/ });
  });

  it("detects an edited timestamp and a recomputed hash", async () => {
    for (let i = 0; i < 3; i++) await recordAudit(db, entry({ entityId: `e${i}` }));
    const [first, second] = await rowsInOrder();
    await withTriggerDisabled("audit_log_no_update", () =>
      db.execute(
        sql`update audit_log set created_at = created_at - interval '1 day' where id = ${first!.id}`,
      ),
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: first!.id });
    // Forging the first row's hash too only moves the break to the next row's link.
    await withTriggerDisabled("audit_log_no_update", () =>
      db.execute(sql`update audit_log set hash = ${"a".repeat(64)} where id = ${first!.id}`),
    );
    const report = await verifyAuditChain(db);
    expect(report.ok).toBe(false);
    expect(report.ok ? "" : report.brokenAt).toMatch(new RegExp(`${first!.id}|${second!.id}`));
  });

  it("detects a deleted row", async () => {
    for (let i = 0; i < 4; i++) await recordAudit(db, entry({ entityId: `e${i}` }));
    const [, second, third] = await rowsInOrder();
    await withTriggerDisabled("audit_log_no_delete", () =>
      db.execute(sql`delete from audit_log where id = ${second!.id}`),
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: third!.id, reason: /missing/ });
  });
});

describe("the append-only guard", () => {
  it("refuses UPDATE, DELETE and TRUNCATE from the app's connection", async () => {
    await recordAudit(db, entry());
    expect(await failure(db.update(auditLog).set({ purpose: "x" }))).toMatch(/append-only: UPDATE/);
    expect(await failure(db.delete(auditLog))).toMatch(/append-only: DELETE/);
    // Statement-level: even a statement that matches no row is refused.
    expect(await failure(db.execute(sql`delete from audit_log where false`))).toMatch(/append-only/);
    expect(await failure(db.execute(sql`truncate audit_log`))).toMatch(/append-only: TRUNCATE/);
    // Truncating a referenced table cascades to the audit log, and is refused as well.
    expect(await failure(db.execute(sql`truncate users cascade`))).toMatch(/append-only: TRUNCATE/);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 1 });
  });

  it("opens the truncate hatch only inside the transaction that asks for it", async () => {
    await recordAudit(db, entry());
    await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('portal.allow_audit_truncate', 'on', true)`);
      await tx.execute(sql`truncate audit_log`);
    });
    expect((await db.select({ n: count() }).from(auditLog))[0]!.n).toBe(0);
    // The setting was local to that transaction.
    await recordAudit(db, entry());
    expect(await failure(db.execute(sql`truncate audit_log`))).toMatch(/append-only/);
  });

  it("gives a non-superuser role no way around it, even with every privilege on the table", async () => {
    const role = `audit_app_${Math.random().toString(36).slice(2, 10)}`;
    await recordAudit(db, entry());
    await db.execute(sql.raw(`create role ${role} nologin`));
    try {
      await db.execute(sql.raw(`grant all on table audit_log to ${role}`));
      const asAppRole = (statement: string) =>
        db.transaction(async (tx) => {
          await tx.execute(sql.raw(`set local role ${role}`));
          await tx.execute(sql`select set_config('portal.allow_audit_truncate', 'on', true)`);
          await tx.execute(sql.raw(statement));
        });
      expect(await failure(asAppRole("update audit_log set purpose = 'x'"))).toMatch(/append-only/);
      expect(await failure(asAppRole("delete from audit_log"))).toMatch(/append-only/);
      expect(await failure(asAppRole("truncate audit_log"))).toMatch(/append-only/);
      expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 1 });
    } finally {
      await db.execute(sql.raw(`revoke all on table audit_log from ${role}`));
      await db.execute(sql.raw(`drop role ${role}`));
    }
  });
});

describe("recordAudit and its caller's transaction", () => {
  it("rolls back with the caller and commits with it", async () => {
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, entry());
        throw new Error("the audited action failed");
      }),
    ).rejects.toThrow("the audited action failed");
    expect((await db.select({ n: count() }).from(auditLog))[0]!.n).toBe(0);

    await db.transaction((tx) => recordAudit(tx, entry()));
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 1 });
  });

  it("refuses an unknown action and an over-long purpose (database constraints)", async () => {
    expect(await failure(recordAudit(db, entry({ action: "peek" as never })))).toMatch(/audit_log_action/);
    expect(await failure(recordAudit(db, entry({ purpose: "x".repeat(501) })))).toMatch(
      /audit_log_purpose_length/,
    );
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 0 });
  });

  const serverUrl = inject("testServerUrl");
  it.skipIf(!serverUrl)(
    "20 concurrent writers on separate connections leave one unbroken chain (needs TEST_DATABASE_URL or DATABASE_URL: PGlite has one connection)",
    async () => {
      const writers = await Promise.all(
        Array.from({ length: 20 }, () =>
          connectDatabase({ databaseUrl: process.env.DATABASE_URL!, maxConnections: 1 }),
        ),
      );
      try {
        await Promise.all(
          writers.map((writer, index) =>
            writer.db.transaction(async (tx) => {
              // Widen the window in which two writers could read the same last row.
              await tx.execute(sql`select pg_sleep(0.01)`);
              await recordAudit(tx, entry({ entityId: `concurrent-${index}` }));
              await tx.execute(sql`select pg_sleep(0.005)`);
            }),
          ),
        );
      } finally {
        await Promise.all(writers.map((writer) => writer.close()));
      }
      const rows = await rowsInOrder();
      expect(rows.map((row) => row.sequence)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(new Set(rows.map((row) => row.entityId)).size).toBe(20);
      expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 20 });
    },
  );
});

describe("searchAuditLog", () => {
  it("shows a bureau only its district's rows, and everything to a null district", async () => {
    const east = await bureau("东区司法局");
    const west = await bureau("西区司法局");
    const eastAdmin = await bureauAdmin(east, "east@audit.test");
    await recordAudit(db, entry({ districtId: east, actorId: eastAdmin, caseCode: "EAST-0001-AAAA" }));
    await recordAudit(db, entry({ districtId: east, action: "export", caseCode: "EAST-0002-AAAA" }));
    await recordAudit(db, entry({ districtId: west, caseCode: "WEST-0001-AAAA" }));
    await recordAudit(db, entry({ districtId: null, action: "purge", caseCode: null }));

    const page = { page: 1, pageSize: 10 };
    const eastRows = await searchAuditLog(db, { districtId: east, ...page });
    expect(eastRows.total).toBe(2);
    expect(eastRows.rows.map((row) => row.caseCode).sort()).toEqual(["EAST-0001-AAAA", "EAST-0002-AAAA"]);
    expect(eastRows.rows.find((row) => row.caseCode === "EAST-0001-AAAA")).toMatchObject({
      actorEmail: "east@audit.test",
    });

    const westRows = await searchAuditLog(db, { districtId: west, ...page });
    expect(westRows.rows.map((row) => row.caseCode)).toEqual(["WEST-0001-AAAA"]);
    // Newest first.
    expect((await searchAuditLog(db, { districtId: null, ...page })).rows.map((row) => row.sequence)).toEqual(
      [4, 3, 2, 1],
    );

    // A filter never widens the scope.
    expect((await searchAuditLog(db, { districtId: west, caseCode: "EAST-0001-AAAA", ...page })).total).toBe(
      0,
    );
    expect((await searchAuditLog(db, { districtId: east, action: "export", ...page })).total).toBe(1);
    expect((await searchAuditLog(db, { districtId: null, actorId: eastAdmin, ...page })).total).toBe(1);
  });

  it("filters by date range and paginates", async () => {
    for (let i = 0; i < 5; i++) await recordAudit(db, entry({ entityId: `p${i}` }));
    const hourAgo = new Date(Date.now() - 60 * 60_000);
    const inAnHour = new Date(Date.now() + 60 * 60_000);
    expect(
      (await searchAuditLog(db, { districtId: null, from: hourAgo, to: inAnHour, page: 1, pageSize: 10 }))
        .total,
    ).toBe(5);
    expect(
      (await searchAuditLog(db, { districtId: null, from: inAnHour, page: 1, pageSize: 10 })).total,
    ).toBe(0);
    expect((await searchAuditLog(db, { districtId: null, to: hourAgo, page: 1, pageSize: 10 })).total).toBe(
      0,
    );

    const second = await searchAuditLog(db, { districtId: null, page: 2, pageSize: 2 });
    expect(second.total).toBe(5);
    expect(second.rows.map((row) => row.sequence)).toEqual([3, 2]);
  });
});
