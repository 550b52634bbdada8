/**
 * The legal consultations demo, made through the legal domain's own functions: a service point at
 * each demo office, 明法律师事务所's two lawyers (孙律师 is lawyer@demo.portal) with weekly and monthly
 * office hours at both offices, past consultations with outcomes (one no-show) and future bookings.
 */
import { and, asc, eq } from "drizzle-orm";
import { findOpenSlots } from "~/domains/legal/availability.server";
import { bookConsultation, recordOutcome } from "~/domains/legal/bookings.server";
import { createLawyer, createServicePoint } from "~/domains/legal/lawyers.server";
import { createOfficeHourRule } from "~/domains/legal/office-hours.server";
import { addDays, shanghaiDay } from "~/domains/legal/slots";
import type { OfficeHourRuleInput, OutcomeInput, TopicCategory } from "~/domains/legal/validation";
import type { Database } from "~/utils/db.server";
import { subjects } from "./schema/subjects";

interface Person {
  id: string;
  organizationId: string;
  districtId: string;
}

export interface LegalDemoSetting {
  firmAdmin: Person;
  lawyerEmail: string;
  staffA: Person;
  staffB: Person;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function expect<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`legal demo seed: ${what} failed: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

const rule = (
  values: Partial<OfficeHourRuleInput> & Pick<OfficeHourRuleInput, "lawyerId" | "servicePointId">,
  validFrom: string,
): OfficeHourRuleInput => ({
  frequency: "weekly",
  weekdays: [],
  startTime: 9 * 60,
  endTime: 11 * 60 + 30,
  validFrom,
  validTo: undefined,
  slotMinutes: 30,
  bufferMinutes: 0,
  capacity: 1,
  minNoticeHours: 2,
  horizonDays: 60,
  cancelCutoffHours: 12,
  nth: undefined,
  monthlyWeekday: undefined,
  ...values,
});

export async function seedLegalDemo(db: Database, setting: LegalDemoSetting, now: Date) {
  const ip = { ipAddress: "127.0.0.1" };
  const staffA = { ...setting.staffA, ...ip };
  const staffB = { ...setting.staffB, ...ip };
  const firm = { ...setting.firmAdmin, ...ip };

  const pointA = expect(
    await createServicePoint(db, {
      actor: staffA,
      point: {
        name: "城关司法所法律服务点",
        address: "示范区城关街 12 号",
        room: "一楼接待室",
        directions: "进门右手第二间",
      },
    }),
    "service point A",
  );
  const pointB = expect(
    await createServicePoint(db, {
      actor: staffB,
      point: {
        name: "东城司法所法律服务点",
        address: "示范区东城路 88 号",
        room: "二楼调解室",
        directions: "电梯上二楼左转",
      },
    }),
    "service point B",
  );

  const sun = expect(
    await createLawyer(db, {
      actor: firm,
      lawyer: {
        name: "孙律师",
        practiceLicence: "11101201810234567",
        specialties: ["labour", "family", "social_security", "criminal_procedure"],
        languages: ["普通话"],
        accountEmail: setting.lawyerEmail,
      },
    }),
    "lawyer 孙律师",
  );
  const qian = expect(
    await createLawyer(db, {
      actor: firm,
      lawyer: {
        name: "钱律师",
        practiceLicence: "11101201510876543",
        specialties: ["debt", "housing", "administrative", "other"],
        languages: ["普通话", "English"],
      },
    }),
    "lawyer 钱律师",
  );

  const validFrom = shanghaiDay(new Date(now.getTime() - 90 * DAY_MS));
  const rules = {
    sunWeeklyA: { lawyerId: sun.id, servicePointId: pointA.id, frequency: "weekly", weekdays: ["TU", "TH"] },
    sunMonthlyB: {
      lawyerId: sun.id,
      servicePointId: pointB.id,
      frequency: "monthly",
      nth: 2,
      monthlyWeekday: "WE",
      startTime: 14 * 60,
      endTime: 16 * 60,
    },
    qianWeeklyB: {
      lawyerId: qian.id,
      servicePointId: pointB.id,
      frequency: "weekly",
      weekdays: ["WE"],
      startTime: 14 * 60,
      endTime: 16 * 60,
      slotMinutes: 25,
      bufferMinutes: 5,
    },
    qianMonthlyA: {
      lawyerId: qian.id,
      servicePointId: pointA.id,
      frequency: "monthly",
      nth: -1,
      monthlyWeekday: "FR",
      capacity: 2,
    },
  } as const;
  const ruleIds: Record<keyof typeof rules, string> = {} as never;
  for (const [name, values] of Object.entries(rules) as [
    keyof typeof rules,
    (typeof rules)[keyof typeof rules],
  ][]) {
    ruleIds[name] = expect(
      await createOfficeHourRule(db, {
        actor: firm,
        rule: rule({ ...values, weekdays: "weekdays" in values ? [...values.weekdays] : [] }, validFrom),
      }),
      `rule ${name}`,
    ).id;
  }

  const caseCodes = async (officeId: string) =>
    (
      await db
        .select({ caseCode: subjects.caseCode })
        .from(subjects)
        .where(and(eq(subjects.officeId, officeId), eq(subjects.status, "active")))
        .orderBy(asc(subjects.caseCode))
    ).map((row) => row.caseCode);
  const codesA = await caseCodes(staffA.organizationId);
  const codesB = await caseCodes(staffB.organizationId);

  /** Books the first free slot of `ruleId` on or after `from`, as staff would have at that time. */
  async function book(
    ruleId: string,
    staff: typeof staffA,
    from: Date,
    subject: string | null,
    topic: TopicCategory,
    note?: string,
  ) {
    const [slot] = await findOpenSlots(db, {
      ruleId,
      from: shanghaiDay(from),
      to: addDays(shanghaiDay(from), 45),
      now: from,
      limit: 1,
    });
    if (!slot) throw new Error(`legal demo seed: no slot of ${ruleId} after ${from.toISOString()}`);
    // Booked a few hours ahead, so a past consultation's reminder is not left to be sent now.
    const bookedAt = new Date(slot.startsAt.getTime() - 3 * HOUR_MS);
    const result = expect(
      await bookConsultation(db, {
        actor: staff,
        booking: {
          ruleId,
          startsAt: slot.startsAt,
          walkIn: subject === null,
          caseCode: subject ?? undefined,
          topic,
          note,
        },
        now: bookedAt < now ? bookedAt : now,
      }),
      "booking",
    );
    return { id: result.id, slot };
  }

  async function decide(
    bookingId: string,
    endsAt: Date,
    outcome: OutcomeInput,
    by: "lawyer" | "firm",
    actorId: string,
  ) {
    expect(
      await recordOutcome(db, {
        actor: { ...firm, id: actorId },
        by,
        bookingId,
        outcome,
        now: new Date(endsAt.getTime() + HOUR_MS),
      }),
      "outcome",
    );
  }

  // Past consultations with outcomes (one subject no-show), recorded by the firm for both lawyers.
  const weeksAgo = (weeks: number) => new Date(now.getTime() - weeks * 7 * DAY_MS);
  const past = [
    {
      rule: ruleIds.sunWeeklyA,
      staff: staffA,
      from: weeksAgo(6),
      subject: codesA[0] ?? null,
      topic: "labour",
      outcome: {
        status: "attended",
        topic: "labour",
        adviceCategory: "rights_explained",
        followUpLegalAid: true,
      },
    },
    {
      rule: ruleIds.sunWeeklyA,
      staff: staffA,
      from: weeksAgo(4),
      subject: codesA[1] ?? null,
      topic: "family",
      outcome: {
        status: "attended",
        topic: "family",
        adviceCategory: "mediation_suggested",
        followUpLegalAid: false,
      },
    },
    {
      rule: ruleIds.qianWeeklyB,
      staff: staffB,
      from: weeksAgo(5),
      subject: codesB[0] ?? null,
      topic: "debt",
      outcome: {
        status: "attended",
        topic: "debt",
        adviceCategory: "document_help",
        followUpLegalAid: false,
      },
    },
    {
      rule: ruleIds.qianWeeklyB,
      staff: staffB,
      from: weeksAgo(3),
      subject: codesB[1] ?? null,
      topic: "housing",
      outcome: { status: "subject_no_show", topic: "housing", followUpLegalAid: false },
    },
    {
      rule: ruleIds.sunMonthlyB,
      staff: staffB,
      from: weeksAgo(8),
      subject: null,
      topic: "social_security",
      outcome: {
        status: "attended",
        topic: "social_security",
        adviceCategory: "information",
        followUpLegalAid: false,
      },
    },
  ] as const;
  for (const item of past) {
    const booked = await book(item.rule, item.staff, item.from, item.subject, item.topic);
    await decide(booked.id, booked.slot.endsAt, item.outcome as OutcomeInput, "firm", firm.id);
  }

  // Future bookings, for the lawyer's and the staff's lists.
  const future = [
    {
      rule: ruleIds.sunWeeklyA,
      staff: staffA,
      subject: codesA[2] ?? null,
      topic: "labour",
      note: "想咨询工资拖欠的处理方式",
    },
    { rule: ruleIds.sunWeeklyA, staff: staffA, subject: null, topic: "family" },
    { rule: ruleIds.qianWeeklyB, staff: staffB, subject: codesB[2] ?? null, topic: "debt" },
    { rule: ruleIds.qianMonthlyA, staff: staffA, subject: codesA[3] ?? null, topic: "housing" },
  ] as const;
  for (const item of future) {
    await book(
      item.rule,
      item.staff,
      new Date(now.getTime() + 2 * DAY_MS),
      item.subject,
      item.topic,
      "note" in item ? item.note : undefined,
    );
  }
  return {
    servicePoints: 2,
    lawyers: 2,
    rules: Object.keys(rules).length,
    past: past.length,
    future: future.length,
  };
}
