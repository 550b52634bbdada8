import { z } from "zod";
import { employmentEmail, formatEmailDate, formatEmailDateTime } from "../components/employment";
import { linkSchema } from "../define";

const isoDate = z.iso.date();

/** To office staff of the work place's district: a job or training offer opened for referrals. */
export const employmentOfferPublished = employmentEmail({
  name: "employment-offer-published",
  schema: z.object({
    kind: z.enum(["job", "training"]),
    title: z.string().min(1),
    enterprise: z.string().min(1),
    closesOn: isoDate,
    url: linkSchema,
  }),
  audience: ["staff"],
  values: (data, t, language) => ({
    title: data.title,
    enterprise: data.enterprise,
    kind: t(`email.employment-offer-published.kind.${data.kind}`),
    closesOn: formatEmailDate(data.closesOn, language),
  }),
  lines: () => ["intro", "closes"],
  sample: {
    kind: "job",
    title: "数控车床操作工",
    enterprise: "恒达制造有限公司",
    closesOn: "2026-12-31",
    url: "/staff/employment/jobs/0f8fad5b-d9cb-469f-a165-70867728950e",
  },
});

/** To the enterprise: an open job offer closes in three days. */
export const employmentOfferClosingSoon = employmentEmail({
  name: "employment-offer-closing-soon",
  schema: z.object({ title: z.string().min(1), closesOn: isoDate, url: linkSchema }),
  audience: ["provider"],
  values: (data, _t, language) => ({ title: data.title, closesOn: formatEmailDate(data.closesOn, language) }),
  lines: () => ["intro", "hint"],
  sample: {
    title: "数控车床操作工",
    closesOn: "2026-12-31",
    url: "/employment/jobs/0f8fad5b-d9cb-469f-a165-70867728950e",
  },
});

/** To the enterprise: staff referred a candidate to a job, or enrolled one in a training. */
export const employmentReferralReceived = employmentEmail({
  name: "employment-referral-received",
  schema: z.object({
    kind: z.enum(["job", "training"]),
    title: z.string().min(1),
    respondBy: isoDate.nullish(),
    url: linkSchema,
  }),
  audience: ["provider"],
  values: (data, _t, language) => ({
    title: data.title,
    respondBy: data.respondBy ? formatEmailDate(data.respondBy, language) : "",
  }),
  lines: (data) => [
    data.kind === "job" ? "introJob" : "introTraining",
    ...(data.respondBy ? ["respondBy"] : []),
  ],
  sample: {
    kind: "job",
    title: "数控车床操作工",
    respondBy: "2026-12-09",
    url: "/employment/referrals/0f8fad5b-d9cb-469f-a165-70867728950e",
  },
});

/** To the referring staff member: the enterprise set an interview. */
export const employmentInterviewScheduled = employmentEmail({
  name: "employment-interview-scheduled",
  schema: z.object({
    title: z.string().min(1),
    caseCode: z.string().min(1),
    interviewAt: z.iso.datetime({ offset: true }),
    place: z.string().min(1),
    url: linkSchema,
  }),
  audience: ["staff"],
  values: (data, _t, language) => ({
    title: data.title,
    caseCode: data.caseCode,
    interviewAt: formatEmailDateTime(data.interviewAt, language),
    place: data.place,
  }),
  lines: () => ["intro", "when"],
  sample: {
    title: "数控车床操作工",
    caseCode: "K7QF-2M9X-PL4D",
    interviewAt: "2026-12-08T02:00:00.000Z",
    place: "恒达制造有限公司人事部（工业园路 8 号）",
    url: "/staff/employment/referrals",
  },
});

/** To the referring staff member: the referral ended in a hire or not. */
export const employmentReferralOutcome = employmentEmail({
  name: "employment-referral-outcome",
  schema: z.object({
    outcome: z.enum(["hired", "not_hired"]),
    title: z.string().min(1),
    caseCode: z.string().min(1),
    /** The coded reason, translated in the mail (never free text of the enterprise). */
    reason: z.string().nullish(),
    hiredOn: isoDate.nullish(),
    url: linkSchema,
  }),
  audience: ["staff"],
  values: (data, t, language) => ({
    title: data.title,
    caseCode: data.caseCode,
    hiredOn: data.hiredOn ? formatEmailDate(data.hiredOn, language) : "",
    reason: data.reason ? t(`email.employment-referral-outcome.reasons.${data.reason}`) : "",
  }),
  lines: (data) => (data.outcome === "hired" ? ["hired", "checkins"] : ["notHired"]),
  sample: {
    outcome: "hired",
    title: "数控车床操作工",
    caseCode: "K7QF-2M9X-PL4D",
    reason: null,
    hiredOn: "2026-12-10",
    url: "/staff/employment/referrals",
  },
});

/** To the enterprise (and the referring staff member): a retention check-in is due. */
export const employmentCheckinDue = employmentEmail({
  name: "employment-checkin-due",
  schema: z.object({
    title: z.string().min(1),
    dayMark: z.union([z.literal(30), z.literal(90), z.literal(180)]),
    dueOn: isoDate,
    url: linkSchema,
  }),
  audience: ["provider", "staff"],
  values: (data, _t, language) => ({
    title: data.title,
    days: data.dayMark,
    dueOn: formatEmailDate(data.dueOn, language),
  }),
  lines: () => ["intro", "hint"],
  sample: { title: "数控车床操作工", dayMark: 30, dueOn: "2027-01-09", url: "/employment" },
});

/** To the staff member who enrolled a candidate: the training place is confirmed. */
export const employmentTrainingEnrollmentConfirmed = employmentEmail({
  name: "employment-training-enrollment-confirmed",
  schema: z.object({
    course: z.string().min(1),
    caseCode: z.string().min(1),
    firstSession: z.iso.datetime({ offset: true }).nullish(),
    place: z.string().min(1),
    url: linkSchema,
  }),
  audience: ["staff"],
  values: (data, _t, language) => ({
    course: data.course,
    caseCode: data.caseCode,
    place: data.place,
    firstSession: data.firstSession ? formatEmailDateTime(data.firstSession, language) : "",
  }),
  lines: (data) => ["intro", data.firstSession ? "firstSession" : "noSession"],
  sample: {
    course: "电工上岗证培训",
    caseCode: "K7QF-2M9X-PL4D",
    firstSession: "2026-12-12T01:00:00.000Z",
    place: "恒达职业培训中心",
    url: "/staff/employment/referrals",
  },
});
