/**
 * The patched `is()` of drizzle-orm (scripts/patch-dependencies.mjs, ADR 019): the class chain walked
 * once per class and type, with the answers it gave before — for instances, for classes of another
 * copy of drizzle that share an entity kind, and for values that are no entity.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Column, SQL, sql } from "drizzle-orm";
import { entityKind, is } from "drizzle-orm/entity";
import { PgColumn } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";

describe("entity check (patched drizzle-orm)", () => {
  it("is patched in the installed package, in both its builds", () => {
    const require = createRequire(import.meta.url);
    const root = path.dirname(require.resolve("drizzle-orm"));
    for (const file of ["entity.js", "entity.cjs"]) {
      expect(readFileSync(path.join(root, file), "utf8"), file).toContain("portal patch");
    }
  });

  it("answers as before, the first time and every time after", () => {
    // Another copy's classes: no `instanceof`, the same entity kinds up the chain.
    class ForeignSql {
      static readonly [entityKind] = SQL[entityKind];
    }
    class ForeignChild extends ForeignSql {
      static override readonly [entityKind] = "ForeignChild";
    }
    const cases: [unknown, unknown, boolean][] = [
      [sql`select 1`, SQL, true],
      [sql`select 1`, Column, false],
      [new ForeignSql(), SQL, true],
      [new ForeignChild(), SQL, true],
      [new ForeignChild(), PgColumn, false],
      [{}, SQL, false],
      [null, SQL, false],
      ["SQL", SQL, false],
    ];
    for (let round = 0; round < 3; round += 1) {
      for (const [value, type, expected] of cases) {
        expect(is(value, type as typeof SQL), `${String(value)} / ${(type as { name: string }).name}`).toBe(
          expected,
        );
      }
    }
  });

  it("still refuses a class that is no drizzle entity", () => {
    class Plain {}
    expect(() => is(sql`select 1`, Plain as unknown as typeof SQL)).toThrow(
      /doesn't look like a Drizzle entity/,
    );
  });
});
