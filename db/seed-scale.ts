import { sql } from "drizzle-orm";
import { type Database, type DbOrTx, selectRows } from "~/utils/db.server";
import { hashPassword } from "~/domains/accounts/passwords.server";
import { DEFAULT_STAR_THRESHOLDS } from "~/domains/volunteers/star-levels";
import { VOLUNTEER_TERMS_VERSION } from "~/domains/volunteers/volunteer-profile";
import { encrypt, keyedHash } from "~/utils/crypto.server";
import { DEMO_PASSWORD, seedDemoData } from "./seed";
import { inChunks } from "./seed-chunks";
import { seedScaleDomains } from "./seed-scale-domains";

/**
 * The scale data set of `../shared/docs/quality.md` for the domains that exist (`npm run db:seed --
 * --scale`, PostgreSQL only): 10 districts of different sizes with 100 offices, 2 000 enterprises,
 * 300 law firms with 1 500 lawyers, 5 000 providers, 50 000 volunteers with 2 000 000 hour records
 * (long-tailed: a few volunteers hold thousands of records, most a handful; busier in spring and
 * autumn), 5 000 activities and 20 000 subjects, then the legal, employment, matching and awards share
 * (seed-scale-domains.ts: bookings, offers and referrals, help needs and referrals, nominations). The
 * demo data goes in first through the domain code
 * (the same path as `npm start`); the bulk is generated inside PostgreSQL (INSERT … SELECT over
 * generate_series, in chunks with a progress line), which takes minutes, not hours. Every scale
 * account signs in with the demo password.
 */
export const SCALE = {
  districts: 10,
  offices: 100,
  enterprises: 2_000,
  lawFirms: 300,
  lawyers: 1_500,
  providers: 5_000,
  volunteers: 50_000,
  hourRecords: 2_000_000,
  activities: 5_000,
  subjects: 20_000,
} as const;

/** The bench signs in as these (the busiest volunteer; staff and bureau admin of the biggest office). */
export const scaleAccounts = {
  volunteer: "volunteer00001@scale.portal",
  officeStaff: "staff001a@scale.portal",
  bureauAdmin: "bureau01@scale.portal",
} as const;

export const SCALE_SEED_KEY = "scale_seed";

export type ProgressReporter = (label: string, done: number, total: number) => void;

/** A one-line progress bar with the rate and ETA, redrawn in place on a terminal. */
export function progressBar(write: (text: string) => void = (text) => process.stdout.write(text)) {
  const started = new Map<string, number>();
  return (label: string, done: number, total: number) => {
    const now = Date.now();
    if (!started.has(label)) started.set(label, now);
    const elapsed = (now - started.get(label)!) / 1000;
    const share = total === 0 ? 1 : done / total;
    const width = 24;
    const filled = Math.round(share * width);
    const eta = share > 0 && share < 1 ? Math.round((elapsed / share) * (1 - share)) : 0;
    const line =
      `  ${label.padEnd(22)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ` +
      `${String(Math.round(share * 100)).padStart(3)}% ${done.toLocaleString("en")}/${total.toLocaleString("en")}` +
      (share < 1 ? ` ETA ${eta}s` : ` in ${elapsed.toFixed(1)}s`);
    const tty = process.stdout.isTTY;
    if (tty) write(`\r${line}${share >= 1 ? "\n" : ""}`);
    else if (share >= 1 || done === 0) write(`${line}\n`);
  };
}

async function run(db: DbOrTx, text: string): Promise<void> {
  await db.execute(sql.raw(text));
}

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

export async function seedScaleData(
  db: Database,
  options: { onStep?: (step: string) => void; progress?: ProgressReporter } = {},
): Promise<{ seeded: boolean; reason: string }> {
  const onStep = options.onStep ?? (() => {});
  const progress = options.progress ?? progressBar();
  const existing = await selectRows(db, sql`select 1 from app_meta where key = ${SCALE_SEED_KEY}`);
  if (existing.length > 0) {
    // A scale database seeded before the legal, employment, matching and awards domains existed gets
    // their share added (once).
    const added = await db.transaction((tx) => seedScaleDomains(tx, { onStep, progress }));
    if (!added) return { seeded: false, reason: "scale data already seeded" };
    onStep("statistics and visibility map (VACUUM ANALYZE)");
    await run(db, "vacuum (analyze)");
    return { seeded: true, reason: `domain scale data added in ${added.seconds} s` };
  }

  onStep("demo data (through the domain code)");
  await seedDemoData(db, onStep);

  const started = Date.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const hash = literal(passwordHash);

  // Pools of encrypted values: identifying fields are encrypted per value in the app, but 50 000
  // distinct ciphertexts add nothing to a benchmark; 500 distinct ones are shared round-robin.
  const pool = 500;
  const names = Array.from({ length: pool }, (_, index) => encrypt(`规模测试${index}`));
  const ids = Array.from({ length: pool }, (_, index) =>
    encrypt(`11010119900101${String(index).padStart(4, "0")}`),
  );
  const phones = Array.from({ length: pool }, (_, index) =>
    encrypt(`1380000${String(index).padStart(4, "0")}`),
  );
  const hashSalt = keyedHash("scale-seed");
  // One transaction (one connection, so the temporary tables are seen by every step; an interrupted
  // seed leaves only the demo data).
  await db.transaction(async (db) => {
    await run(
      db,
      `create temporary table scale_pool (i int primary key, name text, id_number text, phone text)`,
    );
    await db.execute(
      sql`insert into scale_pool (i, name, id_number, phone) select * from unnest(${sql.param(
        names.map((_, index) => index),
      )}::int[], ${sql.param(names)}::text[], ${sql.param(ids)}::text[], ${sql.param(phones)}::text[])`,
    );
    onStep("districts and offices");
    await run(
      db,
      `create temporary table scale_districts as
       with made as (
         insert into organizations (kind, name, status, status_changed_at)
         select 'bureau', '规模测试第' || d || '区司法局', 'verified', now() from generate_series(1, ${SCALE.districts}) d
         returning id, name)
       select id, row_number() over (order by name) as n from made`,
    );
    // Districts of different sizes: office j falls into district ceil(10·(j/100)^1.5), so the first
    // district has ~22 offices and the last ~7.
    await run(
      db,
      `create temporary table scale_offices as
       with planned as (
         select j, least(${SCALE.districts}, 1 + floor(${SCALE.districts} * power((j - 1)::float / ${SCALE.offices}, 1.5))::int) as district
         from generate_series(1, ${SCALE.offices}) j),
       made as (
         insert into organizations (kind, name, status, status_changed_at, district_id, person_in_charge)
         select 'office', '规模测试' || lpad(p.j::text, 3, '0') || '司法所', 'verified', now(), d.id, '所长' || p.j
         from planned p join scale_districts d on d.n = p.district
         returning id, district_id, name)
       select id, district_id, substring(name from 5 for 3)::int as n from made`,
    );
    await run(db, `create index on scale_offices (n)`);

    onStep("staff, bureau admins and organizations");
    await run(
      db,
      `insert into users (email, display_name, role, organization_id, password_hash, password_changed_at, email_verified_at)
     select 'staff' || lpad(o.n::text, 3, '0') || s.suffix || '@scale.portal', '所员' || o.n || s.suffix, 'office_staff', o.id, ${hash}, now(), now()
     from scale_offices o cross join (values ('a'), ('b')) s(suffix)`,
    );
    await run(
      db,
      `insert into users (email, display_name, role, organization_id, password_hash, password_changed_at, email_verified_at)
     select 'bureau' || lpad(d.n::text, 2, '0') || '@scale.portal', '局管理员' || d.n, 'bureau_admin', d.id, ${hash}, now(), now()
     from scale_districts d`,
    );
    const organizationKinds = [
      {
        kind: "enterprise",
        count: SCALE.enterprises,
        prefix: "91",
        label: "规模测试企业",
        role: "enterprise_member",
      },
      {
        kind: "law_firm",
        count: SCALE.lawFirms,
        prefix: "31",
        label: "规模测试律师事务所",
        role: "law_firm_admin",
      },
      {
        kind: "social_org",
        count: SCALE.providers,
        prefix: "52",
        label: "规模测试服务机构",
        role: "provider_member",
      },
    ] as const;
    for (const [index, each] of organizationKinds.entries()) {
      await run(
        db,
        `with made as (
         insert into organizations (kind, name, status, status_changed_at, district_id, credit_code, contact_name, contact_phone, address, pledge_accepted_at)
         select '${each.kind}', '${each.label}' || i, 'verified', now(),
                (select id from scale_districts where n = 1 + (i * 7) % ${SCALE.districts}),
                '${each.prefix}' || lpad('${index}', 2, '0') || lpad(i::text, 4, '0') || 'MA' || lpad(i::text, 8, '0'),
                '联系人' || i, '010-' || lpad(i::text, 8, '0'), '规模测试路 ' || i || ' 号', now()
         from generate_series(1, ${each.count}) i
         returning id, name)
       insert into users (email, display_name, role, organization_id, password_hash, password_changed_at, email_verified_at)
       select '${each.kind.replace("_", "")}' || substring(name from length('${each.label}') + 1) || '@scale.portal', name, '${each.role}', id, ${hash}, now(), now()
       from made`,
      );
    }
    // Lawyers: five per firm on average, more at the big firms.
    await run(
      db,
      `insert into users (email, display_name, role, organization_id, password_hash, password_changed_at, email_verified_at)
     select 'lawyer' || lpad(i::text, 5, '0') || '@scale.portal', '律师' || i, 'lawyer',
            (select u.organization_id from users u where u.email = 'lawfirm' || (1 + floor(${SCALE.lawFirms} * power(((i * 7919) % ${SCALE.lawyers})::float / ${SCALE.lawyers}, 2)))::int || '@scale.portal'),
            ${hash}, now(), now()
     from generate_series(1, ${SCALE.lawyers}) i`,
    );

    // Volunteers: offices of very different sizes (office ≈ 100·u^1.7), 95 % approved.
    await inChunks("volunteers", SCALE.volunteers, 10_000, progress, async (from, to) => {
      await run(
        db,
        `with planned as (
         select i, 1 + floor(${SCALE.offices} * power(((i * 40503) % ${SCALE.volunteers})::float / ${SCALE.volunteers}, 1.7))::int as office
         from generate_series(${from}, ${to}) i),
       made as (
         insert into users (email, display_name, role, password_hash, password_changed_at, email_verified_at, created_at)
         select 'volunteer' || lpad(i::text, 5, '0') || '@scale.portal', '志愿者' || i, 'volunteer', ${hash}, now(), now(),
                now() - make_interval(days => (i % 1000))
         from planned
         returning id, email)
       insert into volunteer_profiles (user_id, volunteer_number, status, legal_name, id_number_ciphertext, id_number_hash, gender,
         birth_date, phone, home_office_id, district_id, skills, languages, availability, emergency_contact_name,
         emergency_contact_phone, terms_version, terms_accepted_at, decided_at)
       select m.id,
              case when p.i % 20 = 0 then null else 'V2025' || lpad(p.i::text, 6, '0') end,
              (case when p.i % 20 = 0 then 'pending' else 'approved' end)::volunteer_status,
              (select name from scale_pool where i = p.i % ${pool}), (select id_number from scale_pool where i = p.i % ${pool}),
              md5('${hashSalt}' || p.i), case when p.i % 2 = 0 then 'female' else 'male' end,
              date '1960-01-01' + (p.i * 37) % 15000, (select phone from scale_pool where i = p.i % ${pool}), o.id, o.district_id,
              case p.i % 5 when 0 then array['law'] when 1 then array['psychology'] when 2 then array['teaching'] when 3 then array['law', 'teaching'] else array[]::text[] end,
              array['zh-CN'], array['sat-am', 'sun-pm'], '紧急联系人', '13900000000', '${VOLUNTEER_TERMS_VERSION}', now(),
              case when p.i % 20 = 0 then null else now() end
       from planned p
       join made m on m.email = 'volunteer' || lpad(p.i::text, 5, '0') || '@scale.portal'
       join scale_offices o on o.n = p.office`,
      );
    });
    await run(db, `select setval('volunteer_number_seq', ${SCALE.volunteers + 1})`);
    await run(
      db,
      `create temporary table scale_volunteers as
       select row_number() over (order by u.email) as n, p.user_id, p.home_office_id, p.district_id
       from volunteer_profiles p join users u on u.id = p.user_id
       where u.email like 'volunteer%@scale.portal' and p.status = 'approved'`,
    );
    await run(db, `create unique index on scale_volunteers (n)`);
    const [counted] = await selectRows<{ approved: number }>(
      db,
      sql`select count(*)::int as approved from scale_volunteers`,
    );
    const approved = counted?.approved ?? 0;

    // Hour records: the volunteer of record r is n = 1 + floor(approved · u^2.2) for u uniform, so the
    // busiest volunteer holds ~2 % of all records and the median one a dozen; dates spread over three
    // years, denser in spring and autumn; 92 % approved, 6 % pending, 2 % rejected.
    // The period summary rows are rebuilt once after the bulk insert: the trigger that keeps them
    // (migration 0035) would recount every touched volunteer-year after each chunk.
    await run(db, `alter table hour_records disable trigger hour_records_period_totals_insert`);
    await inChunks("hour records", SCALE.hourRecords, 100_000, progress, async (from, to) => {
      await run(
        db,
        `insert into hour_records (volunteer_id, office_id, district_id, kind, service_date, minutes, description, status,
         reject_reason, decided_at, created_at, updated_at)
       select v.user_id, v.home_office_id, v.district_id, 'self_reported', g.day, g.minutes, '社区服务 #' || g.r,
              g.status::hour_record_status, case when g.status = 'rejected' then '材料不足' end,
              case when g.status <> 'pending' then g.day + time '18:00' end, g.day + time '17:00', g.day + time '17:00'
       from (
         select r,
                1 + least(${approved - 1}, floor(${approved} * power(random(), 2.2))::int) as n,
                (current_date - 1 - ((x + 45 * sin(2 * pi() * x / 182.5))::int % 1095 + 1095) % 1095) as day,
                30 * (1 + floor(power(random(), 1.5) * 16))::int as minutes,
                case when random() < 0.92 then 'approved' when random() < 0.75 then 'pending' else 'rejected' end as status
         from (select r, floor(random() * 1095)::int as x from generate_series(${from}, ${to}) r) s
       ) g
       join scale_volunteers v on v.n = g.n`,
      );
    });

    await run(db, `alter table hour_records enable trigger hour_records_period_totals_insert`);
    onStep("period summary rows of the hour records");
    await run(db, `select rebuild_volunteer_period_totals()`);

    onStep("running totals and star levels");
    const thresholds = `array[${DEFAULT_STAR_THRESHOLDS.join(",")}]`;
    await run(
      db,
      `update volunteer_profiles p
     set approved_minutes = t.minutes, approved_records = t.records, last_service_on = t.last_day,
         star_level = (select count(*) from unnest(${thresholds}) th where t.minutes >= th)
     from (select volunteer_id, sum(minutes)::int as minutes, count(*)::int as records, max(service_date) as last_day
           from hour_records where status = 'approved' group by volunteer_id) t
     where p.user_id = t.volunteer_id`,
    );
    await run(
      db,
      `insert into star_level_events (volunteer_id, level, change, approved_minutes)
     select p.user_id, l, 'reached', (${thresholds})[l] from volunteer_profiles p, generate_series(1, p.star_level) l
     where p.star_level > 0`,
    );

    onStep("activities");
    await run(
      db,
      `insert into activities (organizer_id, office_id, district_id, created_by, title, description, category, place,
       starts_at, ends_at, capacity, status, cancel_reason, checkin_secret)
     select o.id, o.id, o.district_id, (select id from users where organization_id = o.id and role = 'office_staff' limit 1),
            '规模测试活动 ' || a, '社区服务活动',
            (array['legal', 'psychology', 'education', 'employment', 'community', 'family', 'other'])[1 + a % 7],
            '社区服务中心',
            date_trunc('hour', now()) + make_interval(days => (a % 540) - 360, hours => 1 + a % 8),
            date_trunc('hour', now()) + make_interval(days => (a % 540) - 360, hours => 3 + a % 8),
            5 + a % 40, (case when a % 25 = 0 then 'cancelled' else 'scheduled' end)::activity_status,
            case when a % 25 = 0 then '天气原因' end, md5('scale-activity-' || a)
     from generate_series(1, ${SCALE.activities}) a
     join scale_offices o on o.n = 1 + floor(${SCALE.offices} * power(((a * 7907) % ${SCALE.activities})::float / ${SCALE.activities}, 1.7))::int`,
    );

    onStep("subjects");
    await inChunks("subjects", SCALE.subjects, 10_000, progress, async (from, to) => {
      await run(
        db,
        `insert into subjects (case_code, office_id, district_id, name_ciphertext, id_number_ciphertext, id_number_hash,
         phone_ciphertext, gender, area, languages, supervision_level, correction_start, correction_end)
       select 'S' || lpad((i / 10000)::text, 3, '0') || '-' || lpad((i % 10000)::text, 4, '0') || '-SCAL',
              o.id, o.district_id, (select name from scale_pool where scale_pool.i = g.i % ${pool}),
              (select id_number from scale_pool where scale_pool.i = g.i % ${pool}),
              md5('${hashSalt}-subject-' || i), (select phone from scale_pool where scale_pool.i = g.i % ${pool}),
              case when i % 5 = 0 then 'female' else 'male' end, '城区', array['zh-CN'],
              (array['lenient', 'normal', 'normal', 'strict'])[1 + i % 4]::supervision_level,
              current_date - (i % 700), current_date - (i % 700) + 365 + (i % 3) * 180
       from generate_series(${from}, ${to}) g(i)
       join scale_offices o on o.n = 1 + floor(${SCALE.offices} * power(((i * 7901) % ${SCALE.subjects})::float / ${SCALE.subjects}, 1.7))::int`,
      );
    });

    await seedScaleDomains(db, { onStep, progress });

    await db.execute(
      sql`insert into app_meta (key, value) values (${SCALE_SEED_KEY}, ${JSON.stringify({ ...SCALE, seconds: Math.round((Date.now() - started) / 1000) })}::jsonb)`,
    );
  });
  // VACUUM as well as ANALYZE: a live database's autovacuum keeps the visibility map current, so
  // counts are index-only scans; right after bulk inserts every row would be checked in the heap
  // (the office's pending-hours count: 148 ms without, 0.9 ms with).
  onStep("statistics and visibility map (VACUUM ANALYZE)");
  await run(db, "vacuum (analyze)");
  return { seeded: true, reason: `scale data seeded in ${Math.round((Date.now() - started) / 1000)} s` };
}
