/**
 * The demo registry: `npm start` shows subjects at both demo offices, registered through the
 * subjects domain (encrypted, audited), with a minor, women, all three supervision levels and
 * consents for some recipients.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "#db/seed";
import { DEMO_SUBJECT_COUNTS } from "#db/seed-subjects";
import { users } from "#db/schema/accounts";
import { auditLog } from "#db/schema/audit";
import { nominations } from "#db/schema/awards";
import { listHonourRoll } from "~/domains/awards/honour-roll.server";
import { consents, subjects } from "#db/schema/subjects";
import { isMinor } from "~/domains/subjects/resident-id";
import * as registry from "~/routes/staff.subjects._index";
import type { Database } from "~/utils/db.server";
import { decrypt } from "~/utils/crypto.server";
import { routeAnswer, routeArgs, signedInRequest } from "#tests/fixtures/requests";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;

beforeAll(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
  expect((await seedDemoData(db)).seeded).toBe(true);
});

async function demoUser(email: string) {
  const [user] = await db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(eq(users.email, email));
  return user!;
}

describe("demo subjects", () => {
  it("fill 城关司法所's registry for staff.a, and only its own", async () => {
    const page = await routeAnswer(
      await registry.loader(
        routeArgs(await signedInRequest(db, await demoUser("staff.a@demo.portal"), "/staff/subjects")),
      ),
    );
    expect(page.status).toBe(200);
    const text = JSON.stringify(page.body);
    expect(text).toContain("城关司法所");
    expect(text).not.toContain("东城司法所");
    expect(DEMO_SUBJECT_COUNTS.officeA).toBeGreaterThanOrEqual(6);
    // Whole case codes only: a fragment of a UUID made of digits ("1234-5678-9012") is not one.
    const caseCodes = text.match(
      /(?<![0-9A-Za-z-])[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}(?![0-9A-Za-z-])/g,
    );
    expect(new Set(caseCodes).size).toBe(DEMO_SUBJECT_COUNTS.officeA);
  });

  it("are about a dozen at both offices, with a minor, women and every supervision level", async () => {
    const rows = await db.select().from(subjects);
    expect(rows).toHaveLength(DEMO_SUBJECT_COUNTS.officeA + DEMO_SUBJECT_COUNTS.officeB);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(new Set(rows.map((row) => row.officeId)).size).toBe(2);
    expect(new Set(rows.map((row) => row.supervisionLevel))).toEqual(
      new Set(["lenient", "normal", "strict"]),
    );
    expect(rows.filter((row) => row.gender === "female").length).toBeGreaterThanOrEqual(1);
    const minors = rows.filter((row) => isMinor(decrypt(row.birthDateCiphertext!), new Date()));
    expect(minors).toHaveLength(1);
    expect(rows.every((row) => row.status === "active" && row.correctionEnd > row.correctionStart)).toBe(
      true,
    );
  });

  it("were registered and given consents through the domain, so each step is audited", async () => {
    expect(await db.select().from(consents)).toHaveLength(DEMO_SUBJECT_COUNTS.consents);
    expect(DEMO_SUBJECT_COUNTS.consents).toBeGreaterThanOrEqual(3);
    const audited = await db
      .select({ action: auditLog.action, entityType: auditLog.entityType })
      .from(auditLog);
    expect(audited.filter((row) => row.entityType === "subject" && row.action === "create")).toHaveLength(
      DEMO_SUBJECT_COUNTS.officeA + DEMO_SUBJECT_COUNTS.officeB,
    );
    expect(audited.filter((row) => row.action === "consent_record")).toHaveLength(
      DEMO_SUBJECT_COUNTS.consents,
    );
  });
});

describe("demo commendations", () => {
  it("leave a nomination in each state, one award on notice and one final on the honour roll", async () => {
    const rows = await db.select({ status: nominations.status }).from(nominations);
    expect(new Set(rows.map((row) => row.status))).toEqual(
      new Set(["final", "in_notice", "submitted", "returned", "rejected"]),
    );
    const roll = await listHonourRoll(db);
    expect(roll.map((row) => [row.status, row.name]).sort()).toEqual([
      ["final", "陈晓明"],
      ["in_notice", "陈晓明"],
    ]);
  });
});
