import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { emailOutbox } from "#db/schema/notifications";
import { consultationBookings } from "#db/schema/legal";
import { findOpenSlots } from "~/domains/legal/availability.server";
import {
  bookConsultation,
  cancelConsultation,
  recordOutcome,
  rescheduleConsultation,
} from "~/domains/legal/bookings.server";
import { addOverride } from "~/domains/legal/office-hours.server";
import { shanghaiInstant } from "~/domains/legal/slots";
import { MAX_ACTIVE_BOOKINGS_PER_SUBJECT, type BookingInput } from "~/domains/legal/validation";
import { resetClock, setClock } from "~/utils/clock.server";
import { connectDatabase, type Database } from "~/utils/db.server";
import { violatedConstraint } from "#tests/fixtures/errors";
import {
  createLawyer,
  createOfficeHourRule,
  createOffice,
  createServicePoint,
  createSubject,
  createUser,
} from "#tests/fixtures/factories";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;
beforeAll(async () => {
  db = (await testConnection()).db;
});
afterAll(() => resetClock());

// Monday 2026-0601 08:00 in Beijing; the rules meet on Tuesdays 09:00–11:00.
const NOW = shanghaiInstant("2026-06-01", 8 * 60);
const tuesday = (minute: number) => shanghaiInstant("2026-06-02", minute);

async function world() {
  const office = await createOffice(db);
  const staff = await createUser(db, "office_staff", {
    organizationId: office.id,
    districtId: office.districtId,
  });
  const admin = await createUser(db, "law_firm_admin", { districtId: office.districtId });
  const lawyerAccount = await createUser(db, "lawyer", {
    organizationId: admin.organizationId,
    districtId: office.districtId,
  });
  const lawyer = await createLawyer(db, {
    lawFirmId: admin.organizationId!,
    districtId: office.districtId,
    userId: lawyerAccount.id,
  });
  const point = await createServicePoint(db, office);
  const rule = await createOfficeHourRule(db, { lawyer, point, createdBy: admin.id });
  return { office, staff, admin, lawyerAccount, lawyer, point, rule };
}

const walkIn = (ruleId: string, startsAt: Date): BookingInput => ({
  ruleId,
  startsAt,
  walkIn: true,
  topic: "labour",
});

/** Several pools on PostgreSQL so the requests really race; PGlite runs them one after another. */
async function racingHandles(): Promise<{ handles: Database[]; close: () => Promise<void> }> {
  const serverUrl = inject("testServerUrl");
  if (!serverUrl) return { handles: [db], close: async () => {} };
  const pools = await Promise.all(
    Array.from({ length: 5 }, () =>
      connectDatabase({ databaseUrl: process.env.DATABASE_URL!, maxConnections: 10 }),
    ),
  );
  return {
    handles: pools.map((pool) => pool.db),
    close: () => Promise.all(pools.map((p) => p.close())).then(() => {}),
  };
}

const liveBookings = (ruleId: string) =>
  db
    .select()
    .from(consultationBookings)
    .where(and(eq(consultationBookings.ruleId, ruleId), eq(consultationBookings.status, "booked")));

beforeEach(async () => {
  await resetDatabase();
  setClock({ fixedAt: NOW });
});

describe("no over-booking under concurrency", () => {
  it("50 concurrent bookings of one single-capacity slot: exactly 1 succeeds, 49 hear it was just taken", async () => {
    const { staff, rule } = await world();
    const { handles, close } = await racingHandles();
    try {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          bookConsultation(handles[index % handles.length]!, {
            actor: staff,
            booking: walkIn(rule.id, tuesday(9 * 60)),
            now: NOW,
          }),
        ),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      const refused = results.filter((result) => !result.ok);
      expect(refused).toHaveLength(49);
      for (const result of refused) {
        expect(result).toMatchObject({ ok: false, reason: "taken", error: "legal:errors.justTaken" });
        // The answer offers the next free slots at the same service point.
        if (!result.ok && result.reason === "taken")
          expect(result.alternatives[0]?.startsAt.toISOString()).toBe(tuesday(9 * 60 + 30).toISOString());
      }
    } finally {
      await close();
    }
    expect(await liveBookings(rule.id)).toHaveLength(1);
  });

  it("capacity N with 3N concurrent requests: exactly N bookings, seats 1..N", async () => {
    const { staff, admin, lawyer, point } = await world();
    const N = 4;
    const group = await createOfficeHourRule(db, {
      lawyer,
      point,
      createdBy: admin.id,
      values: { rrule: "FREQ=WEEKLY;BYDAY=WE", capacity: N },
    });
    const wednesday = shanghaiInstant("2026-06-03", 9 * 60);
    const { handles, close } = await racingHandles();
    try {
      const results = await Promise.all(
        Array.from({ length: 3 * N }, (_, index) =>
          bookConsultation(handles[index % handles.length]!, {
            actor: staff,
            booking: walkIn(group.id, wednesday),
            now: NOW,
          }),
        ),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(N);
      expect(results.filter((result) => !result.ok && result.reason === "taken")).toHaveLength(2 * N);
    } finally {
      await close();
    }
    const rows = await liveBookings(group.id);
    expect(rows.map((row) => row.seat).sort()).toEqual([1, 2, 3, 4]);
  });

  it("overlapping ranges of two rules of the same lawyer cannot both be booked (app and constraint)", async () => {
    const { staff, admin, lawyer, point, rule } = await world();
    // Another rule of the same lawyer, Tuesdays 09:15–10:15 at another point of the same office.
    const otherPoint = await createServicePoint(db, { id: point.officeId, districtId: point.districtId });
    const overlapping = await createOfficeHourRule(db, {
      lawyer,
      point: otherPoint,
      createdBy: admin.id,
      values: { startMinute: 9 * 60 + 15, endMinute: 10 * 60 + 15 },
    });
    expect(
      await bookConsultation(db, { actor: staff, booking: walkIn(rule.id, tuesday(9 * 60)), now: NOW }),
    ).toMatchObject({ ok: true });
    const second = await bookConsultation(db, {
      actor: staff,
      booking: walkIn(overlapping.id, tuesday(9 * 60 + 15)),
      now: NOW,
    });
    expect(second).toMatchObject({ ok: false, reason: "taken" });
    // The database refuses it even when the application is bypassed.
    const [first] = await liveBookings(rule.id);
    expect(
      await violatedConstraint(
        db.insert(consultationBookings).values({
          ...first!,
          id: undefined,
          ruleId: overlapping.id,
          servicePointId: otherPoint.id,
          startsAt: tuesday(9 * 60 + 15),
          endsAt: tuesday(9 * 60 + 45),
        }),
      ),
    ).toBe("consultation_bookings_no_overlap");
    // The slot of the other rule that does not overlap is still bookable (09:45 starts after 09:30).
    expect(
      await bookConsultation(db, {
        actor: staff,
        booking: walkIn(overlapping.id, tuesday(9 * 60 + 45)),
        now: NOW,
      }),
    ).toMatchObject({ ok: true });
  });

  it("a cancelled slot can be booked again", async () => {
    const { staff, rule } = await world();
    const first = await bookConsultation(db, {
      actor: staff,
      booking: walkIn(rule.id, tuesday(9 * 60)),
      now: NOW,
    });
    if (!first.ok) throw new Error("first booking failed");
    expect(
      await cancelConsultation(db, {
        actor: staff,
        by: "staff",
        bookingId: first.id,
        reason: "对象改期",
        now: NOW,
      }),
    ).toEqual({ ok: true });
    const again = await bookConsultation(db, {
      actor: staff,
      booking: walkIn(rule.id, tuesday(9 * 60)),
      now: NOW,
    });
    expect(again).toMatchObject({ ok: true });
    const rows = await db.select().from(consultationBookings).where(eq(consultationBookings.ruleId, rule.id));
    expect(rows.map((row) => row.status).sort()).toEqual(["booked", "cancelled"]);
  });

  it("adjacent slots both succeed", async () => {
    const { staff, rule } = await world();
    const results = await Promise.all(
      [9 * 60, 9 * 60 + 30].map((minute) =>
        bookConsultation(db, { actor: staff, booking: walkIn(rule.id, tuesday(minute)), now: NOW }),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await liveBookings(rule.id)).toHaveLength(2);
  });
});

describe("booking rules", () => {
  it("refuses a time the rule does not offer, inside the minimum notice, or at another office", async () => {
    const { staff, rule } = await world();
    expect(
      await bookConsultation(db, { actor: staff, booking: walkIn(rule.id, tuesday(9 * 60 + 10)), now: NOW }),
    ).toMatchObject({ ok: false, reason: "invalid", error: "legal:errors.slotUnavailable" });
    const late = shanghaiInstant("2026-06-02", 8 * 60);
    expect(
      await bookConsultation(db, { actor: staff, booking: walkIn(rule.id, tuesday(9 * 60)), now: late }),
    ).toMatchObject({ ok: false, reason: "invalid", error: "legal:errors.slotUnavailable" });
    const stranger = await createUser(db, "office_staff");
    expect(
      await bookConsultation(db, { actor: stranger, booking: walkIn(rule.id, tuesday(9 * 60)), now: NOW }),
    ).toEqual({ ok: false, reason: "notFound" });
  });

  it("books a subject by case code, up to the limit of active bookings per subject", async () => {
    const { staff, admin, lawyer, point, rule } = await world();
    const subject = await createSubject(db, { ...staff, organizationId: staff.organizationId });
    const daily = await createOfficeHourRule(db, {
      lawyer,
      point,
      createdBy: admin.id,
      values: { rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", startMinute: 14 * 60, endMinute: 17 * 60 },
    });
    const booking = (minute: number): BookingInput => ({
      ruleId: daily.id,
      startsAt: tuesday(minute),
      walkIn: false,
      caseCode: subject.caseCode,
      topic: "family",
    });
    for (let i = 0; i < MAX_ACTIVE_BOOKINGS_PER_SUBJECT; i++)
      expect(
        await bookConsultation(db, { actor: staff, booking: booking(14 * 60 + i * 30), now: NOW }),
      ).toMatchObject({ ok: true });
    expect(await bookConsultation(db, { actor: staff, booking: booking(16 * 60), now: NOW })).toMatchObject({
      ok: false,
      field: "caseCode",
      error: "legal:errors.subjectLimit",
    });
    expect(
      await bookConsultation(db, {
        actor: staff,
        booking: { ...booking(9 * 60), ruleId: rule.id, caseCode: "ZZZZ-ZZZZ-ZZZZ" },
        now: NOW,
      }),
    ).toMatchObject({ ok: false, field: "caseCode", error: "legal:validation.caseCodeUnknown" });
  });

  it("a subject is never booked twice at overlapping times, even by a double submit on a group slot", async () => {
    const { staff, admin, lawyer, point } = await world();
    const subject = await createSubject(db, staff);
    const group = await createOfficeHourRule(db, {
      lawyer,
      point,
      createdBy: admin.id,
      values: { rrule: "FREQ=WEEKLY;BYDAY=WE", capacity: 3 },
    });
    const booking: BookingInput = {
      ruleId: group.id,
      startsAt: shanghaiInstant("2026-06-03", 9 * 60),
      walkIn: false,
      caseCode: subject.caseCode,
      topic: "debt",
    };
    const { handles, close } = await racingHandles();
    let results;
    try {
      results = await Promise.all(
        [0, 1].map((index) =>
          bookConsultation(handles[index % handles.length]!, { actor: staff, booking, now: NOW }),
        ),
      );
    } finally {
      await close();
    }
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({
      ok: false,
      error: "legal:errors.subjectBusy",
    });
    const [first] = await liveBookings(group.id);
    expect(
      await violatedConstraint(db.insert(consultationBookings).values({ ...first!, id: undefined, seat: 2 })),
    ).toBe("consultation_bookings_subject_no_overlap");
  });

  it("writes the confirmation for lawyer and staff and the reminder 24 h before; cancelling withdraws the reminder", async () => {
    const { staff, rule, lawyerAccount } = await world();
    const result = await bookConsultation(db, {
      actor: staff,
      booking: walkIn(rule.id, tuesday(10 * 60)),
      now: NOW,
    });
    if (!result.ok) throw new Error("booking failed");
    const mails = await db.select().from(emailOutbox);
    const to = (template: string) =>
      mails
        .filter((row) => row.template === template)
        .map((row) => row.recipientUserId)
        .sort();
    expect(to("consultation-booked")).toEqual([lawyerAccount.id, staff.id].sort());
    const reminders = mails.filter((row) => row.template === "consultation-reminder");
    expect(reminders).toHaveLength(2);
    expect(reminders[0]!.sendAfter.toISOString()).toBe(shanghaiInstant("2026-06-01", 10 * 60).toISOString());
    await cancelConsultation(db, {
      actor: staff,
      by: "staff",
      bookingId: result.id,
      reason: "对象生病",
      now: NOW,
    });
    const after = await db.select().from(emailOutbox);
    expect(after.filter((row) => row.template === "consultation-reminder").map((row) => row.status)).toEqual([
      "cancelled",
      "cancelled",
    ]);
    expect(after.filter((row) => row.template === "consultation-cancelled")).toHaveLength(2);
  });

  it("cut-off: staff cannot cancel inside it, the firm can; reschedule keeps the booking and raises its sequence", async () => {
    const { staff, admin, rule } = await world();
    const result = await bookConsultation(db, {
      actor: staff,
      booking: walkIn(rule.id, tuesday(10 * 60)),
      now: NOW,
    });
    if (!result.ok) throw new Error("booking failed");
    const inside = shanghaiInstant("2026-06-02", 0); // 10 h before, cut-off is 12 h
    expect(
      await cancelConsultation(db, {
        actor: staff,
        by: "staff",
        bookingId: result.id,
        reason: "改期",
        now: inside,
      }),
    ).toMatchObject({ ok: false, error: "legal:errors.cutoff" });
    expect(
      await rescheduleConsultation(db, {
        actor: staff,
        by: "staff",
        bookingId: result.id,
        ruleId: rule.id,
        startsAt: tuesday(10 * 60 + 30),
        reason: "改期",
        now: NOW,
      }),
    ).toEqual({ ok: true });
    const [moved] = await db
      .select()
      .from(consultationBookings)
      .where(eq(consultationBookings.id, result.id));
    expect(moved).toMatchObject({ sequence: 1, status: "booked" });
    expect(moved!.startsAt.toISOString()).toBe(tuesday(10 * 60 + 30).toISOString());
    expect(
      await cancelConsultation(db, {
        actor: admin,
        by: "firm",
        bookingId: result.id,
        reason: "律师出庭",
        now: inside,
      }),
    ).toEqual({ ok: true });
  });

  it("the firm cancelling an office-hour day cancels its bookings; the slots disappear", async () => {
    const { staff, admin, rule, point } = await world();
    await bookConsultation(db, { actor: staff, booking: walkIn(rule.id, tuesday(9 * 60)), now: NOW });
    await bookConsultation(db, { actor: staff, booking: walkIn(rule.id, tuesday(10 * 60)), now: NOW });
    const result = await addOverride(db, {
      actor: admin,
      ruleId: rule.id,
      override: { day: "2026-06-02", kind: "cancelled", reason: "律所团建" },
      now: NOW,
    });
    expect(result).toEqual({ ok: true, cancelledBookings: 2 });
    expect(await liveBookings(rule.id)).toHaveLength(0);
    const slots = await findOpenSlots(db, {
      servicePointId: point.id,
      now: NOW,
      from: "2026-06-02",
      to: "2026-06-02",
    });
    expect(slots).toEqual([]);
  });

  it("outcome: only after the start, once, by the booking's lawyer; a decided booking is locked in the database", async () => {
    const { staff, rule, lawyerAccount } = await world();
    const result = await bookConsultation(db, {
      actor: staff,
      booking: walkIn(rule.id, tuesday(9 * 60)),
      now: NOW,
    });
    if (!result.ok) throw new Error("booking failed");
    const outcome = {
      status: "attended" as const,
      topic: "labour" as const,
      adviceCategory: "rights_explained" as const,
      followUpLegalAid: true,
    };
    expect(
      await recordOutcome(db, {
        actor: lawyerAccount,
        by: "lawyer",
        bookingId: result.id,
        outcome,
        now: NOW,
      }),
    ).toMatchObject({ ok: false, error: "legal:errors.outcomeTooEarly" });
    const other = await createUser(db, "lawyer");
    const after = tuesday(9 * 60 + 40);
    expect(
      await recordOutcome(db, { actor: other, by: "lawyer", bookingId: result.id, outcome, now: after }),
    ).toEqual({
      ok: false,
      reason: "notFound",
    });
    expect(
      await recordOutcome(db, {
        actor: lawyerAccount,
        by: "lawyer",
        bookingId: result.id,
        outcome,
        now: after,
      }),
    ).toEqual({ ok: true });
    expect(
      await violatedConstraint(
        db
          .update(consultationBookings)
          .set({ status: "subject_no_show" })
          .where(eq(consultationBookings.id, result.id)),
      ),
    ).toBe("consultation_bookings_decided_locked");
  });
});
