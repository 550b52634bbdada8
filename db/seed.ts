import { sql } from "drizzle-orm";
import type { Database } from "~/utils/db.server";
import { hashPassword } from "~/domains/accounts/passwords.server";
import { notify } from "~/domains/notifications/notify.server";
import type { Role } from "~/domains/accounts/roles";
import { organizations, users } from "./schema/accounts";
import { appMeta } from "./schema/system";
import { seedAwardDemo } from "./seed-awards";
import { seedEmploymentDemo } from "./seed-employment";
import { seedLegalDemo } from "./seed-legal";
import { seedMatchingDemo } from "./seed-matching";
import { seedOversightDemo } from "./seed-oversight";
import { seedSubjectDemo } from "./seed-subjects";
import { seedVolunteerDemo } from "./seed-volunteers";

/** Demo sign-in password of every seeded account (embedded demo database only; see README). */
export const DEMO_PASSWORD = "portal-demo-2026";

/** One account per role, as listed in the README. */
export const demoAccounts: { email: string; displayName: string; role: Role; organization: string | null }[] =
  [
    { email: "admin@demo.portal", displayName: "系统管理员", role: "system_admin", organization: null },
    {
      email: "bureau@demo.portal",
      displayName: "王建国",
      role: "bureau_admin",
      organization: "bureau",
    },
    {
      email: "staff.a@demo.portal",
      displayName: "李娜",
      role: "office_staff",
      organization: "officeA",
    },
    {
      email: "staff.b@demo.portal",
      displayName: "张伟",
      role: "office_staff",
      organization: "officeB",
    },
    { email: "volunteer@demo.portal", displayName: "陈晓明", role: "volunteer", organization: null },
    {
      email: "enterprise@demo.portal",
      displayName: "刘经理（恒达制造）",
      role: "enterprise_member",
      organization: "enterprise",
    },
    {
      email: "lawfirm@demo.portal",
      displayName: "赵主任（明法律师事务所）",
      role: "law_firm_admin",
      organization: "lawFirm",
    },
    { email: "lawyer@demo.portal", displayName: "孙律师", role: "lawyer", organization: "lawFirm" },
    {
      email: "ngo@demo.portal",
      displayName: "周社工（阳光心理服务中心）",
      role: "provider_member",
      organization: "socialOrg",
    },
  ];

/**
 * More volunteers for the volunteers demo (same password): two approved ones who fill the small
 * activity, and one registration waiting for 城关司法所's review.
 */
export const demoVolunteerAccounts = [
  { email: "volunteer2@demo.portal", displayName: "王芳" },
  { email: "volunteer3@demo.portal", displayName: "赵磊" },
  { email: "volunteer.pending@demo.portal", displayName: "林小雨" },
] as const;

/** Bumped whenever the demo data changes shape, so `npm start` on an old .data folder can tell. */
export const DEMO_SEED_VERSION = 7;

export interface SeedReport {
  seeded: boolean;
  reason: string;
}

/** True when no demo (or real) data is present yet. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const rows = await db.select({ key: appMeta.key }).from(appMeta).limit(1);
  return rows.length === 0;
}

/**
 * Demo data for the embedded database. Each domain adds its part here as it lands; everything is
 * written in one transaction so an interrupted seed leaves an empty database, not half a demo.
 */
export async function seedDemoData(
  db: Database,
  onProgress: (step: string) => void = () => {},
): Promise<SeedReport> {
  if (!(await isDatabaseEmpty(db))) return { seeded: false, reason: "database already has data" };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    onProgress("districts, offices and organizations");
    const now = new Date();
    const [bureau] = await tx
      .insert(organizations)
      .values({ kind: "bureau", name: "示范区司法局", status: "verified" })
      .returning();
    const inDistrict = { districtId: bureau!.id, status: "verified" as const, statusChangedAt: now };
    const [officeA] = await tx
      .insert(organizations)
      .values({ kind: "office", name: "城关司法所", personInCharge: "陈志强", ...inDistrict })
      .returning();
    const [officeB] = await tx
      .insert(organizations)
      .values({ kind: "office", name: "东城司法所", personInCharge: "刘红", ...inDistrict })
      .returning();
    const [enterprise] = await tx
      .insert(organizations)
      .values({
        kind: "enterprise",
        name: "恒达制造有限公司",
        creditCode: "91110108MA01ABCD0B",
        contactName: "刘经理",
        contactPhone: "010-62345678",
        address: "示范区工业园 8 号",
        pledgeAcceptedAt: now,
        ...inDistrict,
      })
      .returning();
    const [lawFirm] = await tx
      .insert(organizations)
      .values({
        kind: "law_firm",
        name: "明法律师事务所",
        creditCode: "31110000MD01234564",
        contactName: "赵主任",
        contactPhone: "010-63456789",
        address: "示范区法治路 2 号",
        ...inDistrict,
      })
      .returning();
    const [socialOrg] = await tx
      .insert(organizations)
      .values({
        kind: "social_org",
        name: "阳光心理服务中心",
        creditCode: "52110000MJ01234569",
        contactName: "周社工",
        contactPhone: "13800138000",
        address: "示范区和平街 5 号",
        ...inDistrict,
      })
      .returning();
    const organizationIds: Record<string, string> = {
      bureau: bureau!.id,
      officeA: officeA!.id,
      officeB: officeB!.id,
      enterprise: enterprise!.id,
      lawFirm: lawFirm!.id,
      socialOrg: socialOrg!.id,
    };

    onProgress("demo accounts");
    const demoUsers = await tx
      .insert(users)
      .values(
        [
          ...demoAccounts,
          ...demoVolunteerAccounts.map((account) => ({
            ...account,
            role: "volunteer" as const,
            organization: null,
          })),
        ].map((account) => ({
          email: account.email,
          displayName: account.displayName,
          role: account.role,
          organizationId: account.organization ? organizationIds[account.organization] : null,
          passwordHash,
          passwordChangedAt: now,
          emailVerifiedAt: now,
        })),
      )
      .returning({ id: users.id, email: users.email });

    onProgress("demo notifications");
    // Through notify() like every real event, so the demo's mail shows on /dev/mailbox after start
    // (the dispatcher delivers it) and in the users' in-app inboxes.
    const recipient = (email: string) => {
      const user = demoUsers.find((row) => row.email === email);
      if (!user) throw new Error(`no demo account ${email}`);
      return { email, language: "zh-CN" as const, userId: user.id };
    };
    await notify(tx, {
      template: "registration-received",
      data: { registration: "organization", organizationName: enterprise!.name },
      to: recipient("enterprise@demo.portal"),
      idempotencyKey: `demo:registration-received:${enterprise!.id}`,
    });
    await notify(tx, {
      template: "organization-status",
      data: { organizationName: enterprise!.name, status: "verified" },
      to: recipient("enterprise@demo.portal"),
      idempotencyKey: `demo:organization-status:${enterprise!.id}:verified`,
    });
    await notify(tx, {
      template: "organization-status",
      data: { organizationName: lawFirm!.name, status: "verified" },
      to: recipient("lawfirm@demo.portal"),
      idempotencyKey: `demo:organization-status:${lawFirm!.id}:verified`,
    });
    await notify(tx, {
      template: "registration-received",
      data: { registration: "organization", organizationName: socialOrg!.name },
      to: recipient("ngo@demo.portal"),
      idempotencyKey: `demo:registration-received:${socialOrg!.id}`,
    });
    await notify(tx, {
      template: "registration-received",
      data: { registration: "volunteer" },
      to: recipient("volunteer@demo.portal"),
      idempotencyKey: `demo:registration-received:${recipient("volunteer@demo.portal").userId}`,
    });

    onProgress("volunteers, activities and service hours");
    const account = (email: string) => {
      const user = demoUsers.find((row) => row.email === email);
      if (!user) throw new Error(`no demo account ${email}`);
      return { id: user.id, email };
    };
    await seedVolunteerDemo(
      tx as unknown as Database,
      {
        main: account("volunteer@demo.portal"),
        others: [
          { ...account("volunteer2@demo.portal"), name: "王芳" },
          { ...account("volunteer3@demo.portal"), name: "赵磊" },
        ],
        pending: account("volunteer.pending@demo.portal"),
        staff: { id: account("staff.a@demo.portal").id, organizationId: officeA!.id, districtId: bureau!.id },
        officeA: officeA!.id,
        officeB: officeB!.id,
      },
      now,
    );

    onProgress("subjects and consents");
    const staffOf = (email: string, officeId: string) => ({
      id: account(email).id,
      organizationId: officeId,
      districtId: bureau!.id,
    });
    const demoSubjectIds = await seedSubjectDemo(
      tx as unknown as Database,
      {
        staffA: staffOf("staff.a@demo.portal", officeA!.id),
        staffB: staffOf("staff.b@demo.portal", officeB!.id),
        recipients: { enterprise: enterprise!.id, lawFirm: lawFirm!.id, socialOrg: socialOrg!.id },
      },
      now,
    );

    onProgress("legal consultations");
    await seedLegalDemo(
      tx as unknown as Database,
      {
        firmAdmin: {
          id: account("lawfirm@demo.portal").id,
          organizationId: lawFirm!.id,
          districtId: bureau!.id,
        },
        lawyerEmail: "lawyer@demo.portal",
        staffA: staffOf("staff.a@demo.portal", officeA!.id),
        staffB: staffOf("staff.b@demo.portal", officeB!.id),
      },
      now,
    );

    onProgress("jobs and training");
    await seedEmploymentDemo(
      tx as unknown as Database,
      {
        member: {
          id: account("enterprise@demo.portal").id,
          organizationId: enterprise!.id,
          districtId: bureau!.id,
        },
        staffA: staffOf("staff.a@demo.portal", officeA!.id),
        staffB: staffOf("staff.b@demo.portal", officeB!.id),
      },
      now,
    );

    onProgress("help needs, providers and referrals");
    const member = (email: string, organizationId: string | null) => ({
      id: account(email).id,
      organizationId,
      districtId: bureau!.id,
    });
    await seedMatchingDemo(
      tx as unknown as Database,
      {
        staffA: staffOf("staff.a@demo.portal", officeA!.id),
        staffB: staffOf("staff.b@demo.portal", officeB!.id),
        officeA: officeA!.id,
        officeB: officeB!.id,
        subjectIds: demoSubjectIds.ids,
        ngo: member("ngo@demo.portal", socialOrg!.id),
        enterprise: member("enterprise@demo.portal", enterprise!.id),
        lawFirm: member("lawfirm@demo.portal", lawFirm!.id),
        volunteer: member("volunteer@demo.portal", null),
        volunteer2: member("volunteer2@demo.portal", null),
      },
      now,
    );

    // After jobs, consultations and referrals: the commendation figures count their records.
    onProgress("commendations");
    await seedAwardDemo(
      tx as unknown as Database,
      {
        bureauAdmin: { id: account("bureau@demo.portal").id, districtId: bureau!.id },
        staff: { id: account("staff.a@demo.portal").id, organizationId: officeA!.id, districtId: bureau!.id },
        main: account("volunteer@demo.portal").id,
        wang: account("volunteer2@demo.portal").id,
        zhao: account("volunteer3@demo.portal").id,
      },
      now,
    );

    // Last: the dashboards' summary rows count everything seeded above.
    onProgress("oversight figures");
    await seedOversightDemo(tx as unknown as Database, now);

    onProgress("installation facts");
    await tx.insert(appMeta).values({
      key: "demo_seed",
      value: { version: DEMO_SEED_VERSION, seededAt: new Date().toISOString() },
    });
  });
  return { seeded: true, reason: "empty database" };
}

/** Reference data written by migrations (not demo data); a reset keeps it. */
const REFERENCE_TABLES = ["permissions", "role_permissions", "calendar_days", "service_categories"];

/** Removes every row of every table of the app except migration-seeded reference data (tests). */
export async function truncateAllTables(db: Database): Promise<void> {
  const keep = REFERENCE_TABLES.map((name) => `'${name}'`).join(", ");
  await db.transaction(async (tx) => {
    // The audit log refuses TRUNCATE (migration audit_log_guards). This reset is the one documented
    // exception: the guard lets a superuser session through when it opts in for its own transaction.
    // Tests connect as a superuser; the app never does, and never sets this.
    await tx.execute(sql`select set_config('portal.allow_audit_truncate', 'on', true)`);
    await tx.execute(
      sql.raw(`
      do $$ declare r record; begin
        for r in select tablename from pg_tables where schemaname = 'public' and tablename not in (${keep}) loop
          execute 'truncate table ' || quote_ident(r.tablename) || ' restart identity cascade';
        end loop;
      end $$;`),
    );
  });
}
