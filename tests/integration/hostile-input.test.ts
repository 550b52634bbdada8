/**
 * Hostile input, fuzz style (issue 12): every route's loader and action, called by each kind of
 * principal with a fixed corpus of hostile values — NUL, lone surrogates, control and bidi characters,
 * CR/LF, 1 MB strings, malformed ids, numbers out of range — in every parameter it reads (path
 * params, query keys and form fields found in the route's source and the components it imports,
 * every intent it declares), and with bodies that are not forms. No answer may be a 5xx (a thrown
 * error that is not a Response is one), and nothing may be written: every table but the counters of
 * attempts (rate limits) and the sessions themselves is the same before and after.
 *
 * Query values stay under the 4096-character request-target limit the server enforces before any
 * route (server/request-guards.ts answers 414 past it); bodies carry the 1 MB values.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "~/domains/accounts/roles";
import { createSession } from "~/domains/accounts/sessions.server";
import { settleAfterResponse } from "~/utils/after-response.server";
import { type Database, selectRows } from "~/utils/db.server";
import { volunteerProfiles } from "#db/schema/volunteers";
import { encrypt } from "~/utils/crypto.server";
import { createOffice, createUser, createVolunteer, uniqueResidentId } from "#tests/fixtures/factories";
import { resetDatabase, testConnection } from "./helpers";

type RouteFunction = (args: {
  request: Request;
  params: Record<string, string>;
  context: { cspNonce: string };
}) => Promise<unknown>;
interface RouteModule {
  loader?: RouteFunction;
  action?: RouteFunction;
}

const routeModules = import.meta.glob<RouteModule>("../../app/routes/*.{ts,tsx}");
const routeFile = (modulePath: string) => modulePath.replace("../../app/routes/", "");

const MEGABYTE = 1 << 20;
/** The fixed corpus. Each value goes into every parameter at once, once per intent. */
const corpus: Record<string, string> = {
  nul: "a\u0000b",
  loneSurrogates: "\ud800x\udfff",
  controls: "\u0001\u0008\u000b\u001b[31m\u007f\u0085\u009b",
  bidi: "\u202eevil\u2066\u200b",
  crlf: "x\r\nSet-Cookie: a=b\r\n\r\n",
  ideographicSpace: "\u3000",
  blank: "   ",
  malformedId: "not-a-uuid",
  sqlish: "' OR 1=1; --",
  traversal: "../../../etc/passwd",
  markup: "<script>alert(1)</script>",
  hugeNumber: "99999999999999999999999999",
  negative: "-1",
  oneMegabyte: "界".repeat(MEGABYTE / 3),
};
/** Query values stay under the server's request-target limit. */
const queryValue = (value: string) => (value.length > 1000 ? value.slice(0, 1000) : value);

/** Bodies that are not a readable form: 415 or 400, never 500. */
const badBodies: { label: string; body: string; type: string | null }[] = [
  { label: "json", body: '{"intent":"profile","email":"a@b.c"}', type: "application/json" },
  { label: "xml", body: "<a><intent>profile</intent></a>", type: "application/xml" },
  { label: "no content type", body: "intent=profile", type: null },
  { label: "text/plain", body: "intent=profile", type: "text/plain" },
  { label: "multipart without boundary", body: "intent=profile", type: "multipart/form-data" },
  {
    label: "malformed multipart",
    body: '--XyZ\r\nContent-Disposition: form-data; name="intent"\r\n\r\nprofile',
    type: "multipart/form-data; boundary=XyZ",
  },
];

const repoRoot = path.resolve(__dirname, "../..");
const read = (file: string) => readFileSync(path.join(repoRoot, file), "utf8");

/** The parameters a route reads, from its source and the components / form helpers it imports. */
function parametersOf(file: string) {
  const sources = [read(`app/routes/${file}`)];
  for (const [, imported] of sources[0]!.matchAll(/from "~\/((?:components|utils)\/[^"]+)"/g)) {
    for (const extension of [".tsx", ".ts"]) {
      try {
        sources.push(read(`app/${imported}${extension}`));
        break;
      } catch {
        // not this extension
      }
    }
  }
  const text = sources.join("\n");
  const names = new Set<string>();
  for (const pattern of [
    /name="([A-Za-z][\w-]*)"/g,
    /name=\{?"([A-Za-z][\w-]*)"/g,
    // searchParams / searchParamsOf(request) / formData / useSearchParams reads
    /\.(?:get|has|getAll)\("([\w-]+)"\)/g,
    /^\s{2}([a-zA-Z]\w*): z/gm,
  ])
    for (const [, name] of text.matchAll(pattern)) names.add(name!);
  const intents = new Set<string>();
  const routeText = sources[0]!;
  for (const [, value] of routeText.matchAll(/name="intent"\s+value="([\w-]+)"/g)) intents.add(value!);
  for (const [, value] of routeText.matchAll(/intent: z\.literal\("([\w-]+)"\)/g)) intents.add(value!);
  for (const [, list] of routeText.matchAll(/intent: z\.enum\(\[([^\]]+)\]/g))
    for (const [, value] of list!.matchAll(/"([\w-]+)"/g)) intents.add(value!);
  names.delete("intent");
  const pathParams = [...file.matchAll(/\$(\w+)/g)].map((match) => match[1]!);
  return { names: [...names].sort(), intents: [...intents].sort(), pathParams };
}

const principals = ["anonymous", "volunteer", "office_staff", "bureau_admin", "system_admin"] as const;
type Principal = (typeof principals)[number];

let db: Database;
const userIds = new Map<Role, string>();

/** Tables whose rows may change under hostile input: attempts are counted, sessions touched or ended. */
const MAY_CHANGE = new Set(["rate_limit_counters", "sessions", "__drizzle_migrations"]);
/** Routes whose every answer is audited by design: an export is one, whatever its filter. */
// Writes that hostile values cannot prevent because the post is a legitimate action: restoring the
// default star thresholds (intent=restore) records the admin setting change.
const AUDITED_READS: Record<string, string[]> = {
  "hours.export[.csv].ts": ["audit_log"],
  "staff.oversight.records[.csv].ts": ["audit_log"],
  "staff.oversight.report[.pdf].ts": ["audit_log"],
  "admin.star-levels.tsx": ["audit_log"],
  // Any text is a valid place name: the staff's post creates the service point it names (and claims
  // its form's idempotency key, when the hostile value happens to be a well-formed key).
  "staff.service-points.tsx": ["audit_log", "service_points", "form_submissions"],
};

async function fingerprint(): Promise<Record<string, string>> {
  const tables = await selectRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    if (MAY_CHANGE.has(name)) continue;
    const [row] = await selectRows<{ digest: string | null }>(
      db,
      sql.raw(
        `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${name}" t`,
      ),
    );
    result[name] = row?.digest ?? "";
  }
  return result;
}

beforeAll(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
  const office = await createOffice(db);
  const volunteer = await createVolunteer(db, { officeId: office.id, districtId: office.districtId! });
  // A real ciphertext, as registration stores (the CSV export and profile decrypt it).
  await db
    .update(volunteerProfiles)
    .set({ idNumberCiphertext: encrypt(uniqueResidentId()) })
    .where(eq(volunteerProfiles.userId, volunteer.id));
  userIds.set("volunteer", volunteer.id);
  userIds.set(
    "office_staff",
    (await createUser(db, "office_staff", { organizationId: office.id, districtId: office.districtId })).id,
  );
  userIds.set(
    "bureau_admin",
    (
      await createUser(db, "bureau_admin", {
        organizationId: office.districtId,
        districtId: office.districtId,
      })
    ).id,
  );
  userIds.set("system_admin", (await createUser(db, "system_admin")).id);
});

async function cookieOf(principal: Principal): Promise<string | null> {
  if (principal === "anonymous") return null;
  const session = await createSession(db, {
    userId: userIds.get(principal)!,
    role: principal,
    twoFactorVerified: true,
  });
  return `session=${session.token}`;
}

/** A URL cannot carry a lone surrogate: a browser would send U+FFFD. */
const wellFormed = (value: string) =>
  value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

function urlOf(file: string, params: Record<string, string>): string {
  const segments = file
    .replace(/\.(tsx|ts)$/, "")
    .replace(/\[(.+?)\]/g, "$1")
    .split(".")
    .filter((segment) => segment !== "_index")
    .map((segment) => segment.replace(/_$/, ""))
    .map((segment) =>
      segment.startsWith("$") ? encodeURIComponent(wellFormed(params[segment.slice(1)] ?? "x")) : segment,
    );
  return `http://portal.test/${segments.join("/").replace(/^\$$/, "anything")}`;
}

/** The status of one call, or the error a 500 would have shown. */
async function statusOf(fn: RouteFunction, request: Request, params: Record<string, string>) {
  try {
    const result = await fn({ request, params, context: { cspNonce: "" } });
    if (result instanceof Response) return { status: result.status };
    if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit")
      return { status: (result as { init?: { status?: number } }).init?.status ?? 200 };
    return { status: 200 };
  } catch (error) {
    if (error instanceof Response) return { status: error.status };
    return {
      status: 500,
      error: error instanceof Error ? `${error.name}: ${error.message.slice(0, 160)}` : String(error),
    };
  }
}

describe("hostile input", () => {
  const files = Object.keys(routeModules).map(routeFile).sort();

  it("finds every route and the parameters it reads", () => {
    expect(files.length).toBeGreaterThan(40);
    expect(parametersOf("login.tsx").names).toEqual(
      expect.arrayContaining(["email", "password", "redirectTo"]),
    );
    expect(parametersOf("account.tsx").intents).toEqual(
      expect.arrayContaining(["profile", "password", "enable-two-factor", "disable-two-factor"]),
    );
    expect(parametersOf("activities.$id_.edit.tsx").names).toEqual(
      expect.arrayContaining(["title", "description"]),
    );
  });

  for (const file of files) {
    it(`${file}: no 5xx and nothing written`, async () => {
      const module = await routeModules[`../../app/routes/${file}`]!();
      const { names, intents, pathParams } = parametersOf(file);
      const failures: string[] = [];
      const before = await fingerprint();
      const paramSets: Record<string, string>[] = pathParams.length
        ? [
            Object.fromEntries(pathParams.map((name) => [name, randomUUID()])),
            ...Object.values(corpus).map((value) =>
              Object.fromEntries(pathParams.map((name) => [name, value])),
            ),
          ]
        : [{}];

      // The principals in parallel (each with a session of its own), the calls of each in sequence.
      await Promise.all(
        principals.map(async (principal) => {
          const cookie = await cookieOf(principal);
          const headers = (extra: Record<string, string> = {}) => {
            const result = new Headers({
              Origin: "http://portal.test",
              "x-portal-client-ip": "198.51.100.77",
              ...extra,
            });
            if (cookie) result.set("Cookie", cookie);
            return result;
          };
          // Hostile path params: the loader and an empty post must answer before reading anything else.
          for (const params of paramSets.slice(1)) {
            const base = urlOf(file, params);
            const where = `${principal} path ${JSON.stringify(params).slice(0, 60)}`;
            if (module.loader) {
              const answer = await statusOf(module.loader, new Request(base, { headers: headers() }), params);
              if (answer.status >= 500) failures.push(`GET ${where}: ${answer.error ?? answer.status}`);
            }
            if (module.action) {
              const body = new URLSearchParams(intents[0] ? { intent: intents[0] } : {});
              const request = new Request(base, { method: "POST", headers: headers(), body });
              const answer = await statusOf(module.action, request, params);
              if (answer.status >= 500) failures.push(`POST ${where}: ${answer.error ?? answer.status}`);
            }
          }
          // Hostile values in every query key and form field, at a well-formed (unknown) id.
          const params = paramSets[0]!;
          const base = urlOf(file, params);
          for (const [label, value] of Object.entries(corpus)) {
            const where = `${principal} ${label}`;
            if (module.loader) {
              const query = new URLSearchParams(names.map((name) => [name, queryValue(value)]));
              const answer = await statusOf(
                module.loader,
                new Request(`${base}?${query}`, { headers: headers() }),
                params,
              );
              if (answer.status >= 500) failures.push(`GET ${where}: ${answer.error ?? answer.status}`);
            }
            if (!module.action) continue;
            // The megabyte goes in every field once (first intent), the other values with every intent.
            const intentsTried = label === "oneMegabyte" ? intents.slice(0, 1) : [...intents, value];
            for (const intent of intentsTried.length ? intentsTried : [undefined]) {
              const body = new URLSearchParams(names.map((name) => [name, value]));
              if (intent !== undefined) body.set("intent", intent);
              const request = new Request(base, { method: "POST", headers: headers(), body });
              const answer = await statusOf(module.action, request, params);
              if (answer.status >= 500)
                failures.push(`POST ${where} intent=${intent}: ${answer.error ?? answer.status}`);
            }
            if (label === "oneMegabyte") continue;
            // The same values as multipart.
            const multipart = new FormData();
            for (const name of names) multipart.append(name, value);
            if (intents[0]) multipart.set("intent", intents[0]);
            const answer = await statusOf(
              module.action,
              new Request(base, { method: "POST", headers: headers(), body: multipart }),
              params,
            );
            if (answer.status >= 500)
              failures.push(`POST multipart ${where}: ${answer.error ?? answer.status}`);
          }
          if (module.action) {
            for (const bad of badBodies) {
              const extra: Record<string, string> = bad.type ? { "Content-Type": bad.type } : {};
              const request = new Request(base, { method: "POST", headers: headers(extra), body: bad.body });
              if (!bad.type) request.headers.delete("Content-Type");
              const answer = await statusOf(module.action, request, params);
              if (answer.status >= 500 || (answer.status >= 200 && answer.status < 300))
                failures.push(`POST ${principal} ${bad.label}: ${answer.error ?? answer.status}`);
            }
          }
        }),
      );
      await settleAfterResponse();
      expect(failures.slice(0, 20), `${failures.length} failing calls`).toEqual([]);
      const after = await fingerprint();
      const changed = Object.keys(before).filter(
        (table) => before[table] !== after[table] && !(AUDITED_READS[file] ?? []).includes(table),
      );
      expect(changed, "tables written by hostile input").toEqual([]);
      // Hundreds of calls per route (megabyte bodies, password hashing): more than the default timeout.
    }, 300_000);
  }
});
