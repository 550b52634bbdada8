import { sql } from "drizzle-orm";
import { type DbOrTx, selectRows } from "~/utils/db.server";
import { encrypt, randomToken, sha256Hex } from "~/utils/crypto.server";
import { currentPledgeVersion } from "~/domains/employment/taxonomy";
import { inChunks } from "./seed-chunks";

/**
 * The legal, employment, matching and awards shares of the scale data set
 * (`../shared/docs/quality.md`), on top of the base scale data of seed-scale.ts (offices, the law
 * firms' and lawyers' accounts, enterprises, social organizations, volunteers with their hours,
 * subjects). Generated inside PostgreSQL like the base (INSERT … SELECT), through every constraint and
 * trigger of the domains: referrals and job referrals are inserted in their first state and moved
 * through their transitions by UPDATEs, so the triggers keep `active_cases`, `hired_count` and
 * `enrolled_count`; bookings go through both exclusion constraints (a booking that would overlap
 * one of the subject's others is skipped by ON CONFLICT DO NOTHING).
 */
export const DOMAIN_SCALE = {
  servicePoints: 120,
  lawyers: 1_500,
  /** About this many bookings: 25 % of the slots of one weekly rule per lawyer over two years. */
  bookings: 200_000,
  jobOffers: 16_000,
  trainingOffers: 4_000,
  jobReferrals: 40_000,
  trainingEnrollments: 10_000,
  helpNeeds: 100_000,
  /** 1–5 referrals per need (3 on average): declined or expired ones before the last. */
  referrals: 300_000,
  providers: 5_000,
} as const;

export const SCALE_DOMAINS_SEED_KEY = "scale_seed_domains";

type Progress = (label: string, done: number, total: number) => void;

async function run(db: DbOrTx, text: string): Promise<number> {
  const result = (await db.execute(sql.raw(text))) as unknown as { count?: number };
  return result.count ?? 0;
}

const topics = `array['labour', 'family', 'debt', 'housing', 'social_security', 'administrative', 'criminal_procedure', 'other']`;
const jobCategories = `array['manufacturing', 'construction', 'logistics', 'catering', 'retail', 'cleaning', 'agriculture', 'services', 'office', 'other']`;
const industries = `array['manufacturing', 'construction', 'logistics', 'catering', 'retail', 'services', 'agriculture', 'technology', 'other']`;
/** Certificate-number alphabet (app/domains/awards/nominations.server.ts: no 0, 1, I, O). */
const awardAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** Temporary lookup tables every domain below uses (within the seed's transaction). */
async function lookups(db: DbOrTx) {
  await run(
    db,
    `create temporary table sd_offices on commit drop as
     select id, district_id, substring(name from 5 for 3)::int as n from organizations
     where kind = 'office' and name ~ '^规模测试[0-9]{3}司法所$'`,
  );
  await run(
    db,
    `create temporary table sd_districts on commit drop as
     select id, row_number() over (order by name)::int as n from organizations
     where kind = 'bureau' and name like '规模测试第%区司法局'`,
  );
  await run(
    db,
    `create temporary table sd_staff on commit drop as
     select o.id as office_id, o.district_id, u.id as user_id
     from sd_offices o join users u on u.email = 'staff' || lpad(o.n::text, 3, '0') || 'a@scale.portal'`,
  );
  await run(db, `create unique index on sd_staff (office_id)`);
  await run(
    db,
    `create temporary table sd_bureau on commit drop as
     select u.organization_id as district_id, u.id as user_id from users u
     where u.email like 'bureau%@scale.portal' and u.role = 'bureau_admin'`,
  );
  await run(
    db,
    `create temporary table sd_subjects on commit drop as
     select id, office_id, district_id, gender, area,
            row_number() over (order by case_code)::int as n,
            row_number() over (partition by office_id order by case_code)::int as k,
            count(*) over (partition by office_id)::int as cnt
     from subjects where case_code like '%-SCAL'`,
  );
  await run(db, `create unique index on sd_subjects (n)`);
  await run(
    db,
    `create temporary table sd_office_subjects on commit drop as
     select office_id, count(*)::int as cnt from sd_subjects group by office_id`,
  );
  await run(db, `create unique index on sd_subjects (office_id, k)`);
  const [row] = await selectRows<{ subjects: number; offices: number }>(
    db,
    sql`select (select count(*)::int from sd_subjects) as subjects, (select count(*)::int from sd_offices) as offices`,
  );
  if (!row || row.subjects === 0 || row.offices === 0)
    throw new Error("The domain scale seed needs the base scale data (offices, subjects) first.");
  return row;
}

async function seedLegal(db: DbOrTx, onStep: (step: string) => void, progress: Progress) {
  onStep("legal: service points, lawyers, office hours");
  // One service point at every office, a second at the 20 busiest ones (offices 1–20 hold the most
  // subjects and volunteers).
  await run(
    db,
    `insert into service_points (office_id, district_id, name, address, room, directions)
     select o.id, o.district_id, '规模测试' || lpad(o.n::text, 3, '0') || '司法所法律服务点' || s.k,
            '规模测试路 ' || o.n || ' 号', case s.k when 1 then '一楼接待室' else '二楼调解室' end, '进门右手'
     from sd_offices o cross join generate_series(1, 2) s(k) where s.k = 1 or o.n <= 20`,
  );
  await run(
    db,
    `create temporary table sd_points on commit drop as
     select id, office_id, district_id,
            row_number() over (partition by district_id order by name)::int as k,
            count(*) over (partition by district_id)::int as cnt
     from service_points where name like '规模测试%司法所法律服务点%'`,
  );
  // Each lawyer account of the scale firms is a lawyer of its firm; feed secrets made like the app's.
  const lawyerUsers = await selectRows<{ id: string }>(
    db,
    sql`select id from users where email like 'lawyer%@scale.portal' and role = 'lawyer' order by email`,
  );
  const tokens = lawyerUsers.map(() => randomToken(24));
  await db.execute(
    sql`create temporary table sd_feed on commit drop as
        select * from unnest(${sql.param(lawyerUsers.map((user) => user.id))}::uuid[],
                             ${sql.param(tokens.map((token) => sha256Hex(token)))}::text[],
                             ${sql.param(tokens.map((token) => encrypt(token)))}::text[]) as f(user_id, hash, ciphertext)`,
  );
  await run(
    db,
    `insert into lawyers (law_firm_id, district_id, user_id, name, practice_licence, specialties, languages,
       feed_token_hash, feed_token_ciphertext)
     select u.organization_id, f.district_id, u.id, u.display_name,
            '1110' || lpad(substring(u.email from 7 for 5), 13, '0'),
            array[(${topics})[1 + i % 8], (${topics})[1 + (i + 3) % 8], (${topics})[1 + (i + 5) % 8]],
            case when i % 5 = 0 then array['普通话', 'English'] when i % 7 = 0 then array['普通话', '粤语'] else array['普通话'] end,
            t.hash, t.ciphertext
     from (select u.*, substring(u.email from 7 for 5)::int as i from users u
           where u.email like 'lawyer%@scale.portal' and u.role = 'lawyer') u
     join organizations f on f.id = u.organization_id
     join sd_feed t on t.user_id = u.id`,
  );
  // One weekly rule per lawyer at a service point of the firm's district, 5 half-hour slots a day
  // (mornings or afternoons), valid for the last two years; one lawyer in ten takes two at a time.
  await run(
    db,
    `insert into office_hour_rules (law_firm_id, lawyer_id, service_point_id, office_id, district_id, rrule,
       start_minute, end_minute, valid_from, slot_minutes, capacity, created_by, created_at, updated_at)
     select l.law_firm_id, l.id, p.id, p.office_id, p.district_id,
            'FREQ=WEEKLY;BYDAY=' || (array['MO', 'TU', 'WE', 'TH', 'FR'])[1 + l.n % 5],
            case when l.n % 2 = 0 then 540 else 840 end, case when l.n % 2 = 0 then 690 else 990 end,
            current_date - 730, 30, case when l.n % 10 = 0 then 2 else 1 end,
            (select id from users a where a.organization_id = l.law_firm_id and a.role = 'law_firm_admin' limit 1),
            now() - interval '730 days', now() - interval '730 days'
     from (select id, law_firm_id, district_id, row_number() over (order by practice_licence)::int as n
           from lawyers where practice_licence like '11100000%' and user_id is not null) l
     join sd_points p on p.district_id = l.district_id and p.k = 1 + l.n % p.cnt`,
  );
  await run(
    db,
    `create temporary table sd_rules on commit drop as
     select r.id as rule_id, r.lawyer_id, r.law_firm_id, r.service_point_id, r.office_id, r.district_id, r.start_minute,
            r.capacity, r.valid_from, lw.specialties,
            array_position(array['MO', 'TU', 'WE', 'TH', 'FR'], substring(r.rrule from 'BYDAY=([A-Z]{2})')) as isodow,
            row_number() over (order by r.id)::int as n
     from office_hour_rules r join lawyers lw on lw.id = r.lawyer_id
     where lw.practice_licence like '11100000%'`,
  );
  const [counted] = await selectRows<{ rules: number }>(db, sql`select count(*)::int as rules from sd_rules`);
  const rules = counted?.rules ?? 0;
  // Bookings: ~25 % of the slots of each rule's weeks (113 weeks × 5 slots), seat 1; the past ones
  // mostly attended with an outcome, some no-shows and cancellations; 70 % for a subject of the
  // point's office, the rest walk-ins.
  const weeks = 113;
  const share = DOMAIN_SCALE.bookings / Math.max(1, rules * weeks * 5);
  await inChunks("consultation bookings", rules, 250, progress, async (from, to) => {
    await run(
      db,
      `insert into consultation_bookings (rule_id, lawyer_id, law_firm_id, service_point_id, office_id, district_id,
         subject_id, starts_at, ends_at, seat, capacity, topic, status, booked_by, cancel_reason, cancelled_by,
         cancelled_at, advice_category, follow_up_legal_aid, outcome_recorded_by, outcome_recorded_at, created_at, updated_at)
       select b.rule_id, b.lawyer_id, b.law_firm_id, b.service_point_id, b.office_id, b.district_id,
              case when b.roll < 0.7 then s.id end, b.starts_at, b.starts_at + interval '30 minutes', 1, b.capacity,
              b.specialties[1 + b.slot % 3], b.status::consultation_booking_status, st.user_id,
              case when b.status = 'cancelled' then '当事人改期' end,
              case when b.status = 'cancelled' then st.user_id end,
              case when b.status = 'cancelled' then b.starts_at - interval '1 day' end,
              case when b.status = 'attended' then (array['information', 'rights_explained', 'document_help', 'mediation_suggested', 'referred_elsewhere'])[1 + b.slot] end,
              case when b.status = 'attended' then b.roll < 0.1 end,
              case when b.status in ('attended', 'subject_no_show', 'lawyer_no_show') then lu.user_id end,
              case when b.status in ('attended', 'subject_no_show', 'lawyer_no_show') then b.starts_at + interval '1 hour' end,
              b.starts_at - interval '3 days', b.starts_at - interval '3 days'
       from (
         select r.*, w.w, sl.slot, random() as roll,
                ((r.valid_from + ((r.isodow - extract(isodow from r.valid_from)::int + 7) % 7) + 7 * w.w)
                  + make_interval(mins => r.start_minute + 30 * sl.slot)) at time zone 'Asia/Shanghai' as starts_at
         from sd_rules r cross join generate_series(0, ${weeks - 1}) w(w) cross join generate_series(0, 4) sl(slot)
         where r.n between ${from} and ${to} and random() < ${share}
       ) q
       cross join lateral (
         select q.*, case
           when q.starts_at > now() then case when q.roll > 0.95 then 'cancelled' else 'booked' end
           when q.roll > 0.95 then 'cancelled' when q.roll > 0.88 then 'subject_no_show'
           when q.roll > 0.86 then 'lawyer_no_show' when q.roll > 0.82 then 'booked' else 'attended' end as status
       ) b
       join sd_staff st on st.office_id = b.office_id
       join lawyers lu on lu.id = b.lawyer_id
       left join sd_office_subjects c on c.office_id = b.office_id
       left join sd_subjects s on s.office_id = b.office_id
            and s.k = 1 + (floor(b.roll * 1000000)::int + b.w * 7 + b.slot) % c.cnt
       where b.starts_at < now() + interval '59 days'
       on conflict do nothing`,
    );
  });
}

async function seedEmployment(db: DbOrTx, onStep: (step: string) => void, progress: Progress) {
  onStep("employment: enterprise profiles and offers");
  await run(
    db,
    `create temporary table sd_enterprises on commit drop as
     select o.id, o.district_id, substring(o.name from 7)::int as n, u.id as user_id
     from organizations o join users u on u.organization_id = o.id and u.role = 'enterprise_member'
     where o.kind = 'enterprise' and o.name ~ '^规模测试企业[0-9]+$'`,
  );
  await run(db, `create unique index on sd_enterprises (n)`);
  // Every scale enterprise signed the pledge; a third hire in a second district too.
  await run(
    db,
    `insert into enterprise_profiles (organization_id, district_id, industry, size, hiring_district_ids,
       contact_name, contact_phone, description, pledge_version, pledge_signed_at, pledge_signed_by)
     select e.id, e.district_id, (${industries})[1 + e.n % 9], (array['micro', 'small', 'medium', 'large'])[1 + e.n % 4],
            case when e.n % 3 = 0 then array[e.district_id, (select d2.id from sd_districts d2 where d2.n = 1 + d.n % 10)]
                 else array[e.district_id] end,
            '招聘联系人' || e.n, '010-' || lpad(e.n::text, 8, '0'), '规模测试企业简介', '${currentPledgeVersion}',
            now() - interval '400 days', e.user_id
     from sd_enterprises e join sd_districts d on d.id = e.district_id`,
  );
  const enterprises = 2_000;
  // Offers: a few enterprises post many (enterprise ≈ 2000·u^1.6); three in four open now, one in five
  // to be closed after its referrals, one in twenty a draft.
  await run(
    db,
    `create temporary table sd_job_offers on commit drop as
     with planned as (
       select i, 1 + least(${enterprises - 1}, floor(${enterprises} * power(((i * 7919) % ${DOMAIN_SCALE.jobOffers})::float / ${DOMAIN_SCALE.jobOffers}, 1.6))::int) as e,
              case when i % 20 = 0 then 'draft' else 'open' end as status
       from generate_series(1, ${DOMAIN_SCALE.jobOffers}) i),
     made as (
       insert into job_offers (enterprise_id, status, version, title, category, openings, wage_min, wage_max,
         work_district_id, work_address, hours, requirements, benefits, accommodation, starts_on, closes_on,
         published_at, created_by, created_at, updated_at)
       select e.id, p.status::job_offer_status, case when p.status = 'draft' then 0 else 1 end,
              '规模测试岗位 ' || p.i, (${jobCategories})[1 + p.i % 10], 2 + p.i % 19, 3000 + (p.i % 30) * 100,
              4500 + (p.i % 30) * 100, ep.hiring_district_ids[1 + p.i % cardinality(ep.hiring_district_ids)],
              '规模测试工业园 ' || p.i || ' 号', '8:00–17:00，周末双休', '身体健康', '五险一金', p.i % 4 = 0,
              current_date - (p.i % 300), case when p.i % 5 = 0 then current_date - 1 - p.i % 60 else current_date + 7 + p.i % 90 end,
              case when p.status = 'draft' then null else now() - make_interval(days => 30 + p.i % 300) end,
              e.user_id, now() - make_interval(days => 31 + p.i % 300), now() - make_interval(days => 31 + p.i % 300)
       from planned p join sd_enterprises e on e.n = p.e join enterprise_profiles ep on ep.organization_id = e.id
       returning id, enterprise_id, status, openings, work_district_id, created_by, title, category, wage_min, wage_max,
                 work_address, hours, starts_on, closes_on, published_at)
     select *, row_number() over (order by title)::int as n from made`,
  );
  await run(
    db,
    `insert into job_offer_versions (job_offer_id, version, content, edited_by, created_at)
     select id, 1, jsonb_build_object('title', title, 'category', category, 'openings', openings, 'wageMin', wage_min,
              'wageMax', wage_max, 'workDistrictId', work_district_id, 'workAddress', work_address, 'hours', hours,
              'requirements', '身体健康', 'benefits', '五险一金', 'accommodation', false, 'startsOn', starts_on,
              'closesOn', closes_on),
            created_by, published_at
     from sd_job_offers where status = 'open'`,
  );
  await run(
    db,
    `create temporary table sd_training on commit drop as
     with made as (
       insert into training_offers (enterprise_id, status, course, category, provider, district_id, place, capacity,
         certificate, cost_yuan, description, closes_on, published_at, created_by, created_at, updated_at)
       select e.id, 'open', '规模测试培训 ' || i, (${jobCategories})[1 + i % 10], '规模测试职业培训学校', e.district_id,
              '规模测试培训中心 ' || i || ' 室', 10 + i % 41, '职业技能等级证书', 0, '免费培训',
              case when i % 5 = 0 then current_date - 1 - i % 60 else current_date + 14 + i % 90 end,
              now() - make_interval(days => 20 + i % 200), e.user_id, now() - make_interval(days => 21 + i % 200),
              now() - make_interval(days => 21 + i % 200)
       from generate_series(1, ${DOMAIN_SCALE.trainingOffers}) i
       join sd_enterprises e on e.n = 1 + least(${enterprises - 1}, floor(${enterprises} * power(((i * 7907) % ${DOMAIN_SCALE.trainingOffers})::float / ${DOMAIN_SCALE.trainingOffers}, 1.6))::int)
       returning id, enterprise_id, capacity, closes_on, published_at)
     select *, row_number() over (order by id)::int as n from made`,
  );
  await run(
    db,
    `insert into training_sessions (training_offer_id, starts_at, ends_at, topic)
     select t.id, t.published_at + make_interval(days => 14 + 7 * s), t.published_at + make_interval(days => 14 + 7 * s, hours => 3),
            '第 ' || (s + 1) || ' 课'
     from sd_training t cross join generate_series(0, 1) s`,
  );

  onStep("employment: referrals, hires, placements, check-ins");
  const openOffers = Math.round(DOMAIN_SCALE.jobOffers * 0.95);
  // Referrals: subjects spread over all offices, offers skewed towards the first (busiest) ones.
  await inChunks("job referrals", DOMAIN_SCALE.jobReferrals, 20_000, progress, async (from, to) => {
    await run(
      db,
      `insert into job_referrals (job_offer_id, offer_version, enterprise_id, subject_id, office_id, district_id, status,
         shared_fields, note, respond_by, referred_by, created_at, updated_at)
       select o.id, 1, o.enterprise_id, s.id, s.office_id, s.district_id, 'referred',
              case when r % 3 = 0 then array['name', 'phone'] else array[]::text[] end, '有相关工作经验',
              (o.published_at + interval '10 days')::date, st.user_id, o.published_at + interval '3 days',
              o.published_at + interval '3 days'
       from generate_series(${from}, ${to}) r
       join (select *, row_number() over (order by n)::int as k from sd_job_offers where status = 'open') o
            on o.k = 1 + least(${openOffers - 1}, floor(${openOffers} * power(((r::bigint * 104729) % ${DOMAIN_SCALE.jobReferrals})::float / ${DOMAIN_SCALE.jobReferrals}, 1.3))::int)
       join sd_subjects s on s.n = 1 + (r * 7919) % (select count(*) from sd_subjects)
       join sd_staff st on st.office_id = s.office_id
       on conflict do nothing`,
    );
  });
  await run(
    db,
    `update job_referrals r set status = 'interview_scheduled', interview_at = r.created_at + interval '5 days',
       interview_place = '企业人事部', updated_at = r.created_at + interval '2 days'
     from sd_job_offers o where o.id = r.job_offer_id and hashtext(r.id::text) % 10 between -5 and 5`,
  );
  // Hires within each offer's openings (the trigger counts them and fills the offer at the last one).
  await run(
    db,
    `update job_referrals r set status = 'hired', hired_on = (r.interview_at + interval '3 days')::date,
       decided_at = r.interview_at + interval '3 days', decided_by = e.user_id, updated_at = r.interview_at + interval '3 days'
     from (select j.id, row_number() over (partition by j.job_offer_id order by j.id) as k, o.openings
           from job_referrals j join sd_job_offers o on o.id = j.job_offer_id
           where j.status = 'interview_scheduled') h,
          sd_enterprises e
     where h.id = r.id and e.id = r.enterprise_id and h.k <= greatest(1, h.openings / 2) and hashtext(r.id::text) % 3 <> 0`,
  );
  await run(
    db,
    `update job_referrals r set status = 'not_hired',
       not_hired_reason = (array['skills_mismatch', 'position_filled', 'candidate_declined', 'no_show', 'schedule_mismatch'])[1 + abs(hashtext(r.id::text)) % 5],
       decided_at = r.created_at + interval '9 days', decided_by = e.user_id, updated_at = r.created_at + interval '9 days'
     from sd_enterprises e, sd_job_offers o
     where e.id = r.enterprise_id and o.id = r.job_offer_id and r.status in ('referred', 'interview_scheduled')
       and abs(hashtext(r.id::text || 'x')) % 10 < 6`,
  );
  await run(
    db,
    `insert into placements (referral_id, job_offer_id, enterprise_id, subject_id, office_id, district_id, work_district_id,
       started_on, status, ended_on, end_reason, created_at, updated_at)
     select r.id, r.job_offer_id, r.enterprise_id, r.subject_id, r.office_id, r.district_id, o.work_district_id, r.hired_on,
            (case when abs(hashtext(r.id::text)) % 4 = 0 and r.hired_on + 45 < current_date then 'ended' else 'employed' end)::placement_status,
            case when abs(hashtext(r.id::text)) % 4 = 0 and r.hired_on + 45 < current_date then r.hired_on + 45 end,
            case when abs(hashtext(r.id::text)) % 4 = 0 and r.hired_on + 45 < current_date then 'resigned' end,
            r.decided_at, r.decided_at
     from job_referrals r join sd_job_offers o on o.id = r.job_offer_id where r.status = 'hired'`,
  );
  await run(
    db,
    `insert into retention_checkins (placement_id, day_mark, due_on, status, recorded_at, recorded_by)
     select p.id, m, p.started_on + m,
            (case when p.ended_on is not null and p.started_on + m > p.ended_on then 'void'
                  when p.started_on + m <= current_date - 7 then 'still_employed' else 'pending' end)::retention_checkin_status,
            case when (p.ended_on is null or p.started_on + m <= p.ended_on) and p.started_on + m <= current_date - 7
                 then (p.started_on + m)::timestamp + time '10:00' end,
            case when (p.ended_on is null or p.started_on + m <= p.ended_on) and p.started_on + m <= current_date - 7
                 then e.user_id end
     from placements p join sd_enterprises e on e.id = p.enterprise_id
     cross join (values (30), (90), (180)) marks(m)
     where p.job_offer_id in (select id from sd_job_offers)`,
  );
  // Enrollments within each course's capacity (the trigger counts them), a third completed.
  await run(
    db,
    `insert into training_enrollments (training_offer_id, enterprise_id, subject_id, office_id, district_id, status,
       note, enrolled_by, created_at, updated_at)
     select t.id, t.enterprise_id, s.id, s.office_id, s.district_id, 'enrolled', '', st.user_id,
            t.published_at + interval '2 days', t.published_at + interval '2 days'
     from (select g.i, 1 + (g.i * 31) % ${DOMAIN_SCALE.trainingOffers} as t,
                  row_number() over (partition by 1 + (g.i * 31) % ${DOMAIN_SCALE.trainingOffers} order by g.i) as k
           from generate_series(1, ${DOMAIN_SCALE.trainingEnrollments}) g(i)) q
     join sd_training t on t.n = q.t
     join sd_subjects s on s.n = 1 + (q.i::bigint * 104729) % (select count(*) from sd_subjects)
     join sd_staff st on st.office_id = s.office_id
     where q.k <= t.capacity
     on conflict do nothing`,
  );
  await run(
    db,
    `update training_enrollments set status = 'attending', updated_at = now()
     where abs(hashtext(id::text)) % 3 <> 0 and training_offer_id in (select id from sd_training)`,
  );
  await run(
    db,
    `update training_enrollments set status = 'completed', completed_on = current_date - 10, updated_at = now()
     where status = 'attending' and abs(hashtext(id::text || 'c')) % 2 = 0
       and training_offer_id in (select id from sd_training)`,
  );
  // Offers past their closing day close now that their referrals are in.
  await run(
    db,
    `update job_offers set status = 'closed', closed_at = now(), updated_at = now()
     where status = 'open' and closes_on < current_date and id in (select id from sd_job_offers)`,
  );
  await run(
    db,
    `update training_offers set status = 'closed', updated_at = now()
     where status = 'open' and closes_on < current_date and id in (select id from sd_training)`,
  );
}

async function seedMatching(db: DbOrTx, onStep: (step: string) => void, progress: Progress) {
  onStep("matching: providers");
  // The 5 000 scale social organizations are the providers: most cover their district, the others two
  // of its offices; capacities 20–60; one in fifty paused.
  await run(
    db,
    `insert into providers (kind, organization_id, district_id, covers_district, languages, worker_genders, capacity, status,
       created_at, updated_at)
     select 'social_org', o.id, o.district_id, n % 3 <> 0,
            case when n % 6 = 0 then array['普通话', '粤语'] else array['普通话'] end,
            case n % 4 when 0 then array['female'] when 1 then array['male'] else array['female', 'male'] end,
            20 + n % 41, (case when n % 50 = 0 then 'paused' else 'active' end)::provider_status,
            now() - interval '800 days', now() - interval '800 days'
     from (select id, district_id, substring(name from 9)::int as n from organizations
           where kind = 'social_org' and name ~ '^规模测试服务机构[0-9]+$') o`,
  );
  await run(
    db,
    `create temporary table sd_providers on commit drop as
     select p.id, p.district_id, p.covers_district, p.worker_genders, p.capacity,
            row_number() over (partition by p.district_id order by p.id)::int as k,
            count(*) over (partition by p.district_id)::int as cnt,
            row_number() over (order by p.id)::int as n,
            (select u.id from users u where u.organization_id = p.organization_id and u.role = 'provider_member' limit 1) as member_id
     from providers p join organizations o on o.id = p.organization_id
     where o.name ~ '^规模测试服务机构[0-9]+$'`,
  );
  await run(db, `create unique index on sd_providers (district_id, k)`);
  await run(
    db,
    `create temporary table sd_provider_counts on commit drop as
     select district_id, count(*)::int as cnt from sd_providers group by district_id`,
  );
  await run(
    db,
    `create temporary table sd_categories on commit drop as
     select id, row_number() over (order by sort_order)::int as k, count(*) over ()::int as cnt
     from service_categories where level = 2 and active`,
  );
  await run(
    db,
    `insert into provider_categories (provider_id, category_id)
     select distinct p.id, c.id from sd_providers p cross join generate_series(0, 3) j
     join sd_categories c on c.k = 1 + (p.n * 7 + j * 11) % c.cnt
     where j < 2 + p.n % 3`,
  );
  await run(
    db,
    `insert into provider_offices (provider_id, office_id)
     select distinct p.id, o.id from sd_providers p
     join (select id, district_id, row_number() over (partition by district_id order by n)::int as k,
                  count(*) over (partition by district_id)::int as cnt from sd_offices) o
       on o.district_id = p.district_id and o.k in (1 + p.n % o.cnt, 1 + (p.n + 3) % o.cnt)
     where not p.covers_district`,
  );

  onStep("matching: help needs");
  // Needs: about five per subject over two years; statuses by age; a female subject's need asks for
  // a woman on the provider's team (the trigger insists).
  await inChunks("help needs", DOMAIN_SCALE.helpNeeds, 25_000, progress, async (from, to) => {
    await run(
      db,
      `insert into help_needs (subject_id, office_id, district_id, category_id, urgency, area, languages, gender_requirement,
         description, status, respond_by, outcome_note, closed_at, created_by, created_at, updated_at)
       select s.id, s.office_id, s.district_id, c.id, q.urgency::need_urgency, s.area, array['普通话'],
              case when s.gender = 'female' then 'female' else 'none' end, '规模测试帮扶需求 #' || q.i,
              q.status::need_status, q.created_at + case q.urgency when 'urgent' then interval '1 day' when 'normal' then interval '3 days' else interval '7 days' end,
              case when q.status in ('resolved', 'not_resolved') then '已跟进' end,
              case when q.status in ('resolved', 'not_resolved', 'cancelled') then q.created_at + interval '30 days' end,
              st.user_id, q.created_at, q.created_at
       from (select i, (array['urgent', 'normal', 'normal', 'low'])[1 + i % 4] as urgency,
                    case when i % 100 < 15 then 'open' when i % 100 < 40 then 'referred' when i % 100 < 85 then 'resolved'
                         when i % 100 < 93 then 'not_resolved' else 'cancelled' end as status,
                    now() - make_interval(days => case when i % 100 < 40 then (i * 13) % 25 else 35 + (i * 13) % 690 end, hours => i % 24) as created_at
             from generate_series(${from}, ${to}) i) q
       join sd_subjects s on s.n = 1 + (q.i * 7919) % (select count(*) from sd_subjects)
       join sd_categories c on c.k = 1 + (q.i * 31) % c.cnt
       join sd_staff st on st.office_id = s.office_id`,
    );
  });
  await run(
    db,
    `create temporary table sd_needs on commit drop as
     select n.id, n.office_id, n.district_id, n.status, n.created_at, n.gender_requirement,
            1 + (row_number() over (order by n.id))::int % 5 as rounds, st.user_id as staff_id
     from help_needs n join sd_staff st on st.office_id = n.office_id
     where n.description like '规模测试帮扶需求 #%'`,
  );
  await run(db, `create index on sd_needs (rounds)`);

  onStep("matching: referrals (1–5 per need, through their transitions)");
  // Round j sends one referral for each need with at least j rounds. Before a need's last round the
  // referral is declined or expires; the last one ends as the need's status says. Held referrals
  // (accepted, in progress) pass the trigger's capacity check: each provider holds at most 10 live
  // ones, and the closed ones go through accepted → in progress → closed in bands of 10 per provider.
  let done = 0;
  progress("referrals", 0, DOMAIN_SCALE.referrals);
  for (let round = 1; round <= 5; round += 1) {
    await run(db, `drop table if exists sd_round`);
    await run(
      db,
      `create temporary table sd_round on commit drop as
       select n.id as need_id, n.office_id, n.district_id, n.staff_id, n.status as need_status,
              n.rounds = ${round} as last, p.id as provider_id, p.member_id, p.capacity,
              n.created_at + make_interval(hours => 2 + 50 * (${round} - 1)) as sent_at,
              abs(hashtext(n.id::text || '${round}')) % 100 as roll
       from sd_needs n
       join sd_provider_counts c on c.district_id = n.district_id
       join sd_providers p on p.district_id = n.district_id
            and p.k = 1 + abs(hashtext(n.id::text || 'p${round}')) % c.cnt
       where n.rounds >= ${round}`,
    );
    // The target state of each referral of the round.
    await run(
      db,
      `alter table sd_round add column target text, add column referral_id uuid, add column band int`,
    );
    await run(
      db,
      `update sd_round set target = case
         when not last then case when roll < 70 then 'declined' else 'expired' end
         when need_status = 'open' then case when roll < 70 then 'declined' else 'expired' end
         when need_status = 'referred' then case when roll < 40 then 'sent' when roll < 70 then 'accepted' else 'in_progress' end
         when need_status = 'cancelled' then 'cancelled'
         else need_status::text end`,
    );
    // Live held referrals leave room for a band of 10 (the rest of them stay sent).
    await run(
      db,
      `update sd_round r set target = 'sent' from (
         select s.need_id, row_number() over (partition by s.provider_id order by s.need_id) as k,
                p.capacity - p.active_cases - 10 as room
         from sd_round s join providers p on p.id = s.provider_id
         where s.target in ('accepted', 'in_progress')) h
       where h.need_id = r.need_id and h.k > h.room`,
    );
    await run(
      db,
      `update sd_round r set band = h.band from (
         select need_id, ((row_number() over (partition by provider_id order by need_id) - 1) / 10)::int as band
         from sd_round where target in ('resolved', 'not_resolved')) h
       where h.need_id = r.need_id`,
    );
    await run(
      db,
      `with made as (
         insert into referrals (need_id, provider_id, office_id, district_id, status, score, created_by, sent_at, sent_by,
           due_at, created_at, updated_at)
         select need_id, provider_id, office_id, district_id, 'sent', 40 + roll % 55, staff_id, sent_at, staff_id,
                sent_at + interval '50 hours', sent_at, sent_at
         from sd_round
         returning id, need_id)
       update sd_round r set referral_id = m.id from made m where m.need_id = r.need_id`,
    );
    await run(db, `create index on sd_round (referral_id)`);
    const answeredBy = `r.member_id`;
    await run(
      db,
      `update referrals f set status = 'declined', decline_reason = (array['no_capacity', 'outside_area', 'not_eligible', 'cannot_contact'])[1 + r.roll % 4],
         answered_at = r.sent_at + interval '20 hours', answered_by = ${answeredBy}, updated_at = r.sent_at + interval '20 hours'
       from sd_round r where r.referral_id = f.id and r.target = 'declined'`,
    );
    await run(
      db,
      `update referrals f set status = 'expired', updated_at = r.sent_at + interval '50 hours'
       from sd_round r where r.referral_id = f.id and r.target = 'expired'`,
    );
    await run(
      db,
      `update referrals f set status = 'cancelled', closed_at = r.sent_at + interval '10 hours', closed_by = r.staff_id,
         updated_at = r.sent_at + interval '10 hours'
       from sd_round r where r.referral_id = f.id and r.target = 'cancelled'`,
    );
    const accept = (where: string) =>
      run(
        db,
        `update referrals f set status = 'accepted', answered_at = r.sent_at + interval '6 hours', answered_by = ${answeredBy},
           updated_at = r.sent_at + interval '6 hours'
         from sd_round r where r.referral_id = f.id and ${where}`,
      );
    const start = (where: string) =>
      run(
        db,
        `update referrals f set status = 'in_progress', started_at = r.sent_at + interval '30 hours',
           updated_at = r.sent_at + interval '30 hours'
         from sd_round r where r.referral_id = f.id and ${where}`,
      );
    await accept(`r.target in ('accepted', 'in_progress')`);
    await start(`r.target = 'in_progress'`);
    for (let band = 0; ; band += 1) {
      const moved = await accept(`r.band = ${band}`);
      if (moved === 0) break;
      await start(`r.band = ${band}`);
      await run(
        db,
        `update referrals f set status = r.target::referral_status, closed_at = r.sent_at + interval '25 days',
           closed_by = f.answered_by, outcome_note = '已按计划完成帮扶', updated_at = r.sent_at + interval '25 days'
         from sd_round r where r.referral_id = f.id and r.band = ${band}`,
      );
    }
    const [count] = await selectRows<{ n: number }>(db, sql`select count(*)::int as n from sd_round`);
    done += count?.n ?? 0;
    progress(
      "referrals",
      round === 5 ? DOMAIN_SCALE.referrals : Math.min(done, DOMAIN_SCALE.referrals - 1),
      DOMAIN_SCALE.referrals,
    );
  }
  onStep("matching: referral events and provider figures");
  // Every transition as an event (append-only), from the referrals' own stamps.
  await run(
    db,
    `insert into referral_events (referral_id, from_status, to_status, actor_id, note, at)
     select id, null::referral_status, 'sent'::referral_status, sent_by, null, sent_at from referrals f where exists (select 1 from sd_needs n where n.id = f.need_id)
     union all
     select id, 'sent'::referral_status, case when status = 'declined' then 'declined'::referral_status else 'accepted' end, answered_by, null, answered_at
       from referrals f where answered_at is not null and exists (select 1 from sd_needs n where n.id = f.need_id)
     union all
     select id, 'sent'::referral_status, 'expired'::referral_status, null, null, due_at from referrals f
       where status = 'expired' and exists (select 1 from sd_needs n where n.id = f.need_id)
     union all
     select id, 'sent'::referral_status, 'cancelled'::referral_status, closed_by, null, closed_at from referrals f
       where status = 'cancelled' and exists (select 1 from sd_needs n where n.id = f.need_id)
     union all
     select id, 'accepted'::referral_status, 'in_progress'::referral_status, answered_by, null, started_at from referrals f
       where started_at is not null and exists (select 1 from sd_needs n where n.id = f.need_id)
     union all
     select id, 'in_progress'::referral_status, status, closed_by, outcome_note, closed_at from referrals f
       where status in ('resolved', 'not_resolved') and exists (select 1 from sd_needs n where n.id = f.need_id)`,
  );
  await run(
    db,
    `update providers p set referrals_answered = s.answered, referrals_accepted = s.accepted, referrals_expired = s.expired,
       cases_resolved = s.resolved, cases_not_resolved = s.not_resolved, response_minutes_total = s.minutes
     from (select provider_id, count(answered_at)::int as answered,
                  count(*) filter (where answered_at is not null and status <> 'declined')::int as accepted,
                  count(*) filter (where status = 'expired')::int as expired,
                  count(*) filter (where status = 'resolved')::int as resolved,
                  count(*) filter (where status = 'not_resolved')::int as not_resolved,
                  coalesce(sum(extract(epoch from answered_at - sent_at) / 60), 0)::int as minutes
           from referrals group by provider_id) s
     where s.provider_id = p.id and p.id in (select id from sd_providers)`,
  );
}

async function seedAwards(db: DbOrTx, onStep: (step: string) => void) {
  onStep("awards: types and nominations");
  await run(
    db,
    `insert into award_types (district_id, name_zh, name_en, nominee_kind, period_kind, min_minutes, min_activities)
     select d.id, t.name_zh, t.name_en, t.kind::nominee_kind, t.period::award_period_kind, t.minutes, t.activities
     from sd_districts d cross join (values
       ('规模测试年度优秀志愿者', 'Volunteer of the year (scale)', 'volunteer', 'year', 6000, null::int),
       ('规模测试半年度服务之星', 'Service star of the half-year (scale)', 'volunteer', 'half_year', 3000, null::int),
       ('规模测试优秀社会组织', 'Social organization of the year (scale)', 'social_org', 'year', null::int, 3)
     ) t(name_zh, name_en, kind, period, minutes, activities)`,
  );
  // The top volunteers of each district in each finished period (2 years, 3 half-years) are nominated
  // by their office's staff; older periods are final (with a certificate), the latest in notice,
  // submitted, returned or rejected.
  const year = Number(
    (await selectRows<{ y: number }>(db, sql`select extract(year from current_date)::int as y`))[0]!.y,
  );
  const periods = [
    { key: "year", start: `${year - 2}-01-01`, end: `${year - 2}-12-31`, top: 120, latest: false },
    { key: "year", start: `${year - 1}-01-01`, end: `${year - 1}-12-31`, top: 120, latest: false },
    { key: "half_year", start: `${year - 1}-01-01`, end: `${year - 1}-06-30`, top: 80, latest: false },
    { key: "half_year", start: `${year - 1}-07-01`, end: `${year - 1}-12-31`, top: 80, latest: false },
    { key: "half_year", start: `${year}-01-01`, end: `${year}-06-30`, top: 80, latest: true },
  ];
  for (const [index, period] of periods.entries()) {
    await run(
      db,
      `insert into nominations (award_type_id, district_id, office_id, nominee_kind, nominee_user_id, nominee_name,
         publish_full_name, period_start, period_end, statement, evidence, status, nominated_by, reviewed_by, review_comment,
         notice_starts_on, notice_ends_on, finalized_at, certificate_number, created_at, updated_at)
       select t.id, c.district_id, c.home_office_id, 'volunteer', c.volunteer_id, u.display_name, c.rank % 3 = 0,
              '${period.start}', '${period.end}', '服务时长突出，群众评价好',
              jsonb_build_object('minutes', c.minutes, 'activities', c.activities), c.status::nomination_status,
              st.user_id, case when c.status = 'submitted' then null else b.user_id end,
              case when c.status in ('returned', 'rejected') then '请补充材料' end,
              case when c.status = 'final' then date '${period.end}' + 20 when c.status = 'in_notice' then current_date - 2 end,
              case when c.status = 'final' then date '${period.end}' + 27 when c.status = 'in_notice' then current_date + 7 end,
              case when c.status = 'final' then (date '${period.end}' + 30)::timestamp + time '09:00' end,
              case when c.status = 'final' then 'BZ-' || extract(year from date '${period.end}' + 30) || '-' ||
                   substr('${awardAlphabet}', 1 + ${index}, 1) || substr('${awardAlphabet}', 1 + (c.seq / 32768) % 32, 1) ||
                   substr('${awardAlphabet}', 1 + (c.seq / 1024) % 32, 1) || substr('${awardAlphabet}', 1 + (c.seq / 32) % 32, 1) || '-' ||
                   substr('${awardAlphabet}', 1 + c.seq % 32, 1) || 'SCAL' end,
              (date '${period.end}' + 10)::timestamp, (date '${period.end}' + 10)::timestamp
       from (
         select a.*, row_number() over (order by a.volunteer_id)::int as seq,
                ${
                  period.latest
                    ? `case when a.rank % 10 < 5 then 'in_notice' when a.rank % 10 < 8 then 'submitted' when a.rank % 10 < 9 then 'returned' else 'rejected' end`
                    : `case when a.rank % 20 = 0 then 'rejected' else 'final' end`
                } as status
         from (
           select h.volunteer_id, p.home_office_id, p.district_id, sum(h.minutes)::int as minutes,
                  count(distinct h.activity_id)::int as activities,
                  row_number() over (partition by p.district_id order by sum(h.minutes) desc, h.volunteer_id)::int as rank
           from hour_records h join volunteer_profiles p on p.user_id = h.volunteer_id
           where h.status = 'approved' and p.status = 'approved' and h.service_date between '${period.start}' and '${period.end}'
             and p.district_id in (select id from sd_districts)
           group by h.volunteer_id, p.home_office_id, p.district_id) a
         where a.rank <= ${period.top}) c
       join award_types t on t.district_id = c.district_id and t.period_kind = '${period.key}' and t.nominee_kind = 'volunteer'
            and t.name_zh like '规模测试%'
       join users u on u.id = c.volunteer_id
       join sd_staff st on st.office_id = c.home_office_id
       join sd_bureau b on b.district_id = c.district_id
       where c.minutes >= coalesce(t.min_minutes, 0)`,
    );
  }
  await run(
    db,
    `insert into nomination_events (nomination_id, action, from_status, to_status, actor_id, comment, created_at)
     select id, 'submit', null::nomination_status, 'submitted'::nomination_status, nominated_by, null, created_at from nominations n
       where exists (select 1 from award_types t where t.id = n.award_type_id and t.name_zh like '规模测试%')
     union all
     select id, 'status_change', 'submitted'::nomination_status, status, reviewed_by, review_comment, created_at + interval '5 days' from nominations n
       where status <> 'submitted' and exists (select 1 from award_types t where t.id = n.award_type_id and t.name_zh like '规模测试%')
       and status <> 'final'
     union all
     select id, 'status_change', 'submitted'::nomination_status, 'in_notice'::nomination_status, reviewed_by, null, created_at + interval '5 days' from nominations n
       where status = 'final' and exists (select 1 from award_types t where t.id = n.award_type_id and t.name_zh like '规模测试%')
     union all
     select id, 'finalize', 'in_notice'::nomination_status, 'final'::nomination_status, null, null, finalized_at from nominations n
       where status = 'final' and exists (select 1 from award_types t where t.id = n.award_type_id and t.name_zh like '规模测试%')`,
  );
}

/**
 * Seeds the four domains' share once (keyed in app_meta, so a scale database seeded before these
 * domains existed gets them added without reseeding the rest). Runs inside `db`'s transaction.
 */
export async function seedScaleDomains(
  db: DbOrTx,
  options: { onStep: (step: string) => void; progress: Progress },
): Promise<Record<string, number> | null> {
  const existing = await selectRows(db, sql`select 1 from app_meta where key = ${SCALE_DOMAINS_SEED_KEY}`);
  if (existing.length > 0) return null;
  const started = Date.now();
  await lookups(db);
  await seedLegal(db, options.onStep, options.progress);
  await seedEmployment(db, options.onStep, options.progress);
  await seedMatching(db, options.onStep, options.progress);
  await seedAwards(db, options.onStep);
  const [counts] = await selectRows<Record<string, number>>(
    db,
    sql`select (select count(*)::int from service_points) as "servicePoints",
               (select count(*)::int from lawyers) as lawyers,
               (select count(*)::int from office_hour_rules) as "officeHourRules",
               (select count(*)::int from consultation_bookings) as bookings,
               (select count(*)::int from enterprise_profiles) as "enterpriseProfiles",
               (select count(*)::int from job_offers) as "jobOffers",
               (select count(*)::int from training_offers) as "trainingOffers",
               (select count(*)::int from job_referrals) as "jobReferrals",
               (select count(*)::int from placements) as placements,
               (select count(*)::int from retention_checkins) as "retentionCheckins",
               (select count(*)::int from training_enrollments) as "trainingEnrollments",
               (select count(*)::int from providers) as providers,
               (select count(*)::int from help_needs) as "helpNeeds",
               (select count(*)::int from referrals) as referrals,
               (select count(*)::int from award_types) as "awardTypes",
               (select count(*)::int from nominations) as nominations`,
  );
  const result = { ...counts!, seconds: Math.round((Date.now() - started) / 1000) };
  await db.execute(
    sql`insert into app_meta (key, value) values (${SCALE_DOMAINS_SEED_KEY}, ${JSON.stringify(result)}::jsonb)`,
  );
  return result;
}
