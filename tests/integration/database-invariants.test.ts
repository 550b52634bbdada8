/**
 * Office ↔ district consistency held by the database itself (migrations 0016 and 0017, ADR 007):
 * whatever the application does, a row cannot name an office together with another district, an
 * office column cannot name a non-office, and a volunteer's service offices are offices of the
 * profile's own district. Each refusal is asserted by the constraint's name.
 */
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { hourRecords, volunteerProfiles, activities } from "#db/schema/volunteers";
import { subjects } from "#db/schema/subjects";
import {
  createActivity,
  createOffice,
  createOrganization,
  createUser,
  createVolunteer,
  type TestOrganization,
  type TestUser,
  uniqueSuffix,
} from "#tests/fixtures/factories";
import { violatedConstraint } from "#tests/fixtures/errors";
import type { Database } from "~/utils/db.server";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;
let office: TestOrganization;
let otherDistrictOffice: TestOrganization;
let socialOrg: TestOrganization;
let staff: TestUser;

beforeEach(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
  office = await createOffice(db);
  otherDistrictOffice = await createOffice(db);
  socialOrg = await createOrganization(db, "social_org", { districtId: office.districtId });
  staff = await createUser(db, "office_staff", { organizationId: office.id, districtId: office.districtId });
});

/** A subject row as registerSubject would write it (ciphertexts are opaque to the database). */
function subjectRow(officeId: string, districtId: string): typeof subjects.$inferInsert {
  const code = uniqueSuffix().toUpperCase().padStart(12, "0").slice(-12);
  return {
    caseCode: `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`,
    officeId,
    districtId,
    nameCiphertext: "k.iv.tag.body",
    idNumberCiphertext: "k.iv.tag.body",
    idNumberHash: `hash-${uniqueSuffix()}`,
    gender: "male",
    area: "城关街道",
    supervisionLevel: "normal",
    correctionStart: "2026-01-01",
    correctionEnd: "2026-12-31",
    createdBy: staff.id,
  };
}

function hourRow(volunteerId: string, officeId: string, districtId: string): typeof hourRecords.$inferInsert {
  return {
    volunteerId,
    officeId,
    districtId,
    kind: "self_reported",
    serviceDate: "2026-03-02",
    minutes: 60,
    description: "社区服务",
    status: "pending",
  };
}

describe("an office's rows carry the office's own district", () => {
  it("subjects: a district that is not the office's is refused", async () => {
    await db.insert(subjects).values(subjectRow(office.id, office.districtId)); // the control
    expect(
      await violatedConstraint(
        db.insert(subjects).values(subjectRow(office.id, otherDistrictOffice.districtId)),
      ),
    ).toBe("subjects_office_district_fk");
  });

  it("subjects: moving a row to another district afterwards is refused too", async () => {
    const [row] = await db
      .insert(subjects)
      .values(subjectRow(office.id, office.districtId))
      .returning({ id: subjects.id });
    expect(
      await violatedConstraint(
        db
          .update(subjects)
          .set({ districtId: otherDistrictOffice.districtId })
          .where(eq(subjects.id, row!.id)),
      ),
    ).toBe("subjects_office_district_fk");
  });

  it("volunteer profiles: a home office of another district is refused", async () => {
    await createVolunteer(db, { officeId: office.id, districtId: office.districtId });
    expect(
      await violatedConstraint(
        createVolunteer(db, { officeId: office.id, districtId: otherDistrictOffice.districtId }),
      ),
    ).toBe("volunteer_profiles_office_district_fk");
  });

  it("activities: an office of another district is refused", async () => {
    const base = { officeId: office.id, createdBy: staff.id };
    await createActivity(db, { ...base, districtId: office.districtId });
    expect(
      await violatedConstraint(createActivity(db, { ...base, districtId: otherDistrictOffice.districtId })),
    ).toBe("activities_office_district_fk");
  });

  it("hour records: an office of another district is refused", async () => {
    const volunteer = await createVolunteer(db, { officeId: office.id, districtId: office.districtId });
    await db.insert(hourRecords).values(hourRow(volunteer.id, office.id, office.districtId));
    expect(
      await violatedConstraint(
        db.insert(hourRecords).values(hourRow(volunteer.id, office.id, otherDistrictOffice.districtId)),
      ),
    ).toBe("hour_records_office_district_fk");
  });
});

describe("office columns name judicial offices", () => {
  it("refuses a social organization (of the same district) in each office column", async () => {
    const volunteer = await createVolunteer(db, { officeId: office.id, districtId: office.districtId });
    const inDistrict = { districtId: office.districtId };
    expect(
      await violatedConstraint(db.insert(subjects).values(subjectRow(socialOrg.id, office.districtId))),
    ).toBe("subjects_office_id_is_office");
    expect(
      await violatedConstraint(
        createActivity(db, { officeId: socialOrg.id, createdBy: staff.id, ...inDistrict }),
      ),
    ).toBe("activities_office_id_is_office");
    expect(
      await violatedConstraint(
        db.insert(hourRecords).values(hourRow(volunteer.id, socialOrg.id, office.districtId)),
      ),
    ).toBe("hour_records_office_id_is_office");
    expect(await violatedConstraint(createVolunteer(db, { officeId: socialOrg.id, ...inDistrict }))).toBe(
      "volunteer_profiles_home_office_id_is_office",
    );
  });
});

describe("a volunteer's service offices", () => {
  it("accepts another office of the profile's district", async () => {
    const neighbour = await createOffice(db, { districtId: office.districtId });
    const volunteer = await createVolunteer(db, {
      officeId: office.id,
      districtId: office.districtId,
      serviceOfficeIds: [neighbour.id],
    });
    expect(volunteer.profile.serviceOfficeIds).toEqual([neighbour.id]);
  });

  it("refuses an office of another district, a non-office and a repeated office", async () => {
    const home = { officeId: office.id, districtId: office.districtId };
    for (const serviceOfficeIds of [[otherDistrictOffice.id], [socialOrg.id], [office.id, office.id]]) {
      expect(await violatedConstraint(createVolunteer(db, { ...home, serviceOfficeIds }))).toBe(
        "volunteer_profiles_service_offices_valid",
      );
    }
  });

  it("refuses the same on a later update of the array", async () => {
    const volunteer = await createVolunteer(db, { officeId: office.id, districtId: office.districtId });
    expect(
      await violatedConstraint(
        db
          .update(volunteerProfiles)
          .set({ serviceOfficeIds: [otherDistrictOffice.id] })
          .where(eq(volunteerProfiles.userId, volunteer.id)),
      ),
    ).toBe("volunteer_profiles_service_offices_valid");
    expect(await db.select({ id: activities.id }).from(activities)).toEqual([]);
  });
});
