import { ConflictError, ForbiddenError, NotFoundError } from "~/domains/errors";

/**
 * The one mapping of the domain's refusals to HTTP: not found → 404, forbidden → 403, conflict →
 * 409. Anything else is not a refusal and stays an error (500).
 */
export function responseOf(error: unknown): Response | null {
  if (error instanceof NotFoundError) return new Response("Not Found", { status: 404 });
  if (error instanceof ForbiddenError) return new Response("Forbidden", { status: 403 });
  if (error instanceof ConflictError) return new Response("Conflict", { status: 409 });
  return null;
}

/**
 * Wraps a loader or action so that a domain error thrown anywhere inside answers with its status
 * (Remix renders the nearest error boundary), e.g. `export const loader = withDomainErrors(async …)`.
 */
export function withDomainErrors<Args extends unknown[], Result>(
  fn: (...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  return async (...args) => {
    try {
      return await fn(...args);
    } catch (error) {
      throw responseOf(error) ?? error;
    }
  };
}
