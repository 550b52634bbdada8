import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const domainsDir = path.resolve(import.meta.dirname, "../../app/domains");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/**
 * The model does not depend on the web layer (ADR 005): no Remix import, no form or permission
 * helper of the routes, no HTTP response thrown — domain code raises the typed errors of
 * app/domains/errors.ts, and one web helper maps them to statuses.
 */
describe("domain boundaries", () => {
  const files = sourceFiles(domainsDir);

  it("finds the domain files", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it("no domain file imports the web layer or answers in HTTP", () => {
    const offending = files.flatMap((file) => {
      const source = readFileSync(file, "utf8");
      const problems = [
        /from "@remix-run\//.test(source) && "imports @remix-run",
        /from "~\/utils\/(forms|permissions)\.server"/.test(source) && "imports a route helper",
        /new Response\(/.test(source) && "builds a Response",
      ].filter(Boolean);
      return problems.map((problem) => `${path.relative(domainsDir, file)}: ${problem}`);
    });
    expect(offending).toEqual([]);
  });
});
