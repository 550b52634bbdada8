import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { emailOutbox } from "#db/schema/notifications";
import { emailTranslator, type EmailLanguage } from "#emails/i18n";
import { EmailRenderError, renderEmail } from "#emails/registry";
import { type Database, type DbOrTx, selectRows } from "~/utils/db.server";
import type { Env } from "~/utils/env.server";
import { type BackoffOptions, retryDelay } from "./backoff";
import { createDevMailboxTransport, createResendTransport, type EmailTransport } from "./transport.server";

export interface ClaimedEmail {
  id: string;
  recipientEmail: string;
  language: EmailLanguage;
  template: string;
  data: unknown;
  idempotencyKey: string;
  /** Tries so far, this one included. */
  attempts: number;
  /** The origin of the mail's links, when the event gave one (else the dispatcher's appUrl). */
  linkOrigin: string | null;
}

export interface ClaimOptions {
  workerId: string;
  leaseMs: number;
  limit: number;
  maxAttempts: number;
}

/**
 * Takes due rows for this worker. SKIP LOCKED lets several dispatchers (app instances, workers) claim
 * side by side without waiting on or double-taking each other's rows; the lease hands the rows of a
 * dispatcher that died mid-send to the next one once it has expired. One statement, so it needs no
 * transaction of its own and works the same on PGlite.
 */
export async function claimDueEmails(db: DbOrTx, options: ClaimOptions): Promise<ClaimedEmail[]> {
  const rows = await selectRows<{
    id: string;
    recipient_email: string;
    language: string;
    template: string;
    data: unknown;
    idempotency_key: string;
    attempts: number;
    link_origin: string | null;
  }>(
    db,
    sql`
      with due as (
        select id from email_outbox
        where attempts < ${options.maxAttempts}
          and (
            (status = 'pending' and send_after <= now() and next_attempt_at <= now())
            or (status = 'sending' and locked_until < now())
          )
        order by next_attempt_at
        limit ${options.limit}
        for update skip locked
      )
      update email_outbox as o
      set status = 'sending',
          attempts = o.attempts + 1,
          locked_until = now() + ${Math.round(options.leaseMs)}::integer * interval '1 millisecond',
          locked_by = ${options.workerId},
          updated_at = now()
      from due
      where o.id = due.id
      returning o.id, o.recipient_email, o.language, o.template, o.data, o.idempotency_key, o.attempts, o.link_origin`,
  );
  return rows.map((row) => ({
    id: row.id,
    recipientEmail: row.recipient_email,
    language: row.language === "en" ? "en" : "zh-CN",
    template: row.template,
    // postgres.js hands jsonb over parsed; PGlite too — but a string would mean double encoding.
    data: typeof row.data === "string" ? (JSON.parse(row.data) as unknown) : row.data,
    idempotencyKey: row.idempotency_key,
    attempts: Number(row.attempts),
    linkOrigin: row.link_origin ?? null,
  }));
}

/** A dispatcher that died after its last allowed try leaves a row in 'sending' forever: declare it dead. */
async function buryExhausted(db: DbOrTx, maxAttempts: number): Promise<number> {
  const rows = await db
    .update(emailOutbox)
    .set({
      status: "dead",
      lockedUntil: null,
      lockedBy: null,
      lastError: sql`coalesce(${emailOutbox.lastError}, 'dispatcher stopped during the last try')`,
      updatedAt: sql`now()`,
    })
    .where(
      sql`${emailOutbox.status} = 'sending' and ${emailOutbox.lockedUntil} < now() and ${emailOutbox.attempts} >= ${maxAttempts}`,
    )
    .returning({ id: emailOutbox.id });
  return rows.length;
}

export interface DispatcherOptions {
  db: Database;
  transport: EmailTransport;
  /** Sender address; the display name is added per recipient language. */
  fromAddress: string;
  /** Public origin for links in mail. */
  appUrl: string;
  workerId?: string;
  batchSize?: number;
  leaseMs?: number;
  maxAttempts?: number;
  pollIntervalMs?: number;
  backoff?: BackoffOptions;
  log?: (level: "info" | "warn" | "error", message: string) => void;
}

export interface DispatchReport {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
}

export const DEFAULT_MAX_ATTEMPTS = 10;

export interface Dispatcher {
  readonly workerId: string;
  /** How many mails one batch claims at most (a full batch means there may be more waiting). */
  readonly batchSize: number;
  /** Claims and delivers one batch. */
  runOnce(): Promise<DispatchReport>;
  /** Polls until stop(); batches follow each other at once while there is a backlog. */
  start(): void;
  /** Stops polling and waits for the batch in progress. */
  stop(): Promise<void>;
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const workerId = options.workerId ?? `dispatcher-${randomUUID()}`;
  const batchSize = options.batchSize ?? 10;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const pollIntervalMs = options.pollIntervalMs ?? 1_500;
  const log = options.log ?? (() => {});
  const { db, transport } = options;

  // Every update is guarded by locked_by: if our lease ran out and another dispatcher took the row
  // over, its outcome wins and ours is dropped (the provider saw one idempotency key either way).
  const ownRow = (id: string) =>
    and(eq(emailOutbox.id, id), eq(emailOutbox.lockedBy, workerId), eq(emailOutbox.status, "sending"));

  async function markDead(id: string, error: string) {
    await db
      .update(emailOutbox)
      .set({ status: "dead", lockedUntil: null, lockedBy: null, lastError: error, updatedAt: sql`now()` })
      .where(ownRow(id));
  }

  async function deliver(email: ClaimedEmail): Promise<"sent" | "retried" | "dead"> {
    let rendered;
    try {
      // One origin for every link of the mail: the request's that caused it, or the dispatcher's.
      rendered = await renderEmail(
        email.template,
        email.data,
        email.language,
        email.linkOrigin ?? options.appUrl,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof EmailRenderError) {
        await markDead(email.id, message);
        return "dead";
      }
      throw error;
    }
    const displayName = emailTranslator(email.language)("brand.name");
    const result = await transport.send({
      from: `"${displayName}" <${options.fromAddress}>`,
      to: email.recipientEmail,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      attachments: rendered.attachments,
      idempotencyKey: email.idempotencyKey,
    });
    if (result.ok) {
      await db
        .update(emailOutbox)
        .set({
          status: "sent",
          sentAt: sql`now()`,
          providerMessageId: result.providerMessageId,
          lockedUntil: null,
          lockedBy: null,
          lastError: null,
          updatedAt: sql`now()`,
        })
        .where(ownRow(email.id));
      return "sent";
    }
    const error = `${result.status ?? "no answer"}: ${result.message}`.slice(0, 2000);
    if (result.failure === "permanent" || email.attempts >= maxAttempts) {
      log("warn", `email ${email.id} is dead after ${email.attempts} tries: ${error}`);
      await markDead(email.id, error);
      return "dead";
    }
    const delayMs = retryDelay(email.attempts, result.retryAfterMs, options.backoff);
    await db
      .update(emailOutbox)
      .set({
        status: "pending",
        nextAttemptAt: sql`now() + ${Math.round(delayMs)}::integer * interval '1 millisecond'`,
        lockedUntil: null,
        lockedBy: null,
        lastError: error,
        updatedAt: sql`now()`,
      })
      .where(ownRow(email.id));
    return "retried";
  }

  async function runOnce(): Promise<DispatchReport> {
    await buryExhausted(db, maxAttempts);
    const claimed = await claimDueEmails(db, { workerId, leaseMs, limit: batchSize, maxAttempts });
    const report: DispatchReport = { claimed: claimed.length, sent: 0, retried: 0, dead: 0 };
    for (const email of claimed) {
      report[await deliver(email)] += 1;
    }
    return report;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  function schedule(delayMs: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce().then(
        (report) => schedule(report.claimed === batchSize ? 0 : pollIntervalMs),
        (error: unknown) => {
          // A database hiccup must not stop delivery for good: log and poll again.
          log("error", `email dispatcher: ${error instanceof Error ? error.message : String(error)}`);
          schedule(pollIntervalMs);
        },
      );
    }, delayMs);
  }

  return {
    workerId,
    batchSize,
    runOnce,
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

/** The transport the configuration asks for: Resend with an API key, the dev mailbox without. */
export function transportFromEnv(env: Env, db: Database): EmailTransport {
  if (env.RESEND_API_KEY) {
    return createResendTransport({ apiKey: env.RESEND_API_KEY, baseUrl: env.RESEND_BASE_URL });
  }
  return createDevMailboxTransport(db);
}

export function appUrlFromEnv(env: Env): string {
  return env.APP_URL ?? `http://localhost:${env.PORT}`;
}

/**
 * The dispatcher of the web process and of `npm run dispatch`, configured from the environment; the
 * job registry (app/domains/jobs) runs its batches.
 */
export function createDispatcherFromEnv(env: Env, db: Database): Dispatcher {
  const minimum = { debug: 0, info: 1, warn: 2, error: 3 }[env.LOG_LEVEL];
  return createDispatcher({
    db,
    transport: transportFromEnv(env, db),
    fromAddress: env.EMAIL_FROM,
    appUrl: appUrlFromEnv(env),
    log: (level, message) => {
      if ({ info: 1, warn: 2, error: 3 }[level] >= minimum) console[level](message);
    },
  });
}
