import { lt } from "drizzle-orm";
import { formSubmissions } from "#db/schema/accounts";
import type { DbOrTx } from "~/utils/db.server";

/** Idempotency keys answer replays of a form for this long; older ones are forgotten. */
export const FORM_SUBMISSION_RETENTION_DAYS = 30;

/** Deletes idempotency keys older than {@link FORM_SUBMISSION_RETENTION_DAYS}; answers how many. */
export async function pruneFormSubmissions(db: DbOrTx, now: Date): Promise<number> {
  const before = new Date(now.getTime() - FORM_SUBMISSION_RETENTION_DAYS * 86_400_000);
  const rows = await db
    .delete(formSubmissions)
    .where(lt(formSubmissions.createdAt, before))
    .returning({ key: formSubmissions.key });
  return rows.length;
}
