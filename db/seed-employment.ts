import { asc, eq } from "drizzle-orm";
import { subjects } from "./schema/subjects";
import { saveEnterpriseProfile } from "~/domains/employment/enterprise.server";
import {
  addTrainingSession,
  changeJobOfferStatus,
  changeTrainingOfferStatus,
  createJobOffer,
  createTrainingOffer,
} from "~/domains/employment/offers.server";
import {
  decideReferral,
  enrollInTraining,
  moveEnrollment,
  referToJob,
} from "~/domains/employment/referrals.server";
import { listDueCheckins, recordCheckin } from "~/domains/employment/retention.server";
import { saveCandidateProfile } from "~/domains/employment/candidates.server";
import { calendarDateOf } from "~/domains/calendar/working-days";
import type { Database } from "~/utils/db.server";

const DAY = 86_400_000;

export interface EmploymentDemoSetting {
  member: { id: string; organizationId: string; districtId: string };
  staffA: { id: string; organizationId: string; districtId: string };
  staffB: { id: string; organizationId: string; districtId: string };
}

function must<T extends { ok: boolean }>(result: T, what: string): T & { ok: true } {
  if (!result.ok) throw new Error(`demo seed (employment): ${what} failed: ${JSON.stringify(result)}`);
  return result as T & { ok: true };
}

/**
 * 恒达制造's jobs and training, made through the employment domain with instants in the past so the
 * story has a history: two open job offers and an open training course; referrals in every state;
 * a hire of 100 days ago whose 30- and 90-day check-ins were confirmed (retained past 90 days) and
 * a hire of 35 days ago whose 30-day check-in is due now.
 */
export async function seedEmploymentDemo(db: Database, setting: EmploymentDemoSetting, now: Date) {
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  const date = (days: number) => calendarDateOf(at(days));
  const member = { ...setting.member, ipAddress: "127.0.0.1" };
  const staffA = { ...setting.staffA, ipAddress: "127.0.0.1" };
  const staffB = { ...setting.staffB, ipAddress: "127.0.0.1" };
  const district = setting.member.districtId;

  must(
    await saveEnterpriseProfile(
      db,
      {
        actor: member,
        profile: {
          industry: "manufacturing",
          size: "medium",
          hiringDistrictIds: [district],
          contactName: "刘经理",
          contactPhone: "010-62345678",
          contactEmail: "hr@hengda.example.cn",
          description: "精密零部件加工企业，长期招收机床操作、仓储和包装岗位，提供岗前培训。",
          pledge: true,
        },
      },
      at(-130),
    ),
    "profile",
  );

  const lathe = must(
    await createJobOffer(
      db,
      {
        actor: member,
        offer: {
          title: "数控车床操作工",
          category: "manufacturing",
          openings: 4,
          wageMin: 5000,
          wageMax: 7000,
          workDistrictId: district,
          workAddress: "示范区工业园 8 号一车间",
          hours: "两班倒，每班 8 小时，月休 6 天",
          requirements: "能看懂简单图纸；无经验可培训",
          benefits: "五险一金，包工作餐",
          accommodation: true,
          startsOn: date(-120),
          closesOn: date(60),
        },
      },
      at(-125),
    ),
    "lathe offer",
  );
  must(
    await changeJobOfferStatus(db, { actor: member, id: lathe.id, action: "publish" }, at(-125)),
    "publish lathe",
  );
  const warehouse = must(
    await createJobOffer(
      db,
      {
        actor: member,
        offer: {
          title: "仓库管理员",
          category: "logistics",
          openings: 2,
          wageMin: 4200,
          wageMax: 5200,
          workDistrictId: district,
          workAddress: "示范区工业园 8 号成品仓",
          hours: "8:30-17:30，周末双休",
          requirements: "会使用电脑录入出入库",
          benefits: "五险一金",
          accommodation: false,
          startsOn: date(14),
          closesOn: date(30),
        },
      },
      at(-12),
    ),
    "warehouse offer",
  );
  must(
    await changeJobOfferStatus(db, { actor: member, id: warehouse.id, action: "publish" }, at(-12)),
    "publish warehouse",
  );

  const training = must(
    await createTrainingOffer(
      db,
      {
        actor: member,
        offer: {
          course: "电工上岗证培训",
          category: "manufacturing",
          provider: "恒达职业培训中心",
          districtId: district,
          place: "示范区工业园 8 号培训楼 201",
          capacity: 12,
          certificate: "低压电工作业操作证",
          costYuan: 0,
          description: "理论与实操各半，考试合格发证；结业后可优先应聘本公司电工岗位。",
          closesOn: date(45),
        },
      },
      at(-60),
    ),
    "training offer",
  );
  for (const [days, topic] of [
    [-20, "安全用电基础"],
    [-13, "低压电器与线路"],
    [7, "实操：配电箱接线"],
    [14, "考前复习与模拟考试"],
  ] as const) {
    const day = date(days);
    must(
      await addTrainingSession(db, {
        actor: member,
        trainingOfferId: training.id,
        session: { date: day, startTime: "09:00", endTime: "12:00", topic },
      }),
      "session",
    );
  }
  must(
    await changeTrainingOfferStatus(db, { actor: member, id: training.id, action: "publish" }, at(-60)),
    "publish training",
  );

  const caseCodesOf = async (officeId: string) =>
    (
      await db
        .select({ caseCode: subjects.caseCode })
        .from(subjects)
        .where(eq(subjects.officeId, officeId))
        .orderBy(asc(subjects.createdAt), asc(subjects.caseCode))
    ).map((row) => row.caseCode);
  const [a0, a1, a2, a3, a4, a5, a6] = await caseCodesOf(setting.staffA.organizationId);
  const [b0] = await caseCodesOf(setting.staffB.organizationId);
  if (!a6 || !b0) throw new Error("demo seed (employment): the subjects demo must run first");

  for (const [caseCode, profile] of [
    [
      a0,
      {
        skills: ["车床操作", "叉车证"],
        educationLevel: "vocational",
        history: ["manufacturing"],
        desired: ["manufacturing"],
      },
    ],
    [
      a1,
      {
        skills: ["仓储管理", "Excel"],
        educationLevel: "senior_secondary",
        history: ["logistics"],
        desired: ["logistics", "manufacturing"],
      },
    ],
    [
      a2,
      {
        skills: ["装配"],
        educationLevel: "junior_secondary",
        history: ["construction"],
        desired: ["manufacturing"],
      },
    ],
  ] as const) {
    must(
      await saveCandidateProfile(db, {
        actor: staffA,
        caseCode: caseCode!,
        profile: {
          skills: [...profile.skills],
          educationLevel: profile.educationLevel,
          workHistoryCategories: [...profile.history],
          desiredCategories: [...profile.desired],
          availability: "full_time",
          preferredDistrictId: district,
        },
      }),
      "candidate profile",
    );
  }

  const refer = async (caseCode: string, offerId: string, days: number, note = "") =>
    must(
      await referToJob(db, { actor: staffA, jobOfferId: offerId, caseCode, note }, at(days)),
      `refer ${caseCode}`,
    ).id;
  const interview = async (referralId: string, days: number, whenDays: number) =>
    must(
      await decideReferral(
        db,
        {
          actor: member,
          referralId,
          decision: {
            action: "schedule_interview",
            interviewAt: new Date(`${date(whenDays)}T10:00:00+08:00`),
            interviewPlace: "示范区工业园 8 号行政楼人事部",
          },
        },
        at(days),
      ),
      "interview",
    );
  const hire = async (referralId: string, days: number) =>
    must(
      await decideReferral(
        db,
        { actor: member, referralId, decision: { action: "hire", hiredOn: date(days) } },
        at(days),
      ),
      "hire",
    );

  // Hired 100 days ago; the 30- and 90-day check-ins were confirmed: retained past 90 days.
  const retained = await refer(a0!, lathe.id, -110, "有车床操作经验，可两班倒");
  await interview(retained, -108, -105);
  await hire(retained, -100);
  for (const days of [-69, -9]) {
    const [due] = await listDueCheckins(db, "organization", member, at(days));
    must(
      await recordCheckin(
        db,
        { actor: member, scope: "organization", checkinId: due!.id, answer: { outcome: "still_employed" } },
        at(days),
      ),
      "check-in",
    );
  }
  // Hired 35 days ago: the 30-day check-in is due now.
  const recent = await refer(a1!, lathe.id, -42, "做过仓储，也愿意学机床");
  await interview(recent, -40, -38);
  await hire(recent, -35);
  // Not hired, with a coded reason.
  const declined = await refer(a2!, lathe.id, -25);
  await interview(declined, -24, -22);
  must(
    await decideReferral(
      db,
      {
        actor: member,
        referralId: declined,
        decision: { action: "decline", reason: "schedule_mismatch", note: "" },
      },
      at(-21),
    ),
    "decline",
  );
  // Waiting for an interview on the warehouse job, and one waiting for an answer.
  const scheduled = await refer(a3!, warehouse.id, -5);
  await interview(scheduled, -3, 2);
  await refer(a4!, warehouse.id, -1, "熟悉电脑录入");

  // Training: one completed, one attending, one enrolled, one dropped (东城司法所).
  const enroll = async (actor: typeof staffA, caseCode: string, days: number) =>
    must(
      await enrollInTraining(db, { actor, trainingOfferId: training.id, caseCode, note: "" }, at(days)),
      `enroll ${caseCode}`,
    ).id;
  const completed = await enroll(staffA, a0!, -50);
  must(
    await moveEnrollment(db, { actor: member, enrollmentId: completed, action: "start" }, at(-20)),
    "start",
  );
  must(
    await moveEnrollment(db, { actor: member, enrollmentId: completed, action: "complete" }, at(-13)),
    "complete",
  );
  const attending = await enroll(staffA, a5!, -30);
  must(
    await moveEnrollment(db, { actor: member, enrollmentId: attending, action: "start" }, at(-20)),
    "start",
  );
  await enroll(staffA, a6!, -2);
  const dropped = await enroll(staffB, b0, -28);
  must(
    await moveEnrollment(
      db,
      { actor: member, enrollmentId: dropped, action: "drop", reason: "时间冲突" },
      at(-15),
    ),
    "drop",
  );
  return { jobOffers: 2, trainingOffers: 1, referrals: 6, placements: 2 };
}
