/**
 * Work that must not delay (or time) the answer: queued now, run once the current request has been
 * answered. Password reset uses it so a known and an unknown email answer after the same work — the
 * account lookup, token and mail happen afterwards (docs/security.md, finding 7). A failing task is
 * logged, never surfaced to the visitor.
 */
const pending = new Set<Promise<void>>();

export function afterResponse(task: () => Promise<unknown>): void {
  const run: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(task)
    .then(
      () => undefined,
      (error: unknown) => console.error("A task run after the response failed:", error),
    )
    .finally(() => pending.delete(run));
  pending.add(run);
}

/** How many tasks are queued or running (tests). */
export function pendingAfterResponse(): number {
  return pending.size;
}

/** Waits until every queued task has finished (tests, and a graceful shutdown). */
export async function settleAfterResponse(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}
