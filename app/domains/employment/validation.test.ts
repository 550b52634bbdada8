import { describe, expect, it } from "vitest";
import {
  candidateProfileSchema,
  checkinSchema,
  enterpriseProfileSchema,
  interviewSchema,
  jobOfferSchema,
  trainingOfferSchema,
  trainingSessionSchema,
} from "./validation";

/**
 * The employment forms' schemas as the browser and the action both run them (docs/decisions/009-forms.md):
 * every error at once — a cross-field rule still speaks while another field is wrong — and blank
 * numbers are missing, not zero.
 */

const DISTRICT = "0b7c1a52-6a1e-4c8e-9a43-0d4f6e2b9c11";

function errorsOf(schema: { safeParse: (input: unknown) => unknown }, input: unknown) {
  const result = schema.safeParse(input) as {
    success: boolean;
    error?: { issues: { path: PropertyKey[]; message: string }[] };
  };
  const errors: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) errors[issue.path.join(".")] ??= issue.message;
  return errors;
}

const job = {
  title: "包装操作工",
  category: "manufacturing",
  openings: "2",
  wageMin: "4500",
  wageMax: "6000",
  workDistrictId: DISTRICT,
  workAddress: "示范区工业园 9 号",
  hours: "8:00-17:00",
  requirements: "",
  benefits: "",
  startsOn: "2099-01-01",
  closesOn: "2099-12-31",
};

describe("employment schemas", () => {
  it("a job offer answers the wage range together with the other errors", () => {
    expect(
      errorsOf(jobOfferSchema, { ...job, title: " ", wageMin: "6000", wageMax: "4500", closesOn: "" }),
    ).toEqual({
      title: "employment:errors.title",
      wageMax: "employment:errors.wageRange",
      closesOn: "employment:errors.date",
    });
  });

  it("a job offer's blank openings or wage is missing, not zero; an unticked box is false", () => {
    expect(errorsOf(jobOfferSchema, { ...job, openings: "", wageMin: " " })).toEqual({
      openings: "employment:errors.openings",
      wageMin: "employment:errors.wage",
    });
    const parsed = jobOfferSchema.parse(job);
    expect(parsed).toMatchObject({ openings: 2, wageMin: 4500, accommodation: false });
    expect(jobOfferSchema.parse({ ...job, accommodation: "on" }).accommodation).toBe(true);
  });

  it("a training left without a cost is free; its capacity is required", () => {
    const training = {
      course: "叉车培训",
      category: "logistics",
      provider: "测试培训中心",
      districtId: DISTRICT,
      place: "培训楼 101",
      capacity: "",
      certificate: "",
      costYuan: "",
      description: "",
      closesOn: "2099-12-31",
    };
    expect(errorsOf(trainingOfferSchema, training)).toEqual({ capacity: "employment:errors.capacity" });
    expect(trainingOfferSchema.parse({ ...training, capacity: "5" }).costYuan).toBe(0);
  });

  it("a session's time order is checked while its date is wrong", () => {
    expect(
      errorsOf(trainingSessionSchema, { date: "", startTime: "12:00", endTime: "09:00", topic: "" }),
    ).toEqual({ date: "employment:errors.date", endTime: "employment:errors.timeOrder" });
    expect(
      errorsOf(trainingSessionSchema, {
        date: "2099-01-01",
        startTime: "25:00",
        endTime: "09:00",
        topic: "",
      }),
    ).toEqual({
      startTime: "employment:errors.time",
    });
  });

  it("the enterprise profile: every error at once, the pledge refused with its own message", () => {
    expect(
      errorsOf(enterpriseProfileSchema, {
        industry: "manufacturing",
        size: "small",
        hiringDistrictIds: [],
        contactName: "",
        contactPhone: "x",
        contactEmail: "not-an-email",
        description: "",
      }),
    ).toEqual({
      hiringDistrictIds: "employment:errors.hiringDistricts",
      contactName: "employment:errors.contactName",
      contactPhone: "employment:errors.contactPhone",
      contactEmail: "employment:errors.contactEmail",
      pledge: "employment:errors.pledge",
    });
    expect(
      enterpriseProfileSchema.parse({
        industry: "manufacturing",
        size: "small",
        hiringDistrictIds: [DISTRICT],
        contactName: "李经理",
        contactPhone: "0571-88886666",
        contactEmail: " ",
        description: "",
        pledge: "on",
      }),
    ).toMatchObject({ contactEmail: null, pledge: true });
  });

  it("an interview time must be a real date and time", () => {
    expect(errorsOf(interviewSchema, { interviewAt: "2099-02-30T10:00", interviewPlace: "人事部" })).toEqual({
      interviewAt: "employment:errors.interviewAt",
    });
    expect(errorsOf(interviewSchema, { interviewAt: "2099-01-02T24:00", interviewPlace: "" })).toEqual({
      interviewAt: "employment:errors.interviewAt",
      interviewPlace: "employment:errors.interviewPlace",
    });
  });

  it("a check-in names its row and its outcome", () => {
    const checkinId = DISTRICT;
    expect(checkinSchema.parse({ checkinId, outcome: "still_employed" })).toEqual({
      checkinId,
      outcome: "still_employed",
    });
    expect(errorsOf(checkinSchema, { checkinId, outcome: "maybe" })).toEqual({
      outcome: "employment:errors.outcome",
    });
    expect(
      errorsOf(checkinSchema, {
        checkinId: "x",
        outcome: "ended",
        endedOn: "",
        endReason: "bored",
        endNote: "",
      }),
    ).toEqual({
      checkinId: "employment:errors.checkin",
      endedOn: "employment:errors.date",
      endReason: "employment:errors.endReason",
    });
  });

  it("a candidate's preferred district may be left blank", () => {
    const candidate = {
      skills: "叉车, 焊接，叉车",
      educationLevel: "primary",
      workHistoryCategories: [],
      desiredCategories: ["manufacturing"],
      availability: "full_time",
    };
    expect(candidateProfileSchema.parse({ ...candidate, preferredDistrictId: "" })).toMatchObject({
      skills: ["叉车", "焊接"],
      preferredDistrictId: null,
    });
    expect(errorsOf(candidateProfileSchema, { ...candidate, preferredDistrictId: "x" })).toEqual({
      preferredDistrictId: "employment:errors.district",
    });
  });
});
