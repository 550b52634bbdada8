/**
 * One instance per process, even when the same module is loaded twice (the Vite server bundle
 * and the scripts that import the source both run in `npm start`'s process, and Vite re-evaluates
 * modules on every change in development). Two PGlite instances on one folder would corrupt it.
 */
export function singleton<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as { __portalSingletons?: Map<string, unknown> };
  store.__portalSingletons ??= new Map();
  if (!store.__portalSingletons.has(name)) store.__portalSingletons.set(name, create());
  return store.__portalSingletons.get(name) as T;
}
