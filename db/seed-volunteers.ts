import { residentIdCheckCharacter, shanghaiDate } from "~/domains/subjects/resident-id";
import { cancelActivity, createActivity } from "~/domains/volunteers/activities.server";
import { signUpForActivity } from "~/domains/volunteers/signups.server";
import type { ActivityInput } from "~/domains/volunteers/activity-validation";
import { issueCertificate } from "~/domains/volunteers/certificates.server";
import { approveRecords } from "~/domains/volunteers/hour-review.server";
import { reportHours } from "~/domains/volunteers/hours.server";
import { selfReportSchema } from "~/domains/volunteers/hours-validation";
import { decideVolunteer, submitVolunteerProfile } from "~/domains/volunteers/registration.server";
import type { Database } from "~/utils/db.server";

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

export interface VolunteerDemoAccounts {
  /** volunteer@demo.portal: approved, about 94 hours, close to the first star. */
  main: { id: string; email: string };
  /** Two more approved volunteers who fill the small activity (so the main one waits). */
  others: { id: string; email: string; name: string }[];
  /** A registration waiting for 城关司法所's review. */
  pending: { id: string; email: string };
  staff: { id: string; organizationId: string; districtId: string };
  officeA: string;
  officeB: string;
}

/** A valid resident ID number (GB 11643 check character) from a 17-digit stem. */
function residentId(stem: string): string {
  return `${stem}${residentIdCheckCharacter(stem)}`;
}

function ok<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`demo seed: ${what} failed: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

/** 09:00 Beijing time, `days` from `now`'s day. */
function morning(now: Date, days: number): Date {
  const day = shanghaiDate(new Date(now.getTime() + days * DAY));
  return new Date(`${day}T09:00:00+08:00`);
}

/**
 * The volunteers part of the demo, written through the domain functions (so the running totals,
 * star levels, emails and audit rows are exactly what real use would leave): registrations and
 * approvals, a past, a running and an upcoming activity with a waitlist, a year of approved hours,
 * a record and a registration waiting for staff, and a certificate to verify at /verify.
 */
export async function seedVolunteerDemo(db: Database, accounts: VolunteerDemoAccounts, now: Date) {
  const staffActor = { ...accounts.staff, ipAddress: "127.0.0.1" };
  const longAgo = new Date(now.getTime() - 300 * DAY);
  const people = [
    {
      account: accounts.main,
      legalName: "陈晓明",
      idNumber: residentId("11010519880312041"),
      phone: "13811112222",
      skills: ["legal", "teaching"] as const,
    },
    ...accounts.others.map((other, index) => ({
      account: other,
      legalName: other.name,
      idNumber: residentId(`1101051990050${index + 1}062`),
      phone: `1390000000${index + 1}`,
      skills: ["legal", "psychology", "social_work"] as const,
    })),
  ];
  for (const person of people) {
    ok(
      await submitVolunteerProfile(
        db,
        { id: person.account.id, email: person.account.email, language: "zh-CN" },
        {
          kind: "registration",
          legalName: person.legalName,
          idNumber: person.idNumber,
          homeOfficeId: accounts.officeA,
          serviceOfficeIds: [accounts.officeA, accounts.officeB],
          phone: person.phone,
          skills: [...person.skills],
          languages: ["普通话"],
          availability: ["sat-am", "sat-pm", "sun-am"],
          emergencyContactName: "家属",
          emergencyContactPhone: "13700001111",
          acceptVolunteerTerms: "on",
        },
        longAgo,
      ),
      "registration",
    );
    ok(
      await decideVolunteer(
        db,
        {
          volunteerId: person.account.id,
          decision: "approve",
          reason: null,
          scope: "office",
          actor: staffActor,
        },
        new Date(longAgo.getTime() + DAY),
      ),
      "approval",
    );
  }
  ok(
    await submitVolunteerProfile(
      db,
      { id: accounts.pending.id, email: accounts.pending.email, language: "zh-CN" },
      {
        kind: "registration",
        legalName: "林小雨",
        idNumber: residentId("11010519950723082"),
        homeOfficeId: accounts.officeA,
        serviceOfficeIds: [accounts.officeA],
        phone: "13655556666",
        skills: ["psychology"],
        languages: ["普通话", "英语"],
        availability: ["wed-pm"],
        emergencyContactName: "林母",
        emergencyContactPhone: "13566667777",
        acceptVolunteerTerms: "on",
      },
      new Date(now.getTime() - 2 * DAY),
    ),
    "pending registration",
  );

  // A year of approved self-reported service: 15 records, 94 hours in all (first star at 100).
  const reports: string[] = [];
  for (let index = 0; index < 15; index++) {
    const date = shanghaiDate(new Date(now.getTime() - (8 + index * 12) * DAY));
    const minutes = index === 0 ? 4 * 60 : 6 * 60 + 20; // 240 + 14 × 380 = 5560 minutes ≈ 92.7 h
    const report = selfReportSchema.parse({
      serviceDate: date,
      hours: String(Math.floor(minutes / 60)),
      minutes: String(minutes % 60),
      description: ["社区普法宣传", "矫正对象学习辅导", "法律知识讲座协助", "就业指导陪同"][index % 4],
      evidenceNote: "司法所签到表",
    });
    reports.push(
      ok(await reportHours(db, { volunteerId: accounts.main.id, report, now }), "report").recordId,
    );
  }
  ok(await approveRecords(db, { actor: staffActor, scope: "office", recordIds: reports, now }), "approval");

  // Activities at 城关司法所: one held last week (with a record waiting for review), one running
  // now (check in with the code at /activities/…/checkin-code), one next week with a waitlist.
  const activity = (
    input: Partial<ActivityInput> & Pick<ActivityInput, "title" | "startsAt" | "endsAt">,
  ) => ({
    description: "由城关司法所组织，请提前 10 分钟到达并签到。",
    category: "legal" as const,
    place: "城关司法所社区服务点（和平街 12 号）",
    officeId: accounts.officeA,
    capacity: 10,
    requiredSkills: [],
    requiredQualification: null,
    insuranceRequired: false,
    ...input,
  });
  const create = async (input: ActivityInput, createdAt: Date) =>
    ok(
      await createActivity(db, { actor: accounts.staff, scope: "office", activity: input, now: createdAt }),
      "activity",
    ).id;
  const pastStart = morning(now, -6);
  const past = await create(
    activity({
      title: "法律援助咨询日",
      startsAt: pastStart,
      endsAt: new Date(pastStart.getTime() + 3 * HOUR),
    }),
    new Date(pastStart.getTime() - 7 * DAY),
  );
  const runningStart = new Date(now.getTime() - HOUR);
  const running = await create(
    activity({
      title: "青少年心理疏导小组活动",
      category: "psychology",
      startsAt: runningStart,
      endsAt: new Date(now.getTime() + 3 * HOUR),
    }),
    new Date(runningStart.getTime() - 3 * DAY),
  );
  const nextStart = morning(now, 5);
  const upcoming = await create(
    activity({
      title: "周末社区普法宣传",
      description: "在社区广场设立咨询台，发放普法资料，解答居民法律问题。",
      startsAt: nextStart,
      endsAt: new Date(nextStart.getTime() + 3 * HOUR),
      capacity: 2,
      requiredSkills: ["legal"],
    }),
    now,
  );
  const cancelled = await create(
    activity({
      title: "职业技能培训讲座",
      category: "employment",
      startsAt: morning(now, 9),
      endsAt: new Date(morning(now, 9).getTime() + 2 * HOUR),
    }),
    now,
  );
  // Signed up less than a day ahead: no day-before reminder is left to go out about these.
  for (const [activityId, at] of [
    [past, new Date(pastStart.getTime() - 2 * HOUR)],
    [running, new Date(runningStart.getTime() - 2 * HOUR)],
  ] as const) {
    ok(await signUpForActivity(db, { activityId, volunteerId: accounts.main.id, now: at }), "sign-up");
  }
  // The upcoming activity: the two others take both places, the demo volunteer waits.
  for (const other of accounts.others)
    ok(await signUpForActivity(db, { activityId: upcoming, volunteerId: other.id, now }), "sign-up");
  ok(await signUpForActivity(db, { activityId: upcoming, volunteerId: accounts.main.id, now }), "waitlist");
  ok(await signUpForActivity(db, { activityId: cancelled, volunteerId: accounts.main.id, now }), "sign-up");
  ok(
    await cancelActivity(db, {
      id: cancelled,
      actor: accounts.staff,
      scope: "office",
      reason: "讲师临时有事，活动改期，另行通知。",
      now,
    }),
    "cancellation",
  );
  // Last week's activity, reported and waiting for 城关司法所's review.
  ok(
    await reportHours(db, {
      volunteerId: accounts.main.id,
      report: selfReportSchema.parse({
        serviceDate: shanghaiDate(pastStart),
        hours: "2",
        minutes: "45",
        activityId: past,
        evidenceNote: "现场照片已交司法所",
      }),
      now,
    }),
    "activity report",
  );

  // A certificate of the approved hours so far (verify it at /verify).
  ok(
    await issueCertificate(
      db,
      {
        volunteerId: accounts.main.id,
        periodFrom: shanghaiDate(new Date(now.getTime() - 365 * DAY)),
        periodTo: shanghaiDate(now),
      },
      now,
    ),
    "certificate",
  );
}
