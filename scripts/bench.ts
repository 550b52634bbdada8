/**
 * `npm run bench`: builds, starts the production server against the scale database (seeding it first
 * when it is empty), and measures it from a second process on loopback: /healthz, the trivial Remix
 * route and every key page as a signed-in user of its role, at 50 and at 10 connections, with one
 * web worker and with two; SQL statements per page (counted through the driver), first-load JS per
 * route (gzip, from the build), micro-benchmarks of the pure cores and the hot queries, and
 * Lighthouse on the landing page and two dashboards. Prints every bar of ../shared/docs/quality.md
 * with its value and pass / fail, and writes bench/results.json and the generated part of
 * bench/RESULTS.md. Timings are shared-machine noisy: ratios within the run are what count.
 *
 *   npm run bench                       # the whole run (< 20 min on 2 cores, seed excluded)
 *   npm run bench -- --quick            # shorter phases, for trying a change
 *   npm run bench -- --skip-build --no-lighthouse --pages=vol-dashboard,staff-hours
 *   npm run bench -- --out=bench/runs/before.json   # a run kept aside (RESULTS.md untouched)
 *   npm run bench -- --cpu-prof          # the server writes V8 CPU profiles to bench/profiles/
 *   npm run bench -- --cpu-prof --no-baselines --pages=staff-offers   # one page's profile alone
 *   npm run bench -- --compare=../before --pages=staff-hours   # this checkout against another one
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/portal_bench), BENCH_PORT (3900).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import postgres from "postgres";
import type { MicroResult } from "./bench/domains";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, "").split("=");
    return [key!, value ?? "true"] as const;
  }),
);
const quick = args.has("quick");
const SECONDS_50 = Number(args.get("seconds") ?? (quick ? 3 : 8));
const SECONDS_10 = quick ? 2 : 4;
const WARMUP = quick ? 1 : 2;
const port = Number(process.env.BENCH_PORT ?? 3900);
const databaseUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/portal_bench";
const serverRoot = path.resolve(args.get("root") ?? root);
const base = `http://127.0.0.1:${port}`;
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

type RoleName =
  "anonymous" | "volunteer" | "officeStaff" | "bureauAdmin" | "provider" | "enterprise" | "lawFirm";
interface Target {
  name: string;
  path: string;
  role: RoleName;
  /** A key page (held to the page bars); /healthz and the trivial route are the baselines. */
  key: boolean;
}
const targets: Target[] = [
  { name: "healthz", path: "/healthz", role: "anonymous", key: false },
  { name: "trivial", path: "/bench/trivial", role: "anonymous", key: false },
  { name: "landing", path: "/", role: "anonymous", key: true },
  { name: "login", path: "/login", role: "anonymous", key: true },
  { name: "vol-dashboard", path: "/dashboard", role: "volunteer", key: true },
  { name: "vol-hours", path: "/hours", role: "volunteer", key: true },
  { name: "vol-activities", path: "/activities", role: "volunteer", key: true },
  { name: "vol-certificates", path: "/certificates", role: "volunteer", key: true },
  { name: "vol-notifications", path: "/notifications", role: "volunteer", key: true },
  { name: "staff-dashboard", path: "/dashboard", role: "officeStaff", key: true },
  { name: "staff-hours", path: "/staff/hours", role: "officeStaff", key: true },
  { name: "staff-volunteers", path: "/staff/volunteers", role: "officeStaff", key: true },
  { name: "staff-subjects", path: "/staff/subjects", role: "officeStaff", key: true },
  { name: "bureau-dashboard", path: "/dashboard", role: "bureauAdmin", key: true },
  { name: "bureau-volunteers", path: "/staff/volunteers", role: "bureauAdmin", key: true },
  // The legal, employment, matching and awards domains (their share of the scale seed).
  { name: "staff-needs", path: "/staff/needs", role: "officeStaff", key: true },
  { name: "bureau-needs", path: "/staff/needs", role: "bureauAdmin", key: true },
  { name: "provider-referrals", path: "/provider/referrals", role: "provider", key: true },
  { name: "staff-consultations", path: "/consultations", role: "officeStaff", key: true },
  { name: "staff-consult-week", path: "/consultations/week", role: "officeStaff", key: true },
  { name: "firm-dashboard", path: "/legal", role: "lawFirm", key: true },
  { name: "staff-offers", path: "/staff/employment", role: "officeStaff", key: true },
  { name: "enterprise-dashboard", path: "/employment", role: "enterprise", key: true },
  { name: "staff-eligibility", path: "/staff/awards", role: "officeStaff", key: true },
  { name: "staff-nominations", path: "/staff/nominations", role: "officeStaff", key: true },
  { name: "honour-roll", path: "/honour-roll", role: "anonymous", key: true },
  { name: "bureau-oversight", path: "/staff/oversight", role: "bureauAdmin", key: true },
];
const onlyPages = args.get("pages")?.split(",");
// --no-baselines leaves /healthz and the trivial route out (their bars read "–"): with --cpu-prof, a
// profile of the named pages alone.
const selected = targets.filter(
  (target) =>
    (!onlyPages || onlyPages.includes(target.name) || !target.key) &&
    (target.key || !args.has("no-baselines")),
);

// The bench's own modules (sessions, micro-benchmarks) read the same environment as the server.
process.env.DATABASE_URL = databaseUrl;
process.env.NODE_ENV = "production";

const log = (text: string) => process.stdout.write(`${text}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------
// Database: the scale data set, seeded when missing.

async function ensureScaleDatabase() {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  const admin = postgres(Object.assign(new URL(databaseUrl), { pathname: "/postgres" }).toString(), {
    max: 1,
    onnotice: () => {},
  });
  const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
  if (!exists) await admin.unsafe(`create database "${name.replaceAll('"', '""')}"`);
  await admin.end();
  const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  let seeded = false;
  try {
    // The base scale data and the later domains' share (added to an older scale database).
    const [row] =
      await db`select count(*)::int as n from app_meta where key in ('scale_seed', 'scale_seed_domains')`;
    seeded = row?.n === 2;
  } catch {
    seeded = false;
  }
  await db.end();
  if (!seeded) {
    log(`Seeding the scale data set into ${name} (once; several minutes)…`);
    execFileSync(process.execPath, ["--import", "tsx", "scripts/seed.ts", "--scale"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: databaseUrl, ENCRYPTION_KEYS: encryptionKeys(), APP_URL: base },
    });
  }
}

/** The bench's own key file (the scale seed encrypts with it; the server must decrypt with it). */
function encryptionKeys(): string {
  if (process.env.ENCRYPTION_KEYS) return process.env.ENCRYPTION_KEYS;
  const file = path.join(root, "bench", ".encryption-keys");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `bench:${randomBytes(32).toString("base64")}\n`, { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

// ---------------------------------------------------------------------------------------------------
// Server.

interface RunningServer {
  child: ChildProcess;
  stop(): Promise<void>;
  /** CPU seconds (user + system) used so far by the server's processes. */
  cpuSeconds(): number;
}

function processTree(pid: number): number[] {
  const pids = [pid];
  for (const each of pids) {
    try {
      for (const task of readdirSync(`/proc/${each}/task`)) {
        const children = readFileSync(`/proc/${each}/task/${task}/children`, "utf8").trim();
        if (children) pids.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // gone
    }
  }
  return pids;
}

function cpuSecondsOf(pids: number[]): number {
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // gone
    }
  }
  return total;
}

async function startServer(
  workers: number,
  at: { root: string; port: number } = { root: serverRoot, port },
): Promise<RunningServer> {
  const profileDir = path.join(root, "bench", "profiles");
  if (args.has("cpu-prof")) mkdirSync(profileDir, { recursive: true });
  const child = spawn(
    process.execPath,
    [
      ...(args.has("cpu-prof") ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
      // As `npm start` runs it (package.json): a larger young generation, fewer scavenges.
      "--max-semi-space-size=64",
      "--import",
      "tsx",
      "server/index.ts",
    ],
    {
      cwd: at.root,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: databaseUrl,
        ENCRYPTION_KEYS: encryptionKeys(),
        PORT: String(at.port),
        HOST: "127.0.0.1",
        // Production on PostgreSQL requires the public origin (the host check answers only it).
        APP_URL: `http://127.0.0.1:${at.port}`,
        WEB_CONCURRENCY: String(workers),
        BENCH_MODE: "true",
        JOBS_ENABLED: "false",
        SEED_DEMO_DATA: "false",
        LOG_LEVEL: "warn",
        RESEND_API_KEY: "",
      },
    },
  );
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`The server stopped:\n${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${at.port}/healthz`);
      if (response.ok && (workers === 1 || output.includes("is ready"))) break;
    } catch {
      // not yet
    }
    await sleep(500);
  }
  return {
    child,
    cpuSeconds: () => cpuSecondsOf(processTree(child.pid!)),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 8000).unref();
      }),
  };
}

// ---------------------------------------------------------------------------------------------------
// Sessions: created in the database for the scale accounts (no sign-in form, no rate limit, no TOTP).

/**
 * Runs every due job of the registry to the end before the server starts, and the server then runs
 * none (JOBS_ENABLED=false): after a fresh scale seed the backlog (retention check-ins, referral
 * expiry, the oversight refresh) costs minutes of CPU that would otherwise land inside the page
 * measurements. The dashboards then read the summary rows this refresh built.
 */
async function settleJobs() {
  const { connectDatabase } = await import("~/utils/db.server");
  const { createJobRunner } = await import("~/domains/jobs/registry.server");
  const { portalJobs } = await import("~/domains/jobs/portal-jobs.server");
  const connection = await connectDatabase({ databaseUrl, maxConnections: 2 });
  const started = Date.now();
  try {
    const runner = createJobRunner({ db: connection.db, jobs: portalJobs(undefined) });
    for (let round = 0; round < 20; round++) {
      const reports = await runner.runDue();
      for (const report of reports.filter((each) => each.error)) log(`  job ${report.name}: ${report.error}`);
      if (!reports.some((report) => report.outcome?.again)) break;
    }
  } finally {
    await connection.close();
  }
  log(
    `Jobs settled in ${((Date.now() - started) / 1000).toFixed(1)} s; the server runs none while measured.`,
  );
}

async function sessionCookies(): Promise<Record<RoleName, string | undefined>> {
  const { connectDatabase } = await import("~/utils/db.server");
  const { createSession } = await import("~/domains/accounts/sessions.server");
  const { scaleAccounts } = await import("#db/seed-scale");
  const connection = await connectDatabase({ databaseUrl, maxConnections: 1 });
  const cookies: Record<RoleName, string | undefined> = {
    anonymous: undefined,
    volunteer: undefined,
    officeStaff: undefined,
    bureauAdmin: undefined,
    provider: undefined,
    enterprise: undefined,
    lawFirm: undefined,
  };
  const { sql } = await import("drizzle-orm");
  // The organizations' pages are measured as the busiest one of each kind in the scale data.
  const busiest = {
    provider: sql`select u.id, u.role from users u join providers p on p.organization_id = u.organization_id
      where u.role = 'provider_member' and u.email like '%@scale.portal'
      order by (select count(*) from referrals r where r.provider_id = p.id) desc, u.email limit 1`,
    enterprise: sql`select u.id, u.role from users u where u.role = 'enterprise_member' and u.email like '%@scale.portal'
      order by (select count(*) from job_offers o where o.enterprise_id = u.organization_id) desc, u.email limit 1`,
    lawFirm: sql`select u.id, u.role from users u where u.role = 'law_firm_admin' and u.email like '%@scale.portal'
      order by (select count(*) from consultation_bookings b where b.law_firm_id = u.organization_id) desc, u.email limit 1`,
  };
  try {
    for (const role of [
      "volunteer",
      "officeStaff",
      "bureauAdmin",
      "provider",
      "enterprise",
      "lawFirm",
    ] as const) {
      const rows = await connection.db.execute<{ id: string; role: "volunteer" }>(
        role in busiest
          ? busiest[role as keyof typeof busiest]
          : sql`select id, role from users where email = ${scaleAccounts[role as keyof typeof scaleAccounts]}`,
      );
      const user = (rows as unknown as { id: string; role: "volunteer" }[])[0];
      if (!user) throw new Error(`No scale account for ${role}: run npm run db:seed -- --scale`);
      const { token } = await createSession(connection.db, {
        userId: user.id,
        role: user.role,
        twoFactorVerified: true,
        userAgent: "npm run bench",
      });
      cookies[role] = `session=${token}`;
    }
  } finally {
    await connection.close();
  }
  return cookies;
}

// ---------------------------------------------------------------------------------------------------
// Load.

interface LoadResult {
  responses: number;
  seconds: number;
  rps: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** Server CPU milliseconds per response (all its processes). */
  cpuMsPerRequest?: number;
}

function load(
  url: string,
  connections: number,
  seconds: number,
  cookie?: string,
  amount?: number,
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(root, "scripts/bench/loadgen.ts"),
        JSON.stringify({ url, connections, seconds, amount, headers: cookie ? { cookie } : {} }),
      ],
      { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      resolve(JSON.parse(output.trim().split("\n").pop()!) as LoadResult);
    });
  });
}

async function measure(
  server: RunningServer,
  target: Target,
  cookie: string | undefined,
  connections: number,
  seconds: number,
) {
  await load(`${base}${target.path}`, Math.min(connections, 10), WARMUP, cookie);
  const before = server.cpuSeconds();
  const result = await load(`${base}${target.path}`, connections, seconds, cookie);
  const cpu = server.cpuSeconds() - before;
  result.cpuMsPerRequest = result.responses > 0 ? (cpu * 1000) / result.responses : undefined;
  return result;
}

/** The page's size in bytes (uncompressed), of the last of the requests `sqlStatements` made. */
const pageBytes = new Map<string, number>();

async function sqlStatements(target: Target, cookie: string | undefined): Promise<number | null> {
  const counts: number[] = [];
  for (let index = 0; index < 5; index += 1) {
    const response = await fetch(`${base}${target.path}`, {
      headers: { "x-bench-count-sql": "1", ...(cookie ? { cookie } : {}) },
      redirect: "manual",
    });
    const body = Buffer.from(await response.arrayBuffer());
    pageBytes.set(target.name, body.length);
    // --dump-html=<dir>: each page as the bench's user gets it, to look at what a request costs.
    const dump = args.get("dump-html");
    if (dump) {
      mkdirSync(dump, { recursive: true });
      writeFileSync(path.join(dump, `${target.name}.html`), body);
    }
    const header = response.headers.get("x-sql-statements");
    if (header === null) return null;
    counts.push(Number(header));
  }
  return Math.max(...counts.slice(1));
}

// ---------------------------------------------------------------------------------------------------
// First-load JavaScript per route, from the client build's Remix manifest.

function firstLoadJs(): Record<string, number> {
  const assets = path.join(serverRoot, "build/client/assets");
  const manifestFile = readdirSync(assets).find((file) => /^manifest-.*\.js$/.test(file));
  if (!manifestFile) return {};
  const text = readFileSync(path.join(assets, manifestFile), "utf8");
  const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as {
    entry: { module: string; imports: string[] };
    routes: Record<
      string,
      { id: string; parentId?: string; path?: string; index?: boolean; module: string; imports?: string[] }
    >;
  };
  const gzipped = new Map<string, number>();
  const size = (file: string) => {
    if (!gzipped.has(file)) {
      const full = path.join(serverRoot, "build/client", file);
      gzipped.set(file, existsSync(full) ? gzipSync(readFileSync(full)).length : 0);
    }
    return gzipped.get(file)!;
  };
  const result: Record<string, number> = {};
  for (const route of Object.values(manifest.routes)) {
    if (route.id === "root") continue;
    const files = new Set<string>([
      `/assets/${manifestFile}`,
      manifest.entry.module,
      ...manifest.entry.imports,
    ]);
    for (
      let each: typeof route | undefined = route;
      each;
      each = each.parentId ? manifest.routes[each.parentId] : undefined
    ) {
      files.add(each.module);
      for (const file of each.imports ?? []) files.add(file);
    }
    result[route.id.replace(/^routes\//, "")] = [...files].reduce((sum, file) => sum + size(file), 0);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Micro-benchmarks: pure cores and hot queries, each as a median time per call.

async function timeIt(fn: () => unknown | Promise<unknown>, budgetMs = quick ? 150 : 400): Promise<number> {
  for (let index = 0; index < 20; index += 1) await fn();
  const samples: number[] = [];
  const until = performance.now() + budgetMs;
  while (performance.now() < until || samples.length < 30) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
    if (samples.length > 100_000) break;
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

async function timeSync(fn: () => unknown, batch = 1000): Promise<number> {
  return (
    (await timeIt(() => {
      for (let index = 0; index < batch; index += 1) fn();
    })) / batch
  );
}

async function microBenchmarks(): Promise<{
  results: MicroResult[];
  totalsPlan: string;
  gap: number | null;
  gapNeeds: number;
}> {
  process.env.ENCRYPTION_KEYS = encryptionKeys();
  const { connectDatabase } = await import("~/utils/db.server");
  const { starLevelFor, progressToNext } = await import("~/domains/volunteers/star-levels");
  const { apportionHours, hoursOf } = await import("~/domains/volunteers/format");
  const { addWorkingDays, workingDaysBetween, WEEKENDS_ONLY } =
    await import("~/domains/calendar/working-days");
  const { hashAuditRow } = await import("~/domains/audit/chain");
  const { volunteerTotals } = await import("~/domains/volunteers/totals.server");
  const { volunteerDashboard } = await import("~/domains/volunteers/dashboard.server");
  const { sql } = await import("drizzle-orm");
  const connection = await connectDatabase({ databaseUrl, maxConnections: 2 });
  const db = connection.db;
  const raw = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [busiest] = await raw`
      select p.user_id, p.approved_records from volunteer_profiles p
      join users u on u.id = p.user_id where u.email = 'volunteer00001@scale.portal'`;
    const [median] = await raw`
      select user_id from volunteer_profiles where status = 'approved'
      order by approved_records offset (select count(*) / 2 from volunteer_profiles where status = 'approved') limit 1`;
    const busyId = busiest!.user_id as string;
    const medianId = median!.user_id as string;
    const results: MicroResult[] = [];
    const baseline = await timeIt(() => db.execute(sql`select id from users where id = ${busyId}`));
    results.push({ name: "query: users by primary key (baseline)", ms: baseline });
    const add = (name: string, ms: number, note?: string) =>
      results.push({ name, ms, baseline: "users by primary key", ratio: ms / baseline, note });
    add(
      "query: volunteer totals, busiest volunteer",
      await timeIt(() => volunteerTotals(db, busyId)),
      `${busiest!.approved_records as number} approved records`,
    );
    add("query: volunteer totals, median volunteer", await timeIt(() => volunteerTotals(db, medianId)));
    add(
      "query: volunteer dashboard data, busiest volunteer",
      await timeIt(() => volunteerDashboard(db, busyId)),
    );
    add(
      "query: volunteer dashboard data, median volunteer",
      await timeIt(() => volunteerDashboard(db, medianId)),
    );
    const [plan] = await raw.unsafe(
      `explain (format text) select approved_minutes, approved_records, activities_served, last_service_on, star_level
       from volunteer_profiles where user_id = $1`,
      [busyId],
    );
    const totalsPlan = String(Object.values(plan ?? {})[0] ?? "");
    const thresholds = [6000, 18000, 36000, 60000, 90000];
    results.push({ name: "pure: starLevelFor", ms: await timeSync(() => starLevelFor(47_875, thresholds)) });
    results.push({
      name: "pure: progressToNext",
      ms: await timeSync(() => progressToNext(47_875, thresholds)),
    });
    const shares = Array.from({ length: 50 }, (_, index) => 30 + ((index * 37) % 450));
    results.push({
      name: "pure: apportionHours (50 rows)",
      ms: await timeSync(() => apportionHours(shares, 1), 100),
    });
    results.push({
      name: "pure: hoursOf (cached formatter)",
      ms: await timeSync(() => hoursOf(150, "zh-CN")),
    });
    results.push({
      name: "pure: addWorkingDays (+20)",
      ms: await timeSync(() => addWorkingDays("2026-09-25", 20, WEEKENDS_ONLY), 100),
    });
    results.push({
      name: "pure: workingDaysBetween (1 year)",
      ms: await timeSync(() => workingDaysBetween("2026-01-01", "2026-12-31", WEEKENDS_ONLY), 100),
    });
    const auditContent = {
      sequence: 1,
      actorId: busyId,
      action: "view",
      entityType: "subject",
      entityId: medianId,
      caseCode: "AB12-CD34-EF56",
      purpose: "bench",
      ipAddress: "127.0.0.1",
      createdAt: new Date("2026-05-01T00:00:00Z").toISOString(),
    };
    results.push({
      name: "pure: hashAuditRow",
      ms: await timeSync(() => hashAuditRow("0".repeat(64), auditContent as never), 100),
    });
    // The legal, employment, matching and awards cores and hot queries (scripts/bench/domains.ts).
    const { domainMicroBenchmarks } = await import("./bench/domains");
    const { gap, gapNeeds } = await domainMicroBenchmarks(
      db,
      raw,
      { timeIt: (fn) => timeIt(fn), timeSync: (fn, batch) => timeSync(fn, batch) },
      add,
      (name, ms, note) =>
        results.push({ name, ms, baseline: "users by primary key", ratio: ms / baseline, note }),
      { quick },
    );
    // The oversight summary refresh and dashboard queries (scripts/bench-oversight.ts).
    const { benchOversight } = await import("./bench-oversight");
    results.push(
      ...(await benchOversight({ db, timeIt: (fn, budget) => timeIt(fn, budget), baselineMs: baseline })),
    );
    return { results, totalsPlan, gap, gapNeeds };
  } finally {
    await raw.end();
    await connection.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Lighthouse (mobile preset, the system Chromium).

interface LighthouseResult {
  page: string;
  performance: number | null;
  accessibility: number | null;
  error?: string;
}

/** Waits (up to 15 s) until the server has used under 2 % of a core for a second. */
async function settled(server: RunningServer): Promise<void> {
  const until = Date.now() + 15_000;
  let before = server.cpuSeconds();
  while (Date.now() < until) {
    await sleep(1_000);
    const now = server.cpuSeconds();
    if (now - before < 0.02) return;
    before = now;
  }
}

function lighthouse(page: string, url: string, cookie: string | undefined): LighthouseResult {
  const binary = path.join(root, "node_modules/.bin/lighthouse");
  if (!existsSync(binary))
    return { page, performance: null, accessibility: null, error: "lighthouse not installed" };
  if (!existsSync(chromium))
    return { page, performance: null, accessibility: null, error: `no Chromium at ${chromium}` };
  const out = path.join(os.tmpdir(), `portal-lighthouse-${process.pid}-${page}.json`);
  try {
    execFileSync(
      binary,
      [
        url,
        `--chrome-path=${chromium}`,
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        "--only-categories=performance,accessibility",
        "--output=json",
        `--output-path=${out}`,
        "--quiet",
        ...(cookie ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : []),
      ],
      {
        stdio: ["ignore", "ignore", "pipe"],
        timeout: 180_000,
        env: { ...process.env, CHROME_PATH: chromium },
      },
    );
    const report = JSON.parse(readFileSync(out, "utf8")) as {
      categories: Record<string, { score: number | null }>;
    };
    const score = (key: string) => {
      const value = report.categories[key]?.score;
      return value === null || value === undefined ? null : Math.round(value * 100);
    };
    return { page, performance: score("performance"), accessibility: score("accessibility") };
  } catch (error) {
    return { page, performance: null, accessibility: null, error: (error as Error).message.split("\n")[0] };
  }
}

// ---------------------------------------------------------------------------------------------------
// Bars and report.

interface Bar {
  bar: string;
  value: string;
  pass: boolean | null;
}

const fmt = (value: number | null | undefined, digits = 0) =>
  value === null || value === undefined || Number.isNaN(value) ? "–" : value.toFixed(digits);

/**
 * --compare=<checkout>: the same pages on two builds, this one (B) and another checkout's (A, built
 * there, its own node_modules), both servers up at once and measured in alternating bursts — A, B,
 * A, B… — so that a host whose speed drifts by tens of percent from minute to minute (a shared
 * machine) slows both alike. Prints the median req/s and CPU ms per request of each and B / A.
 */
async function compare(cookies: Record<RoleName, string | undefined>) {
  const rounds = Number(args.get("rounds") ?? 5);
  const seconds = Number(args.get("seconds") ?? 2);
  const sides = [
    { name: "A", root: path.resolve(args.get("compare")!), port: port + 1 },
    { name: "B", root: serverRoot, port },
  ];
  const servers = [];
  for (const side of sides) servers.push(await startServer(1, side));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const report: Record<string, Record<string, { rps: number[]; cpuMs: number[] }>> = {};
  try {
    log(`Compare: A = ${sides[0]!.root}, B = ${sides[1]!.root}; ${rounds} rounds of ${seconds} s each.`);
    for (const target of selected) {
      const cookie = cookies[target.role];
      const entry: Record<string, { rps: number[]; cpuMs: number[] }> = {};
      for (const side of sides) {
        await load(`http://127.0.0.1:${side.port}${target.path}`, 5, 0, cookie, quick ? 30 : 100);
        await load(`http://127.0.0.1:${side.port}${target.path}`, 10, WARMUP, cookie);
        entry[side.name] = { rps: [], cpuMs: [] };
      }
      for (let round = 0; round < rounds; round += 1) {
        for (const [index, side] of sides.entries()) {
          const server = servers[index]!;
          const before = server.cpuSeconds();
          const result = await load(`http://127.0.0.1:${side.port}${target.path}`, 50, seconds, cookie);
          const cpu = server.cpuSeconds() - before;
          if (result.errors + result.timeouts + result.non2xx > 0)
            throw new Error(`${side.name} ${target.path}: errors in the compare run`);
          entry[side.name]!.rps.push(result.rps);
          entry[side.name]!.cpuMs.push((cpu * 1000) / Math.max(1, result.responses));
        }
      }
      report[target.name] = entry;
      const a = entry.A!;
      const b = entry.B!;
      log(
        `  ${target.name.padEnd(22)} req/s ${fmt(median(a.rps)).padStart(5)} → ${fmt(median(b.rps)).padStart(5)}` +
          ` (× ${(median(b.rps) / median(a.rps)).toFixed(2)})` +
          ` | CPU ms/req ${fmt(median(a.cpuMs), 2)} → ${fmt(median(b.cpuMs), 2)}` +
          ` | rounds A ${a.rps.map((v) => fmt(v)).join("/")} B ${b.rps.map((v) => fmt(v)).join("/")}`,
      );
    }
  } finally {
    for (const server of servers) await server.stop();
  }
  const out = args.get("out");
  if (out) writeFileSync(path.resolve(out), JSON.stringify({ sides, rounds, seconds, report }, null, 2));
}

async function main() {
  const started = Date.now();
  const loadAverage = os.loadavg();
  log(
    `npm run bench — ${new Date().toISOString()}, ${os.cpus().length} cores, load ${loadAverage.map((v) => v.toFixed(2)).join(" ")}`,
  );
  if (!args.has("skip-build")) {
    log("Building…");
    execFileSync("npm", ["run", "build"], { cwd: serverRoot, stdio: ["ignore", "ignore", "inherit"] });
  }
  await ensureScaleDatabase();
  await settleJobs();
  const cookies = await sessionCookies();
  if (args.has("compare")) {
    await compare(cookies);
    return;
  }

  const pages: Record<
    string,
    {
      path: string;
      role: RoleName;
      key: boolean;
      c50?: LoadResult;
      c10?: LoadResult;
      c50TwoWorkers?: LoadResult;
      sql?: number | null;
    }
  > = {};
  const workerCounts = (args.get("workers") ?? "1,2").split(",").map(Number);
  for (const workers of workerCounts) {
    log(`\nServer with ${workers} web worker(s)…`);
    const server = await startServer(workers);
    try {
      // Warm-up: every page a fixed number of times first, so that no page pays for V8's optimizing
      // compiler, the pool's first connections or the first render of a shared component.
      for (const target of selected) {
        await load(`${base}${target.path}`, 5, 0, cookies[target.role], quick ? 30 : 100);
      }
      for (const target of selected) {
        const cookie = cookies[target.role];
        const entry = (pages[target.name] ??= { path: target.path, role: target.role, key: target.key });
        if (workers === 1) {
          entry.sql = await sqlStatements(target, cookie);
          entry.c50 = await measure(server, target, cookie, 50, SECONDS_50);
          entry.c10 = await measure(server, target, cookie, 10, SECONDS_10);
          log(
            `  ${target.name.padEnd(18)} ${fmt(entry.c50.rps).padStart(6)} req/s  p50 ${fmt(entry.c50.p50)} p95 ${fmt(entry.c50.p95)} p99 ${fmt(entry.c50.p99)} ms` +
              ` | 10c p95 ${fmt(entry.c10.p95)} ms | ${fmt(entry.c50.cpuMsPerRequest, 2)} CPU ms/req | SQL ${entry.sql ?? "–"}` +
              ` | ${fmt((pageBytes.get(target.name) ?? NaN) / 1024, 1)} KB` +
              ` | errors ${entry.c50.errors + entry.c50.timeouts + entry.c50.non2xx + entry.c10.errors + entry.c10.timeouts + entry.c10.non2xx}`,
          );
        } else {
          entry.c50TwoWorkers = await measure(
            server,
            target,
            cookie,
            50,
            Math.max(2, Math.round(SECONDS_50 * 0.6)),
          );
          log(
            `  ${target.name.padEnd(18)} ${fmt(entry.c50TwoWorkers.rps).padStart(6)} req/s  p95 ${fmt(entry.c50TwoWorkers.p95)} ms`,
          );
        }
      }
      if (workers === workerCounts[0] && !args.has("no-lighthouse")) {
        log("\nLighthouse (mobile)…");
        // Lighthouse's simulated throttling scales with the CPU it sees: right after the load phases
        // the server (its collector) and PostgreSQL (autovacuum) were still busy, and one run scored
        // the landing page 80 where a run on a settled server scores 100.
        await settled(server);
        lighthouseResults.push(lighthouse("landing", `${base}/`, undefined));
        lighthouseResults.push(lighthouse("vol-dashboard", `${base}/dashboard`, cookies.volunteer));
        lighthouseResults.push(lighthouse("staff-dashboard", `${base}/dashboard`, cookies.officeStaff));
        for (const each of lighthouseResults) {
          log(
            `  ${each.page.padEnd(18)} performance ${fmt(each.performance)} accessibility ${fmt(each.accessibility)}${each.error ? ` (${each.error})` : ""}`,
          );
        }
      }
    } finally {
      await server.stop();
    }
  }

  log("\nMicro-benchmarks…");
  const micro = args.has("no-micro")
    ? { results: [], totalsPlan: "", gap: null, gapNeeds: 0 }
    : await microBenchmarks();
  for (const each of micro.results) {
    log(
      `  ${each.name.padEnd(52)} ${fmt(each.ms * 1000, 2).padStart(10)} µs${each.ratio ? `  ×${fmt(each.ratio, 2)} of ${each.baseline}` : ""}`,
    );
  }
  const bundles = firstLoadJs();

  // Bars.
  const bars: Bar[] = [];
  const healthz = pages.healthz?.c50?.rps ?? NaN;
  const trivial = pages.trivial?.c50?.rps ?? NaN;
  bars.push({
    bar: "trivial route ≥ 0.5 × /healthz (1 worker, 50 connections)",
    value: fmt(trivial / healthz, 2),
    pass: trivial / healthz >= 0.5,
  });
  for (const [name, page] of Object.entries(pages)) {
    if (!page.key || !page.c50 || !page.c10) continue;
    bars.push({
      bar: `${name}: ≥ 0.5 × trivial route`,
      value: fmt(page.c50.rps / trivial, 2),
      pass: page.c50.rps / trivial >= 0.5,
    });
    bars.push({
      bar: `${name}: p95 ≤ 50 ms at 10 connections`,
      value: `${fmt(page.c10.p95)} ms`,
      pass: (page.c10.p95 ?? Infinity) <= 50,
    });
    bars.push({
      bar: `${name}: ≤ 5 SQL statements`,
      value: String(page.sql ?? "–"),
      pass: page.sql === null || page.sql === undefined ? null : page.sql <= 5,
    });
  }
  const errors = Object.values(pages).reduce(
    (sum, page) =>
      sum +
      [page.c50, page.c10, page.c50TwoWorkers].reduce(
        (inner, run) => inner + (run ? run.errors + run.timeouts + run.non2xx : 0),
        0,
      ),
    0,
  );
  bars.push({ bar: "0 errors (all runs)", value: String(errors), pass: errors === 0 });
  const totals = micro.results.find((each) => each.name === "query: volunteer totals, busiest volunteer");
  if (totals) {
    const indexed = /Index Scan using volunteer_profiles_pkey/.test(micro.totalsPlan);
    bars.push({
      bar: "volunteer totals: one indexed row read",
      value: indexed ? "index scan on volunteer_profiles_pkey" : micro.totalsPlan,
      pass: indexed,
    });
    bars.push({
      bar: "volunteer totals ≤ 2 ms (busiest volunteer)",
      value: `${fmt(totals.ms, 3)} ms`,
      pass: totals.ms <= 2,
    });
  }
  if (!args.has("no-micro")) {
    const { microBars, gapBar } = await import("./bench/domains");
    bars.push(...microBars(micro.results), gapBar(micro.gap, micro.gapNeeds));
  }
  const biggest = Object.entries(bundles).sort((a, b) => b[1] - a[1])[0];
  if (biggest) {
    bars.push({
      bar: "first-load JS ≤ 150 KB gzip on every route",
      value: `max ${fmt(biggest[1] / 1024, 1)} KB (${biggest[0]})`,
      pass: biggest[1] <= 150 * 1024,
    });
  }
  for (const each of lighthouseResults) {
    bars.push({
      bar: `Lighthouse ${each.page}: performance ≥ 90`,
      value: fmt(each.performance),
      pass: each.performance === null ? null : each.performance >= 90,
    });
    bars.push({
      bar: `Lighthouse ${each.page}: accessibility ≥ 95`,
      value: fmt(each.accessibility),
      pass: each.accessibility === null ? null : each.accessibility >= 95,
    });
  }
  const minutes = (Date.now() - started) / 60_000;
  bars.push({ bar: "npm run bench < 20 minutes", value: `${fmt(minutes, 1)} min`, pass: minutes < 20 });

  log("\nBars:");
  for (const each of bars) {
    log(`  ${each.pass === null ? "SKIP" : each.pass ? "PASS" : "FAIL"}  ${each.bar}: ${each.value}`);
  }

  const results = {
    at: new Date().toISOString(),
    machine: { cores: os.cpus().length, loadAverageAtStart: loadAverage, loadAverageAtEnd: os.loadavg() },
    settings: {
      seconds50: SECONDS_50,
      seconds10: SECONDS_10,
      database: new URL(databaseUrl).pathname.slice(1),
    },
    pages,
    firstLoadJsGzipBytes: bundles,
    micro: micro.results,
    totalsPlan: micro.totalsPlan,
    lighthouse: lighthouseResults,
    bars,
  };
  const out = path.resolve(root, args.get("out") ?? "bench/results.json");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  if (!args.has("out")) writeResultsMarkdown(results);
  log(
    `\nWrote ${path.relative(root, out)}${args.has("out") ? "" : " and bench/RESULTS.md"} (${fmt(minutes, 1)} min).`,
  );
}

const lighthouseResults: LighthouseResult[] = [];

function writeResultsMarkdown(results: {
  at: string;
  machine: { cores: number; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  settings: { seconds50: number; seconds10: number };
  pages: Record<
    string,
    {
      path: string;
      role: RoleName;
      key: boolean;
      c50?: LoadResult;
      c10?: LoadResult;
      c50TwoWorkers?: LoadResult;
      sql?: number | null;
    }
  >;
  firstLoadJsGzipBytes: Record<string, number>;
  micro: MicroResult[];
  lighthouse: LighthouseResult[];
  bars: Bar[];
}) {
  const healthz = results.pages.healthz?.c50?.rps ?? NaN;
  const trivial = results.pages.trivial?.c50?.rps ?? NaN;
  const lines: string[] = [
    `Run of ${results.at} on ${results.machine.cores} cores; load average ${results.machine.loadAverageAtStart.map((v) => v.toFixed(2)).join(" / ")} at the start, ${results.machine.loadAverageAtEnd.map((v) => v.toFixed(2)).join(" / ")} at the end (the machine is shared: compare ratios). ${results.settings.seconds50} s per page at 50 connections, ${results.settings.seconds10} s at 10.`,
    "",
    "| page | role | req/s (1 worker) | × trivial | × /healthz | p50 | p95 | p99 | p95 @10 | CPU ms/req | SQL | errors | req/s (2 workers) |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const [name, page] of Object.entries(results.pages)) {
    const c50 = page.c50;
    const errs = [page.c50, page.c10, page.c50TwoWorkers].reduce(
      (sum, run) => sum + (run ? run.errors + run.timeouts + run.non2xx : 0),
      0,
    );
    lines.push(
      `| ${name} \`${page.path}\` | ${page.role} | ${fmt(c50?.rps)} | ${fmt((c50?.rps ?? NaN) / trivial, 2)} | ${fmt((c50?.rps ?? NaN) / healthz, 2)} | ${fmt(c50?.p50)} | ${fmt(c50?.p95)} | ${fmt(c50?.p99)} | ${fmt(page.c10?.p95)} | ${fmt(c50?.cpuMsPerRequest, 2)} | ${page.sql ?? "–"} | ${errs} | ${fmt(page.c50TwoWorkers?.rps)} |`,
    );
  }
  lines.push(
    "",
    "Latencies in ms. CPU ms/req: the server's CPU time (all processes) over the responses of the 50-connection run.",
    "",
  );
  lines.push("| micro-benchmark | median | × baseline |", "|---|---:|---:|");
  for (const each of results.micro) {
    lines.push(
      `| ${each.name}${each.note ? ` (${each.note})` : ""} | ${fmt(each.ms * 1000, 2)} µs | ${each.ratio ? fmt(each.ratio, 2) : "–"} |`,
    );
  }
  lines.push("", "| route | first-load JS (gzip) |", "|---|---:|");
  for (const [route, bytes] of Object.entries(results.firstLoadJsGzipBytes).sort((a, b) => b[1] - a[1])) {
    lines.push(`| ${route} | ${fmt(bytes / 1024, 1)} KB |`);
  }
  if (results.lighthouse.length > 0) {
    lines.push("", "| Lighthouse (mobile) | performance | accessibility |", "|---|---:|---:|");
    for (const each of results.lighthouse) {
      lines.push(
        `| ${each.page} | ${fmt(each.performance)} | ${fmt(each.accessibility)}${each.error ? ` (${each.error})` : ""} |`,
      );
    }
  }
  lines.push("", "| bar | value | result |", "|---|---|---|");
  for (const each of results.bars)
    lines.push(
      `| ${each.bar} | ${each.value} | ${each.pass === null ? "skipped" : each.pass ? "pass" : "**fail**"} |`,
    );

  const file = path.join(root, "bench/RESULTS.md");
  const start = "<!-- bench:start -->";
  const end = "<!-- bench:end -->";
  const generated = `${start}\n${lines.join("\n")}\n${end}`;
  const current = existsSync(file)
    ? readFileSync(file, "utf8")
    : `# Benchmark results\n\nThe latest \`npm run bench\` run (generated between the markers), then the optimizations.\n\n${start}\n${end}\n`;
  writeFileSync(
    file,
    current.includes(start)
      ? current.replace(new RegExp(`${start}[\\s\\S]*${end}`), generated)
      : `${current}\n${generated}\n`,
  );
}

await main();
process.exit(0);
