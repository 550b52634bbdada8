import { and, desc, eq, inArray, isNull, lt, notExists, sql } from "drizzle-orm";
import { users } from "#db/schema/accounts";
import { notificationDigests, notifications } from "#db/schema/notifications";
import { notificationKinds } from "#emails/registry";
import { DIGEST_ITEMS_PER_KIND } from "#emails/templates/weekly-digest";
import type { Database } from "~/utils/db.server";
import { digestTimeAtOrBefore, digestWeekLabel } from "./digest-schedule";
import { notify, recipientForUser } from "./notify.server";
import * as clock from "~/utils/clock.server";

export interface DigestRunReport {
  /** The digest time of the week this run reported on (UTC). */
  weekOf: Date;
  /** Digest mails queued by this run. */
  queued: number;
  /** Users whose digest failed, with the reason; they are tried again on the next run. */
  failures: { userId: string; message: string }[];
}

/** The outbox key of one user's digest of one week: a second run of the same week records nothing. */
export function digestIdempotencyKey(userId: string, weekOf: Date): string {
  return `weekly-digest:${userId}:${digestWeekLabel(weekOf)}`;
}

/**
 * Queues this week's digest for every user who is owed one: someone with notifications whose email
 * notify() held back for the digest, recorded before this week's digest time and not reported yet.
 * Cheap when there is nothing to do (a partial index holds only the waiting notifications) and
 * idempotent, so every dispatcher may call it every few minutes: one row per user and week in
 * notification_digests, and the outbox key per user and week, let only the first run of a week send.
 */
export async function sendWeeklyDigests(db: Database, now: Date = clock.now()): Promise<DigestRunReport> {
  const weekOf = digestTimeAtOrBefore(now);
  const due = await db
    .selectDistinct({ userId: notifications.userId })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(
      and(
        waitingForDigest(weekOf),
        eq(users.status, "active"),
        notExists(
          db
            .select({ one: sql`1` })
            .from(notificationDigests)
            .where(
              and(
                eq(notificationDigests.userId, notifications.userId),
                eq(notificationDigests.weekOf, weekOf),
              ),
            ),
        ),
      ),
    );

  const report: DigestRunReport = { weekOf, queued: 0, failures: [] };
  for (const { userId } of due) {
    try {
      if (await queueDigest(db, userId, weekOf)) report.queued += 1;
    } catch (error) {
      // One user's failure must not hold back everyone else's digest; the next run tries again.
      report.failures.push({ userId, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}

/**
 * Notifications held for a digest and not reported yet, recorded before the week's digest time: later
 * ones wait for next week's digest, so a week's digest is the same whenever in the week it is assembled.
 */
function waitingForDigest(weekOf: Date) {
  return and(
    eq(notifications.emailDigest, true),
    isNull(notifications.digestId),
    lt(notifications.createdAt, weekOf),
  );
}

async function queueDigest(db: Database, userId: string, weekOf: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    // FOR UPDATE: a second instance assembling the same digest waits here, then finds nothing left.
    const items = await tx
      .select({
        id: notifications.id,
        kind: notifications.kind,
        data: notifications.data,
        createdAt: notifications.createdAt,
      })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), waitingForDigest(weekOf)))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .for("update");
    if (items.length === 0) return false;
    const recipient = await recipientForUser(tx, userId);
    if (!recipient) return false;

    const idempotencyKey = digestIdempotencyKey(userId, weekOf);
    const [digest] = await tx
      .insert(notificationDigests)
      .values({ userId, weekOf, itemCount: items.length, idempotencyKey })
      .onConflictDoNothing()
      .returning({ id: notificationDigests.id });
    if (!digest) return false;
    await tx
      .update(notifications)
      .set({ digestId: digest.id })
      .where(
        inArray(
          notifications.id,
          items.map((item) => item.id),
        ),
      );

    const byKind = new Map<string, typeof items>();
    for (const item of items) byKind.set(item.kind, [...(byKind.get(item.kind) ?? []), item]);
    // Kinds in the settings' order; a kind this version no longer knows goes last.
    const order = (kind: string) => {
      const index = (notificationKinds as string[]).indexOf(kind);
      return index === -1 ? Number.MAX_SAFE_INTEGER : index;
    };
    const groups = [...byKind.entries()]
      .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
      .map(([kind, rows]) => ({
        kind,
        count: rows.length,
        // The newest of a busy kind; the mail counts the rest and links to the inbox.
        items: rows.slice(0, DIGEST_ITEMS_PER_KIND).map((row) => ({
          id: row.id,
          data: row.data,
          createdAt: row.createdAt.toISOString(),
        })),
      }));

    const result = await notify(tx, {
      template: "weekly-digest",
      data: { weekOf: weekOf.toISOString(), total: items.length, groups },
      to: recipient,
      idempotencyKey,
    });
    return result.outboxId !== null;
  });
}
