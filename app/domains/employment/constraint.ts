/**
 * The name of the constraint a database error reports (drizzle wraps the driver's error as
 * `cause`; postgres.js names it `constraint_name`, PGlite `constraint`, also for RAISE … USING
 * CONSTRAINT), so a refusal by the database becomes a result the form can show.
 */
export function violatedConstraint(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth += 1) {
    const fields = current as { constraint_name?: unknown; constraint?: unknown; cause?: unknown };
    const name = fields.constraint_name ?? fields.constraint;
    if (typeof name === "string" && name) return name;
    current = fields.cause;
  }
  return null;
}
