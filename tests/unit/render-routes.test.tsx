/**
 * The patched render path (scripts/patch-dependencies.mjs, ADR 018): react-router-dom's
 * createStaticRouter converts a route list once and reuses it, with the same router as before —
 * and converts again when the list is a different one or has grown; RemixServer's server routes are
 * built once per build (checked in the installed package; e2e and the route tests render through it).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { Outlet, type RouteObject } from "react-router-dom";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";

const MARKER = "portal patch (scripts/patch-dependencies.mjs)";
const require = createRequire(import.meta.url);

async function contextFor(routes: RouteObject[], url: string) {
  const context = await createStaticHandler(routes).query(new Request(`http://portal.test${url}`));
  if (context instanceof Response) throw new Error("unexpected response");
  return context;
}

describe("render path (patched @remix-run/react and react-router-dom)", () => {
  it("is patched in the installed packages, in each of their builds", () => {
    const files: [string, string, string][] = [
      ["@remix-run/react", "dist/server.js", "portalServerRoutes(manifest.routes"],
      ["@remix-run/react", "dist/esm/server.js", "portalServerRoutes(manifest.routes"],
      ["react-router-dom", "server.js", "portalStaticRoutes.get(routes)"],
      ["react-router-dom", "server.mjs", "portalStaticRoutes.get(routes)"],
    ];
    for (const [name, file, call] of files) {
      const dir = path.dirname(require.resolve(`${name}/package.json`));
      const text = readFileSync(path.join(dir, file), "utf8");
      expect(text, `${name}/${file}`).toContain(MARKER);
      expect(text, `${name}/${file}`).toContain(call);
    }
  });

  it("converts a route list once, renders each location as before, and converts a grown list again", async () => {
    const routes: RouteObject[] = [
      {
        id: "root",
        path: "/",
        element: (
          <div>
            root <Outlet />
          </div>
        ),
        children: [
          { id: "home", index: true, element: <p>home</p> },
          { id: "item", path: "items/:id", element: <p>item page</p> },
        ],
      },
    ];
    const first = createStaticRouter(routes, await contextFor(routes, "/"));
    const second = createStaticRouter(routes, await contextFor(routes, "/items/7"));
    expect(second.routes).toBe(first.routes);
    expect(second.state.matches.map((match) => match.route.id)).toEqual(["root", "item"]);
    expect(second.state.matches[1]!.params).toEqual({ id: "7" });
    const html = (
      router: ReturnType<typeof createStaticRouter>,
      context: Awaited<ReturnType<typeof contextFor>>,
    ) => renderToString(<StaticRouterProvider router={router} context={context} hydrate={false} />);
    const itemContext = await contextFor(routes, "/items/7");
    expect(html(createStaticRouter(routes, itemContext), itemContext)).toContain("item page");

    // Another list of the same shape is converted on its own.
    const other = routes.map((route) => ({ ...route }));
    expect(createStaticRouter(other, await contextFor(other, "/")).routes).not.toBe(first.routes);

    // A route added to the list (as lazy discovery does) is seen.
    routes[0]!.children!.push({ id: "about", path: "about", element: <p>about</p> });
    const grown = createStaticRouter(routes, await contextFor(routes, "/about"));
    expect(grown.routes).not.toBe(first.routes);
    expect(grown.state.matches.map((match) => match.route.id)).toEqual(["root", "about"]);
  });
});
