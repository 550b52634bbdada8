/**
 * The authorization matrix: every route of the app × every role (and anonymous) × objects of the
 * user's own and of another district, asserting the status each loader and action answers.
 * Routes are found from the files in app/routes: a route missing from `matrix` fails the test, so
 * each new feature must state who may do what on its pages.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { organizations, permissions, rolePermissions, users } from "#db/schema/accounts";
import { awardTypes, nominations } from "#db/schema/awards";
import { activities, hourCorrections, hourRecords, volunteerProfiles } from "#db/schema/volunteers";
import { consultationBookings } from "#db/schema/legal";
import { createLawyer, createOfficeHourRule, createServicePoint } from "#tests/fixtures/factories";
import { residentIdCheckCharacter } from "~/domains/subjects/resident-id";
import { registerSubject } from "~/domains/subjects/subjects.server";
import { registerNeed } from "~/domains/matching/needs.server";
import { saveProviderProfile } from "~/domains/matching/providers.server";
import { sendReferral } from "~/domains/matching/referrals.server";
import { submitVolunteerProfile } from "~/domains/volunteers/registration.server";
import { saveEnterpriseProfile } from "~/domains/employment/enterprise.server";
import {
  changeJobOfferStatus,
  changeTrainingOfferStatus,
  createJobOffer,
  createTrainingOffer,
} from "~/domains/employment/offers.server";
import { referToJob } from "~/domains/employment/referrals.server";
import { subjects } from "#db/schema/subjects";
import type { Role } from "~/domains/accounts/roles";
import { permissionDefinitions, rolePermissionSeed } from "~/domains/permission-registry";
import { createSession } from "~/domains/accounts/sessions.server";
import { encrypt } from "~/utils/crypto.server";
import type { Database } from "~/utils/db.server";
import { resetDatabase, testConnection } from "./helpers";

type Principal = "anonymous" | Role;
const principals: Principal[] = [
  "anonymous",
  "volunteer",
  "enterprise_member",
  "law_firm_admin",
  "lawyer",
  "provider_member",
  "office_staff",
  "bureau_admin",
  "system_admin",
];

/** Expected status per principal; `other` overrides apply to the object of another district. */
type Expectation = Partial<Record<Principal | "signedIn" | "default", number>>;
interface RouteCase {
  get?: Expectation;
  /** The form posted (built per call, so each call acts on a fresh object where needed). */
  post?: { expect: Expectation; body: (objects: Objects) => Promise<Record<string, string>> };
  /** A second post at an object of another district. */
  postOther?: { expect: Expectation; body: (objects: Objects) => Promise<Record<string, string>> };
  params?: Record<string, string>;
  /** Route params built from the test's objects: the user's own district's, or another's. */
  paramsFor?: (objects: Objects, district: "own" | "other") => Promise<Record<string, string>>;
  /** The loader at the object of another district (with `paramsFor(…, "other")`). */
  getOther?: Expectation;
  /** Route with no action: posting is answered by Remix with 405. */
  noAction?: boolean;
  noLoader?: boolean;
  /** Further posts, each at fresh route params (built per principal) of the own or other district. */
  morePosts?: {
    label: string;
    district: "own" | "other";
    params?: (objects: Objects) => Promise<Record<string, string>>;
    body: (objects: Objects) => Promise<Record<string, string>>;
    expect: Expectation;
  }[];
}

interface Objects {
  pendingOrganization(district: "own" | "other"): Promise<string>;
  /** A fresh verified social organization of the own (or the other) district. */
  verifiedOrganization(district: "own" | "other"): Promise<string>;
  /** A fresh approved volunteer whose home office is in the own (or the other) district. */
  approvedVolunteer(district: "own" | "other"): Promise<string>;
  /** The subject registered in the office of the own (or the other) district. */
  subjectId(district: "own" | "other"): string;
  /** A volunteer registered with the office of the own (or the other) district. */
  volunteerId(district: "own" | "other"): string;
  /** A fresh service activity organized by the office of the own (or the other) district. */
  activity(district: "own" | "other"): Promise<string>;
  /**
   * A fresh self-reported hour record at the office of the own (or other) district: own — the matrix
   * volunteer's, for an activity organized by the matrix's social organization; other — another
   * volunteer's, without an activity.
   */
  hourRecord(district: "own" | "other", status?: "pending" | "approved"): Promise<string>;
  /** A pending correction request of a fresh approved record (see hourRecord). */
  hourCorrection(district: "own" | "other"): Promise<string>;
  /**
   * A fresh future consultation booking at the office of the own (or other) district: own — with the
   * matrix law firm's lawyer (linked to the matrix lawyer account); other — a firm of the other district.
   */
  consultation(district: "own" | "other"): Promise<{ id: string; ruleId: string }>;
  /** A fresh commendation type of the own (or the other) district. */
  awardType(district: "own" | "other"): Promise<string>;
  /** A fresh submitted nomination by the own (or the other district's) office. */
  nomination(district: "own" | "other"): Promise<string>;
  /** An open job offer of the matrix's enterprise (own) or of an enterprise of the other district. */
  jobOffer(district: "own" | "other"): Promise<string>;
  trainingOffer(district: "own" | "other"): Promise<string>;
  /** A fresh referral of the own (other) district's subject to a job offer of that district's enterprise. */
  jobReferral(district: "own" | "other"): Promise<string>;
  /** The case code of the own (other) district's subject. */
  caseCode(district: "own" | "other"): Promise<string>;
  /** A help need of the own (or other) district's subject, with a referral sent to a provider. */
  referredNeed(district: "own" | "other"): Promise<{ needId: string; referralId: string }>;
}

const anonymousOnly: Expectation = { anonymous: 200, signedIn: 302 };
const everyone = (status: number): Expectation => ({ default: status });
const empty = async () => ({});

const matrix: Record<string, RouteCase> = {
  // Oversight: office staff see their office, bureau admins their district (and each of its offices;
  // another office or district is a 404, tested with the query in tests/integration/oversight.test.ts).
  // Without a figure the records pages send back to the dashboard.
  "staff.oversight._index.tsx": {
    get: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
    noAction: true,
  },
  "staff.oversight.records.tsx": {
    get: { anonymous: 302, office_staff: 302, bureau_admin: 302, default: 403 },
    noAction: true,
  },
  "staff.oversight.report.tsx": {
    get: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
    noAction: true,
  },
  "staff.oversight.report[.pdf].ts": {
    get: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
    noAction: true,
  },
  "staff.oversight.records[.csv].ts": {
    get: { anonymous: 302, office_staff: 302, bureau_admin: 302, default: 403 },
    noAction: true,
  },
  // Matching: staff of the office register and refer; the bureau reads the district's board.
  "staff.needs._index.tsx": {
    get: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
    noAction: true,
  },
  "staff.needs.new.tsx": {
    get: { anonymous: 302, office_staff: 200, default: 403 },
    post: { expect: { anonymous: 302, office_staff: 400, default: 403 }, body: empty },
  },
  "staff.needs.import.tsx": {
    get: { anonymous: 302, office_staff: 200, default: 403 },
    post: { expect: { anonymous: 302, office_staff: 400, default: 403 }, body: empty },
  },
  "staff.needs.batch.tsx": {
    get: { anonymous: 302, office_staff: 200, default: 403 },
    post: { expect: { anonymous: 302, office_staff: 400, default: 403 }, body: empty },
  },
  "staff.needs.$id.tsx": {
    paramsFor: async (objects, district) => ({ id: (await objects.referredNeed(district)).needId }),
    get: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
    getOther: { anonymous: 302, office_staff: 404, bureau_admin: 404, default: 403 },
    post: {
      expect: { anonymous: 302, office_staff: 400, default: 403 },
      body: async () => ({ intent: "send", providerId: "" }),
    },
    postOther: {
      expect: { anonymous: 302, office_staff: 404, default: 403 },
      body: async () => ({ intent: "send", providerId: "" }),
    },
  },
  // Providers: verified organizations (members of social organizations, enterprises, law-firm
  // admins) and volunteers declare their services; every provider-side role answers its own
  // referrals and gets 404 for anyone else's.
  "provider.profile.tsx": {
    get: {
      anonymous: 302,
      provider_member: 200,
      enterprise_member: 200,
      law_firm_admin: 200,
      volunteer: 200,
      default: 403,
    },
    post: {
      expect: {
        anonymous: 302,
        provider_member: 400,
        enterprise_member: 400,
        law_firm_admin: 400,
        volunteer: 400,
        default: 403,
      },
      body: empty,
    },
  },
  "provider.referrals._index.tsx": {
    get: {
      anonymous: 302,
      provider_member: 200,
      enterprise_member: 200,
      law_firm_admin: 200,
      lawyer: 200,
      volunteer: 200,
      default: 403,
    },
    noAction: true,
  },
  "provider.referrals.$id.tsx": {
    paramsFor: async (objects, district) => ({ id: (await objects.referredNeed(district)).referralId }),
    get: {
      anonymous: 302,
      provider_member: 200,
      enterprise_member: 404,
      law_firm_admin: 404,
      lawyer: 404,
      volunteer: 404,
      default: 403,
    },
    getOther: {
      anonymous: 302,
      provider_member: 404,
      enterprise_member: 404,
      law_firm_admin: 404,
      lawyer: 404,
      volunteer: 404,
      default: 403,
    },
    post: {
      expect: {
        anonymous: 302,
        provider_member: 400,
        enterprise_member: 404,
        law_firm_admin: 404,
        lawyer: 404,
        volunteer: 404,
        default: 403,
      },
      body: async () => ({ intent: "unknown" }),
    },
    postOther: {
      expect: {
        anonymous: 302,
        provider_member: 404,
        enterprise_member: 404,
        law_firm_admin: 404,
        lawyer: 404,
        volunteer: 404,
        default: 403,
      },
      body: async () => ({ intent: "unknown" }),
    },
  },
  "_index.tsx": { get: everyone(200), noAction: true },
  // Legal consultations: staff book at their own office; the firm manages its lawyers and hours;
  // a booking is seen by its office (and bureau), its firm and its own lawyer, 404 for everyone else.
  "consultations._index.tsx": { get: { anonymous: 302, office_staff: 200, default: 403 }, noAction: true },
  "consultations.week.tsx": { get: { anonymous: 302, office_staff: 200, default: 403 }, noAction: true },
  "consultations.book.tsx": {
    get: { anonymous: 302, office_staff: 200, default: 403 },
    post: { expect: { anonymous: 302, office_staff: 400, default: 403 }, body: empty },
  },
  "consultations.$id.tsx": {
    paramsFor: async (objects, district) => ({ id: (await objects.consultation(district)).id }),
    get: {
      anonymous: 302,
      office_staff: 200,
      bureau_admin: 200,
      law_firm_admin: 200,
      lawyer: 200,
      default: 403,
    },
    getOther: {
      anonymous: 302,
      office_staff: 404,
      bureau_admin: 404,
      law_firm_admin: 404,
      lawyer: 404,
      default: 403,
    },
    post: {
      expect: {
        anonymous: 302,
        office_staff: 400,
        bureau_admin: 400,
        law_firm_admin: 400,
        lawyer: 400,
        default: 403,
      },
      body: empty,
    },
    postOther: {
      expect: {
        anonymous: 302,
        office_staff: 404,
        bureau_admin: 404,
        law_firm_admin: 404,
        lawyer: 404,
        default: 403,
      },
      body: empty,
    },
  },
  "legal._index.tsx": { get: { anonymous: 302, law_firm_admin: 200, default: 403 }, noAction: true },
  "legal.lawyers.new.tsx": {
    get: { anonymous: 302, law_firm_admin: 200, default: 403 },
    post: { expect: { anonymous: 302, law_firm_admin: 400, default: 403 }, body: empty },
  },
  "legal.office-hours.new.tsx": {
    get: { anonymous: 302, law_firm_admin: 200, default: 403 },
    post: { expect: { anonymous: 302, law_firm_admin: 400, default: 403 }, body: empty },
  },
  "legal.office-hours.$id.tsx": {
    paramsFor: async (objects, district) => ({ id: (await objects.consultation(district)).ruleId }),
    get: { anonymous: 302, law_firm_admin: 200, default: 403 },
    getOther: { anonymous: 302, law_firm_admin: 404, default: 403 },
    post: { expect: { anonymous: 302, law_firm_admin: 400, default: 403 }, body: empty },
    postOther: { expect: { anonymous: 302, law_firm_admin: 404, default: 403 }, body: empty },
  },
  "lawyer._index.tsx": {
    get: { anonymous: 302, lawyer: 200, default: 403 },
    post: { expect: { anonymous: 302, lawyer: 200, default: 403 }, body: empty },
  },
  "staff.service-points.tsx": {
    get: { anonymous: 302, office_staff: 200, default: 403 },
    post: { expect: { anonymous: 302, office_staff: 400, default: 403 }, body: empty },
  },
  // The lawyer's feed has no session: its URL's secret is the key; a wrong one is not found.
  "calendar.lawyers.$token[.ics].ts": {
    get: everyone(404),
    params: { token: "not-a-token" },
    noAction: true,
  },
  "$.tsx": { get: everyone(404), noAction: true },
  "healthz.ts": { get: everyone(200), noAction: true },
  // `npm run bench`'s baseline page: absent unless BENCH_MODE is on.
  "bench.trivial.tsx": { get: everyone(404), noAction: true },
  "set-language.tsx": { get: everyone(302), post: { expect: everyone(400), body: empty } },
  "login.tsx": { get: anonymousOnly, post: { expect: everyone(400), body: empty } },
  "login_.two-factor.tsx": { get: everyone(302), post: { expect: everyone(302), body: empty } },
  "logout.tsx": { get: everyone(302), post: { expect: everyone(302), body: empty } },
  "register._index.tsx": { get: anonymousOnly, noAction: true },
  "register.volunteer.tsx": {
    get: anonymousOnly,
    post: { expect: { anonymous: 400, signedIn: 302 }, body: empty },
  },
  "register.organization.tsx": {
    get: anonymousOnly,
    post: { expect: { anonymous: 400, signedIn: 302 }, body: empty },
  },
  "verify-email.tsx": { get: everyone(200), post: { expect: everyone(400), body: empty } },
  "forgot-password.tsx": { get: everyone(200), post: { expect: everyone(400), body: empty } },
  "reset-password.tsx": { get: everyone(200), post: { expect: everyone(400), body: empty } },
  "invitation.tsx": { get: everyone(200), post: { expect: everyone(400), body: empty } },
  "dashboard.tsx": { get: { anonymous: 302, signedIn: 200 }, noAction: true },
  "account.tsx": {
    get: { anonymous: 302, signedIn: 200 },
    post: { expect: { anonymous: 302, signedIn: 400 }, body: empty },
  },
  // The district's register: seeing one's own organization is not enough (403 like any other role
  // without the grant); verifying at the district's staff, suspending only at the bureau.
  // A decision is answered by a redirect with a flash (302), a refused one in place.
  "staff.organizations.tsx": {
    get: { anonymous: 302, office_staff: 200, bureau_admin: 200, system_admin: 200, default: 403 },
    post: {
      expect: { anonymous: 302, office_staff: 302, bureau_admin: 302, system_admin: 302, default: 403 },
      body: async (objects) => ({
        organizationId: await objects.pendingOrganization("own"),
        decision: "verify",
      }),
    },
    postOther: {
      expect: { anonymous: 302, office_staff: 404, bureau_admin: 404, system_admin: 302, default: 403 },
      body: async (objects) => ({
        organizationId: await objects.pendingOrganization("other"),
        decision: "verify",
      }),
    },
    morePosts: (["own", "other"] as const).map((district) => ({
      label: `suspend an organization (${district} district)`,
      district,
      body: async (objects: Objects) => ({
        organizationId: await objects.verifiedOrganization(district),
        decision: "suspend",
        reason: "授权测试",
      }),
      expect: {
        anonymous: 302,
        bureau_admin: district === "own" ? 302 : 404,
        system_admin: 302,
        default: 403,
      },
    })),
  },
  // A judicial office's person in charge and contacts: its district's bureau admins, system admins.
  "admin.offices._index.tsx": {
    get: { anonymous: 302, bureau_admin: 200, system_admin: 200, default: 403 },
    noAction: true,
  },
  "admin.offices.$id.tsx": {
    paramsFor: async (_objects, district) => ({ id: officeIds[district] }),
    get: { anonymous: 302, bureau_admin: 200, system_admin: 200, default: 403 },
    getOther: { anonymous: 302, bureau_admin: 404, system_admin: 200, default: 403 },
    post: { expect: { anonymous: 302, bureau_admin: 400, system_admin: 400, default: 403 }, body: empty },
    postOther: {
      expect: { anonymous: 302, bureau_admin: 404, system_admin: 400, default: 403 },
      body: empty,
    },
  },
  "admin.staff.tsx": {
    get: { anonymous: 302, bureau_admin: 200, system_admin: 200, default: 403 },
    post: { expect: { anonymous: 302, bureau_admin: 400, system_admin: 400, default: 403 }, body: empty },
  },
  // Everyone's own inbox and settings (the queries are narrowed to the signed-in user).
  "notifications.tsx": {
    get: { anonymous: 302, signedIn: 200 },
    post: { expect: { anonymous: 302, signedIn: 400 }, body: empty },
  },
  "settings.notifications.tsx": {
    get: { anonymous: 302, signedIn: 200 },
    post: { expect: { anonymous: 302, signedIn: 400 }, body: empty },
  },
  "admin.outbox.tsx": {
    get: { anonymous: 302, system_admin: 200, default: 403 },
    post: { expect: { anonymous: 302, system_admin: 400, default: 403 }, body: empty },
  },
  // The working-day calendar: everyone's deadlines read it, system admins keep it (next year's schedule).
  "admin.calendar.tsx": {
    get: { anonymous: 302, system_admin: 200, default: 403 },
    post: { expect: { anonymous: 302, system_admin: 400, default: 403 }, body: empty },
  },
  "admin.audit.tsx": {
    get: { anonymous: 302, bureau_admin: 200, system_admin: 200, default: 403 },
    noAction: true,
  },
  // The development mailbox is open to anyone, but only in development and the embedded demo
  // (see isDevMailboxEnabled); the test process runs with NODE_ENV=test and no provider key.
  "dev.mailbox._index.tsx": { get: everyone(200), noAction: true },
  // Subjects: only the office in charge and its bureau; system admins run the platform, not cases.
  "staff.subjects._index.tsx": {
    get: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
    noAction: true,
  },
  "staff.subjects.new.tsx": {
    get: { anonymous: 302, office_staff: 200, default: 403 },
    post: { expect: { anonymous: 302, office_staff: 400, default: 403 }, body: empty },
  },
  "staff.subjects.$id.tsx": {
    paramsFor: async (objects, district) => ({ id: objects.subjectId(district) }),
    get: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
    getOther: { anonymous: 302, office_staff: 404, bureau_admin: 404, default: 403 },
    post: {
      expect: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
      body: async () => ({ intent: "reveal", purpose: "授权测试" }),
    },
    postOther: {
      expect: { anonymous: 302, office_staff: 404, bureau_admin: 404, default: 403 },
      body: async () => ({ intent: "reveal", purpose: "授权测试" }),
    },
  },
  // Service activities: every role that takes part browses all of them; staff organize at their own
  // office, verified social organizations their own (the matrix's organization is verified).
  "activities._index.tsx": {
    get: {
      anonymous: 302,
      volunteer: 200,
      provider_member: 200,
      office_staff: 200,
      bureau_admin: 200,
      default: 403,
    },
    noAction: true,
  },
  "activities.new.tsx": {
    get: { anonymous: 302, office_staff: 200, provider_member: 200, default: 403 },
    post: { expect: { anonymous: 302, office_staff: 400, provider_member: 400, default: 403 }, body: empty },
  },
  "activities.$id.tsx": {
    paramsFor: async (objects, district) => ({ id: await objects.activity(district) }),
    get: {
      anonymous: 302,
      volunteer: 200,
      provider_member: 200,
      office_staff: 200,
      bureau_admin: 200,
      default: 403,
    },
    getOther: {
      anonymous: 302,
      volunteer: 200,
      provider_member: 200,
      office_staff: 200,
      bureau_admin: 200,
      default: 403,
    },
    // Cancelling: only the organizing office (redirected with a flash); an organization that does
    // not organize it gets 404.
    post: {
      expect: { anonymous: 302, office_staff: 302, provider_member: 404, default: 403 },
      body: async () => ({ intent: "cancel", reason: "授权测试" }),
    },
    postOther: {
      expect: { anonymous: 302, office_staff: 404, provider_member: 404, default: 403 },
      body: async () => ({ intent: "cancel", reason: "授权测试" }),
    },
  },
  "activities.$id_.edit.tsx": {
    paramsFor: async (objects, district) => ({ id: await objects.activity(district) }),
    get: { anonymous: 302, office_staff: 200, provider_member: 404, default: 403 },
    getOther: { anonymous: 302, office_staff: 404, provider_member: 404, default: 403 },
    post: { expect: { anonymous: 302, office_staff: 400, provider_member: 404, default: 403 }, body: empty },
    postOther: {
      expect: { anonymous: 302, office_staff: 404, provider_member: 404, default: 403 },
      body: empty,
    },
  },
  // Volunteer registration: the volunteer's own profile; vetting by the home office and its bureau.
  "volunteer.profile.tsx": {
    get: { anonymous: 302, volunteer: 200, default: 403 },
    post: { expect: { anonymous: 302, volunteer: 400, default: 403 }, body: empty },
  },
  "staff.volunteers._index.tsx": {
    get: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
    noAction: true,
  },
  "staff.volunteers.$id.tsx": {
    paramsFor: async (objects, district) => ({ id: objects.volunteerId(district) }),
    get: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
    getOther: { anonymous: 302, office_staff: 404, bureau_admin: 404, default: 403 },
    post: {
      expect: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
      body: async () => ({ intent: "reveal" }),
    },
    postOther: {
      expect: { anonymous: 302, office_staff: 404, bureau_admin: 404, default: 403 },
      body: async () => ({ intent: "reveal" }),
    },
    // Suspension is the bureau's grant (suspend:volunteer:district): office staff, who vet the
    // volunteer, get 403 whichever volunteer they aim at.
    morePosts: (["own", "other"] as const).map((district) => ({
      label: `suspend a volunteer (${district} district)`,
      district,
      params: async (objects: Objects) => ({ id: await objects.approvedVolunteer(district) }),
      body: async () => ({ intent: "decide", decision: "suspend", reason: "授权测试" }),
      // Done: redirected with a flash.
      expect: { anonymous: 302, bureau_admin: district === "own" ? 302 : 404, default: 403 },
    })),
  },
  // Service hours: the volunteer's own pages; review by the office in charge and its bureau; the
  // check-in code only for the activity's organizers; corrections asked by the volunteer (own record)
  // or the organizing organization.
  "activities.$id_.checkin-code.tsx": {
    paramsFor: async (objects, district) => ({ id: await objects.activity(district) }),
    get: { anonymous: 302, office_staff: 200, provider_member: 404, default: 403 },
    getOther: { anonymous: 302, office_staff: 404, provider_member: 404, default: 403 },
    noAction: true,
  },
  "hours._index.tsx": { get: { anonymous: 302, volunteer: 200, default: 403 }, noAction: true },
  "hours.checkin.tsx": {
    get: { anonymous: 302, volunteer: 200, default: 403 },
    post: { expect: { anonymous: 302, volunteer: 400, default: 403 }, body: empty },
  },
  "hours.new.tsx": {
    get: { anonymous: 302, volunteer: 200, default: 403 },
    post: { expect: { anonymous: 302, volunteer: 400, default: 403 }, body: empty },
  },
  "hours.export[.csv].ts": { get: { anonymous: 302, volunteer: 200, default: 403 }, noAction: true },
  "hours.$id.correction.tsx": {
    paramsFor: async (objects, district) => ({ id: await objects.hourRecord(district, "approved") }),
    get: { anonymous: 302, volunteer: 200, provider_member: 200, default: 403 },
    getOther: { anonymous: 302, volunteer: 404, provider_member: 404, default: 403 },
    post: { expect: { anonymous: 302, volunteer: 400, provider_member: 400, default: 403 }, body: empty },
    postOther: {
      expect: { anonymous: 302, volunteer: 404, provider_member: 404, default: 403 },
      body: empty,
    },
  },
  "staff.hours._index.tsx": {
    get: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
    post: {
      expect: { anonymous: 302, office_staff: 302, bureau_admin: 302, default: 403 },
      body: async (objects) => ({ intent: "approve", recordIds: await objects.hourRecord("own") }),
    },
    postOther: {
      expect: { anonymous: 302, office_staff: 404, bureau_admin: 404, default: 403 },
      body: async (objects) => ({ intent: "approve", recordIds: await objects.hourRecord("other") }),
    },
  },
  "staff.hours.corrections.tsx": {
    get: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
    post: {
      expect: { anonymous: 302, office_staff: 302, bureau_admin: 302, default: 403 },
      body: async (objects) => ({
        correctionId: await objects.hourCorrection("own"),
        decision: "reject",
        reason: "授权测试",
      }),
    },
    postOther: {
      expect: { anonymous: 302, office_staff: 404, bureau_admin: 404, default: 403 },
      body: async (objects) => ({
        correctionId: await objects.hourCorrection("other"),
        decision: "reject",
        reason: "授权测试",
      }),
    },
  },
  // Proof of service: a volunteer's own certificates; verification by number is public.
  "certificates._index.tsx": {
    get: { anonymous: 302, volunteer: 200, default: 403 },
    post: { expect: { anonymous: 302, volunteer: 400, default: 403 }, body: empty },
  },
  "certificates.$number[.pdf].ts": {
    get: { anonymous: 302, volunteer: 404, default: 403 },
    params: { number: "ZM-2026-2222-2222" },
    noAction: true,
  },
  "verify._index.tsx": { get: everyone(200), post: { expect: everyone(400), body: empty } },
  "verify.$number.tsx": { get: everyone(404), params: { number: "ZM-2026-2222-2222" }, noAction: true },
  // Commendations: types by the bureau; eligibility and nominations by office staff; review by the
  // bureau; the honour roll and objections are public; certificates for the nominee and staff.
  "admin.awards._index.tsx": { get: { anonymous: 302, bureau_admin: 200, default: 403 }, noAction: true },
  "admin.awards.$id.tsx": {
    paramsFor: async (objects, district) => ({ id: await objects.awardType(district) }),
    get: { anonymous: 302, bureau_admin: 200, default: 403 },
    getOther: { anonymous: 302, bureau_admin: 404, default: 403 },
    post: { expect: { anonymous: 302, bureau_admin: 400, default: 403 }, body: empty },
    postOther: { expect: { anonymous: 302, bureau_admin: 404, default: 403 }, body: empty },
  },
  "staff.awards._index.tsx": { get: { anonymous: 302, office_staff: 200, default: 403 }, noAction: true },
  "staff.awards.evidence.tsx": { get: { anonymous: 302, office_staff: 400, default: 403 }, noAction: true },
  "staff.awards.nominate.tsx": {
    get: { anonymous: 302, office_staff: 400, default: 403 },
    post: { expect: { anonymous: 302, office_staff: 400, default: 403 }, body: empty },
  },
  "staff.nominations._index.tsx": {
    get: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
    noAction: true,
  },
  "staff.nominations.$id.tsx": {
    paramsFor: async (objects, district) => ({ id: await objects.nomination(district) }),
    get: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
    getOther: { anonymous: 302, office_staff: 404, bureau_admin: 404, default: 403 },
    post: { expect: { anonymous: 302, office_staff: 400, bureau_admin: 400, default: 403 }, body: empty },
    postOther: {
      expect: { anonymous: 302, office_staff: 404, bureau_admin: 404, default: 403 },
      body: empty,
    },
  },
  "honour-roll._index.tsx": { get: everyone(200), noAction: true },
  "honour-roll.$id.objection.tsx": {
    get: everyone(404),
    params: { id: "00000000-0000-0000-0000-000000000000" },
    post: { expect: everyone(404), body: empty },
  },
  "awards.$number[.pdf].ts": {
    get: { anonymous: 302, default: 404 },
    params: { number: "BZ-2026-2222-2222" },
    noAction: true,
  },
  "admin.star-levels.tsx": {
    get: { anonymous: 302, bureau_admin: 200, default: 403 },
    post: { expect: { anonymous: 302, bureau_admin: 400, default: 403 }, body: empty },
  },
  // Employment: the enterprise's own pages (verified enterprises only); staff browse open offers of
  // any district and refer their own office's subjects; reports for the enterprise and its district.
  "employment._index.tsx": {
    get: { anonymous: 302, enterprise_member: 200, default: 403 },
    post: { expect: { anonymous: 302, enterprise_member: 400, default: 403 }, body: empty },
  },
  "employment.profile.tsx": {
    get: { anonymous: 302, enterprise_member: 200, default: 403 },
    post: { expect: { anonymous: 302, enterprise_member: 400, default: 403 }, body: empty },
  },
  "employment.jobs.new.tsx": {
    get: { anonymous: 302, enterprise_member: 200, default: 403 },
    post: { expect: { anonymous: 302, enterprise_member: 400, default: 403 }, body: empty },
  },
  "employment.trainings.new.tsx": {
    get: { anonymous: 302, enterprise_member: 200, default: 403 },
    post: { expect: { anonymous: 302, enterprise_member: 400, default: 403 }, body: empty },
  },
  "employment.jobs.$id.tsx": {
    paramsFor: async (objects, district) => ({ id: await objects.jobOffer(district) }),
    get: { anonymous: 302, enterprise_member: 200, default: 403 },
    getOther: { anonymous: 302, enterprise_member: 404, default: 403 },
    // Publishing an open offer again is refused (409); another enterprise's offer is not found.
    post: {
      expect: { anonymous: 302, enterprise_member: 409, default: 403 },
      body: async () => ({ intent: "publish" }),
    },
    postOther: {
      expect: { anonymous: 302, enterprise_member: 404, default: 403 },
      body: async () => ({ intent: "publish" }),
    },
  },
  "employment.trainings.$id.tsx": {
    paramsFor: async (objects, district) => ({ id: await objects.trainingOffer(district) }),
    get: { anonymous: 302, enterprise_member: 200, default: 403 },
    getOther: { anonymous: 302, enterprise_member: 404, default: 403 },
    post: {
      expect: { anonymous: 302, enterprise_member: 409, default: 403 },
      body: async () => ({ intent: "publish" }),
    },
    postOther: {
      expect: { anonymous: 302, enterprise_member: 404, default: 403 },
      body: async () => ({ intent: "publish" }),
    },
  },
  // The referral page shows the subject only through the presenter: the matrix subject consented to
  // nothing, so no identifying field may appear in the enterprise's answer (expectNoSubjectData).
  "employment.referrals.$id.tsx": {
    paramsFor: async (objects, district) => ({ id: await objects.jobReferral(district) }),
    get: { anonymous: 302, enterprise_member: 200, default: 403 },
    getOther: { anonymous: 302, enterprise_member: 404, default: 403 },
    // Hiring without an interview is refused (409).
    post: {
      expect: { anonymous: 302, enterprise_member: 409, default: 403 },
      body: async () => ({ intent: "hire", hiredOn: "2099-01-01" }),
    },
    postOther: {
      expect: { anonymous: 302, enterprise_member: 404, default: 403 },
      body: async () => ({ intent: "hire", hiredOn: "2099-01-01" }),
    },
  },
  "employment.report.tsx": {
    get: { anonymous: 302, enterprise_member: 200, office_staff: 200, bureau_admin: 200, default: 403 },
    noAction: true,
  },
  // Staff must name the enterprise (?enterprise=); without it the export is a bad request.
  "employment.report[.csv].ts": {
    get: { anonymous: 302, enterprise_member: 200, office_staff: 400, bureau_admin: 400, default: 403 },
    noAction: true,
  },
  "staff.employment._index.tsx": {
    get: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
    noAction: true,
  },
  "staff.employment.jobs.$id.tsx": {
    paramsFor: async (objects, district) => ({ id: await objects.jobOffer(district) }),
    get: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
    getOther: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
    post: { expect: { anonymous: 302, office_staff: 400, default: 403 }, body: empty },
    postOther: { expect: { anonymous: 302, office_staff: 400, default: 403 }, body: empty },
  },
  "staff.employment.trainings.$id.tsx": {
    paramsFor: async (objects, district) => ({ id: await objects.trainingOffer(district) }),
    get: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
    getOther: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
    post: { expect: { anonymous: 302, office_staff: 400, default: 403 }, body: empty },
    postOther: { expect: { anonymous: 302, office_staff: 400, default: 403 }, body: empty },
  },
  // Candidate profiles: the office in charge only (the bureau holds no grant to keep them).
  "staff.employment.candidates.$caseCode.tsx": {
    paramsFor: async (objects, district) => ({ caseCode: await objects.caseCode(district) }),
    get: { anonymous: 302, office_staff: 200, default: 403 },
    getOther: { anonymous: 302, office_staff: 404, default: 403 },
    post: { expect: { anonymous: 302, office_staff: 400, default: 403 }, body: empty },
    postOther: {
      expect: { anonymous: 302, office_staff: 404, default: 403 },
      body: async () => ({
        skills: "",
        educationLevel: "primary",
        availability: "full_time",
        preferredDistrictId: "",
      }),
    },
  },
  "staff.employment.referrals.tsx": {
    get: { anonymous: 302, office_staff: 200, bureau_admin: 200, default: 403 },
    post: { expect: { anonymous: 302, office_staff: 400, default: 403 }, body: empty },
  },
  "dev.mailbox.$id.tsx": {
    get: everyone(404),
    params: { id: "00000000-0000-0000-0000-000000000000" },
    noAction: true,
  },
  "dev.mailbox.$id.html.ts": { get: everyone(404), params: { id: "not-a-uuid" }, noAction: true },
};

function expected(expectation: Expectation, principal: Principal): number {
  const value =
    expectation[principal] ??
    (principal !== "anonymous" ? expectation.signedIn : undefined) ??
    expectation.default;
  if (value === undefined) throw new Error(`no expectation for ${principal}`);
  return value;
}

type RouteFunction = (args: {
  request: Request;
  params: Record<string, string>;
  context: { cspNonce: string };
}) => unknown;
interface RouteModule {
  loader?: RouteFunction;
  action?: RouteFunction;
}

const routeModules = import.meta.glob<RouteModule>("../../app/routes/*.{ts,tsx}");
const routeFile = (path: string) => path.replace("../../app/routes/", "");

/**
 * What the browser would get: a returned or thrown Response, data() with a status, or plain data
 * (200). The serialized payload is kept so the leak check can read exactly what was sent.
 */
async function answerOf(
  fn: RouteFunction,
  request: Request,
  params: Record<string, string>,
): Promise<{ status: number; payload: string }> {
  try {
    const result = await fn({ request, params, context: { cspNonce: "" } });
    if (result instanceof Response) return { status: result.status, payload: await result.clone().text() };
    if (
      result &&
      typeof result === "object" &&
      (result as { type?: string }).type === "DataWithResponseInit"
    ) {
      const wrapped = result as { data?: unknown; init?: { status?: number } };
      return { status: wrapped.init?.status ?? 200, payload: JSON.stringify(wrapped.data ?? null) };
    }
    return { status: 200, payload: JSON.stringify(result ?? null) };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, payload: await error.clone().text() };
    throw error;
  }
}

/** Identifying data of the seeded subjects: no answer to a non-justice role may contain any of it. */
const subjectSecrets = {
  name: "秘密测试姓名",
  idNumber: "11010519491231002X",
  phone: "13912345678",
  address: "保密路 7 号",
};
const justiceRoles: Principal[] = ["office_staff", "bureau_admin", "system_admin"];

function expectNoSubjectData(principal: Principal, file: string, payload: string) {
  if (justiceRoles.includes(principal)) return;
  for (const [field, secret] of Object.entries(subjectSecrets)) {
    expect(payload.includes(secret), `${file} sent ${principal} the subject's ${field}`).toBe(false);
  }
  expect(/"minor"\s*:/.test(payload), `${file} sent ${principal} a minor flag`).toBe(false);
}

let db: Database;
const userIds = new Map<Principal, string>();
const districts: Record<"own" | "other", string> = { own: "", other: "" };
const subjectIds: Record<"own" | "other", string> = { own: "", other: "" };
const volunteerIds: Record<"own" | "other", string> = { own: "", other: "" };
const officeIds: Record<"own" | "other", string> = { own: "", other: "" };
let counter = 0;

const referredNeeds: Partial<Record<"own" | "other", { needId: string; referralId: string }>> = {};

/**
 * One need per district with a referral: own — to the matrix's social organization; other — to a
 * social organization of the other district. Made once through the matching domain.
 */
async function referredNeed(district: "own" | "other") {
  const cached = referredNeeds[district];
  if (cached) return cached;
  const staff = {
    id: userIds.get("office_staff")!,
    organizationId: officeIds[district],
    districtId: districts[district],
    ipAddress: "test",
  };
  let providerMember;
  if (district === "own") {
    const [member] = await db
      .select()
      .from(users)
      .where(eq(users.id, userIds.get("provider_member")!));
    providerMember = { id: member!.id, organizationId: member!.organizationId, districtId: districts.own };
  } else {
    const organizationId = await objects.verifiedOrganization("other");
    const [member] = await db
      .insert(users)
      .values({
        email: "provider-other@matrix.test",
        displayName: "other provider",
        role: "provider_member",
        organizationId,
        emailVerifiedAt: new Date(),
      })
      .returning();
    providerMember = { id: member!.id, organizationId, districtId: districts.other };
  }
  const saved = await saveProviderProfile(db, providerMember, "organization", {
    categoryIds: ["psychological"],
    coversDistrict: true,
    officeIds: [],
    languages: [],
    workerGenders: ["female", "male"],
    capacity: 5,
    paused: false,
  });
  if (!saved.ok) throw new Error(`matrix provider: ${saved.error}`);
  const [subject] = await db.select().from(subjects).where(eq(subjects.id, subjectIds[district]));
  const need = await registerNeed(db, staff, {
    caseCode: subject!.caseCode,
    categoryId: "psychological.individual",
    urgency: "normal",
    languages: [],
    genderRequirement: "none",
    description: "授权测试需求",
  });
  if (!need.ok) throw new Error(`matrix need: ${need.error}`);
  const sent = await sendReferral(db, staff, { needId: need.id, providerId: saved.providerId });
  if (!sent.ok) throw new Error(`matrix referral: ${sent.error}`);
  referredNeeds[district] = { needId: need.id, referralId: sent.referralId };
  return referredNeeds[district]!;
}

const objects: Objects = {
  async awardType(district) {
    counter += 1;
    const [row] = await db
      .insert(awardTypes)
      .values({
        districtId: districts[district],
        nameZh: `测试表彰 ${counter}`,
        nameEn: `Test award ${counter}`,
        nomineeKind: "volunteer",
        periodKind: "year",
        minMinutes: 60,
      })
      .returning();
    return row!.id;
  },
  async nomination(district) {
    const volunteer = await objects.approvedVolunteer(district);
    const [row] = await db
      .insert(nominations)
      .values({
        awardTypeId: await objects.awardType(district),
        districtId: districts[district],
        officeId: officeIds[district],
        nomineeKind: "volunteer",
        nomineeUserId: volunteer,
        nomineeName: "授权测试志愿者",
        periodStart: "2025-01-01",
        periodEnd: "2025-12-31",
        statement: "授权矩阵测试的提名。",
        evidence: { figures: { minutes: 600 } },
        nominatedBy: userIds.get("office_staff")!,
      })
      .returning();
    return row!.id;
  },
  referredNeed,
  async pendingOrganization(district) {
    counter += 1;
    const [row] = await db
      .insert(organizations)
      .values({
        kind: "social_org",
        name: `待核验机构 ${counter}`,
        districtId: districts[district],
        creditCode: `52110000MJ0${String(counter).padStart(6, "0")}X`.slice(0, 18),
        status: "pending",
      })
      .returning();
    return row!.id;
  },
  async verifiedOrganization(district) {
    const id = await objects.pendingOrganization(district);
    await db.update(organizations).set({ status: "verified" }).where(eq(organizations.id, id));
    return id;
  },
  async approvedVolunteer(district) {
    counter += 1;
    const [account] = await db
      .insert(users)
      .values({
        email: `approved-${counter}@matrix.test`,
        displayName: `approved ${counter}`,
        role: "volunteer",
        emailVerifiedAt: new Date(),
      })
      .returning();
    await db.insert(volunteerProfiles).values({
      userId: account!.id,
      volunteerNumber: `V2026998${String(counter).padStart(3, "0")}`,
      status: "approved",
      legalName: "授权测试志愿者",
      idNumberCiphertext: encrypt("11010519900307001X"),
      idNumberHash: `matrix-approved-${counter}`,
      gender: "female",
      birthDate: "1990-01-01",
      phone: "13800000000",
      homeOfficeId: officeIds[district],
      districtId: districts[district],
      emergencyContactName: "联系人",
      emergencyContactPhone: "13900000000",
      termsVersion: "matrix",
      termsAcceptedAt: new Date(),
      decidedAt: new Date("2026-01-01T00:00:00Z"),
    });
    return account!.id;
  },
  subjectId: (district) => subjectIds[district],
  volunteerId: (district) => volunteerIds[district],
  async activity(district) {
    const startsAt = new Date(Date.now() + 7 * 24 * 60 * 60_000);
    const [row] = await db
      .insert(activities)
      .values({
        organizerId: officeIds[district],
        officeId: officeIds[district],
        districtId: districts[district],
        createdBy: userIds.get("office_staff")!,
        title: "授权测试活动",
        description: "授权测试",
        category: "community",
        place: "服务点",
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 60 * 60_000),
        capacity: 5,
        checkinSecret: "matrix-test-secret",
      })
      .returning({ id: activities.id });
    return row!.id;
  },
  async hourRecord(district, status = "pending") {
    const volunteerId = district === "own" ? await matrixVolunteerProfile() : volunteerIds.other;
    const activityId = district === "own" ? await providerActivity() : null;
    const [row] = await db
      .insert(hourRecords)
      .values({
        volunteerId,
        activityId,
        officeId: officeIds[district],
        districtId: districts[district],
        kind: "self_reported",
        serviceDate: "2026-01-10",
        minutes: 60,
        description: "授权测试服务",
        status,
        decidedAt: status === "approved" ? new Date() : null,
      })
      .returning({ id: hourRecords.id });
    return row!.id;
  },
  async consultation(district) {
    const setup = await legalSetup(district);
    counter += 1;
    const startsAt = new Date(Date.now() + (10 + counter) * 24 * 60 * 60_000);
    const [row] = await db
      .insert(consultationBookings)
      .values({
        ruleId: setup.ruleId,
        lawyerId: setup.lawyerId,
        lawFirmId: setup.lawFirmId,
        servicePointId: setup.pointId,
        officeId: officeIds[district],
        districtId: districts[district],
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * 60_000),
        seat: 1,
        capacity: 1,
        topic: "labour",
        bookedBy: userIds.get("office_staff")!,
      })
      .returning({ id: consultationBookings.id });
    return { id: row!.id, ruleId: setup.ruleId };
  },
  async hourCorrection(district) {
    const hourRecordId = await objects.hourRecord(district, "approved");
    const [row] = await db
      .insert(hourCorrections)
      .values({
        hourRecordId,
        requestedBy: userIds.get("office_staff")!,
        originalMinutes: 60,
        originalDescription: "授权测试服务",
        proposedMinutes: 90,
        proposedDescription: "授权测试服务",
        reason: "授权测试",
      })
      .returning({ id: hourCorrections.id });
    return row!.id;
  },
  async jobOffer(district) {
    const offerId = await employmentOffer(district, "job");
    return offerId;
  },
  trainingOffer: (district) => employmentOffer(district, "training"),
  async caseCode(district) {
    const [subject] = await db
      .select({ caseCode: subjects.caseCode })
      .from(subjects)
      .where(eq(subjects.id, subjectIds[district]));
    return subject!.caseCode;
  },
  async jobReferral(district) {
    const offerId = await employmentOffer(district, "job");
    const officeId = officeIds[district];
    const [subject] = await db
      .select({ caseCode: subjects.caseCode })
      .from(subjects)
      .where(eq(subjects.id, subjectIds[district]));
    const result = await referToJob(db, {
      actor: { id: userIds.get("office_staff")!, organizationId: officeId, districtId: districts[district] },
      jobOfferId: offerId,
      caseCode: subject!.caseCode,
      note: "",
    });
    if (!result.ok) throw new Error(`matrix referral: ${JSON.stringify(result)}`);
    return result.id;
  },
};

/** Per district: a lawyer, a service point and a rule (made once), for fresh bookings. */
const legalSetups = new Map<
  "own" | "other",
  Promise<{ lawyerId: string; lawFirmId: string; ruleId: string; pointId: string }>
>();
function legalSetup(district: "own" | "other") {
  let setup = legalSetups.get(district);
  if (!setup) {
    setup = (async () => {
      const [firmAdmin] = await db
        .select({ organizationId: users.organizationId })
        .from(users)
        .where(eq(users.id, userIds.get("law_firm_admin")!));
      const lawyer = await createLawyer(
        db,
        district === "own"
          ? {
              lawFirmId: firmAdmin!.organizationId!,
              districtId: districts.own,
              userId: userIds.get("lawyer")!,
            }
          : { districtId: districts.other },
      );
      const point = await createServicePoint(db, {
        id: officeIds[district],
        districtId: districts[district],
      });
      const rule = await createOfficeHourRule(db, {
        lawyer,
        point,
        createdBy: userIds.get("law_firm_admin")!,
        values: { rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU", startMinute: 0, endMinute: 1440 },
      });
      return { lawyerId: lawyer.id, lawFirmId: lawyer.lawFirmId, ruleId: rule.id, pointId: point.id };
    })();
    legalSetups.set(district, setup);
  }
  return setup;
}

/** Enterprise members who post offers: the matrix's own, and one of an enterprise of the other district. */
const enterpriseMembers: Partial<
  Record<"own" | "other", { id: string; organizationId: string; districtId: string }>
> = {};

async function enterpriseMember(district: "own" | "other") {
  const known = enterpriseMembers[district];
  if (known) return known;
  let organizationId: string;
  let memberId: string;
  if (district === "own") {
    memberId = userIds.get("enterprise_member")!;
    const [row] = await db
      .select({ organizationId: users.organizationId })
      .from(users)
      .where(eq(users.id, memberId));
    organizationId = row!.organizationId!;
  } else {
    const [organization] = await db
      .insert(organizations)
      .values({
        kind: "enterprise",
        name: "乙企业",
        creditCode: "91110108MA01ABCE0C",
        pledgeAcceptedAt: new Date(),
        districtId: districts.other,
        status: "verified",
      })
      .returning();
    organizationId = organization!.id;
    const [member] = await db
      .insert(users)
      .values({
        email: "enterprise-other@matrix.test",
        displayName: "乙企业成员",
        role: "enterprise_member",
        organizationId,
        emailVerifiedAt: new Date(),
      })
      .returning();
    memberId = member!.id;
  }
  const member = { id: memberId, organizationId, districtId: districts[district] };
  const saved = await saveEnterpriseProfile(db, {
    actor: member,
    profile: {
      industry: "manufacturing",
      size: "small",
      hiringDistrictIds: [districts[district]],
      contactName: "人事",
      contactPhone: "010-12345678",
      contactEmail: null,
      description: "",
      pledge: true,
    },
  });
  if (!saved.ok) throw new Error("matrix enterprise profile");
  enterpriseMembers[district] = member;
  return member;
}

/** A fresh open offer (job or training) of the district's enterprise. */
async function employmentOffer(district: "own" | "other", kind: "job" | "training"): Promise<string> {
  const member = await enterpriseMember(district);
  if (kind === "job") {
    const created = await createJobOffer(db, {
      actor: member,
      offer: {
        title: "授权测试岗位",
        category: "manufacturing",
        openings: 3,
        wageMin: 4000,
        wageMax: 5000,
        workDistrictId: districts[district],
        workAddress: "工业园",
        hours: "白班",
        requirements: "",
        benefits: "",
        accommodation: false,
        startsOn: "2099-01-01",
        closesOn: "2099-12-31",
      },
    });
    if (!created.ok) throw new Error("matrix job offer");
    await changeJobOfferStatus(db, { actor: member, id: created.id, action: "publish" });
    return created.id;
  }
  const created = await createTrainingOffer(db, {
    actor: member,
    offer: {
      course: "授权测试培训",
      category: "manufacturing",
      provider: "培训中心",
      districtId: districts[district],
      place: "培训楼",
      capacity: 5,
      certificate: "",
      costYuan: 0,
      description: "",
      closesOn: "2099-12-31",
    },
  });
  if (!created.ok) throw new Error("matrix training offer");
  await changeTrainingOfferStatus(db, { actor: member, id: created.id, action: "publish" });
  return created.id;
}

/** The matrix volunteer's own (approved) profile, created when a service-hours row first needs it. */
async function matrixVolunteerProfile(): Promise<string> {
  const userId = userIds.get("volunteer")!;
  await db
    .insert(volunteerProfiles)
    .values({
      userId,
      volunteerNumber: "V2026999001",
      status: "approved",
      legalName: "授权测试志愿者",
      idNumberCiphertext: "matrix",
      idNumberHash: "matrix-volunteer-principal",
      gender: "female",
      birthDate: "1990-01-01",
      phone: "13800000000",
      homeOfficeId: officeIds.own,
      districtId: districts.own,
      emergencyContactName: "联系人",
      emergencyContactPhone: "13900000000",
      termsVersion: "matrix",
      termsAcceptedAt: new Date(),
      decidedAt: new Date("2026-01-01T00:00:00Z"),
    })
    .onConflictDoNothing();
  return userId;
}

/** An activity at the own office organized by the matrix's social organization. */
async function providerActivity(): Promise<string> {
  const [member] = await db
    .select({ organizationId: users.organizationId })
    .from(users)
    .where(eq(users.id, userIds.get("provider_member")!));
  const id = await objects.activity("own");
  await db.update(activities).set({ organizerId: member!.organizationId! }).where(eq(activities.id, id));
  return id;
}

beforeAll(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
  const insertOrg = async (values: typeof organizations.$inferInsert) =>
    (await db.insert(organizations).values(values).returning())[0]!.id;
  districts.own = await insertOrg({ kind: "bureau", name: "甲区司法局", status: "verified" });
  districts.other = await insertOrg({ kind: "bureau", name: "乙区司法局", status: "verified" });
  const inOwn = { districtId: districts.own, status: "verified" as const };
  const organizationOf: Record<Role, string | null> = {
    volunteer: null,
    system_admin: null,
    bureau_admin: districts.own,
    office_staff: await insertOrg({ kind: "office", name: "甲所", ...inOwn }),
    enterprise_member: await insertOrg({
      kind: "enterprise",
      name: "甲企业",
      creditCode: "91110108MA01ABCD0B",
      pledgeAcceptedAt: new Date(),
      ...inOwn,
    }),
    law_firm_admin: await insertOrg({
      kind: "law_firm",
      name: "甲律所",
      creditCode: "31110000MD01234564",
      ...inOwn,
    }),
    lawyer: null,
    provider_member: await insertOrg({
      kind: "social_org",
      name: "甲社会组织",
      creditCode: "52110000MJ01234569",
      ...inOwn,
    }),
  };
  organizationOf.lawyer = organizationOf.law_firm_admin;
  for (const principal of principals) {
    if (principal === "anonymous") continue;
    const [user] = await db
      .insert(users)
      .values({
        email: `${principal}@matrix.test`,
        displayName: principal,
        role: principal,
        organizationId: organizationOf[principal],
        emailVerifiedAt: new Date(),
      })
      .returning();
    userIds.set(principal, user!.id);
  }

  // One subject in the own office and one in an office of the other district.
  const otherOffice = await insertOrg({
    kind: "office",
    name: "乙所",
    districtId: districts.other,
    status: "verified",
  });
  const registration = {
    ...subjectSecrets,
    area: "城关街道",
    supervisionLevel: "normal" as const,
    correctionStart: "2026-01-01",
    correctionEnd: "2027-01-01",
    languages: [],
  };
  // Another person (another ID number) in the other district, so both records are active.
  const otherIdNumber = `11010519800101003${residentIdCheckCharacter("11010519800101003")}`;
  officeIds.own = organizationOf.office_staff!;
  officeIds.other = otherOffice;
  for (const [district, officeId, idNumber] of [
    ["own", organizationOf.office_staff!, subjectSecrets.idNumber],
    ["other", otherOffice, otherIdNumber],
  ] as const) {
    const result = await registerSubject(
      db,
      {
        id: userIds.get("office_staff")!,
        organizationId: officeId,
        districtId: districts[district],
        ipAddress: "test",
      },
      { ...registration, idNumber },
    );
    if (!result.ok) throw new Error(`could not register the ${district} subject: ${result.error}`);
    subjectIds[district] = result.id;
  }

  // One registered volunteer per district, with the own and the other district's office as home.
  for (const [district, officeId, first17] of [
    ["own", officeIds.own, "11010519900307002"],
    ["other", officeIds.other, "11010519900307003"],
  ] as const) {
    const [account] = await db
      .insert(users)
      .values({
        email: `volunteer-${district}@matrix.test`,
        displayName: `volunteer ${district}`,
        role: "volunteer",
        emailVerifiedAt: new Date(),
      })
      .returning();
    const result = await submitVolunteerProfile(
      db,
      { id: account!.id, email: account!.email, language: "zh-CN" },
      {
        kind: "registration",
        legalName: "授权测试志愿者",
        idNumber: first17 + residentIdCheckCharacter(first17),
        homeOfficeId: officeId,
        serviceOfficeIds: [],
        phone: "13800000000",
        skills: ["teaching"],
        languages: [],
        availability: ["sat-am"],
        emergencyContactName: "联系人",
        emergencyContactPhone: "13900000000",
        acceptVolunteerTerms: "on",
      },
    );
    if (!result.ok) throw new Error(`could not register the ${district} volunteer: ${result.error}`);
    volunteerIds[district] = account!.id;
  }
});

/** A request with a fresh session of the principal (the logout row ends the sessions it is given). */
async function request(
  principal: Principal,
  file: string,
  method: "GET" | "POST",
  body?: Record<string, string>,
) {
  const headers = new Headers();
  if (principal !== "anonymous") {
    const session = await createSession(db, {
      userId: userIds.get(principal)!,
      role: principal,
      twoFactorVerified: true,
    });
    headers.set("Cookie", `session=${session.token}`);
  }
  const path =
    "/" +
    file
      .replace(/\.(tsx|ts)$/, "")
      .replace(/\./g, "/")
      .replace(/_index$/, "");
  return new Request(`http://portal.test${path}`, {
    method,
    headers,
    body: method === "POST" ? new URLSearchParams(body ?? {}) : undefined,
  });
}

describe("authorization matrix", () => {
  it("covers every route of the app", () => {
    const files = Object.keys(routeModules).map(routeFile).sort();
    const missing = files.filter((file) => !(file in matrix));
    const stale = Object.keys(matrix).filter((file) => !files.includes(file));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  for (const [file, routeCase] of Object.entries(matrix)) {
    describe(file, () => {
      it("loader answers each principal as expected", async () => {
        const module = await routeModules[`../../app/routes/${file}`]!();
        if (routeCase.noLoader || !routeCase.get) {
          expect(module.loader).toBeUndefined();
          return;
        }
        expect(module.loader, "loader").toBeTypeOf("function");
        const variants = [
          { expect: routeCase.get, district: "own" as const },
          ...(routeCase.getOther ? [{ expect: routeCase.getOther, district: "other" as const }] : []),
        ];
        for (const variant of variants) {
          const params = routeCase.paramsFor
            ? await routeCase.paramsFor(objects, variant.district)
            : (routeCase.params ?? {});
          const actual: Record<string, number> = {};
          const wanted: Record<string, number> = {};
          for (const principal of principals) {
            const answer = await answerOf(module.loader!, await request(principal, file, "GET"), params);
            expectNoSubjectData(principal, file, answer.payload);
            actual[principal] = answer.status;
            wanted[principal] = expected(variant.expect, principal);
          }
          expect(actual, `${file} (${variant.district} district)`).toEqual(wanted);
        }
      });

      it("action answers each principal as expected (own and other district)", async () => {
        const module = await routeModules[`../../app/routes/${file}`]!();
        if (routeCase.noAction) {
          expect(module.action, "this route should have no action").toBeUndefined();
          return;
        }
        expect(module.action, "action").toBeTypeOf("function");
        for (const [variant, district] of [
          [routeCase.post, "own"],
          [routeCase.postOther, "other"],
        ] as const) {
          if (!variant) continue;
          const params = routeCase.paramsFor
            ? await routeCase.paramsFor(objects, district)
            : (routeCase.params ?? {});
          const actual: Record<string, number> = {};
          const wanted: Record<string, number> = {};
          for (const principal of principals) {
            const body = await variant.body(objects);
            const answer = await answerOf(
              module.action!,
              await request(principal, file, "POST", body),
              params,
            );
            expectNoSubjectData(principal, file, answer.payload);
            actual[principal] = answer.status;
            wanted[principal] = expected(variant.expect, principal);
          }
          expect(actual, `${file} (${district} district)`).toEqual(wanted);
        }
        for (const extra of routeCase.morePosts ?? []) {
          const actual: Record<string, number> = {};
          const wanted: Record<string, number> = {};
          for (const principal of principals) {
            const params = extra.params ? await extra.params(objects) : (routeCase.params ?? {});
            const answer = await answerOf(
              module.action!,
              await request(principal, file, "POST", await extra.body(objects)),
              params,
            );
            expectNoSubjectData(principal, file, answer.payload);
            actual[principal] = answer.status;
            wanted[principal] = expected(extra.expect, principal);
          }
          expect(actual, `${file}: ${extra.label}`).toEqual(wanted);
        }
      });
    });
  }
});

/**
 * The uniform policy, checked on every route's table above (which the tests assert against the
 * live answers): a role without the permission gets 403 whatever object it names, and 404 (an
 * object outside the actor's scope) only ever goes to a role that holds the permission — so a 403
 * never depends on the object, and a 404 never stands for a missing role.
 */
describe("403-vs-404 policy", () => {
  const pairs = Object.entries(matrix).flatMap(([file, routeCase]) => [
    ...(routeCase.get && routeCase.getOther
      ? [{ label: `${file} GET`, own: routeCase.get, other: routeCase.getOther }]
      : []),
    ...(routeCase.post && routeCase.postOther
      ? [{ label: `${file} POST`, own: routeCase.post.expect, other: routeCase.postOther.expect }]
      : []),
    ...pairsOf(file, routeCase.morePosts ?? []),
  ]);

  it("has own-and-other pairs for every route that names an object", () => {
    const objectRoutes = Object.entries(matrix).filter(([, routeCase]) => routeCase.paramsFor);
    for (const [file, routeCase] of objectRoutes) expect(routeCase.getOther, file).toBeDefined();
    expect(pairs.length).toBeGreaterThanOrEqual(objectRoutes.length);
  });

  it("a route that names no object answers 404 to no role while it serves others", () => {
    for (const [file, routeCase] of Object.entries(matrix)) {
      if (routeCase.params || routeCase.paramsFor) continue;
      for (const [method, expectation] of [
        ["GET", routeCase.get],
        ["POST", routeCase.post?.expect],
      ] as const) {
        if (!expectation) continue;
        const statuses = principals.map((principal) => expected(expectation, principal));
        if (statuses.includes(404))
          expect(
            statuses.every((status) => status === 404),
            `${file} ${method}: ${statuses}`,
          ).toBe(true);
      }
    }
  });

  for (const principal of principals.filter((principal) => principal !== "anonymous")) {
    it(`${principal}: 403 does not depend on the object, 404 only where the role is granted`, () => {
      for (const { label, own, other } of pairs) {
        const [ownStatus, otherStatus] = [expected(own, principal), expected(other, principal)];
        if (ownStatus === 403) expect(otherStatus, `${label}: other district`).toBe(403);
        if (otherStatus === 404) expect(ownStatus, `${label}: own district`).not.toBe(403);
      }
    });
  }
});

function pairsOf(file: string, posts: NonNullable<RouteCase["morePosts"]>) {
  const byLabel = new Map<string, { own?: Expectation; other?: Expectation }>();
  for (const post of posts) {
    const key = post.label.replace(/ \((own|other) district\)$/, "");
    byLabel.set(key, { ...byLabel.get(key), [post.district]: post.expect });
  }
  return [...byLabel.entries()]
    .filter(([, pair]) => pair.own && pair.other)
    .map(([label, pair]) => ({ label: `${file} ${label}`, own: pair.own!, other: pair.other! }));
}

describe("grants", () => {
  it("the role_permissions table holds exactly the grants the domains declare", async () => {
    const rows = await db.select().from(rolePermissions);
    const inDatabase = rows.map((row) => `${row.role} ${row.permission}`).sort();
    const inCode = Object.entries(rolePermissionSeed)
      .flatMap(([role, keys]) => keys.map((key) => `${role} ${key}`))
      .sort();
    expect(inDatabase).toEqual(inCode);
    const keys = (await db.select({ key: permissions.key }).from(permissions)).map(({ key }) => key);
    expect(keys.sort()).toEqual(permissionDefinitions.map(({ key }) => key).sort());
  });
});
