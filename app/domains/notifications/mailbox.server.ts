import { count, desc, eq } from "drizzle-orm";
import { devMailbox } from "#db/schema/notifications";
import type { DbOrTx } from "~/utils/db.server";
import type { Env } from "~/utils/env.server";
import { normalizePage, type Page } from "./inbox.server";

/** The development mailbox exists only while no real provider is configured. */
/**
 * The mailbox shows everyone's mail (reset links included) to anyone, so it exists only for the
 * demo and development: never with a provider configured, never in production on a real server.
 */
export function isDevMailboxEnabled(env: Env): boolean {
  if (env.RESEND_API_KEY) return false;
  return !(env.NODE_ENV === "production" && env.DATABASE_URL);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listDevMailbox(db: DbOrTx, page?: Partial<Page>) {
  const { page: current, pageSize } = normalizePage(page);
  const [items, [totals]] = await Promise.all([
    db
      .select({
        id: devMailbox.id,
        toAddress: devMailbox.toAddress,
        subject: devMailbox.subject,
        createdAt: devMailbox.createdAt,
      })
      .from(devMailbox)
      .orderBy(desc(devMailbox.createdAt), desc(devMailbox.id))
      .limit(pageSize)
      .offset((current - 1) * pageSize),
    db.select({ total: count() }).from(devMailbox),
  ]);
  return { items, total: totals?.total ?? 0, page: current, pageSize };
}

/** One captured mail, or null (also for an id that is not a UUID, rather than a database error). */
export async function getDevMailboxMessage(db: DbOrTx, id: string) {
  if (!UUID.test(id)) return null;
  const [row] = await db.select().from(devMailbox).where(eq(devMailbox.id, id));
  return row ?? null;
}
