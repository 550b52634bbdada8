const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The UUID in a path segment (`/activities/:id`), checked before any query: anything else — a typo,
 * "not-a-uuid", a NUL, 10 000 characters — is a page that does not exist (404), never a database
 * error. Lower-cased, so one record has one address.
 */
export function uuidParam(params: Readonly<Record<string, string | undefined>>, name = "id"): string {
  const value = params[name];
  if (typeof value !== "string" || !UUID.test(value)) {
    throw new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain" } });
  }
  return value.toLowerCase();
}
