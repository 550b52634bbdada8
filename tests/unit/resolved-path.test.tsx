/**
 * The patched `useResolvedPath` of react-router's production build, which the server loads
 * (scripts/patch-dependencies.mjs, ADR 019): an absolute target skips the route pathnames, a relative
 * one still resolves against them.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { renderToString } from "react-dom/server";
import type * as ReactRouter from "react-router";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const dir = path.dirname(require.resolve("react-router/package.json"));
const file = "dist/umd/react-router.production.min.js";
const Router = require(path.join(dir, file)) as typeof ReactRouter;

function Probe({ targets }: { targets: string[] }) {
  const resolved = targets.map((target) => {
    // eslint-disable-next-line react-hooks/rules-of-hooks -- a fixed list, the same at every render
    const { pathname, search, hash } = Router.useResolvedPath(target);
    return `${target} → ${pathname}${search}${hash}`;
  });
  return <pre>{resolved.join("\n")}</pre>;
}

function resolvedAt(location: string, targets: string[]): string[] {
  const html = renderToString(
    <Router.MemoryRouter initialEntries={[location]}>
      <Router.Routes>
        <Router.Route path="staff">
          <Router.Route path="hours/*" element={<Probe targets={targets} />} />
        </Router.Route>
      </Router.Routes>
    </Router.MemoryRouter>,
  );
  return html
    .replace(/^<pre>|<\/pre>$/g, "")
    .replaceAll("&gt;", ">")
    .split("\n");
}

describe("useResolvedPath (patched react-router production build)", () => {
  it("is patched in the installed package", () => {
    const text = readFileSync(path.join(dir, file), "utf8");
    expect(text).toContain("portal patch (scripts/patch-dependencies.mjs)");
  });

  it("resolves absolute targets as they are and relative ones against the route", () => {
    expect(
      resolvedAt("/staff/hours/corrections", [
        "/notifications?page=2#list",
        "/staff/",
        "corrections",
        "..",
        ".",
      ]),
    ).toEqual([
      "/notifications?page=2#list → /notifications?page=2#list",
      "/staff/ → /staff/",
      "corrections → /staff/hours/corrections",
      ".. → /staff",
      ". → /staff/hours",
    ]);
  });
});
