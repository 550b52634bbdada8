import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Database, type DbOrTx, selectRows } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";

/**
 * The recurring work of the portal (ADR 006). Every web process and every `npm run dispatch` worker
 * runs the same registry; a guarded job runs once per interval across all of them, because its turn is
 * claimed with one conditional UPDATE of its `job_runs` row (whoever's UPDATE matches first owns the
 * run until its lease ends). A concurrent job (email dispatch) runs in every instance: it guards its
 * own rows (SKIP LOCKED), so more instances deliver faster.
 */
export interface JobContext {
  db: Database;
  /** The instant this run is for (the injectable clock at the claim). */
  now: Date;
}

export interface JobDefinition {
  name: string;
  /** How long after a run starts the next one is due. */
  intervalMs: number;
  /**
   * `guarded` (default): once per interval across all instances, claimed in `job_runs`.
   * `concurrent`: every instance on every tick; the job must be safe to run side by side.
   */
  mode?: "guarded" | "concurrent";
  /** How long a claim holds before another instance may take over a run that never finished. */
  leaseMs?: number;
  /** What the run did, for the log; return `{ again: true }` to run again at once (a backlog). */
  run(context: JobContext): Promise<JobOutcome | void>;
}

export interface JobOutcome {
  summary?: string;
  again?: boolean;
}

const DEFAULT_LEASE_MS = 5 * 60_000;

/** An instant as a query parameter (both drivers take the ISO text). */
const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

/**
 * Claims the job's run that is due at `now` for `workerId`, or answers when it is due next. The row is
 * created on first sight (due at once). The claim moves `next_run_at` on by the interval, so a second
 * instance asking at the same instant finds it not due; the lease only matters for a run that never
 * finished (a killed process), which another instance takes over once both the lease and the turn
 * have passed.
 */
export async function claimJob(
  db: DbOrTx,
  job: Pick<JobDefinition, "name" | "intervalMs" | "leaseMs">,
  workerId: string,
  now: Date,
): Promise<{ claimed: true } | { claimed: false; nextRunAt: Date }> {
  const leaseUntil = new Date(now.getTime() + (job.leaseMs ?? DEFAULT_LEASE_MS));
  const nextRunAt = new Date(now.getTime() + job.intervalMs);
  await db.execute(
    sql`insert into job_runs (name, next_run_at) values (${job.name}, ${at(now)}) on conflict (name) do nothing`,
  );
  const claimed = await selectRows<{ name: string }>(
    db,
    sql`
      update job_runs
      set leased_by = ${workerId}, lease_until = ${at(leaseUntil)}, last_started_at = ${at(now)},
          next_run_at = ${at(nextRunAt)}
      where name = ${job.name}
        and next_run_at <= ${at(now)}
        and (lease_until is null or lease_until <= ${at(now)})
      returning name`,
  );
  if (claimed.length > 0) return { claimed: true };
  const [row] = await selectRows<{ next_run_at: Date | string; lease_until: Date | string | null }>(
    db,
    sql`select next_run_at, lease_until from job_runs where name = ${job.name}`,
  );
  const due = new Date(row?.next_run_at ?? nextRunAt);
  const lease = row?.lease_until ? new Date(row.lease_until) : null;
  return { claimed: false, nextRunAt: lease && lease > due ? lease : due };
}

/** Records the end of this worker's run; a run whose lease another worker took over records nothing. */
export async function finishJob(db: DbOrTx, name: string, workerId: string, now: Date, error: string | null) {
  await db.execute(sql`
    update job_runs
    set leased_by = null, lease_until = null, last_finished_at = ${at(now)}, last_error = ${error},
        run_count = run_count + 1
    where name = ${name} and leased_by = ${workerId}`);
}

export interface JobRunReport {
  name: string;
  ran: boolean;
  outcome?: JobOutcome;
  error?: string;
  /** When this instance should look again. */
  nextCheckAt: Date;
}

/** Runs one job if it is this worker's turn (always, for a concurrent job). Never throws. */
export async function runJob(
  db: DbOrTx,
  job: JobDefinition,
  workerId: string,
  now: Date,
): Promise<JobRunReport> {
  const concurrent = job.mode === "concurrent";
  let nextCheckAt = new Date(now.getTime() + job.intervalMs);
  try {
    if (!concurrent) {
      const claim = await claimJob(db, job, workerId, now);
      if (!claim.claimed) return { name: job.name, ran: false, nextCheckAt: claim.nextRunAt };
    }
  } catch (error) {
    return { name: job.name, ran: false, error: messageOf(error), nextCheckAt };
  }
  let outcome: JobOutcome | undefined;
  let failure: string | undefined;
  try {
    outcome = (await job.run({ db, now })) ?? undefined;
    if (outcome?.again) nextCheckAt = now;
  } catch (error) {
    failure = messageOf(error);
  }
  if (!concurrent) {
    try {
      await finishJob(db, job.name, workerId, clock.now(), failure ?? null);
    } catch (error) {
      failure ??= messageOf(error);
    }
  }
  return { name: job.name, ran: true, outcome, error: failure, nextCheckAt };
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}

export interface JobRunner {
  readonly workerId: string;
  /** Runs every job that is due now on the clock (what one tick does); for tests and scripts. */
  runDue(): Promise<JobRunReport[]>;
  start(): void;
  /** Stops ticking and waits for the runs in progress. */
  stop(): Promise<void>;
}

export interface JobRunnerOptions {
  db: Database;
  jobs: readonly JobDefinition[];
  workerId?: string;
  /** How often the runner wakes to see which jobs this instance should try (default 1 s). */
  tickMs?: number;
  log?: (level: "info" | "warn" | "error", message: string) => void;
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const workerId = options.workerId ?? `worker-${randomUUID()}`;
  const tickMs = options.tickMs ?? 1_000;
  const log = options.log ?? (() => {});
  const names = new Set<string>();
  for (const job of options.jobs) {
    if (names.has(job.name)) throw new Error(`job registered twice: ${job.name}`);
    names.add(job.name);
  }
  // When this instance looks at each job again (local; the database decides whose turn it is).
  const nextCheck = new Map<string, number>();

  async function runDue(): Promise<JobRunReport[]> {
    const reports: JobRunReport[] = [];
    for (const job of options.jobs) {
      const now = clock.now();
      if ((nextCheck.get(job.name) ?? 0) > now.getTime()) continue;
      const report = await runJob(options.db, job, workerId, now);
      nextCheck.set(job.name, report.nextCheckAt.getTime());
      if (report.error) log("error", `job ${job.name}: ${report.error}`);
      else if (report.outcome?.summary) log("info", `job ${job.name}: ${report.outcome.summary}`);
      reports.push(report);
    }
    return reports;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;
  function schedule(delayMs: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runDue().then(
        (reports) => schedule(reports.some((report) => report.outcome?.again) ? 0 : tickMs),
        () => schedule(tickMs),
      );
    }, delayMs);
  }

  return {
    workerId,
    runDue,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
