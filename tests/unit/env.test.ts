import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, shouldSeedDemoData } from "~/utils/env.server";

describe("parseEnv", () => {
  it("gives working defaults for a first-time user with nothing configured", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DIR).toBe("./.data/pglite");
    expect(shouldSeedDemoData(env)).toBe(true);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).DATABASE_URL).toBeUndefined();
  });

  it("names every bad variable in one readable error", () => {
    let caught: unknown;
    try {
      parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", APP_URL: "not a url" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvError);
    const error = caught as EnvError;
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual(["APP_URL", "DATABASE_URL", "PORT"]);
    expect(error.message).toContain("PORT: expected a port number");
    expect(error.message).toContain(".env.example");
  });

  it("rejects a port out of range", () => {
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT: expected a port between 1 and 65535/);
  });

  it("never seeds demo data into a real server unless asked", () => {
    const server = parseEnv({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/portal" });
    expect(shouldSeedDemoData(server)).toBe(false);
    expect(shouldSeedDemoData({ ...server, SEED_DEMO_DATA: true })).toBe(true);
    expect(parseEnv({ SEED_DEMO_DATA: "false" }).SEED_DEMO_DATA).toBe(false);
    expect(() => parseEnv({ SEED_DEMO_DATA: "maybe" })).toThrow(/SEED_DEMO_DATA: expected true or false/);
  });

  it("requires APP_URL in production on a PostgreSQL server, and allows localhost hosts otherwise", () => {
    const server = { NODE_ENV: "production", DATABASE_URL: "postgres://postgres@127.0.0.1:5432/portal" };
    expect(() => parseEnv(server)).toThrow(/APP_URL: required in production on a PostgreSQL server/);
    expect(parseEnv({ ...server, APP_URL: "https://portal.example.gov.cn" }).APP_URL).toBe(
      "https://portal.example.gov.cn",
    );
    expect(parseEnv({ NODE_ENV: "production" }).ALLOWED_HOSTS).toEqual(["localhost", "127.0.0.1"]);
    expect(parseEnv({ ALLOWED_HOSTS: "portal.lan, 10.0.0.5:3000" }).ALLOWED_HOSTS).toEqual([
      "portal.lan",
      "10.0.0.5:3000",
    ]);
    expect(() => parseEnv({ APP_URL: "https://portal.example.gov.cn/some/path" })).toThrow(/APP_URL/);
    expect(() => parseEnv({ ALLOWED_HOSTS: "evil.example/x" })).toThrow(/ALLOWED_HOSTS/);
  });
});
