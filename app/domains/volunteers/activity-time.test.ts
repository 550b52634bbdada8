import { describe, expect, it } from "vitest";
import { inAppMessage } from "~/domains/notifications/in-app-message";
import {
  parseShanghaiDateTime,
  shanghaiDateOf,
  startOfShanghaiDay,
  toShanghaiInputValue,
} from "./activity-time";
import { activitySchema } from "./activity-validation";

describe("activity times in Beijing time", () => {
  it("reads a datetime-local value as UTC+8 and writes it back", () => {
    const instant = parseShanghaiDateTime("2026-05-01T09:30");
    expect(instant?.toISOString()).toBe("2026-05-01T01:30:00.000Z");
    expect(toShanghaiInputValue(instant!)).toBe("2026-05-01T09:30");
    // Just after midnight in Beijing is still the previous day in UTC.
    const early = parseShanghaiDateTime("2026-05-01T00:10")!;
    expect(early.toISOString()).toBe("2026-04-30T16:10:00.000Z");
    expect(shanghaiDateOf(early)).toBe("2026-05-01");
    expect(startOfShanghaiDay("2026-05-01")?.toISOString()).toBe("2026-04-30T16:00:00.000Z");
  });

  it("refuses what is not a real date and time", () => {
    for (const value of [
      "",
      "2026-02-30T10:00",
      "2026-13-01T10:00",
      "2026-05-01T24:00",
      "2026-05-01 10:00",
      "x",
    ])
      expect(parseShanghaiDateTime(value), value).toBeNull();
  });
});

describe("activity form", () => {
  const valid = {
    title: "社区普法宣传",
    description: "讲解民法典",
    category: "legal",
    place: "二楼会议室",
    officeId: "6f1c2a8e-3b4d-4c5e-9f60-718293a4b5c6",
    startsAt: "2026-05-01T09:30",
    endsAt: "2026-05-01T11:30",
    capacity: "20",
    requiredSkills: ["legal", "legal", "it"],
    requiredQualification: "",
  };
  const errorsOf = (input: Record<string, unknown>) => {
    const result = activitySchema.safeParse(input);
    return result.success
      ? {}
      : Object.fromEntries(result.error.issues.map((issue) => [issue.path[0], issue.message]));
  };

  it("parses the form: Beijing times, unique skills, no qualification, insurance off", () => {
    const parsed = activitySchema.parse(valid);
    expect(parsed.startsAt.toISOString()).toBe("2026-05-01T01:30:00.000Z");
    expect(parsed.requiredSkills).toEqual(["legal", "it"]);
    expect(parsed.requiredQualification).toBeNull();
    expect(parsed.insuranceRequired).toBe(false);
    expect(activitySchema.parse({ ...valid, insuranceRequired: "on" }).insuranceRequired).toBe(true);
  });

  it("says what to fix, field by field", () => {
    expect(errorsOf({ ...valid, endsAt: "2026-05-01T09:00" })).toEqual({
      endsAt: "validation:activityTime.endBeforeStart",
    });
    expect(errorsOf({ ...valid, endsAt: "2026-05-02T10:00" })).toEqual({
      endsAt: "validation:activityTime.tooLong",
    });
    expect(errorsOf({ ...valid, startsAt: "soon" })).toEqual({ startsAt: "validation:activityTime.invalid" });
    expect(errorsOf({ ...valid, capacity: "0" })).toEqual({
      capacity: "validation:activityCapacity.invalid",
    });
    expect(errorsOf({ ...valid, capacity: "1001" })).toEqual({
      capacity: "validation:activityCapacity.invalid",
    });
    expect(errorsOf({ ...valid, requiredSkills: ["cooking"] })).toEqual({
      requiredSkills: "validation:activitySkills.invalid",
    });
    expect(errorsOf({ ...valid, requiredQualification: "pilot" })).toEqual({
      requiredQualification: "validation:activityQualification.invalid",
    });
    expect(errorsOf({ ...valid, title: " ", category: "sports", officeId: "x", place: "" })).toEqual({
      title: "validation:activityTitle.required",
      category: "validation:activityCategory.invalid",
      officeId: "validation:activityOffice.required",
      place: "validation:activityPlace.required",
    });
  });
});

describe("activity notifications in the inbox", () => {
  const t = (key: string, options?: Record<string, unknown>) => `${key}|${JSON.stringify(options ?? {})}`;
  it("names the activity in the body", () => {
    expect(inAppMessage(t, "activity-cancelled", { activityTitle: "普法" }).body).toBe(
      'email.activity-cancelled.inApp|{"activityTitle":"普法"}',
    );
    expect(inAppMessage(t, "activity-reminder", {}).body).toBeNull();
  });
});
