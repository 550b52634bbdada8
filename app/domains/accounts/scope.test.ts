import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { hourRecords } from "#db/schema/volunteers";
import { scopeCondition, scopeCovers } from "./scope";

const dialect = new PgDialect({ casing: "snake_case" });
const render = (condition: ReturnType<typeof scopeCondition>) => {
  const { sql, params } = dialect.sqlToQuery(condition);
  return { sql, params };
};
const owner = {
  ownerUserId: hourRecords.volunteerId,
  officeId: hourRecords.officeId,
  districtId: hourRecords.districtId,
};
const staff = { id: "u1", organizationId: "office-a", districtId: "bureau-x" };

describe("scopeCondition", () => {
  it("turns each scope into a condition on the table's owner columns", () => {
    expect(render(scopeCondition(staff, "office", owner))).toEqual({
      sql: '"hour_records"."office_id" = $1',
      params: ["office-a"],
    });
    expect(render(scopeCondition(staff, "district", owner))).toEqual({
      sql: '"hour_records"."district_id" = $1',
      params: ["bureau-x"],
    });
    expect(render(scopeCondition(staff, "own", owner))).toEqual({
      sql: '"hour_records"."volunteer_id" = $1',
      params: ["u1"],
    });
    expect(render(scopeCondition(staff, "any", owner)).sql).toBe("true");
  });

  it("matches nothing for an actor without an organization, or a scope the table cannot answer", () => {
    const volunteer = { id: "v1", organizationId: null, districtId: null };
    expect(render(scopeCondition(volunteer, "office", owner)).sql).toBe("false");
    expect(render(scopeCondition(volunteer, "district", owner)).sql).toBe("false");
    expect(render(scopeCondition(volunteer, "organization", owner)).sql).toBe("false");
    expect(render(scopeCondition(staff, "organization", owner)).sql).toBe("false");
    expect(render(scopeCondition({ organizationId: "o", districtId: "d" }, "own", owner)).sql).toBe("false");
  });

  it("agrees with the in-memory check", () => {
    expect(scopeCovers("office", staff, { officeId: "office-a" })).toBe(true);
    expect(scopeCovers("office", staff, { officeId: "office-b" })).toBe(false);
    expect(scopeCovers("organization", { ...staff, organizationId: null }, { organizationId: null })).toBe(
      false,
    );
  });
});
