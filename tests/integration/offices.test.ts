/**
 * A judicial office's details on /admin/offices (issue 11 defect 2: each office needs a configurable
 * person in charge for its certificates): a bureau admin keeps their district's offices only, bad
 * input is answered per field with what was typed, and the change is audited without the values.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { organizations } from "#db/schema/accounts";
import { auditLog } from "#db/schema/audit";
import type { Database } from "~/utils/db.server";
import { createOffice, createUser, type TestUser } from "#tests/fixtures/factories";
import { signedInRequest, routeCall } from "#tests/fixtures/requests";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;
beforeAll(async () => {
  db = (await testConnection()).db;
});
beforeEach(() => resetDatabase());

const args = (request: Request, params: Record<string, string>) => ({
  request,
  params,
  context: { cspNonce: "" },
});

async function world() {
  const office = await createOffice(db, { name: "城关司法所", personInCharge: "陈志强" });
  const elsewhere = await createOffice(db, { name: "外区司法所" });
  const admin: TestUser = await createUser(db, "bureau_admin", { districtId: office.districtId });
  return { office, elsewhere, admin };
}

describe("office details", () => {
  it("lists the district's offices only and saves a new person in charge, audited without the values", async () => {
    const { office, elsewhere, admin } = await world();
    const list = await import("~/routes/admin.offices._index");
    const page = await routeCall(async () =>
      list.loader(args(await signedInRequest(db, admin, "/admin/offices"), {})),
    );
    const offices = page.body.offices as { id: string; personInCharge: string | null }[];
    expect(offices.map((row) => [row.id, row.personInCharge])).toEqual([[office.id, "陈志强"]]);

    const edit = await import("~/routes/admin.offices.$id");
    const path = `/admin/offices/${office.id}`;
    const saved = await routeCall(async () =>
      edit.action(
        args(
          await signedInRequest(db, admin, path, {
            form: { personInCharge: " 王建国 ", contactName: "", contactPhone: "010-62345678", address: "" },
          }),
          { id: office.id },
        ),
      ),
    );
    expect(saved).toMatchObject({ status: 302, location: "/admin/offices" });
    const [row] = await db.select().from(organizations).where(eq(organizations.id, office.id));
    expect(row).toMatchObject({ personInCharge: "王建国", contactPhone: "010-62345678", contactName: null });
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "organization"), eq(auditLog.entityId, office.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.details).toEqual({ fields: ["personInCharge", "contactPhone"] });
    expect(JSON.stringify(audits[0])).not.toContain("王建国");

    // Sent again unchanged: nothing is written, nothing more is audited.
    const again = await routeCall(async () =>
      edit.action(
        args(
          await signedInRequest(db, admin, path, {
            form: { personInCharge: "王建国", contactName: "", contactPhone: "010-62345678", address: "" },
          }),
          { id: office.id },
        ),
      ),
    );
    expect(again.status).toBe(302);
    expect(await db.select().from(auditLog).where(eq(auditLog.entityId, office.id))).toHaveLength(1);

    // Another district's office does not exist for this admin, to read or to write.
    const other = `/admin/offices/${elsewhere.id}`;
    expect(
      (
        await routeCall(async () =>
          edit.loader(args(await signedInRequest(db, admin, other), { id: elsewhere.id })),
        )
      ).status,
    ).toBe(404);
    const write = await routeCall(async () =>
      edit.action(
        args(await signedInRequest(db, admin, other, { form: { personInCharge: "某人" } }), {
          id: elsewhere.id,
        }),
      ),
    );
    expect(write.status).toBe(404);
    const [untouched] = await db.select().from(organizations).where(eq(organizations.id, elsewhere.id));
    expect(untouched!.personInCharge).toBeNull();
  });

  it("answers every bad field at once with what was typed, and writes nothing", async () => {
    const { office, admin } = await world();
    const edit = await import("~/routes/admin.offices.$id");
    const answer = await routeCall(async () =>
      edit.action(
        args(
          await signedInRequest(db, admin, `/admin/offices/${office.id}`, {
            form: { personInCharge: "  ", contactName: "长".repeat(51), contactPhone: "12345", address: "" },
          }),
          { id: office.id },
        ),
      ),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toMatchObject({
      personInCharge: { message: "validation:personInCharge.required" },
      contactName: { message: "validation:contactName.tooLong" },
      contactPhone: { message: "validation:contactPhone.invalid" },
    });
    expect(answer.body.values).toMatchObject({ contactPhone: "12345" });
    const [row] = await db.select().from(organizations).where(eq(organizations.id, office.id));
    expect(row!.personInCharge).toBe("陈志强");
  });
});
