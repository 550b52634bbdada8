import { singleton } from "./singleton.server";

/**
 * Memoizes a value for the duration of one HTTP request. Remix hands each loader of a document
 * request its own copy of the Request (so a WeakMap on the Request misses: the session was read
 * twice per page); the Express server stamps every request with a random `x-portal-request-id`
 * (server/app.ts, overwriting whatever the client sent), which all the copies share. Without it
 * (tests calling loaders directly), and for POSTs, whose action may sign in or out before the loaders
 * run, the Request object itself is the key (each loader's copy looks again).
 */
const REQUEST_ID_HEADER = "x-portal-request-id";
const LIFETIME_MS = 30_000;

interface Entry {
  value: unknown;
  at: number;
}

const store = singleton("per-request", () => ({
  byId: new Map<string, Entry>(),
  byRequest: new WeakMap<Request, Map<string, unknown>>(),
  lastPrune: 0,
}));

function prune(now: number) {
  if (now - store.lastPrune < LIFETIME_MS) return;
  store.lastPrune = now;
  for (const [key, entry] of store.byId) if (now - entry.at > LIFETIME_MS) store.byId.delete(key);
}

export function perRequest<T>(request: Request, name: string, compute: () => T): T {
  // Only reads share: after an action (which may sign in or out) the loaders look again.
  const id =
    request.method === "GET" || request.method === "HEAD" ? request.headers.get(REQUEST_ID_HEADER) : null;
  if (id) {
    const key = `${id}\u0000${name}`;
    const found = store.byId.get(key);
    if (found) return found.value as T;
    const now = Date.now();
    prune(now);
    const value = compute();
    store.byId.set(key, { value, at: now });
    return value;
  }
  let values = store.byRequest.get(request);
  if (!values) {
    values = new Map();
    store.byRequest.set(request, values);
  }
  if (!values.has(name)) values.set(name, compute());
  return values.get(name) as T;
}
