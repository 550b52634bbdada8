import { actorOf } from "~/domains/accounts/actor";
import { saveAwardType } from "~/domains/awards/award-types.server";
import { decideNomination, finalizeDueAwards, nominate } from "~/domains/awards/nominations.server";
import { type AwardPeriodKind, recentPeriods } from "~/domains/awards/periods";
import { rolePermissionSeed } from "~/domains/permission-registry";
import { shanghaiDate } from "~/domains/subjects/resident-id";
import { approveRecords } from "~/domains/volunteers/hour-review.server";
import { reportHours } from "~/domains/volunteers/hours.server";
import { selfReportSchema } from "~/domains/volunteers/hours-validation";
import type { Database } from "~/utils/db.server";
import { withClockOffset } from "~/utils/clock.server";

const DAY = 24 * 60 * 60_000;

export interface AwardDemoAccounts {
  bureauAdmin: { id: string; districtId: string };
  staff: { id: string; organizationId: string; districtId: string };
  /** 陈晓明 (about 93 h this year), 王芳 and 赵磊. */
  main: string;
  wang: string;
  zhao: string;
}

function ok<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`demo seed: ${what} failed: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

/**
 * The commendations demo, through the awards domain: four types of the district (two for volunteers,
 * one for enterprises, one for law firms, on the figures the other demos recorded), more approved hours
 * for 王芳 and 赵磊, and a nomination in each state — one award final (certificate to verify), one
 * on public notice on the honour roll, one waiting for the bureau, one returned and one rejected.
 */
export async function seedAwardDemo(db: Database, accounts: AwardDemoAccounts, now: Date) {
  const bureau = actorOf(
    {
      id: accounts.bureauAdmin.id,
      role: "bureau_admin",
      organizationId: accounts.bureauAdmin.districtId,
      organizationStatus: "verified",
      districtId: accounts.bureauAdmin.districtId,
    },
    rolePermissionSeed.bureau_admin,
  );
  const staff = actorOf(
    {
      id: accounts.staff.id,
      role: "office_staff",
      organizationId: accounts.staff.organizationId,
      organizationStatus: "verified",
      districtId: accounts.staff.districtId,
    },
    rolePermissionSeed.office_staff,
  );
  const at = <T>(daysAgo: number, fn: () => Promise<T>) =>
    withClockOffset(now.getTime() - daysAgo * DAY - Date.now(), fn);
  const yearly = ok(
    await saveAwardType(db, bureau, {
      nameZh: "优秀志愿者",
      nameEn: "Outstanding Volunteer",
      nomineeKind: "volunteer",
      periodKind: "year",
      minHours: 50,
      minActivities: null,
      noticeWorkingDays: 5,
      active: true,
    }),
    "award type",
  ).id;
  const halfYearly = ok(
    await saveAwardType(db, bureau, {
      nameZh: "志愿服务之星",
      nameEn: "Volunteer Service Star",
      nomineeKind: "volunteer",
      periodKind: "half_year",
      minHours: 20,
      minActivities: null,
      noticeWorkingDays: 5,
      active: true,
    }),
    "award type",
  ).id;

  // Commendations for enterprises and law firms, on the figures of the jobs, legal and matching demos
  // (the demo enterprise's two placements, the firm's consultations and resolved referrals).
  ok(
    await saveAwardType(db, bureau, {
      nameZh: "爱心企业",
      nameEn: "Caring Enterprise",
      nomineeKind: "enterprise",
      periodKind: "year",
      minHours: null,
      minPlacements: 2,
      minRetained30: 1,
      noticeWorkingDays: 5,
      active: true,
    }),
    "award type",
  );
  ok(
    await saveAwardType(db, bureau, {
      nameZh: "公益律师事务所",
      nameEn: "Pro Bono Law Firm",
      nomineeKind: "law_firm",
      periodKind: "year",
      minHours: null,
      minConsultations: 3,
      minReferralsResolved: 1,
      noticeWorkingDays: 5,
      active: true,
    }),
    "award type",
  );

  // 王芳: ten records of six hours over the last two hundred days; 赵磊: five of five hours.
  const records: string[] = [];
  for (const [volunteerId, count, hours, step] of [
    [accounts.wang, 10, 6, 19],
    [accounts.zhao, 5, 5, 21],
  ] as const) {
    for (let index = 0; index < count; index++) {
      const report = selfReportSchema.parse({
        serviceDate: shanghaiDate(new Date(now.getTime() - (10 + index * step) * DAY)),
        hours: String(hours),
        minutes: "0",
        description: ["社区矫正对象心理疏导陪同", "普法宣传摊位值守", "就业信息整理", "帮教走访记录"][
          index % 4
        ],
        evidenceNote: "司法所签到表",
      });
      records.push(ok(await reportHours(db, { volunteerId, report, now }), "report").recordId);
    }
  }
  ok(
    await approveRecords(db, {
      actor: { ...accounts.staff, ipAddress: "127.0.0.1" },
      scope: "office",
      recordIds: records,
      now,
    }),
    "approval",
  );

  const statement = (name: string) =>
    `${name}本年度坚持参与司法所组织的普法宣传、帮教走访和就业指导服务，服务记录完整，获得矫正对象和社区的一致好评。`;
  // The current period, or the one before when the demo starts early in a period (its hours are older).
  const nominated = async (
    daysAgo: number,
    awardTypeId: string,
    kind: AwardPeriodKind,
    nomineeId: string,
    name: string,
  ) => {
    for (const period of recentPeriods(kind, shanghaiDate(new Date(now.getTime() - daysAgo * DAY)))) {
      const result = await at(daysAgo, () =>
        nominate(db, staff, {
          awardTypeId,
          periodKey: period.key,
          nomineeId,
          statement: statement(name),
          publishFullName: nomineeId === accounts.main,
        }),
      );
      if (result.ok) return result.id;
      if (result.error !== "awards:errors.notEligible" && result.error !== "awards:errors.nomineeUnknown")
        throw new Error(`demo seed: nomination of ${name} failed: ${result.error}`);
    }
    throw new Error(`demo seed: ${name} is eligible in no recent period`);
  };

  // Final: approved three weeks ago, the notice over, made final by the job.
  const final = await nominated(22, yearly, "year", accounts.main, "陈晓明");
  ok(await at(21, () => decideNomination(db, bureau, { id: final, action: "approve" })), "approval");
  await finalizeDueAwards(db, now);
  // On public notice since yesterday.
  const notice = await nominated(3, halfYearly, "half_year", accounts.main, "陈晓明");
  ok(await at(1, () => decideNomination(db, bureau, { id: notice, action: "approve" })), "approval");
  // Waiting for the bureau.
  await nominated(2, halfYearly, "half_year", accounts.wang, "王芳");
  // Returned for changes.
  const returned = await nominated(4, halfYearly, "half_year", accounts.zhao, "赵磊");
  ok(
    await at(3, () =>
      decideNomination(db, bureau, {
        id: returned,
        action: "return",
        comment: "请补充服务对象反馈或照片说明。",
      }),
    ),
    "return",
  );
  // Rejected.
  const rejected = await nominated(6, yearly, "year", accounts.wang, "王芳");
  ok(
    await at(5, () =>
      decideNomination(db, bureau, {
        id: rejected,
        action: "reject",
        comment: "本年度名额已推荐其他人选，建议参评下半年志愿服务之星。",
      }),
    ),
    "rejection",
  );
}
