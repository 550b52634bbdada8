import { randomUUID } from "node:crypto";
import { and, asc, arrayContains, count, desc, eq, ilike, inArray, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { organizations, users } from "#db/schema/accounts";
import { volunteerProfiles } from "#db/schema/volunteers";
import { usersOfOrganization } from "~/domains/accounts/accounts.server";
import type { ActorRef } from "~/domains/accounts/actor";
import { type Scope, scopeCondition as scopeConditionOn } from "~/domains/accounts/scope";
import { recordAudit } from "~/domains/audit/audit.server";
import { notify, recipientForUser } from "~/domains/notifications/notify.server";
import { parseResidentId, shanghaiDate } from "~/domains/subjects/resident-id";
import { decrypt, encrypt, keyedHash, keyedHashesForSearch } from "~/utils/crypto.server";
import { type Database, type DbOrTx, escapeLike, selectRows } from "~/utils/db.server";
import type { VolunteerSkill } from "./activity-options";
import type { VolunteerContactInput, VolunteerProfileInput } from "./profile-validation";
import {
  decisionNeedsReason,
  formatVolunteerNumber,
  identityLocked,
  maskIdNumber,
  nextVolunteerStatus,
  VOLUNTEER_TERMS_VERSION,
  type VolunteerDecision,
  type VolunteerStatus,
} from "./volunteer-profile";
import * as clock from "~/utils/clock.server";

const NO_ID = "00000000-0000-0000-0000-000000000000";

/** Staff acting on volunteers: their office (office staff) and district (bureau admins). */
export type StaffActor = ActorRef;

/** The signed-in volunteer (their own account). */
export interface VolunteerAccount {
  id: string;
  email: string;
  language: string;
}

const districtOrg = alias(organizations, "district");
const homeOffice = alias(organizations, "home_office");

/** Verified judicial offices of verified bureaus, grouped by district in the order shown. */
export async function verifiedOffices(db: DbOrTx) {
  return db
    .select({
      id: organizations.id,
      name: organizations.name,
      districtId: districtOrg.id,
      districtName: districtOrg.name,
    })
    .from(organizations)
    .innerJoin(districtOrg, eq(districtOrg.id, organizations.districtId))
    .where(
      and(
        eq(organizations.kind, "office"),
        eq(organizations.status, "verified"),
        eq(districtOrg.status, "verified"),
      ),
    )
    .orderBy(asc(districtOrg.name), asc(organizations.name));
}

/**
 * The volunteer's own registration, with their ID number decrypted (it is theirs, and the form of a
 * pending or rejected registration shows it for correction); null before the first submission.
 */
export async function getOwnProfile(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ profile: volunteerProfiles, homeOfficeName: homeOffice.name })
    .from(volunteerProfiles)
    .innerJoin(homeOffice, eq(homeOffice.id, volunteerProfiles.homeOfficeId))
    .where(eq(volunteerProfiles.userId, userId));
  if (!row) return null;
  const { idNumberCiphertext, idNumberHash: _hash, ...profile } = row.profile;
  return {
    ...profile,
    status: profile.status as VolunteerStatus,
    skills: profile.skills as VolunteerSkill[],
    homeOfficeName: row.homeOfficeName,
    idNumber: decrypt(idNumberCiphertext),
  };
}

/** The volunteer's registration status, or null without a registration. */
export async function volunteerProfileStatus(db: DbOrTx, userId: string): Promise<VolunteerStatus | null> {
  const [row] = await db
    .select({ status: volunteerProfiles.status })
    .from(volunteerProfiles)
    .where(eq(volunteerProfiles.userId, userId));
  return row?.status ?? null;
}

export type ProfileSubmission =
  ({ kind: "registration" } & VolunteerProfileInput) | ({ kind: "contact" } & VolunteerContactInput);

export type SubmitResult =
  { ok: true; status: VolunteerStatus; created: boolean } | { ok: false; field?: string; error: string };

/** Postgres unique violation of the one-profile-per-person index (also when wrapped by drizzle). */
function isDuplicateIdNumber(error: unknown): boolean {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    const fields = current as {
      code?: unknown;
      constraint_name?: unknown;
      constraint?: unknown;
      message?: unknown;
    };
    if (fields.code === "23505") {
      const constraint = String(fields.constraint_name ?? fields.constraint ?? fields.message ?? "");
      return constraint.includes("volunteer_profiles_id_number_unique");
    }
    if (current === (current as { cause?: unknown }).cause) break;
  }
  return false;
}

/** Offices that exist and are verified; the rest of `ids` are reported as invalid. */
async function checkOffices(tx: DbOrTx, ids: string[]) {
  if (ids.length === 0) return new Map<string, { id: string; name: string; districtId: string }>();
  const rows = await tx
    .select({ id: organizations.id, name: organizations.name, districtId: organizations.districtId })
    .from(organizations)
    .where(
      and(
        inArray(organizations.id, ids),
        eq(organizations.kind, "office"),
        eq(organizations.status, "verified"),
      ),
    );
  return new Map(rows.map((row) => [row.id, { ...row, districtId: row.districtId ?? NO_ID }]));
}

/**
 * Registers the volunteer, or updates the registration. New, pending and rejected registrations take
 * every field (a rejected one goes back to pending and to the office for vetting again); an approved
 * or suspended volunteer changes only contact, skills, languages, availability and service offices —
 * the identity stays as vetted, whatever the form posted. One profile per person: an ID number already
 * registered by another account is refused. Emails and the audit trail go in the same transaction.
 */
export async function submitVolunteerProfile(
  db: Database,
  account: VolunteerAccount,
  input: ProfileSubmission,
  now = clock.now(),
): Promise<SubmitResult> {
  try {
    return await db.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(volunteerProfiles)
        .where(eq(volunteerProfiles.userId, account.id))
        .for("update");

      const offices = await checkOffices(tx, [
        ...input.serviceOfficeIds,
        ...(input.kind === "registration" ? [input.homeOfficeId] : []),
      ]);
      if (input.serviceOfficeIds.some((id) => !offices.has(id)))
        return { ok: false, field: "serviceOfficeIds", error: "validation:serviceOffices.invalid" } as const;

      const contact = {
        phone: input.phone,
        skills: input.skills,
        languages: input.languages,
        availability: input.availability,
        emergencyContactName: input.emergencyContactName,
        emergencyContactPhone: input.emergencyContactPhone,
        updatedAt: now,
      };

      if (current && identityLocked(current.status)) {
        await tx
          .update(volunteerProfiles)
          .set({
            ...contact,
            serviceOfficeIds: input.serviceOfficeIds.filter((id) => id !== current.homeOfficeId),
          })
          .where(eq(volunteerProfiles.userId, account.id));
        return { ok: true, status: current.status, created: false } as const;
      }
      // The page showed the full form, but the registration was approved meanwhile (or never existed).
      if (input.kind !== "registration") return { ok: false, error: "volunteers:errors.stale" } as const;

      const office = offices.get(input.homeOfficeId);
      if (!office)
        return { ok: false, field: "homeOfficeId", error: "validation:homeOffice.invalid" } as const;
      const parsed = parseResidentId(input.idNumber, now);
      if (!parsed.ok) return { ok: false, field: "idNumber", error: `validation:idNumber.${parsed.reason}` };
      const [taken] = await tx
        .select({ userId: volunteerProfiles.userId })
        .from(volunteerProfiles)
        .where(
          and(
            inArray(volunteerProfiles.idNumberHash, keyedHashesForSearch(input.idNumber)),
            ne(volunteerProfiles.userId, account.id),
          ),
        );
      if (taken)
        return { ok: false, field: "idNumber", error: "validation:idNumber.alreadyRegistered" } as const;

      const identity = {
        legalName: input.legalName,
        idNumberCiphertext: encrypt(input.idNumber),
        idNumberHash: keyedHash(input.idNumber),
        gender: parsed.gender,
        birthDate: parsed.birthDate,
        homeOfficeId: office.id,
        districtId: office.districtId,
        serviceOfficeIds: input.serviceOfficeIds.filter((id) => id !== office.id),
        termsVersion: VOLUNTEER_TERMS_VERSION,
        termsAcceptedAt: now,
        status: "pending" as const,
        rejectReason: null,
        decidedBy: null,
        decidedAt: null,
      };
      if (current) {
        await tx
          .update(volunteerProfiles)
          .set({ ...identity, ...contact })
          .where(eq(volunteerProfiles.userId, account.id));
      } else {
        await tx.insert(volunteerProfiles).values({ userId: account.id, ...identity, ...contact });
        await notify(tx, {
          template: "volunteer-registration-received",
          data: { officeName: office.name, url: "/volunteer/profile" },
          to: {
            email: account.email,
            language: account.language === "en" ? "en" : "zh-CN",
            userId: account.id,
          },
          idempotencyKey: `volunteer-registration-received:${account.id}`,
        });
      }
      // A first submission, a resubmission after rejection, or a move to another office all need
      // vetting by that office; edits of a registration the same office is already vetting do not.
      const needsVetting = !current || current.status === "rejected" || current.homeOfficeId !== office.id;
      if (needsVetting) {
        const staff = await usersOfOrganization(tx, office.id, ["office_staff"]);
        const round = randomUUID();
        for (const member of staff) {
          await notify(tx, {
            template: "volunteer-vetting-requested",
            data: {
              volunteerName: input.legalName,
              officeName: office.name,
              resubmitted: Boolean(current),
              url: `/staff/volunteers/${account.id}`,
            },
            to: {
              email: member.email,
              language: member.language === "en" ? "en" : "zh-CN",
              userId: member.id,
            },
            idempotencyKey: `volunteer-vetting-requested:${account.id}:${round}:${member.id}`,
          });
        }
      }
      return { ok: true, status: "pending", created: !current } as const;
    });
  } catch (error) {
    // Two accounts registering the same ID number at the same moment: the unique index decides.
    if (isDuplicateIdNumber(error))
      return { ok: false, field: "idNumber", error: "validation:idNumber.alreadyRegistered" };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------
// Staff: vetting

const scopeCondition = (scope: Scope, actor: StaffActor) =>
  scopeConditionOn(actor, scope, {
    ownerUserId: volunteerProfiles.userId,
    officeId: volunteerProfiles.homeOfficeId,
    districtId: volunteerProfiles.districtId,
  });

export interface VolunteerListQuery {
  scope: Scope;
  actor: StaffActor;
  status?: VolunteerStatus;
  /** Name (part), volunteer number or phone. */
  q?: string;
  skill?: VolunteerSkill;
  page: number;
  pageSize: number;
}

/** One page of the volunteers the actor vets, oldest waiting first for pending, newest otherwise. */
export async function listVolunteers(db: DbOrTx, query: VolunteerListQuery) {
  const conditions = [scopeCondition(query.scope, query.actor)];
  if (query.status) conditions.push(eq(volunteerProfiles.status, query.status));
  if (query.skill) conditions.push(arrayContains(volunteerProfiles.skills, [query.skill]));
  const q = query.q?.trim();
  if (q) {
    const compact = q.replace(/[\s-]/g, "");
    conditions.push(
      or(
        ilike(volunteerProfiles.legalName, `%${escapeLike(q)}%`),
        eq(volunteerProfiles.volunteerNumber, compact.toUpperCase()),
        eq(volunteerProfiles.phone, compact.replace(/^\+?86(?=1\d{10}$)/, "")),
      )!,
    );
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: volunteerProfiles.userId,
        legalName: volunteerProfiles.legalName,
        volunteerNumber: volunteerProfiles.volunteerNumber,
        phone: volunteerProfiles.phone,
        status: volunteerProfiles.status,
        skills: volunteerProfiles.skills,
        homeOfficeName: homeOffice.name,
        createdAt: volunteerProfiles.createdAt,
        updatedAt: volunteerProfiles.updatedAt,
      })
      .from(volunteerProfiles)
      .innerJoin(homeOffice, eq(homeOffice.id, volunteerProfiles.homeOfficeId))
      .where(where)
      .orderBy(
        query.status === "pending" ? asc(volunteerProfiles.updatedAt) : desc(volunteerProfiles.updatedAt),
        volunteerProfiles.userId,
      )
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(volunteerProfiles).where(where),
  ]);
  return {
    rows: rows.map((row) => ({ ...row, skills: row.skills as VolunteerSkill[] })),
    total: total?.total ?? 0,
  };
}

/**
 * A volunteer's registration for the staff page, if within the actor's scope (else null → 404). The
 * ID number is masked; the full number only through {@link revealVolunteerIdNumber}, which is audited.
 */
export async function getVolunteerForStaff(db: DbOrTx, volunteerId: string, scope: Scope, actor: StaffActor) {
  const [row] = await db
    .select({ profile: volunteerProfiles, homeOfficeName: homeOffice.name, email: users.email })
    .from(volunteerProfiles)
    .innerJoin(homeOffice, eq(homeOffice.id, volunteerProfiles.homeOfficeId))
    .innerJoin(users, eq(users.id, volunteerProfiles.userId))
    .where(and(eq(volunteerProfiles.userId, volunteerId), scopeCondition(scope, actor)));
  if (!row) return null;
  const { idNumberCiphertext, idNumberHash: _hash, ...profile } = row.profile;
  const serviceOffices =
    profile.serviceOfficeIds.length > 0
      ? await db
          .select({ id: organizations.id, name: organizations.name })
          .from(organizations)
          .where(inArray(organizations.id, profile.serviceOfficeIds))
          .orderBy(asc(organizations.name))
      : [];
  return {
    ...profile,
    status: profile.status as VolunteerStatus,
    skills: profile.skills as VolunteerSkill[],
    email: row.email,
    homeOfficeName: row.homeOfficeName,
    serviceOffices,
    maskedIdNumber: maskIdNumber(decrypt(idNumberCiphertext)),
  };
}

/** The full ID number for staff in scope, with one audit row in the same transaction. */
export async function revealVolunteerIdNumber(
  db: Database,
  input: { volunteerId: string; scope: Scope; actor: StaffActor & { ipAddress: string } },
): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(volunteerProfiles)
      .where(and(eq(volunteerProfiles.userId, input.volunteerId), scopeCondition(input.scope, input.actor)));
    if (!row) return null;
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "view_identity",
      entityType: "volunteer",
      entityId: row.userId,
      districtId: row.districtId,
      officeId: row.homeOfficeId,
      purpose: "volunteer vetting",
      ipAddress: input.actor.ipAddress,
    });
    return decrypt(row.idNumberCiphertext);
  });
}

export type DecisionResult =
  | { ok: true; status: VolunteerStatus; volunteerNumber: string | null }
  | { ok: false; notFound: true }
  | { ok: false; notFound?: false; field?: "reason"; error: string };

async function nextVolunteerNumber(tx: DbOrTx, now: Date): Promise<string> {
  const [row] = await selectRows<{ value: string | number }>(
    tx,
    sql`select nextval('volunteer_number_seq') as value`,
  );
  return formatVolunteerNumber(Number(shanghaiDate(now).slice(0, 4)), Number(row!.value));
}

/**
 * Approves, rejects, suspends or reinstates a volunteer within the actor's scope. Approval draws the
 * volunteer number from `volunteer_number_seq` in the same transaction (a rolled-back approval
 * leaves a gap, never a duplicate); the volunteer is told by email and the decision is audited.
 */
export async function decideVolunteer(
  db: Database,
  input: {
    volunteerId: string;
    decision: VolunteerDecision;
    reason: string | null;
    scope: Scope;
    actor: StaffActor & { ipAddress: string };
  },
  now = clock.now(),
): Promise<DecisionResult> {
  const reason = input.reason?.trim() || null;
  if (decisionNeedsReason(input.decision) && !reason)
    return { ok: false, field: "reason", error: "validation:decisionReason.required" };
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(volunteerProfiles)
      .where(and(eq(volunteerProfiles.userId, input.volunteerId), scopeCondition(input.scope, input.actor)))
      .for("update");
    if (!current) return { ok: false, notFound: true } as const;
    const next = nextVolunteerStatus(current.status, input.decision);
    if (!next) return { ok: false, error: "volunteers:errors.invalidTransition" } as const;
    const volunteerNumber =
      input.decision === "approve" ? await nextVolunteerNumber(tx, now) : current.volunteerNumber;
    await tx
      .update(volunteerProfiles)
      .set({
        status: next,
        volunteerNumber,
        rejectReason: reason,
        decidedBy: input.actor.id,
        decidedAt: now,
        updatedAt: now,
      })
      .where(eq(volunteerProfiles.userId, current.userId));
    const recipient = await recipientForUser(tx, current.userId);
    if (recipient) {
      const decided = {
        approve: "approved",
        reject: "rejected",
        suspend: "suspended",
        reinstate: "reinstated",
      } as const;
      await notify(tx, {
        template: "volunteer-registration-decided",
        data: {
          decision: decided[input.decision],
          volunteerNumber,
          reason,
          url: "/volunteer/profile",
        },
        to: recipient,
        idempotencyKey: `volunteer-registration-decided:${current.userId}:${randomUUID()}`,
      });
    }
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: input.decision === "approve" ? "approve" : "status_change",
      entityType: "volunteer",
      entityId: current.userId,
      districtId: current.districtId,
      officeId: current.homeOfficeId,
      ipAddress: input.actor.ipAddress,
      details: { from: current.status, status: next, volunteerNumber },
    });
    return { ok: true, status: next, volunteerNumber } as const;
  });
}
