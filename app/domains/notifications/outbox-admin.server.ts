import { and, count, desc, eq, sql } from "drizzle-orm";
import { emailOutbox } from "#db/schema/notifications";
import type { DbOrTx } from "~/utils/db.server";
import { normalizePage, type Page } from "./inbox.server";

export interface DeadLetter {
  id: string;
  recipientEmail: string;
  template: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Mail the dispatcher gave up on, newest first. For admins only: the caller checks the permission.
 * Template data is left out on purpose: it can hold one-time links.
 */
export async function listDeadLetters(
  db: DbOrTx,
  page?: Partial<Page>,
): Promise<Page & { items: DeadLetter[]; total: number }> {
  const { page: current, pageSize } = normalizePage(page);
  const [items, [totals]] = await Promise.all([
    db
      .select({
        id: emailOutbox.id,
        recipientEmail: emailOutbox.recipientEmail,
        template: emailOutbox.template,
        attempts: emailOutbox.attempts,
        lastError: emailOutbox.lastError,
        createdAt: emailOutbox.createdAt,
        updatedAt: emailOutbox.updatedAt,
      })
      .from(emailOutbox)
      .where(eq(emailOutbox.status, "dead"))
      .orderBy(desc(emailOutbox.updatedAt), desc(emailOutbox.id))
      .limit(pageSize)
      .offset((current - 1) * pageSize),
    db.select({ total: count() }).from(emailOutbox).where(eq(emailOutbox.status, "dead")),
  ]);
  return { items, total: totals?.total ?? 0, page: current, pageSize };
}

/**
 * Puts a dead mail back in the queue with a fresh set of tries. It keeps its idempotency key, so if
 * an earlier try did reach the provider after all, the recipient still gets it only once.
 */
export async function retryDeadLetter(db: DbOrTx, outboxId: string): Promise<boolean> {
  const rows = await db
    .update(emailOutbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(emailOutbox.id, outboxId), eq(emailOutbox.status, "dead")))
    .returning({ id: emailOutbox.id });
  return rows.length > 0;
}
