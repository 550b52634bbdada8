import { and, count, eq, gt, ne, sql } from "drizzle-orm";
import {
  consultationBookings,
  lawyers,
  officeHourOverrides,
  officeHourRules,
  servicePoints,
} from "#db/schema/legal";
import { subjects } from "#db/schema/subjects";
import type { ActorRef } from "~/domains/accounts/actor";
import { recordAudit } from "~/domains/audit/audit.server";
import { loadWorkingDayCalendar } from "~/domains/calendar/calendar.server";
import type { Database, DbOrTx } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";
import { findOpenSlots, type OpenSlot } from "./availability.server";
import { notifyBookingChange } from "./booking-mail.server";
import { changeAllowed, findRuleSlot, shanghaiDay, type Slot } from "./slots";
import { MAX_ACTIVE_BOOKINGS_PER_SUBJECT, type BookingInput, type OutcomeInput } from "./validation";

export type StaffActor = ActorRef & { ipAddress?: string | null };

/** Why a booking was refused: a field's message key, or (no field) a message of the legal namespace. */
export type BookingFailure =
  | { ok: false; reason: "taken"; error: string; alternatives: OpenSlot[] }
  | { ok: false; reason: "invalid"; field?: string; error: string }
  | { ok: false; reason: "notFound" };

/** The exclusion constraint refused the row: a concurrent booking took the place first. */
class SeatTaken extends Error {}

function isOverlapRefusal(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 10; depth++) {
    const fields = current as {
      code?: unknown;
      constraint_name?: unknown;
      constraint?: unknown;
      cause?: unknown;
    };
    // 23P01: the exclusion constraint refused the seat. 40P01: two inserts checking the constraint
    // against each other deadlocked and PostgreSQL aborted one of them; either way, try again.
    if (fields.code === "23P01" || fields.code === "40P01") return true;
    if (
      fields.constraint_name === "consultation_bookings_no_overlap" ||
      fields.constraint === "consultation_bookings_no_overlap"
    )
      return true;
    current = fields.cause;
  }
  return false;
}

/**
 * Runs `attempt` (one transaction) again when the database refused its seat: a concurrent booking
 * committed first, so the next try sees it and picks another seat or answers "taken". Bounded: each
 * retry follows a commit that took a place, and a slot has at most 20.
 */
async function withSeatRetries<T>(attempt: () => Promise<T>, onTaken: () => Promise<T>): Promise<T> {
  for (let tries = 0; tries < 25; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof SeatTaken || isOverlapRefusal(error)) continue;
      throw error;
    }
  }
  return onTaken();
}

/** The lowest seat of the slot no live booking of the lawyer holds at an overlapping time, or null. */
async function freeSeat(
  tx: DbOrTx,
  slot: Pick<Slot, "lawyerId" | "startsAt" | "endsAt" | "capacity">,
  exceptBookingId?: string,
): Promise<number | null> {
  const rows = await tx
    .select({ seat: consultationBookings.seat })
    .from(consultationBookings)
    .where(
      and(
        eq(consultationBookings.lawyerId, slot.lawyerId),
        ne(consultationBookings.status, "cancelled"),
        sql`tstzrange(${consultationBookings.startsAt}, ${consultationBookings.endsAt}, '[)') && tstzrange(${slot.startsAt.toISOString()}::timestamptz, ${slot.endsAt.toISOString()}::timestamptz, '[)')`,
        exceptBookingId ? ne(consultationBookings.id, exceptBookingId) : sql`true`,
      ),
    );
  const taken = new Set(rows.map((row) => row.seat));
  for (let seat = 1; seat <= slot.capacity; seat++) if (!taken.has(seat)) return seat;
  return null;
}

/** The rule's slot at `startsAt` if the rule offers it now (policy, holidays, overrides), re-read in `tx`. */
async function slotOfRule(tx: DbOrTx, ruleId: string, startsAt: Date, now: Date) {
  const [rule] = await tx
    .select({
      id: officeHourRules.id,
      lawyerId: officeHourRules.lawyerId,
      lawFirmId: officeHourRules.lawFirmId,
      servicePointId: officeHourRules.servicePointId,
      officeId: officeHourRules.officeId,
      districtId: officeHourRules.districtId,
      rrule: officeHourRules.rrule,
      startMinute: officeHourRules.startMinute,
      endMinute: officeHourRules.endMinute,
      validFrom: officeHourRules.validFrom,
      validTo: officeHourRules.validTo,
      slotMinutes: officeHourRules.slotMinutes,
      bufferMinutes: officeHourRules.bufferMinutes,
      capacity: officeHourRules.capacity,
      minNoticeMinutes: officeHourRules.minNoticeMinutes,
      horizonDays: officeHourRules.horizonDays,
      cancelCutoffMinutes: officeHourRules.cancelCutoffMinutes,
    })
    .from(officeHourRules)
    .innerJoin(lawyers, eq(lawyers.id, officeHourRules.lawyerId))
    .innerJoin(servicePoints, eq(servicePoints.id, officeHourRules.servicePointId))
    .where(
      and(
        eq(officeHourRules.id, ruleId),
        eq(officeHourRules.active, true),
        eq(lawyers.active, true),
        eq(servicePoints.active, true),
      ),
    );
  if (!rule) return null;
  const overrides = await tx
    .select({
      ruleId: officeHourOverrides.ruleId,
      day: officeHourOverrides.day,
      kind: officeHourOverrides.kind,
      startMinute: officeHourOverrides.startMinute,
      endMinute: officeHourOverrides.endMinute,
    })
    .from(officeHourOverrides)
    .where(and(eq(officeHourOverrides.ruleId, rule.id), eq(officeHourOverrides.day, shanghaiDay(startsAt))));
  const calendar = await loadWorkingDayCalendar(tx, now);
  const slot = findRuleSlot({ rules: [rule], overrides, calendar, now }, rule.id, startsAt);
  return slot ? { rule, slot } : { rule, slot: null };
}

/** The next free slots at the same service point, offered after a refusal. */
const alternativesFor = (db: DbOrTx, servicePointId: string | undefined, now: Date) =>
  servicePointId ? findOpenSlots(db, { servicePointId, now, limit: 3 }) : Promise.resolve([]);

/**
 * Staff book a slot for a subject of their office (by case code) or a walk-in. Inside one
 * transaction: the slot is re-computed from the rule, the subject's active bookings counted under a
 * lock of the subject's row, a free seat chosen and the row inserted — the exclusion constraint
 * refuses a seat a concurrent booking took, and the attempt is retried to find the next one.
 */
export async function bookConsultation(
  db: Database,
  input: { actor: StaffActor; booking: BookingInput; now?: Date },
): Promise<{ ok: true; id: string } | BookingFailure> {
  const { actor, booking } = input;
  const now = input.now ?? clock.now();
  let servicePointId: string | undefined;
  const taken = async (): Promise<BookingFailure> => ({
    ok: false,
    reason: "taken",
    error: "legal:errors.justTaken",
    alternatives: await alternativesFor(db, servicePointId, now),
  });
  return withSeatRetries<{ ok: true; id: string } | BookingFailure | "taken">(
    () =>
      db.transaction(async (tx) => {
        const found = await slotOfRule(tx, booking.ruleId, booking.startsAt, now);
        if (!found || found.rule.officeId !== actor.organizationId)
          return { ok: false, reason: "notFound" } as const;
        servicePointId = found.rule.servicePointId;
        if (!found.slot)
          return {
            ok: false,
            reason: "invalid",
            field: "startsAt",
            error: "legal:errors.slotUnavailable",
          } as const;
        let subjectId: string | null = null;
        if (!booking.walkIn) {
          const [subject] = await tx
            .select({ id: subjects.id })
            .from(subjects)
            .where(
              and(
                eq(subjects.caseCode, booking.caseCode ?? ""),
                eq(subjects.officeId, found.rule.officeId),
                eq(subjects.status, "active"),
              ),
            )
            .for("update");
          if (!subject)
            return {
              ok: false,
              reason: "invalid",
              field: "caseCode",
              error: "legal:validation.caseCodeUnknown",
            } as const;
          const [active] = await tx
            .select({ n: count() })
            .from(consultationBookings)
            .where(
              and(
                eq(consultationBookings.subjectId, subject.id),
                eq(consultationBookings.status, "booked"),
                gt(consultationBookings.endsAt, now),
              ),
            );
          const [overlapping] = await tx
            .select({ id: consultationBookings.id })
            .from(consultationBookings)
            .where(
              and(
                eq(consultationBookings.subjectId, subject.id),
                ne(consultationBookings.status, "cancelled"),
                sql`tstzrange(${consultationBookings.startsAt}, ${consultationBookings.endsAt}, '[)') && tstzrange(${found.slot.startsAt.toISOString()}::timestamptz, ${found.slot.endsAt.toISOString()}::timestamptz, '[)')`,
              ),
            )
            .limit(1);
          if (overlapping)
            return {
              ok: false,
              reason: "invalid",
              field: "caseCode",
              error: "legal:errors.subjectBusy",
            } as const;
          if ((active?.n ?? 0) >= MAX_ACTIVE_BOOKINGS_PER_SUBJECT)
            return {
              ok: false,
              reason: "invalid",
              field: "caseCode",
              error: "legal:errors.subjectLimit",
            } as const;
          subjectId = subject.id;
        }
        const seat = await freeSeat(tx, found.slot);
        if (seat === null) return "taken" as const;
        const [row] = await tx
          .insert(consultationBookings)
          .values({
            ruleId: found.rule.id,
            lawyerId: found.rule.lawyerId,
            lawFirmId: found.rule.lawFirmId,
            servicePointId: found.rule.servicePointId,
            officeId: found.rule.officeId,
            districtId: found.rule.districtId,
            subjectId,
            startsAt: found.slot.startsAt,
            endsAt: found.slot.endsAt,
            seat,
            capacity: found.slot.capacity,
            topic: booking.topic,
            note: booking.note ?? null,
            bookedBy: actor.id,
          })
          .returning();
        const created = row!;
        await notifyBookingChange(tx, created, { kind: "booked" }, now);
        await recordAudit(tx, {
          actorId: actor.id,
          action: "create",
          entityType: "consultation-booking",
          entityId: created.id,
          districtId: created.districtId,
          officeId: created.officeId,
          ipAddress: actor.ipAddress ?? null,
        });
        return { ok: true, id: created.id } as const;
      }),
    async () => "taken" as const,
  ).then((result) => (result === "taken" ? taken() : result));
}

export type BookingChanger = { actor: StaffActor; by: "staff" | "firm" };

/** Locks a live booking the changer may change: staff of its office, or its law firm. */
async function lockBooking(tx: DbOrTx, id: string, changer: BookingChanger) {
  const [row] = await tx
    .select()
    .from(consultationBookings)
    .where(eq(consultationBookings.id, id))
    .for("update");
  if (!row) return null;
  const mine =
    changer.by === "staff"
      ? row.officeId === changer.actor.organizationId
      : row.lawFirmId === changer.actor.organizationId;
  return mine ? row : null;
}

async function cutoffOf(tx: DbOrTx, ruleId: string) {
  const [rule] = await tx
    .select({ cancelCutoffMinutes: officeHourRules.cancelCutoffMinutes })
    .from(officeHourRules)
    .where(eq(officeHourRules.id, ruleId));
  return rule?.cancelCutoffMinutes ?? 0;
}

/** Cancels a booking (staff until the cut-off, the firm until the start), with a reason for everyone. */
export async function cancelConsultation(
  db: Database,
  input: BookingChanger & { bookingId: string; reason: string; now?: Date },
): Promise<{ ok: true } | BookingFailure> {
  const now = input.now ?? clock.now();
  return db.transaction(async (tx) => {
    const row = await lockBooking(tx, input.bookingId, input);
    if (!row) return { ok: false, reason: "notFound" } as const;
    return cancelLocked(tx, row, input, now);
  });
}

type BookingRow = typeof consultationBookings.$inferSelect;

/** Cancels a booking already locked by the caller (also used when the firm cancels a whole day). */
export async function cancelLocked(
  tx: DbOrTx,
  row: BookingRow,
  input: BookingChanger & { reason: string },
  now: Date,
): Promise<{ ok: true } | BookingFailure> {
  if (row.status !== "booked") return { ok: false, reason: "invalid", error: "legal:errors.notBooked" };
  const allowed = changeAllowed(row, await cutoffOf(tx, row.ruleId), now, input.by);
  if (allowed !== "ok") return { ok: false, reason: "invalid", error: `legal:errors.${allowed}` };
  const [updated] = await tx
    .update(consultationBookings)
    .set({
      status: "cancelled",
      cancelReason: input.reason,
      cancelledBy: input.actor.id,
      cancelledAt: now,
      sequence: row.sequence + 1,
      updatedAt: now,
    })
    .where(eq(consultationBookings.id, row.id))
    .returning();
  await notifyBookingChange(tx, updated!, { kind: "cancelled", reason: input.reason }, now);
  await recordAudit(tx, {
    actorId: input.actor.id,
    action: "status_change",
    entityType: "consultation-booking",
    entityId: row.id,
    districtId: row.districtId,
    officeId: row.officeId,
    purpose: input.reason,
    ipAddress: input.actor.ipAddress ?? null,
    details: { status: "cancelled" },
  });
  return { ok: true };
}

/**
 * Moves a booking to another slot of the same lawyer (same UID, SEQUENCE + 1 in the calendars):
 * the new slot is checked like a new booking and the exclusion constraint guards it; the reminder
 * moves with it.
 */
export async function rescheduleConsultation(
  db: Database,
  input: BookingChanger & { bookingId: string; ruleId: string; startsAt: Date; reason: string; now?: Date },
): Promise<{ ok: true } | BookingFailure> {
  const now = input.now ?? clock.now();
  let servicePointId: string | undefined;
  return withSeatRetries<{ ok: true } | BookingFailure | "taken">(
    () =>
      db.transaction(async (tx) => {
        const row = await lockBooking(tx, input.bookingId, input);
        if (!row) return { ok: false, reason: "notFound" } as const;
        servicePointId = row.servicePointId;
        if (row.status !== "booked")
          return { ok: false, reason: "invalid", error: "legal:errors.notBooked" } as const;
        const allowed = changeAllowed(row, await cutoffOf(tx, row.ruleId), now, input.by);
        if (allowed !== "ok")
          return { ok: false, reason: "invalid", error: `legal:errors.${allowed}` } as const;
        const found = await slotOfRule(tx, input.ruleId, input.startsAt, now);
        if (!found || found.rule.lawyerId !== row.lawyerId || found.rule.officeId !== row.officeId)
          return {
            ok: false,
            reason: "invalid",
            field: "startsAt",
            error: "legal:errors.slotUnavailable",
          } as const;
        if (!found.slot)
          return {
            ok: false,
            reason: "invalid",
            field: "startsAt",
            error: "legal:errors.slotUnavailable",
          } as const;
        if (found.slot.startsAt.getTime() === row.startsAt.getTime() && found.rule.id === row.ruleId)
          return { ok: false, reason: "invalid", field: "startsAt", error: "legal:errors.sameSlot" } as const;
        const seat = await freeSeat(tx, found.slot, row.id);
        if (seat === null) return "taken" as const;
        const [updated] = await tx
          .update(consultationBookings)
          .set({
            ruleId: found.rule.id,
            servicePointId: found.rule.servicePointId,
            startsAt: found.slot.startsAt,
            endsAt: found.slot.endsAt,
            seat,
            capacity: found.slot.capacity,
            sequence: row.sequence + 1,
            updatedAt: now,
          })
          .where(eq(consultationBookings.id, row.id))
          .returning();
        await notifyBookingChange(
          tx,
          updated!,
          { kind: "rescheduled", previousStartsAt: row.startsAt, reason: input.reason },
          now,
        );
        await recordAudit(tx, {
          actorId: input.actor.id,
          action: "update",
          entityType: "consultation-booking",
          entityId: row.id,
          districtId: row.districtId,
          officeId: row.officeId,
          purpose: input.reason,
          ipAddress: input.actor.ipAddress ?? null,
          details: { from: row.startsAt.toISOString(), to: found.slot.startsAt.toISOString() },
        });
        return { ok: true } as const;
      }),
    async () => "taken" as const,
  ).then(async (result) =>
    result === "taken"
      ? ({
          ok: false,
          reason: "taken",
          error: "legal:errors.justTaken",
          alternatives: await alternativesFor(db, servicePointId, now),
        } as const)
      : result,
  );
}

/**
 * The lawyer (own bookings) or the firm records what happened once the slot has begun: attended
 * (topic, advice category, follow-up legal aid), subject no-show or lawyer no-show. No narrative.
 */
export async function recordOutcome(
  db: Database,
  input: { actor: StaffActor; by: "lawyer" | "firm"; bookingId: string; outcome: OutcomeInput; now?: Date },
): Promise<{ ok: true } | BookingFailure> {
  const now = input.now ?? clock.now();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ booking: consultationBookings, lawyerUserId: lawyers.userId })
      .from(consultationBookings)
      .innerJoin(lawyers, eq(lawyers.id, consultationBookings.lawyerId))
      .where(eq(consultationBookings.id, input.bookingId))
      .for("update", { of: consultationBookings });
    const mine =
      row &&
      (input.by === "lawyer"
        ? row.lawyerUserId === input.actor.id
        : row.booking.lawFirmId === input.actor.organizationId);
    if (!row || !mine) return { ok: false, reason: "notFound" } as const;
    const booking = row.booking;
    if (booking.status !== "booked")
      return { ok: false, reason: "invalid", error: "legal:errors.outcomeRecorded" } as const;
    if (now.getTime() < booking.startsAt.getTime())
      return { ok: false, reason: "invalid", error: "legal:errors.outcomeTooEarly" } as const;
    const attended = input.outcome.status === "attended";
    await tx
      .update(consultationBookings)
      .set({
        status: input.outcome.status,
        topic: input.outcome.topic,
        adviceCategory: attended ? input.outcome.adviceCategory : null,
        followUpLegalAid: attended ? input.outcome.followUpLegalAid : null,
        outcomeRecordedBy: input.actor.id,
        outcomeRecordedAt: now,
        updatedAt: now,
      })
      .where(eq(consultationBookings.id, booking.id));
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "update",
      entityType: "consultation-booking",
      entityId: booking.id,
      districtId: booking.districtId,
      officeId: booking.officeId,
      ipAddress: input.actor.ipAddress ?? null,
      details: { outcome: input.outcome.status },
    });
    return { ok: true } as const;
  });
}
