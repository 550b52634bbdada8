import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { organizations } from "#db/schema/accounts";
import {
  consultationBookings,
  lawyers,
  officeHourOverrides,
  officeHourRules,
  servicePoints,
} from "#db/schema/legal";
import { recordAudit } from "~/domains/audit/audit.server";
import { type Database, type DbOrTx, withWindowTotal } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";
import { cancelLocked, type StaffActor } from "./bookings.server";
import { addDays, parseRecurrence, shanghaiInstant } from "./slots";
import { recurrenceOf, type OfficeHourRuleInput, type OverrideInput } from "./validation";
import type { LegalFailure } from "./lawyers.server";

/** A law firm publishes office hours for one of its lawyers at a service point of its district. */
export async function createOfficeHourRule(
  db: Database,
  input: { actor: StaffActor; rule: OfficeHourRuleInput },
): Promise<{ ok: true; id: string } | LegalFailure> {
  const { actor, rule } = input;
  const rrule = recurrenceOf(rule);
  // The recurrence must parse the way the slot computation and the feed will read it.
  parseRecurrence(rrule, rule.validFrom);
  return db.transaction(async (tx) => {
    const [lawyer] = await tx
      .select({ id: lawyers.id, lawFirmId: lawyers.lawFirmId, districtId: lawyers.districtId })
      .from(lawyers)
      .where(
        and(
          eq(lawyers.id, rule.lawyerId),
          eq(lawyers.lawFirmId, actor.organizationId ?? ""),
          eq(lawyers.active, true),
        ),
      );
    if (!lawyer) return { ok: false, field: "lawyerId", error: "legal:validation.lawyer" };
    const [point] = await tx
      .select({
        id: servicePoints.id,
        officeId: servicePoints.officeId,
        districtId: servicePoints.districtId,
      })
      .from(servicePoints)
      .where(
        and(
          eq(servicePoints.id, rule.servicePointId),
          eq(servicePoints.districtId, lawyer.districtId),
          eq(servicePoints.active, true),
        ),
      );
    if (!point) return { ok: false, field: "servicePointId", error: "legal:validation.servicePoint" };
    const [row] = await tx
      .insert(officeHourRules)
      .values({
        lawFirmId: lawyer.lawFirmId,
        lawyerId: lawyer.id,
        servicePointId: point.id,
        officeId: point.officeId,
        districtId: point.districtId,
        rrule,
        startMinute: rule.startTime,
        endMinute: rule.endTime,
        validFrom: rule.validFrom,
        validTo: rule.validTo ?? null,
        slotMinutes: rule.slotMinutes,
        bufferMinutes: rule.bufferMinutes,
        capacity: rule.capacity,
        minNoticeMinutes: rule.minNoticeHours * 60,
        horizonDays: rule.horizonDays,
        cancelCutoffMinutes: rule.cancelCutoffHours * 60,
        createdBy: actor.id,
      })
      .returning({ id: officeHourRules.id });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "create",
      entityType: "office-hour-rule",
      entityId: row!.id,
      districtId: point.districtId,
      officeId: point.officeId,
      ipAddress: actor.ipAddress ?? null,
      details: { rrule },
    });
    return { ok: true, id: row!.id };
  });
}

/** The firm's overview: one page of its office hours (by lawyer, then start), with the total. */
export async function listFirmRulesPage(
  db: DbOrTx,
  lawFirmId: string,
  { page, pageSize }: { page: number; pageSize: number },
) {
  const rows = await db
    .select({
      id: officeHourRules.id,
      rrule: officeHourRules.rrule,
      startMinute: officeHourRules.startMinute,
      endMinute: officeHourRules.endMinute,
      validFrom: officeHourRules.validFrom,
      validTo: officeHourRules.validTo,
      slotMinutes: officeHourRules.slotMinutes,
      capacity: officeHourRules.capacity,
      active: officeHourRules.active,
      lawyerName: lawyers.name,
      servicePointName: servicePoints.name,
      officeName: organizations.name,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(officeHourRules)
    .innerJoin(lawyers, eq(lawyers.id, officeHourRules.lawyerId))
    .innerJoin(servicePoints, eq(servicePoints.id, officeHourRules.servicePointId))
    .innerJoin(organizations, eq(organizations.id, officeHourRules.officeId))
    .where(eq(officeHourRules.lawFirmId, lawFirmId))
    .orderBy(asc(lawyers.name), asc(officeHourRules.validFrom), asc(officeHourRules.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return withWindowTotal(rows, page, () =>
    db.$count(officeHourRules, eq(officeHourRules.lawFirmId, lawFirmId)),
  );
}

/** One rule of the firm with its overrides, or null (→ 404). */
export async function getFirmRule(db: DbOrTx, lawFirmId: string, ruleId: string) {
  const [rule] = await db
    .select({
      id: officeHourRules.id,
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
      active: officeHourRules.active,
      lawyerName: lawyers.name,
      servicePointName: servicePoints.name,
    })
    .from(officeHourRules)
    .innerJoin(lawyers, eq(lawyers.id, officeHourRules.lawyerId))
    .innerJoin(servicePoints, eq(servicePoints.id, officeHourRules.servicePointId))
    .where(and(eq(officeHourRules.id, ruleId), eq(officeHourRules.lawFirmId, lawFirmId)));
  if (!rule) return null;
  const overrides = await db
    .select({
      id: officeHourOverrides.id,
      day: officeHourOverrides.day,
      kind: officeHourOverrides.kind,
      startMinute: officeHourOverrides.startMinute,
      endMinute: officeHourOverrides.endMinute,
      reason: officeHourOverrides.reason,
    })
    .from(officeHourOverrides)
    .where(eq(officeHourOverrides.ruleId, ruleId))
    .orderBy(asc(officeHourOverrides.day));
  return { ...rule, overrides };
}

/**
 * A date override of a firm's rule. Cancelling a day cancels that day's bookings of the rule (by
 * the firm, so inside the cut-off too) and tells everyone, in the same transaction.
 */
export async function addOverride(
  db: Database,
  input: { actor: StaffActor; ruleId: string; override: OverrideInput; now?: Date },
): Promise<{ ok: true; cancelledBookings: number } | LegalFailure | { ok: false; notFound: true }> {
  const { actor, override } = input;
  const now = input.now ?? clock.now();
  return db.transaction(async (tx) => {
    const [rule] = await tx
      .select({
        id: officeHourRules.id,
        officeId: officeHourRules.officeId,
        districtId: officeHourRules.districtId,
      })
      .from(officeHourRules)
      .where(
        and(eq(officeHourRules.id, input.ruleId), eq(officeHourRules.lawFirmId, actor.organizationId ?? "")),
      )
      .for("update");
    if (!rule) return { ok: false, notFound: true } as const;
    if (override.kind !== "extra") {
      const [existing] = await tx
        .select({ id: officeHourOverrides.id })
        .from(officeHourOverrides)
        .where(
          and(
            eq(officeHourOverrides.ruleId, rule.id),
            eq(officeHourOverrides.day, override.day),
            eq(officeHourOverrides.kind, override.kind),
          ),
        );
      if (existing) return { ok: false, field: "day", error: "legal:validation.overrideExists" } as const;
    }
    await tx.insert(officeHourOverrides).values({
      ruleId: rule.id,
      day: override.day,
      kind: override.kind,
      startMinute: override.kind === "extra" ? override.startTime : null,
      endMinute: override.kind === "extra" ? override.endTime : null,
      reason: override.reason,
      createdBy: actor.id,
    });
    let cancelledBookings = 0;
    if (override.kind === "cancelled") {
      const affected = await tx
        .select()
        .from(consultationBookings)
        .where(
          and(
            eq(consultationBookings.ruleId, rule.id),
            eq(consultationBookings.status, "booked"),
            gte(consultationBookings.startsAt, shanghaiInstant(override.day, 0)),
            lt(consultationBookings.startsAt, shanghaiInstant(addDays(override.day, 1), 0)),
          ),
        )
        .for("update");
      for (const booking of affected) {
        const result = await cancelLocked(tx, booking, { actor, by: "firm", reason: override.reason }, now);
        if (result.ok) cancelledBookings += 1;
      }
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "update",
      entityType: "office-hour-rule",
      entityId: rule.id,
      districtId: rule.districtId,
      officeId: rule.officeId,
      purpose: override.reason,
      ipAddress: actor.ipAddress ?? null,
      details: { override: override.kind, day: override.day, cancelledBookings },
    });
    return { ok: true, cancelledBookings } as const;
  });
}
