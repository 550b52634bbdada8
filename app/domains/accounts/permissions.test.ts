import { describe, expect, it } from "vitest";
import {
  type Actor,
  isAllowed,
  parsePermission,
  permissionDefinitions,
  rolePermissionSeed,
  widestScope,
} from "./permissions";

const officeA = "office-a";
const districtX = "bureau-x";
const staff: Actor = { id: "u1", role: "office_staff", organizationId: officeA, districtId: districtX };

describe("permissions", () => {
  it("parses action:entity:scope and refuses anything else", () => {
    expect(parsePermission("verify:organization:district")).toEqual({
      action: "verify",
      entity: "organization",
      scope: "district",
    });
    expect(() => parsePermission("verify:organization")).toThrow(/Malformed/);
    expect(() => parsePermission("verify:organization:galaxy")).toThrow(/Malformed/);
  });

  it("checks the scope against the object's place", () => {
    const granted = rolePermissionSeed.office_staff;
    expect(isAllowed(granted, staff, "verify", "organization", { districtId: districtX })).toBe(true);
    expect(isAllowed(granted, staff, "verify", "organization", { districtId: "bureau-y" })).toBe(false);
    expect(isAllowed(granted, staff, "suspend", "organization", { districtId: districtX })).toBe(false);
    expect(isAllowed(granted, staff, "read", "dashboard", { ownerUserId: "u1" })).toBe(true);
    expect(isAllowed(granted, staff, "read", "dashboard", { ownerUserId: "u2" })).toBe(false);
  });

  it("reports the widest scope a role holds", () => {
    expect(widestScope(rolePermissionSeed.bureau_admin, "verify", "organization")).toBe("district");
    expect(widestScope(rolePermissionSeed.system_admin, "verify", "organization")).toBe("any");
    expect(widestScope(rolePermissionSeed.volunteer, "verify", "organization")).toBeNull();
  });

  it("defines every permission once, each well-formed", () => {
    const keys = permissionDefinitions.map(([key]) => key);
    expect(new Set(keys).size).toBe(keys.length);
    keys.forEach((key) => expect(() => parsePermission(key)).not.toThrow());
  });
});
