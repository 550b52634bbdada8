// Runs after every `npm install` / `npm ci` (package.json "postinstall"): applies the portal's patches
// to installed dependencies, each an exact text replacement that must apply once, or the install
// fails loudly (a dependency upgrade must re-check its patch). Idempotent: a replacement already in
// the file is skipped, so a patch added later applies to an existing install too.
// Why each patch exists: docs/decisions/017-route-matching-and-summary-rows.md and
// docs/decisions/018-render-path-built-once.md and docs/decisions/019-whole-page-bodies-and-an-unhooked-bench.md.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import process from "node:process";

const MARKER = "portal patch (scripts/patch-dependencies.mjs)";
const require = createRequire(import.meta.url);

// @remix-run/router 1.23.x: `matchRoutes` flattened, scored and sorted every branch of the route list
// and compiled each branch's path into a RegExp at every call; a Remix document request calls it three
// times (server runtime, static handler, the React render), ~24 % of a page's server CPU. The ranked
// branches are now kept per route list (recomputed if routes are added to it, as lazy route
// discovery does in the browser), indexed by their first path segment so a pathname is tried only
// against the branches that can match it, and each path is compiled once.
const routerFix = {
  package: "@remix-run/router",
  versions: /^1\.23\./,
  files: ["dist/router.cjs.js", "dist/router.js"],
  replacements: [
    {
      find: "  let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);\n  let matches = null;\n  let decoded = decodePath(pathname);\n",
      replace:
        "  let ranked = rankedBranchesOf(routes);\n  let matches = null;\n  let decoded = decodePath(pathname);\n  let branches = allowPartial ? ranked.branches : ranked.candidates(decoded);\n",
    },
    {
      find: "function flattenRoutes(routes, branches, parentsMeta, parentPath) {\n",
      replace: `// ${MARKER}: ranked branches once per route list.
const portalRankedBranches = new WeakMap();
function portalCountRoutes(routes) {
  let count = routes.length;
  for (const route of routes) if (route.children) count += portalCountRoutes(route.children);
  return count;
}
// The first segment of a branch's path when it is plain ASCII text (lower case), else null: a branch
// with a parameter, splat, optional or empty first segment is tried for every pathname.
function portalFirstSegment(path) {
  let start = 0;
  while (path.charCodeAt(start) === 47) start += 1;
  const segment = path.slice(start).split("/")[0];
  return /^[A-Za-z0-9._~-]+$/.test(segment) ? segment.toLowerCase() : null;
}
function rankedBranchesOf(routes) {
  const count = portalCountRoutes(routes);
  const cached = portalRankedBranches.get(routes);
  if (cached !== undefined && cached.count === count) return cached;
  const branches = flattenRoutes(routes);
  rankRouteBranches(branches);
  // Per first segment, the branches that can match a pathname starting with it, in rank order.
  const firsts = branches.map((branch) => portalFirstSegment(branch.path));
  const unindexed = branches.filter((_, index) => firsts[index] === null);
  const bySegment = new Map();
  for (const first of firsts) {
    if (first !== null && !bySegment.has(first)) {
      bySegment.set(first, branches.filter((_, index) => firsts[index] === first || firsts[index] === null));
    }
  }
  const ranked = {
    count,
    branches,
    candidates(decoded) {
      if (decoded.charCodeAt(0) !== 47) return branches;
      const end = decoded.indexOf("/", 1);
      const segment = (end === -1 ? decoded.slice(1) : decoded.slice(1, end)).toLowerCase();
      return bySegment.get(segment) ?? unindexed;
    },
  };
  portalRankedBranches.set(routes, ranked);
  return ranked;
}
function flattenRoutes(routes, branches, parentsMeta, parentPath) {
`,
    },
    {
      find: "function compilePath(path, caseSensitive, end) {\n",
      replace: `// ${MARKER}: each route path compiled once (bounded; the result is only read).
const portalCompiledPaths = new Map();
function compilePath(path, caseSensitive, end) {
  const key = (caseSensitive ? "1" : "0") + (end === false ? "0" : "1") + path;
  let compiled = portalCompiledPaths.get(key);
  if (compiled === undefined) {
    compiled = portalCompilePathUncached(path, caseSensitive, end);
    if (portalCompiledPaths.size < 10000) portalCompiledPaths.set(key, compiled);
  }
  return compiled;
}
function portalCompilePathUncached(path, caseSensitive, end) {
`,
    },
    {
      find: "function resolveTo(toArg, routePathnames, locationPathname, isPathRelative) {\n",
      replace: `// ${MARKER}: an absolute path ("/staff/hours?page=2") resolves the same from every route
// and location, so each is resolved once (bounded); a caller gets its own copy (resolveTo's callers
// may append to the pathname). Every <Link> of a page resolved its target at each render.
const portalResolvedAbsolute = new Map();
function resolveTo(toArg, routePathnames, locationPathname, isPathRelative) {
  if (typeof toArg === "string" && toArg.charCodeAt(0) === 47 && toArg.charCodeAt(1) !== 47) {
    let resolved = portalResolvedAbsolute.get(toArg);
    if (resolved === undefined) {
      resolved = portalResolveToUncached(toArg, routePathnames, locationPathname, isPathRelative);
      if (portalResolvedAbsolute.size < 10000) portalResolvedAbsolute.set(toArg, resolved);
    }
    return { pathname: resolved.pathname, search: resolved.search, hash: resolved.hash };
  }
  return portalResolveToUncached(toArg, routePathnames, locationPathname, isPathRelative);
}
function portalResolveToUncached(toArg, routePathnames, locationPathname, isPathRelative) {
`,
    },
  ],
};

// @remix-run/server-runtime 2.17.x: every loader got a copy of the request made by two `new Request`
// (one to strip an `index` parameter, one for `_routes`), each with its own AbortSignal following
// the original's: four requests per page (~3 % of a page's server CPU). A GET whose URL names neither
// parameter (nor `_data`) is now passed on as it is; anything else is copied as before.
const loaderRequestFix = {
  package: "@remix-run/server-runtime",
  versions: /^2\.17\./,
  files: ["dist/data.js", "dist/esm/data.js"],
  replacements: [
    {
      find: "  let result = await loader({\n    request: singleFetch ? stripRoutesParam(stripIndexParam(request)) : stripDataParam(stripIndexParam(request)),\n",
      replace: `  let result = await loader({
    // ${MARKER}: a plain GET is not copied.
    request: portalNothingToStrip(request) ? request : singleFetch ? stripRoutesParam(stripIndexParam(request)) : stripDataParam(stripIndexParam(request)),
`,
    },
    {
      find: "function stripIndexParam(request) {\n",
      replace: `// ${MARKER}: true when stripping would give the same request.
function portalNothingToStrip(request) {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const url = request.url;
  const query = url.indexOf("?");
  return query === -1 || !/[?&](?:index|_routes|_data)(?:[=&#]|$)/.test(url.slice(query));
}
function stripIndexParam(request) {
`,
    },
  ],
};

// @remix-run/react 2.17.x: RemixServer rebuilt the route objects of every route of the app
// (createServerRoutes) at each render, and react-router-dom's createStaticRouter converted them all
// again (convertRoutesToDataRoutes); the new route list also missed the matcher's cache above, so
// every branch was flattened and ranked once more: ~10 % of a page's server CPU. The build's routes
// never change between requests (a new build has a new manifest object), so both are made once.
const remixServerFix = (file, createCall, createFn) => ({
  package: "@remix-run/react",
  versions: /^2\.17\./,
  files: [file],
  replacements: [
    {
      find: "function RemixServer({\n",
      replace: `// ${MARKER}: the server routes of a build made once, not at every render.
const portalServerRouteCache = new WeakMap();
function portalServerRoutes(manifestRoutes, routeModules, future, isSpaMode, create) {
  const cached = portalServerRouteCache.get(manifestRoutes);
  if (cached !== undefined && cached.future === future && cached.isSpaMode === isSpaMode) {
    let same = true;
    for (const id in routeModules) {
      if (cached.modules[id] !== routeModules[id]) {
        same = false;
        break;
      }
    }
    if (same) return cached.routes;
  }
  const routes = create(manifestRoutes, routeModules, future, isSpaMode);
  portalServerRouteCache.set(manifestRoutes, { routes, modules: { ...routeModules }, future, isSpaMode });
  return routes;
}
function RemixServer({
`,
    },
    {
      find: `  let ${createCall} = ${createFn}(manifest.routes, routeModules, context.future, context.isSpaMode);\n`,
      replace: `  let ${createCall} = portalServerRoutes(manifest.routes, routeModules, context.future, context.isSpaMode, ${createFn});\n`,
    },
  ],
});
const staticRouterFix = (file, prefixRouter, prefixReactRouter) => ({
  package: "react-router-dom",
  versions: /^6\.30\./,
  files: [file],
  replacements: [
    {
      find: "function createStaticRouter(routes, context, opts = {}) {\n",
      replace: `// ${MARKER}: the data routes of a route list converted once, not at every render.
const portalStaticRoutes = new WeakMap();
function portalCountStaticRoutes(routes) {
  let count = routes.length;
  for (const route of routes) if (route.children) count += portalCountStaticRoutes(route.children);
  return count;
}
function createStaticRouter(routes, context, opts = {}) {
`,
    },
    {
      find: `  let manifest = {};\n  let dataRoutes = ${prefixRouter}UNSAFE_convertRoutesToDataRoutes(routes, ${prefixReactRouter}UNSAFE_mapRouteProperties, undefined, manifest);\n`,
      replace: `  const portalCount = portalCountStaticRoutes(routes);
  let portalCached = portalStaticRoutes.get(routes);
  if (portalCached === undefined || portalCached.count !== portalCount) {
    const manifest = {};
    const dataRoutes = ${prefixRouter}UNSAFE_convertRoutesToDataRoutes(routes, ${prefixReactRouter}UNSAFE_mapRouteProperties, undefined, manifest);
    portalCached = { count: portalCount, manifest, dataRoutes };
    portalStaticRoutes.set(routes, portalCached);
  }
  let manifest = portalCached.manifest;
  let dataRoutes = portalCached.dataRoutes;
`,
    },
  ],
});
// react-router 6.30.x (its production build, which the server loads): `useResolvedPath`, which every
// <Link> calls, serialized the route matches' pathnames to JSON and parsed them back at each render,
// to resolve a target that, when absolute, does not depend on them. An absolute string target now
// skips both (`resolveTo` ignores the route pathnames for it; see resolveTo above).
const resolvedPathFix = {
  package: "react-router",
  versions: /^6\.30\./,
  files: ["dist/umd/react-router.production.min.js"],
  replacements: [
    {
      find: 'l=JSON.stringify(r.UNSAFE_getResolveToMatches(i,o.v7_relativeSplatPath));return a.useMemo(()=>r.resolveTo(e,JSON.parse(l),u,"path"===n),[e,l,u,n])',
      replace: `/* ${MARKER} */l="string"==typeof e&&47===e.charCodeAt(0)&&47!==e.charCodeAt(1)?"[]":JSON.stringify(r.UNSAFE_getResolveToMatches(i,o.v7_relativeSplatPath));return a.useMemo(()=>r.resolveTo(e,JSON.parse(l),u,"path"===n),[e,l,u,n])`,
    },
  ],
};

// @remix-run/react 2.17.x: <Scripts> built the page's module script — its route imports and the
// partial manifest of lazy route discovery (a route match per parent path, then JSON with two-space
// indents) — at every render. It depends only on the build's manifest, the matched routes and the
// parent paths of the URL, so it is kept per those (bounded).
const moduleScriptFix = (file, partialManifest) => ({
  package: "@remix-run/react",
  versions: /^2\.17\./,
  files: [file],
  replacements: [
    {
      find: "function Scripts(props) {\n",
      replace: `// ${MARKER}: a page's module script built once per manifest, matched routes and parent paths.
const portalModuleScripts = new WeakMap();
function portalRouteModulesScript(manifest, router, matches, build) {
  if (manifest.hmr) return build();
  let scripts = portalModuleScripts.get(manifest);
  if (scripts === undefined) {
    scripts = new Map();
    portalModuleScripts.set(manifest, scripts);
  }
  // As ${partialManifest} reads the location: the segments but the last.
  const segments = router.state.location.pathname.split("/").filter(Boolean);
  segments.pop();
  let key = segments.join("/");
  for (const match of matches) key += "\\0" + match.route.id;
  key += "\\0\\0";
  for (const match of router.state.matches) key += "\\0" + match.route.id;
  let script = scripts.get(key);
  if (script === undefined) {
    script = build();
    if (scripts.size < 5000) scripts.set(key, script);
  }
  return script;
}
function Scripts(props) {
`,
    },
    {
      find: '    let routeModulesScript = !isStatic ? " " : `',
      replace:
        '    let routeModulesScript = !isStatic ? " " : portalRouteModulesScript(manifest, router, matches, () => `',
    },
    {
      find: "import(${JSON.stringify(manifest.entry.module)});`;\n",
      replace: "import(${JSON.stringify(manifest.entry.module)});`);\n",
    },
  ],
});

// drizzle-orm 0.45.x: `is(value, type)`, which the query builder asks of every part of every query
// it builds, walked the value's class chain comparing entity kinds whenever `instanceof` said no
// (most of its calls): ~2.4 % of a list page's server CPU. The answer depends only on the value's
// class and the type, so it is kept per pair.
const entityCheckFix = {
  package: "drizzle-orm",
  versions: /^0\.45\./,
  files: ["entity.js", "entity.cjs"],
  replacements: [
    {
      find: "  let cls = Object.getPrototypeOf(value).constructor;\n  if (cls) {\n",
      replace: `  // ${MARKER}: the class chain walked once per class and type.
  const start = Object.getPrototypeOf(value).constructor;
  if (typeof start === "function") {
    let byType = portalEntityChecks.get(start);
    if (byType === undefined) {
      byType = new Map();
      portalEntityChecks.set(start, byType);
    }
    let known = byType.get(type);
    if (known === undefined) {
      known = false;
      for (let each = start; each; each = Object.getPrototypeOf(each)) {
        if (entityKind in each && each[entityKind] === type[entityKind]) {
          known = true;
          break;
        }
      }
      byType.set(type, known);
    }
    return known;
  }
  let cls = start;
  if (cls) {
`,
    },
    {
      find: "function is(value, type) {\n",
      replace: `const portalEntityChecks = new WeakMap();
function is(value, type) {
`,
    },
  ],
};

const fixes = [
  routerFix,
  entityCheckFix,
  resolvedPathFix,
  moduleScriptFix("dist/components.js", "fogOfWar.getPartialManifest"),
  moduleScriptFix("dist/esm/components.js", "getPartialManifest"),
  loaderRequestFix,
  remixServerFix("dist/server.js", "routes$1", "routes.createServerRoutes"),
  remixServerFix("dist/esm/server.js", "routes", "createServerRoutes"),
  staticRouterFix("server.js", "router.", "reactRouter."),
  staticRouterFix("server.mjs", "", ""),
];

function packageDir(name) {
  try {
    return path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    // A package whose "exports" hide package.json: up from its entry to the folder named after it.
    let dir = path.dirname(require.resolve(name));
    const suffix = `${path.sep}${name.split("/").join(path.sep)}`;
    while (!dir.endsWith(suffix)) {
      if (path.dirname(dir) === dir) throw new Error(`patch-dependencies: no folder of ${name}`);
      dir = path.dirname(dir);
    }
    return dir;
  }
}

let failed = false;
for (const fix of fixes) {
  const dir = packageDir(fix.package);
  const { version } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
  if (!fix.versions.test(version)) {
    process.stderr.write(
      `patch-dependencies: ${fix.package}@${version} is not a version this patch was written for.\n`,
    );
    failed = true;
    continue;
  }
  for (const file of fix.files) {
    const target = path.join(dir, file);
    const original = readFileSync(target, "utf8");
    let text = original;
    for (const { find, replace } of fix.replacements) {
      // Already applied (an earlier install, or a patch added since): nothing to do.
      if (text.includes(replace)) continue;
      const at = text.indexOf(find);
      if (at === -1 || text.indexOf(find, at + 1) !== -1) {
        process.stderr.write(
          `patch-dependencies: ${fix.package}/${file}: expected one ${JSON.stringify(find.slice(0, 60))}\n`,
        );
        failed = true;
        break;
      }
      text = text.slice(0, at) + replace + text.slice(at + find.length);
    }
    if (!failed && text !== original) {
      writeFileSync(target, text);
      process.stdout.write(`patch-dependencies: patched ${fix.package}@${version} ${file}\n`);
    }
  }
}
if (failed) process.exit(1);
