import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { organizations, users } from "#db/schema/accounts";
import { auditLog } from "#db/schema/audit";
import { subjects } from "#db/schema/subjects";
import { recordConsent, withdrawConsent } from "~/domains/subjects/consent.server";
import { presentSubjectTo } from "~/domains/subjects/presenter.server";
import { residentIdCheckCharacter } from "~/domains/subjects/resident-id";
import {
  endSubject,
  findSubjectByIdNumber,
  purgeExpiredSubjects,
  registerSubject,
  viewSubjectIdentity,
} from "~/domains/subjects/subjects.server";
import { selectRows } from "~/utils/db.server";
import { resetDatabase, testConnection } from "./helpers";

const db = async () => (await testConnection()).db;
const idNumber = (first17: string) => first17 + residentIdCheckCharacter(first17);

const person = {
  name: "王秘密",
  idNumber: idNumber("11010519800101003"),
  phone: "13912345678",
  area: "城关街道",
  address: "保密路 7 号 3 单元",
  supervisionLevel: "normal" as const,
  correctionStart: "2026-01-01",
  correctionEnd: "2027-06-30",
  languages: ["普通话"],
};

async function setting() {
  const insert = async (values: typeof organizations.$inferInsert) =>
    (await (await db()).insert(organizations).values(values).returning())[0]!.id;
  const bureau = await insert({ kind: "bureau", name: "甲区司法局", status: "verified" });
  const office = await insert({ kind: "office", name: "甲所", districtId: bureau, status: "verified" });
  const otherOffice = await insert({ kind: "office", name: "乙所", districtId: bureau, status: "verified" });
  const provider = await insert({
    kind: "social_org",
    name: "阳光心理",
    districtId: bureau,
    creditCode: "52110000MJ01234569",
    status: "verified",
  });
  const [staff] = await (
    await db()
  )
    .insert(users)
    .values({ email: "staff@example.cn", displayName: "李娜", role: "office_staff", organizationId: office })
    .returning();
  const actor = { id: staff!.id, organizationId: office, districtId: bureau, ipAddress: "10.1.1.1" };
  return { bureau, office, otherOffice, provider, actor };
}

async function register(actor: Awaited<ReturnType<typeof setting>>["actor"], input = person) {
  const result = await registerSubject(await db(), actor, input);
  if (!result.ok) throw new Error(result.error);
  return result;
}

describe("subjects registry", () => {
  beforeEach(resetDatabase);

  it("keeps no plaintext name, ID number, phone or address anywhere in the database", async () => {
    const { actor } = await setting();
    await register(actor);
    const tables = await selectRows<{ tablename: string }>(
      await db(),
      sql`select tablename from pg_tables where schemaname = 'public'`,
    );
    let everything = "";
    for (const { tablename } of tables) {
      const rows = await selectRows<{ row: string }>(
        await db(),
        sql.raw(`select row_to_json(t)::text as row from "${tablename}" t`),
      );
      everything += rows.map((row) => row.row).join("\n");
    }
    expect(everything).toContain("城关街道"); // the scan does read the subject's row
    for (const secret of [person.name, person.idNumber, person.phone, "保密路"]) {
      expect(everything).not.toContain(secret);
    }
  });

  it("and a pg_dump of the server holds none of it either", async () => {
    const url = process.env.DATABASE_URL;
    const pgDump = ["/usr/bin/pg_dump", "/usr/lib/postgresql/15/bin/pg_dump"].find(existsSync);
    if (!url || !pgDump) {
      console.warn("pg_dump check skipped: needs a PostgreSQL server (TEST_DATABASE_URL) and pg_dump");
      return;
    }
    const { actor } = await setting();
    await register(actor);
    const dump = execFileSync(pgDump, ["--data-only", url], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(dump).toContain("城关街道");
    for (const secret of [person.name, person.idNumber, person.phone, "保密路"])
      expect(dump).not.toContain(secret);
  });

  it("gives a random case code and refuses a second active record of the same person", async () => {
    const { actor } = await setting();
    const first = await register(actor);
    expect(first.caseCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(first.caseCode.replace(/-/g, "")).not.toContain(person.idNumber.slice(-4));
    const again = await registerSubject(await db(), actor, person);
    expect(again).toEqual({ ok: false, field: "idNumber", error: "validation:idNumber.alreadyActive" });
  });

  it("shows identity only within scope, and writes one audit row per view in the same transaction", async () => {
    const { actor, otherOffice } = await setting();
    const { id, caseCode } = await register(actor);
    const identity = await viewSubjectIdentity(await db(), {
      subjectId: id,
      scope: "office",
      actor,
      purpose: "家访",
      ipAddress: "10.1.1.1",
    });
    expect(identity).toMatchObject({
      name: person.name,
      idNumber: person.idNumber,
      phone: person.phone,
      minor: false,
    });
    const views = await (await db()).select().from(auditLog).where(eq(auditLog.action, "view_identity"));
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ caseCode, purpose: "家访", actorId: actor.id });
    expect(JSON.stringify(views)).not.toContain(person.name);

    const stranger = { ...actor, organizationId: otherOffice };
    expect(
      await viewSubjectIdentity(await db(), {
        subjectId: id,
        scope: "office",
        actor: stranger,
        purpose: "x",
        ipAddress: "x",
      }),
    ).toBeNull();
    expect(
      await (await db()).select().from(auditLog).where(eq(auditLog.action, "view_identity")),
    ).toHaveLength(1);
  });

  it("finds a subject by exact ID number through the keyed hash", async () => {
    const { actor } = await setting();
    const { id } = await register(actor);
    expect(await findSubjectByIdNumber(await db(), person.idNumber, "office", actor)).toMatchObject({ id });
    expect(
      await findSubjectByIdNumber(await db(), idNumber("11010519800101004"), "office", actor),
    ).toBeNull();
  });

  it("rejects a tampered ciphertext instead of showing altered data", async () => {
    const { actor } = await setting();
    const { id } = await register(actor);
    const [row] = await (await db()).select().from(subjects).where(eq(subjects.id, id));
    const parts = row!.nameCiphertext!.split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0] = body[0]! ^ 0x01;
    parts[3] = body.toString("base64url");
    await (
      await db()
    )
      .update(subjects)
      .set({ nameCiphertext: parts.join(".") })
      .where(eq(subjects.id, id));
    await expect(
      viewSubjectIdentity(await db(), {
        subjectId: id,
        scope: "office",
        actor,
        purpose: "核对",
        ipAddress: "x",
      }),
    ).rejects.toThrow(/unable to authenticate data/);
    // The failed view left no audit row behind: the audit and the view share one transaction.
    expect(
      await (await db()).select().from(auditLog).where(eq(auditLog.action, "view_identity")),
    ).toHaveLength(0);
  });
});

describe("consent ledger and the presenter", () => {
  beforeEach(resetDatabase);

  it("shares nothing but the case code without consent, consented fields with it, and stops at withdrawal", async () => {
    const { actor, provider } = await setting();
    const { id, caseCode } = await register(actor);
    const viewer = async () =>
      presentSubjectTo(await db(), { subjectId: id, recipientOrganizationId: provider, viewerId: actor.id });
    expect(await viewer()).toEqual({ caseCode });

    const recorded = await recordConsent(await db(), {
      subjectId: id,
      actor,
      recipientOrganizationId: provider,
      purpose: "心理辅导预约",
      dataCategories: ["name", "phone"],
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
    });
    expect(recorded).toEqual({ ok: true, id: expect.any(String) });
    expect(await viewer()).toEqual({ caseCode, name: person.name, phone: person.phone });

    const consents = await selectRows<{ id: string }>(await db(), sql`select id from consents`);
    expect(await withdrawConsent(await db(), { consentId: consents[0]!.id, actor })).toBe(true);
    expect(await viewer()).toEqual({ caseCode });
  });

  it("never shares a minor's identity, whatever was consented", async () => {
    const { actor, provider } = await setting();
    const year = new Date().getFullYear() - 15;
    const minor = { ...person, idNumber: idNumber(`110105${year}0101003`) };
    const { id, caseCode } = await register(actor, minor);
    await recordConsent(await db(), {
      subjectId: id,
      actor,
      recipientOrganizationId: provider,
      purpose: "就学帮扶",
      dataCategories: ["name"],
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    expect(
      await presentSubjectTo(await db(), {
        subjectId: id,
        recipientOrganizationId: provider,
        viewerId: actor.id,
      }),
    ).toEqual({ caseCode });
  });

  it("refuses a consent for an organization outside the district or already expired", async () => {
    const { actor, provider } = await setting();
    const { id } = await register(actor);
    const base = { subjectId: id, actor, purpose: "就业", dataCategories: ["name" as const] };
    expect(
      await recordConsent(await db(), {
        ...base,
        recipientOrganizationId: actor.organizationId!,
        expiresAt: new Date(Date.now() + 1e9),
      }),
    ).toMatchObject({
      ok: false,
      field: "recipientOrganizationId",
    });
    expect(
      await recordConsent(await db(), {
        ...base,
        recipientOrganizationId: provider,
        expiresAt: new Date(Date.now() - 1000),
      }),
    ).toMatchObject({
      ok: false,
      field: "expiresOn",
    });
  });
});

describe("lifecycle", () => {
  beforeEach(resetDatabase);

  it("ending a case withdraws its consents; after the retention period identity is erased, the case code stays", async () => {
    const { actor, provider } = await setting();
    const { id, caseCode } = await register(actor);
    await recordConsent(await db(), {
      subjectId: id,
      actor,
      recipientOrganizationId: provider,
      purpose: "就业",
      dataCategories: ["name"],
      expiresAt: new Date(Date.now() + 1e9),
    });
    expect(await endSubject(await db(), { subjectId: id, actor })).toBe(true);
    expect(
      await presentSubjectTo(await db(), {
        subjectId: id,
        recipientOrganizationId: provider,
        viewerId: actor.id,
      }),
    ).toEqual({ caseCode });

    expect(await purgeExpiredSubjects(await db(), 365)).toBe(0);
    expect(await purgeExpiredSubjects(await db(), 365, new Date(Date.now() + 366 * 86_400_000))).toBe(1);
    const [row] = await (await db()).select().from(subjects).where(eq(subjects.id, id));
    expect(row).toMatchObject({
      caseCode,
      status: "archived",
      nameCiphertext: null,
      idNumberCiphertext: null,
      idNumberHash: null,
    });
    expect(row?.area).toBe("城关街道");
    expect(await (await db()).select().from(auditLog).where(eq(auditLog.action, "purge"))).toHaveLength(1);
  });
});
