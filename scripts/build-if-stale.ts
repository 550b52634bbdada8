import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "..");
const buildEntry = path.join(projectRoot, "build/server/index.js");

function newestModification(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestModification(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function buildIsStale(): boolean {
  if (!existsSync(buildEntry)) return true;
  const built = statSync(buildEntry).mtimeMs;
  const sources = ["app", "public", "emails", "db/schema", "db/migrations"]
    .map((dir) => path.join(projectRoot, dir))
    .filter(existsSync);
  const configs = ["vite.config.ts", "package-lock.json"]
    .map((file) => path.join(projectRoot, file))
    .filter(existsSync);
  const newest = Math.max(
    ...sources.map(newestModification),
    ...configs.map((file) => statSync(file).mtimeMs),
  );
  return newest > built;
}

/** Builds the production bundle when it is missing or older than the sources. */
export function buildIfStale(): void {
  if (!buildIsStale()) return;
  console.log("Building the portal (first start or changed sources)…");
  const result = spawnSync("npx", ["remix", "vite:build"], { cwd: projectRoot, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("The build failed; see the messages above.");
    process.exit(result.status ?? 1);
  }
}
