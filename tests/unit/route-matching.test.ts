/**
 * The patched route matching of @remix-run/router (scripts/patch-dependencies.mjs, ADR 017): the
 * ranked branches are kept per route list and each path compiled once, with the same matches as
 * before — including after routes are added to a list (lazy route discovery) and for the same path
 * under different matching options.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { type AgnosticRouteObject, matchPath, matchRoutes, resolveTo } from "@remix-run/router";
import { describe, expect, it } from "vitest";

const ids = (matches: ReturnType<typeof matchRoutes>) => matches?.map((match) => match.route.id) ?? null;

describe("route matching (patched @remix-run/router)", () => {
  it("is patched in the installed package, in both its builds", () => {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve("@remix-run/router/package.json"));
    for (const file of ["dist/router.cjs.js", "dist/router.js"]) {
      const text = readFileSync(path.join(dir, file), "utf8");
      expect(text, file).toContain("portal patch (scripts/patch-dependencies.mjs)");
      expect(text, file).toContain("let ranked = rankedBranchesOf(routes);");
    }
  });

  it("finds the same matches on every call, ranked as before (static before dynamic before splat)", () => {
    const routes: AgnosticRouteObject[] = [
      {
        id: "root",
        path: "/",
        children: [
          { id: "index", index: true },
          { id: "item", path: "items/:id" },
          { id: "new", path: "items/new" },
          { id: "optional", path: "lang/:code?" },
          { id: "splat", path: "*" },
        ],
      },
    ];
    for (let round = 0; round < 3; round += 1) {
      expect(ids(matchRoutes(routes, "/"))).toEqual(["root", "index"]);
      expect(ids(matchRoutes(routes, "/items/new"))).toEqual(["root", "new"]);
      const item = matchRoutes(routes, "/items/42");
      expect(ids(item)).toEqual(["root", "item"]);
      expect(item?.at(-1)?.params).toEqual({ id: "42" });
      expect(ids(matchRoutes(routes, "/lang"))).toEqual(["root", "optional"]);
      expect(ids(matchRoutes(routes, "/lang/en"))).toEqual(["root", "optional"]);
      expect(matchRoutes(routes, "/anything/else")?.at(-1)?.params).toEqual({ "*": "anything/else" });
      expect(ids(matchRoutes(routes, "/items/42", "/base"))).toBeNull();
    }
  });

  it("tries a pathname against the branches of its first segment and every dynamic one", () => {
    const routes: AgnosticRouteObject[] = [
      {
        id: "root",
        path: "",
        children: [
          { id: "staff", path: "staff", children: [{ id: "staff-hours", path: "hours" }] },
          { id: "staffing", path: "staffing" },
          { id: "by-lang", path: ":lang/about" },
          { id: "optional", path: "opt?/x" },
          { id: "case", path: "Exact", caseSensitive: true },
          { id: "unicode", path: "志愿者" },
          { id: "catch-all", path: "*" },
        ],
      },
    ];
    expect(ids(matchRoutes(routes, "/staff/hours"))).toEqual(["root", "staff", "staff-hours"]);
    expect(ids(matchRoutes(routes, "/STAFF/Hours"))).toEqual(["root", "staff", "staff-hours"]);
    expect(ids(matchRoutes(routes, "/staffing"))).toEqual(["root", "staffing"]);
    expect(ids(matchRoutes(routes, "/staff"))).toEqual(["root", "staff"]);
    expect(ids(matchRoutes(routes, "/en/about"))).toEqual(["root", "by-lang"]);
    expect(ids(matchRoutes(routes, "/staff/about"))).toEqual(["root", "by-lang"]);
    expect(ids(matchRoutes(routes, "/x"))).toEqual(["root", "optional"]);
    expect(ids(matchRoutes(routes, "/opt/x"))).toEqual(["root", "optional"]);
    expect(ids(matchRoutes(routes, "/Exact"))).toEqual(["root", "case"]);
    expect(ids(matchRoutes(routes, "/exact"))).toEqual(["root", "catch-all"]);
    expect(ids(matchRoutes(routes, "/%E5%BF%97%E6%84%BF%E8%80%85"))).toEqual(["root", "unicode"]);
    expect(ids(matchRoutes(routes, "//staff"))).toEqual(["root", "catch-all"]);
    expect(ids(matchRoutes(routes, "/nothing/here"))).toEqual(["root", "catch-all"]);
  });

  it("sees routes added to a list it has matched before", () => {
    const children: AgnosticRouteObject[] = [{ id: "a", path: "a" }];
    const routes: AgnosticRouteObject[] = [{ id: "root", path: "/", children }];
    expect(ids(matchRoutes(routes, "/b"))).toBeNull();
    children.push({ id: "b", path: "b", children: [] });
    expect(ids(matchRoutes(routes, "/b"))).toEqual(["root", "b"]);
    children[1]!.children!.push({ id: "c", path: "c" });
    expect(ids(matchRoutes(routes, "/b/c"))).toEqual(["root", "b", "c"]);
    // Another list with the same shape gets its own branches (its own route objects in the matches).
    const copy: AgnosticRouteObject[] = [{ id: "root", path: "/", children: [{ id: "a2", path: "a" }] }];
    expect(ids(matchRoutes(copy, "/a"))).toEqual(["root", "a2"]);
  });

  it("keeps a path's case sensitivity and end options apart", () => {
    expect(matchPath({ path: "/Staff", caseSensitive: true }, "/staff")).toBeNull();
    expect(matchPath({ path: "/Staff" }, "/staff")).not.toBeNull();
    expect(matchPath({ path: "/Staff", caseSensitive: true }, "/Staff")).not.toBeNull();
    expect(matchPath({ path: "/staff", end: false }, "/staff/hours")?.pathnameBase).toBe("/staff");
    expect(matchPath({ path: "/staff" }, "/staff/hours")).toBeNull();
  });

  it("resolves an absolute link target the same from every route and location, each time a new object", () => {
    const froms: [string[], string][] = [
      [["/"], "/"],
      [["/", "/staff", "/staff/hours"], "/staff/hours/"],
      [["/", "/volunteer"], "/volunteer/profile"],
    ];
    for (const [routePathnames, location] of froms) {
      expect(resolveTo("/staff/hours?page=2#list", routePathnames, location)).toEqual({
        pathname: "/staff/hours",
        search: "?page=2",
        hash: "#list",
      });
      // An explicit trailing slash stays.
      expect(resolveTo("/staff/", routePathnames, location).pathname).toBe("/staff/");
    }
    const first = resolveTo("/notifications", ["/"], "/");
    first.pathname += "/";
    expect(resolveTo("/notifications", ["/"], "/").pathname).toBe("/notifications");
  });

  it("still resolves relative link targets against the route or the location", () => {
    const routes = ["/", "/staff", "/staff/hours"];
    expect(resolveTo("corrections", routes, "/staff/hours").pathname).toBe("/staff/hours/corrections");
    expect(resolveTo("..", routes, "/staff/hours").pathname).toBe("/staff");
    expect(resolveTo("?page=3", routes, "/staff/hours/").pathname).toBe("/staff/hours/");
    expect(resolveTo("", routes, "/staff/hours/")).toMatchObject({ pathname: "/staff/hours/" });
    expect(resolveTo("//elsewhere.example/x", routes, "/staff").pathname).toBe("//elsewhere.example/x");
  });
});
