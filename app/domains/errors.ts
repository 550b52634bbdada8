/**
 * Refusals the domain raises instead of answering in HTTP terms. The web layer maps each to one
 * status (`app/utils/domain-errors.server.ts`): not found → 404, forbidden → 403, conflict → 409.
 * `reason` is a translation key or a short machine-readable word, never identifying data.
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly reason?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The object does not exist, or lies outside the actor's scope (whose existence is not revealed). */
export class NotFoundError extends DomainError {
  constructor(reason?: string) {
    super(reason ? `Not found: ${reason}` : "Not found", reason);
  }
}

/** The actor's role holds no permission for the action. */
export class ForbiddenError extends DomainError {
  constructor(reason?: string) {
    super(reason ? `Forbidden: ${reason}` : "Forbidden", reason);
  }
}

/** The object is in a state that does not allow the action (it changed since it was shown). */
export class ConflictError extends DomainError {
  constructor(reason?: string) {
    super(reason ? `Conflict: ${reason}` : "Conflict", reason);
  }
}
