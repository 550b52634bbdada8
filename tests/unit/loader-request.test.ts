/**
 * The patched loader call of @remix-run/server-runtime (scripts/patch-dependencies.mjs, ADR 019): a
 * plain GET reaches every loader as the request itself; a request with Remix's own parameters
 * (`index`, `_routes`, `_data`) or a body is still copied without them, as before.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
// The package has no "exports" map; its loader call lives in dist/data.js.
const { callRouteLoader } = require("@remix-run/server-runtime/dist/data.js") as {
  callRouteLoader(args: {
    loadContext: unknown;
    loader: (args: { request: Request }) => unknown;
    params: Record<string, string>;
    request: Request;
    routeId: string;
    singleFetch: boolean;
  }): Promise<unknown>;
};

async function seenBy(request: Request, singleFetch = true): Promise<Request> {
  let seen: Request | undefined;
  await callRouteLoader({
    loadContext: {},
    loader: ({ request: received }) => {
      seen = received;
      return null;
    },
    params: {},
    request,
    routeId: "routes/test",
    singleFetch,
  });
  return seen!;
}

describe("loader request (patched @remix-run/server-runtime)", () => {
  it("is patched in the installed package, in both its builds", () => {
    const dir = path.dirname(require.resolve("@remix-run/server-runtime/package.json"));
    for (const file of ["dist/data.js", "dist/esm/data.js"]) {
      const text = readFileSync(path.join(dir, file), "utf8");
      expect(text, file).toContain("portal patch (scripts/patch-dependencies.mjs)");
      expect(text, file).toContain("portalNothingToStrip(request) ? request");
    }
  });

  it("passes a plain GET on as it is, query and all", async () => {
    for (const url of ["http://portal.test/staff/hours", "http://portal.test/staff/hours?page=2&q=index"]) {
      const request = new Request(url, { headers: { cookie: "s=1" } });
      expect(await seenBy(request)).toBe(request);
    }
  });

  it("copies a request that names Remix's parameters, without them", async () => {
    const cases: [string, boolean, string][] = [
      ["http://portal.test/staff/hours?index&page=2", true, "http://portal.test/staff/hours?page=2"],
      ["http://portal.test/staff/hours?page=2&_routes=root", true, "http://portal.test/staff/hours?page=2"],
      ["http://portal.test/staff/hours?_data=root", false, "http://portal.test/staff/hours"],
    ];
    for (const [url, singleFetch, expected] of cases) {
      const request = new Request(url, { headers: { cookie: "s=1" } });
      const seen = await seenBy(request, singleFetch);
      expect(seen).not.toBe(request);
      expect(seen.url).toBe(expected);
      expect(seen.headers.get("cookie")).toBe("s=1");
    }
  });

  it("copies a request that is not a GET, as before", async () => {
    const request = new Request("http://portal.test/staff/hours", { method: "POST", body: "a=1" });
    const seen = await seenBy(request);
    expect(seen).not.toBe(request);
    expect(seen.method).toBe("POST");
  });
});
