import { describe, expect, it } from "vitest";
import { webProcessCount } from "../../server/processes";

describe("webProcessCount", () => {
  it("runs one worker per core on a PostgreSQL server, WEB_CONCURRENCY overriding", () => {
    const DATABASE_URL = "postgres://localhost/portal";
    expect(webProcessCount({ DATABASE_URL, WEB_CONCURRENCY: undefined }, 2)).toBe(2);
    expect(webProcessCount({ DATABASE_URL, WEB_CONCURRENCY: 3 }, 2)).toBe(3);
    expect(webProcessCount({ DATABASE_URL, WEB_CONCURRENCY: undefined }, 0)).toBe(1);
  });

  it("keeps the embedded PGlite database in one process, whatever WEB_CONCURRENCY says", () => {
    expect(webProcessCount({ DATABASE_URL: undefined, WEB_CONCURRENCY: 4 }, 8)).toBe(1);
  });
});
