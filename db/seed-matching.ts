/**
 * The matching demo, made through the matching domain as real use would: providers declare their
 * services (阳光心理服务中心 for ngo@demo.portal, 恒达制造, 明法律师事务所, two volunteers), both demo
 * offices register help needs for their demo subjects, and referrals are sent, answered, worked on
 * and closed at past instants (each command runs with the clock moved back), so the board shows
 * needs in every state: open ones, one sent today, one expiring today, one accepted, one in
 * progress with notes, declined / expired / cancelled ones back on the board, and resolved and
 * unresolved ones with outcomes.
 */
import { inArray } from "drizzle-orm";
import { subjects } from "#db/schema/subjects";
import { addWorkingDays, calendarDateOf } from "~/domains/calendar/working-days";
import { loadWorkingDayCalendar } from "~/domains/calendar/calendar.server";
import { registerNeed } from "~/domains/matching/needs.server";
import type { NeedInput } from "~/domains/matching/validation";
import { saveProviderProfile } from "~/domains/matching/providers.server";
import {
  answerReferral,
  cancelReferral,
  closeReferral,
  expireOverdueReferrals,
  recordProgress,
  sendReferral,
} from "~/domains/matching/referrals.server";
import { shanghaiMidnight } from "~/domains/matching/expiry";
import type { ActorRef } from "~/domains/accounts/actor";
import type { Database } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";

const DAY = 24 * 60 * 60_000;
const HOUR = 60 * 60_000;

export interface MatchingDemoSetting {
  staffA: ActorRef;
  staffB: ActorRef;
  officeA: string;
  officeB: string;
  /** The demo subjects of each office, in the order of db/seed-subjects.ts. */
  subjectIds: { A: string[]; B: string[] };
  /** Provider-side accounts with their organization (or none, for volunteers). */
  ngo: ActorRef;
  enterprise: ActorRef;
  lawFirm: ActorRef;
  volunteer: ActorRef;
  volunteer2: ActorRef;
}

function at<T>(instant: Date, run: () => Promise<T>): Promise<T> {
  return clock.withClockOffset(instant.getTime() - Date.now(), run);
}

function must<T extends { ok: boolean }>(result: T, what: string): T & { ok: true } {
  if (!result.ok) throw new Error(`demo seed (matching): ${what} failed: ${JSON.stringify(result)}`);
  return result as T & { ok: true };
}

export async function seedMatchingDemo(db: Database, setting: MatchingDemoSetting, now: Date) {
  const ip = { ipAddress: "127.0.0.1" };
  const providerOf = async (
    actor: ActorRef,
    scope: "organization" | "own",
    input: Parameters<typeof saveProviderProfile>[3],
  ) => must(await saveProviderProfile(db, { ...actor, ...ip }, scope, input), "provider profile").providerId;
  const profile = { coversDistrict: true, officeIds: [] as string[], paused: false };
  const ngo = await providerOf(setting.ngo, "organization", {
    ...profile,
    categoryIds: ["psychological", "family", "hardship"],
    languages: ["普通话", "粤语"],
    workerGenders: ["female", "male"],
    capacity: 6,
  });
  const enterprise = await providerOf(setting.enterprise, "organization", {
    ...profile,
    coversDistrict: false,
    officeIds: [setting.officeA, setting.officeB],
    categoryIds: ["employment", "skills.vocational"],
    languages: ["普通话"],
    workerGenders: ["female", "male"],
    capacity: 4,
  });
  const lawFirm = await providerOf(setting.lawFirm, "organization", {
    ...profile,
    categoryIds: ["legal"],
    languages: ["普通话"],
    workerGenders: ["female", "male"],
    capacity: 5,
  });
  const volunteer = await providerOf(setting.volunteer, "own", {
    ...profile,
    coversDistrict: false,
    officeIds: [setting.officeA],
    categoryIds: ["schooling.tutoring", "skills.digital"],
    languages: ["普通话"],
    workerGenders: ["male"],
    capacity: 2,
  });
  await providerOf(setting.volunteer2, "own", {
    ...profile,
    coversDistrict: false,
    officeIds: [setting.officeA],
    categoryIds: ["psychological.individual", "family.parenting"],
    languages: ["普通话"],
    workerGenders: ["female"],
    capacity: 2,
  });

  const caseCodes = async (ids: string[]) => {
    const rows = await db
      .select({ id: subjects.id, caseCode: subjects.caseCode })
      .from(subjects)
      .where(inArray(subjects.id, ids));
    const byId = new Map(rows.map((row) => [row.id, row.caseCode]));
    return ids.map((id) => byId.get(id)!);
  };
  const [codesA, codesB] = [await caseCodes(setting.subjectIds.A), await caseCodes(setting.subjectIds.B)];
  const staffA = { ...setting.staffA, ...ip };
  const staffB = { ...setting.staffB, ...ip };
  const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * HOUR);

  const needOf = async (
    staff: typeof staffA,
    when: Date,
    input: Omit<NeedInput, "languages" | "genderRequirement"> & Partial<NeedInput>,
  ) =>
    must(
      await at(when, () => registerNeed(db, staff, { languages: [], genderRequirement: "none", ...input })),
      "need",
    ).id;
  const send = async (staff: typeof staffA, when: Date, needId: string, providerId: string) =>
    must(await at(when, () => sendReferral(db, staff, { needId, providerId })), "referral").referralId;
  const provider = (actor: ActorRef) => ({ ...actor, ...ip });

  // 城关司法所 (staff.a)
  const employment = await needOf(staffA, ago(6), {
    caseCode: codesA[0]!,
    categoryId: "employment.placement",
    urgency: "normal",
    description: "有机械加工经验，希望找到稳定的全职工作。",
  });
  const employmentReferral = await send(staffA, ago(6), employment, enterprise);
  must(
    await at(ago(5), () =>
      answerReferral(db, provider(setting.enterprise), "organization", employmentReferral, {
        action: "accept",
      }),
    ),
    "accept",
  );

  const counselling = await needOf(staffA, ago(12), {
    caseCode: codesA[1]!,
    categoryId: "psychological.individual",
    urgency: "normal",
    description: "近期情绪低落、睡眠不好，希望每两周一次心理咨询。",
  });
  const counsellingReferral = await send(staffA, ago(12), counselling, ngo);
  must(
    await at(ago(11, 20), () =>
      answerReferral(db, provider(setting.ngo), "organization", counsellingReferral, { action: "accept" }),
    ),
    "accept",
  );
  must(
    await at(ago(9), () =>
      recordProgress(
        db,
        provider(setting.ngo),
        "organization",
        counsellingReferral,
        "完成首次面谈和心理评估，约定每两周一次咨询。",
      ),
    ),
    "progress",
  );
  must(
    await at(ago(2), () =>
      recordProgress(
        db,
        provider(setting.ngo),
        "organization",
        counsellingReferral,
        "第三次咨询：睡眠有所改善。",
      ),
    ),
    "progress",
  );

  const tutoring = await needOf(staffA, ago(10), {
    caseCode: codesA[2]!,
    categoryId: "schooling.tutoring",
    urgency: "normal",
    description: "准备复学，数学和语文需要课业辅导。",
  });
  await send(staffA, ago(10), tutoring, volunteer);
  await expireOverdueReferrals(db, now);

  const hardship = await needOf(staffA, ago(4), {
    caseCode: codesA[3]!,
    categoryId: "hardship.living",
    urgency: "urgent",
    description: "家中主要劳动力生病住院，近期生活费用紧张。",
  });
  const hardshipReferral = await send(staffA, ago(4), hardship, ngo);
  must(
    await at(ago(3, 20), () =>
      answerReferral(db, provider(setting.ngo), "organization", hardshipReferral, {
        action: "decline",
        reason: "not_eligible",
      }),
    ),
    "decline",
  );

  const labour = await needOf(staffA, ago(30), {
    caseCode: codesA[4]!,
    categoryId: "legal.labour",
    urgency: "normal",
    description: "原单位拖欠三个月工资，想了解如何维权。",
  });
  const labourReferral = await send(staffA, ago(30), labour, lawFirm);
  must(
    await at(ago(29, 18), () =>
      answerReferral(db, provider(setting.lawFirm), "organization", labourReferral, { action: "accept" }),
    ),
    "accept",
  );
  must(
    await at(ago(25), () =>
      recordProgress(
        db,
        provider(setting.lawFirm),
        "organization",
        labourReferral,
        "已提供咨询，协助准备劳动仲裁材料。",
      ),
    ),
    "progress",
  );
  must(
    await at(ago(14), () =>
      closeReferral(db, provider(setting.lawFirm), "organization", labourReferral, {
        outcome: "resolved",
        note: "经劳动仲裁调解，原单位已补发拖欠工资。",
      }),
    ),
    "close",
  );

  await needOf(staffA, ago(0, 3), {
    caseCode: codesA[5]!,
    categoryId: "psychological.crisis",
    urgency: "urgent",
    description: "与家人发生激烈冲突后情绪不稳定，需要尽快介入。",
  });

  // Sent two working days ago: it expires at the end of today.
  const calendar = await loadWorkingDayCalendar(db, now);
  const twoWorkingDaysAgo = addWorkingDays(calendarDateOf(now), -2, calendar);
  const sentAt = new Date(shanghaiMidnight(twoWorkingDaysAgo).getTime() + 10 * HOUR);
  const mediation = await needOf(staffA, sentAt, {
    caseCode: codesA[6]!,
    categoryId: "family.mediation",
    urgency: "normal",
    languages: ["维吾尔语", "普通话"],
    description: "与配偶关系紧张，希望通过调解改善家庭关系。",
  });
  await send(staffA, sentAt, mediation, ngo);

  // 东城司法所 (staff.b)
  const assessment = await needOf(staffB, ago(0, 2), {
    caseCode: codesB[0]!,
    categoryId: "psychological.assessment",
    urgency: "normal",
    description: "入矫初期评估，了解心理状况。",
  });
  await send(staffB, ago(0, 1), assessment, ngo);

  const vocational = await needOf(staffB, ago(40), {
    caseCode: codesB[1]!,
    categoryId: "skills.vocational",
    urgency: "low",
    description: "希望参加数控车工培训。",
  });
  const vocationalReferral = await send(staffB, ago(40), vocational, enterprise);
  must(
    await at(ago(38), () =>
      answerReferral(db, provider(setting.enterprise), "organization", vocationalReferral, {
        action: "accept",
      }),
    ),
    "accept",
  );
  must(
    await at(ago(30), () =>
      recordProgress(
        db,
        provider(setting.enterprise),
        "organization",
        vocationalReferral,
        "已报名本期培训班。",
      ),
    ),
    "progress",
  );
  must(
    await at(ago(8), () =>
      closeReferral(db, provider(setting.enterprise), "organization", vocationalReferral, {
        outcome: "not_resolved",
        note: "培训中途因家庭原因退出，建议下期再报名。",
      }),
    ),
    "close",
  );

  await needOf(staffB, ago(1), {
    caseCode: codesB[2]!,
    categoryId: "social_security.subsistence",
    urgency: "low",
    description: "咨询申请最低生活保障的条件和材料。",
  });

  const parenting = await needOf(staffB, ago(7), {
    caseCode: codesB[3]!,
    categoryId: "family.parenting",
    urgency: "normal",
    description: "与正在读初中的孩子沟通困难。",
  });
  const parentingReferral = await send(staffB, ago(7), parenting, ngo);
  must(
    await at(ago(6), () => cancelReferral(db, staffB, parentingReferral, "需求已变更，重新评估后再转介。")),
    "cancel",
  );

  const consultation = await needOf(staffB, ago(20), {
    caseCode: codesB[4]!,
    categoryId: "legal.consultation",
    urgency: "normal",
    description: "咨询房屋租赁合同纠纷。",
  });
  const consultationReferral = await send(staffB, ago(20), consultation, lawFirm);
  must(
    await at(ago(19, 22), () =>
      answerReferral(db, provider(setting.lawFirm), "organization", consultationReferral, {
        action: "accept",
      }),
    ),
    "accept",
  );
  must(
    await at(ago(18), () =>
      recordProgress(db, provider(setting.lawFirm), "organization", consultationReferral, "当面咨询一次。"),
    ),
    "progress",
  );
  must(
    await at(ago(16), () =>
      closeReferral(db, provider(setting.lawFirm), "organization", consultationReferral, {
        outcome: "resolved",
        note: "已解答租赁合同问题，双方协商解决。",
      }),
    ),
    "close",
  );
}
