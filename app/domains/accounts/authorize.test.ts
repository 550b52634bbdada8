import { describe, expect, it } from "vitest";
import { ForbiddenError, NotFoundError } from "~/domains/errors";
import { permissionDefinitions, rolePermissionSeed } from "~/domains/permission-registry";
import { actorOf, type Actor } from "./actor";
import { authorize, can, grant, parsePermission, scopeOf } from "./authorize";
import type { Role } from "./roles";

const officeA = "office-a";
const districtX = "bureau-x";

function actor(role: Role, place: Partial<Actor> = {}): Actor {
  return actorOf(
    {
      id: "u1",
      role,
      organizationId: officeA,
      organizationStatus: "verified",
      districtId: districtX,
      ...place,
    },
    rolePermissionSeed[role],
  );
}

describe("grants", () => {
  it("parses action:entity:scope and refuses anything else", () => {
    expect(parsePermission("verify:organization:district")).toEqual({
      action: "verify",
      entity: "organization",
      scope: "district",
    });
    expect(() => parsePermission("verify:organization")).toThrow(/Malformed/);
    expect(() => parsePermission("verify:organization:galaxy")).toThrow(/Malformed/);
    expect(() => parsePermission("verify:organization:any:more")).toThrow(/Malformed/);
    expect(() => grant("read:thing", "no scope", ["volunteer"])).toThrow(/Malformed/);
  });

  it("defines every permission once, each well-formed, each held by someone", () => {
    const keys = permissionDefinitions.map(({ key }) => key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const definition of permissionDefinitions) {
      expect(() => parsePermission(definition.key)).not.toThrow();
      expect(definition.roles.length, definition.key).toBeGreaterThan(0);
    }
  });
});

describe("can / authorize", () => {
  const staff = actor("office_staff");
  const bureau = actor("bureau_admin", { organizationId: districtX });

  it("checks the scope against the object's place", () => {
    expect(can(staff, "verify:organization", { districtId: districtX })).toBe(true);
    expect(can(staff, "verify:organization", { districtId: "bureau-y" })).toBe(false);
    expect(can(staff, "suspend:organization", { districtId: districtX })).toBe(false);
    expect(can(staff, "read:dashboard", { ownerUserId: "u1" })).toBe(true);
    expect(can(staff, "read:dashboard", { ownerUserId: "u2" })).toBe(false);
    expect(can(staff, "read:dashboard", { ownerUserId: null })).toBe(false);
  });

  it("a requested scope asks for at least that reach", () => {
    expect(can(staff, "read:organization:district")).toBe(true);
    expect(can(actor("enterprise_member"), "read:organization")).toBe(true);
    expect(can(actor("enterprise_member"), "read:organization:district")).toBe(false);
    expect(can(actor("system_admin"), "read:organization:district")).toBe(true);
  });

  it("answers a missing permission with 403 and an object out of scope with 404", () => {
    const volunteerTarget = { officeId: officeA, districtId: districtX };
    expect(() => authorize(staff, "suspend:volunteer", volunteerTarget)).toThrow(ForbiddenError);
    expect(authorize(bureau, "suspend:volunteer", volunteerTarget)).toBe("district");
    expect(() => authorize(bureau, "suspend:volunteer", { officeId: "o", districtId: "bureau-y" })).toThrow(
      NotFoundError,
    );
    expect(() => authorize(actor("volunteer"), "read:subject")).toThrow(ForbiddenError);
    expect(authorize(staff, "approve:volunteer", volunteerTarget)).toBe("office");
  });

  it("fails closed for an actor without an organization", () => {
    const homeless = actor("office_staff", { organizationId: null, districtId: null });
    expect(can(homeless, "read:subject")).toBe(true);
    expect(can(homeless, "read:subject", { officeId: null, districtId: null })).toBe(false);
    expect(() => authorize(homeless, "read:subject", { officeId: null })).toThrow(NotFoundError);
  });

  it("drops the grants that need a verified organization while it is not verified", () => {
    const verified = actor("provider_member", { organizationId: "org" });
    const pending = actor("provider_member", { organizationId: "org", organizationStatus: "pending" });
    expect(can(verified, "manage:activity")).toBe(true);
    expect(can(pending, "manage:activity")).toBe(false);
    expect(can(pending, "request:hour-correction")).toBe(false);
    expect(can(pending, "read:activity")).toBe(true);
    expect(can(pending, "update:profile")).toBe(true);
  });

  it("reports the widest scope a role holds", () => {
    expect(scopeOf(bureau, "verify", "organization")).toBe("district");
    expect(scopeOf(actor("system_admin"), "verify", "organization")).toBe("any");
    expect(scopeOf(actor("volunteer"), "verify", "organization")).toBeNull();
  });
});
