import { and, eq } from "drizzle-orm";
import { formSubmissions } from "#db/schema/accounts";
import type { Database } from "~/utils/db.server";
import { ConflictError } from "./errors";

/**
 * Forms that create something carry an idempotency key, rendered into the form (issue 12, finding 5).
 * `createOnce` claims (actor, key) in `form_submissions` — its primary key — in the same transaction as
 * the record: a double click, a retry or a replay of the same form waits for the first to commit and
 * then answers with what it created, instead of creating it again. A creation that is refused
 * (validation) rolls its claim back, so the corrected form can be sent with the same key.
 */
export type Once<Result> = { replayed: false; result: Result } | { replayed: true; entityId: string };

export const SUBMISSION_KEY = /^[A-Za-z0-9_-]{16,64}$/;

class NotCreated<Result> extends Error {
  constructor(readonly result: Result) {
    super("not created");
  }
}

export async function createOnce<Result>(
  db: Database,
  claim: { userId: string; key: string; entity: string },
  create: (tx: Database) => Promise<Result>,
  createdId: (result: Result) => string | null,
  options: {
    /**
     * A refusal whose writes must stay (a wrong check-in code is counted against guessing): the
     * transaction commits, only the claim is given back, so the corrected form can use the key.
     */
    keepRefusal?: (result: Result) => boolean;
  } = {},
): Promise<Once<Result>> {
  if (!SUBMISSION_KEY.test(claim.key)) throw new ConflictError("submission key");
  try {
    return await db.transaction(async (tx): Promise<Once<Result>> => {
      const [claimed] = await tx
        .insert(formSubmissions)
        .values({ ...claim, entityId: "" })
        .onConflictDoNothing()
        .returning({ key: formSubmissions.key });
      if (!claimed) {
        // The first submission committed before this statement saw the key.
        const [first] = await tx
          .select({ entity: formSubmissions.entity, entityId: formSubmissions.entityId })
          .from(formSubmissions)
          .where(and(eq(formSubmissions.userId, claim.userId), eq(formSubmissions.key, claim.key)));
        if (!first || first.entity !== claim.entity || !first.entityId)
          throw new ConflictError("submission key");
        return { replayed: true, entityId: first.entityId };
      }
      const result = await create(tx);
      const id = createdId(result);
      if (id === null && options.keepRefusal?.(result)) {
        await tx
          .delete(formSubmissions)
          .where(and(eq(formSubmissions.userId, claim.userId), eq(formSubmissions.key, claim.key)));
        return { replayed: false, result };
      }
      if (id === null) throw new NotCreated(result);
      await tx
        .update(formSubmissions)
        .set({ entityId: id })
        .where(and(eq(formSubmissions.userId, claim.userId), eq(formSubmissions.key, claim.key)));
      return { replayed: false, result };
    });
  } catch (error) {
    if (error instanceof NotCreated) return { replayed: false, result: error.result as Result };
    throw error;
  }
}
