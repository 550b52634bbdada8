/**
 * The legal demo: 明法律师事务所's two lawyers hold weekly and monthly office hours at both demo
 * offices; past consultations have outcomes (one no-show) and future bookings wait, and
 * lawyer@demo.portal is one of the two lawyers.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "#db/seed";
import { users } from "#db/schema/accounts";
import { consultationBookings, lawyers, officeHourRules } from "#db/schema/legal";
import { consultationsAround, listConsultations } from "~/domains/legal/consultations.server";
import { lawyerOfUser } from "~/domains/legal/lawyers.server";
import type { Database } from "~/utils/db.server";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;
const seededAt = new Date();

beforeAll(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
  expect((await seedDemoData(db)).seeded).toBe(true);
});

describe("legal demo", () => {
  it("has two lawyers with weekly and monthly rules at both offices", async () => {
    expect(await db.select().from(lawyers)).toHaveLength(2);
    const rules = await db.select().from(officeHourRules);
    expect(new Set(rules.map((rule) => rule.rrule.split(";")[0]))).toEqual(
      new Set(["FREQ=WEEKLY", "FREQ=MONTHLY"]),
    );
    expect(new Set(rules.map((rule) => rule.officeId)).size).toBe(2);
    expect(new Set(rules.map((rule) => rule.lawyerId)).size).toBe(2);
  });

  it("has past consultations with outcomes, one no-show, and future bookings lawyer@demo.portal sees", async () => {
    const bookings = await db.select().from(consultationBookings);
    expect(bookings.filter((row) => row.status === "attended").length).toBeGreaterThanOrEqual(3);
    expect(bookings.filter((row) => row.status === "subject_no_show")).toHaveLength(1);
    expect(
      bookings.filter((row) => row.status === "booked" && row.startsAt > seededAt).length,
    ).toBeGreaterThanOrEqual(3);
    const [account] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, "lawyer@demo.portal"));
    const lawyer = await lawyerOfUser(db, account!.id);
    expect(lawyer?.name).toBe("孙律师");
    const upcoming = await listConsultations(
      db,
      { lawyerId: lawyer!.id },
      { when: "upcoming", now: seededAt },
    );
    expect(upcoming.length).toBeGreaterThanOrEqual(2);
    const past = await listConsultations(db, { lawyerId: lawyer!.id }, { when: "past", now: seededAt });
    expect(past.every((row) => row.status !== "booked")).toBe(true);
    // The firm page reads both lists in one statement: the same rows, in the same order.
    const around = await consultationsAround(db, { lawyerId: lawyer!.id }, seededAt, 50);
    expect(past.length).toBeGreaterThan(0);
    expect(around.upcoming.map((row) => row.id)).toEqual(upcoming.map((row) => row.id));
    expect(around.past.map((row) => row.id)).toEqual(past.map((row) => row.id));
  });
});
