/**
 * Providers declare what they offer: categories, the offices they cover (or their whole district),
 * languages, the genders of the workers they can assign, and how many active cases they can take.
 * A provider is one organization (verified social organization, enterprise, law firm) or one
 * approved volunteer; the row is created on the first save.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { organizations, users } from "#db/schema/accounts";
import { providerCategories, providerOffices, providers } from "#db/schema/matching";
import { volunteerProfiles } from "#db/schema/volunteers";
import type { ActorRef } from "~/domains/accounts/actor";
import type { Scope } from "~/domains/accounts/scope";
import { recordAudit } from "~/domains/audit/audit.server";
import { ConflictError, NotFoundError } from "~/domains/errors";
import type { Database, DbOrTx } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";
import { kindServes, type ProviderKind } from "./taxonomy";
import type { ProviderProfileInput } from "./validation";

export type ProviderActor = ActorRef & { ipAddress?: string | null };

export interface ProviderParty {
  kind: ProviderKind;
  organizationId: string | null;
  volunteerUserId: string | null;
  districtId: string;
  name: string;
}

/** Who the provider is for this actor: its organization (scope organization) or the volunteer (own). */
export async function providerPartyOf(
  db: DbOrTx,
  actor: ProviderActor,
  scope: Scope,
): Promise<ProviderParty | null> {
  if (scope === "own") {
    const [volunteer] = await db
      .select({
        status: volunteerProfiles.status,
        districtId: volunteerProfiles.districtId,
        name: users.displayName,
      })
      .from(volunteerProfiles)
      .innerJoin(users, eq(users.id, volunteerProfiles.userId))
      .where(eq(volunteerProfiles.userId, actor.id));
    // Only an approved volunteer offers help (their vetting is the office's): until then, no party.
    if (!volunteer || volunteer.status !== "approved") return null;
    return {
      kind: "volunteer",
      organizationId: null,
      volunteerUserId: actor.id,
      districtId: volunteer.districtId,
      name: volunteer.name,
    };
  }
  if (scope !== "organization" || !actor.organizationId) throw new NotFoundError("provider");
  const [organization] = await db
    .select({
      id: organizations.id,
      kind: organizations.kind,
      districtId: organizations.districtId,
      name: organizations.name,
      status: organizations.status,
    })
    .from(organizations)
    .where(eq(organizations.id, actor.organizationId));
  if (
    !organization ||
    organization.status !== "verified" ||
    !organization.districtId ||
    !["social_org", "enterprise", "law_firm"].includes(organization.kind)
  )
    throw new NotFoundError("provider");
  return {
    kind: organization.kind as ProviderKind,
    organizationId: organization.id,
    volunteerUserId: null,
    districtId: organization.districtId,
    name: organization.name,
  };
}

const partyCondition = (party: { organizationId: string | null; volunteerUserId: string | null }) =>
  party.organizationId
    ? eq(providers.organizationId, party.organizationId)
    : eq(providers.volunteerUserId, party.volunteerUserId!);

/** The provider row of the actor, or null before the first save. */
export async function findProviderOf(db: DbOrTx, actor: ProviderActor, scope: Scope) {
  const party = await providerPartyOf(db, actor, scope);
  if (!party) throw new NotFoundError("provider");
  const [row] = await db.select().from(providers).where(partyCondition(party));
  return { party, provider: row ?? null };
}

/** The profile page: the declaration and the offices of the district to choose from. */
export async function providerProfile(db: DbOrTx, actor: ProviderActor, scope: Scope) {
  const party = await providerPartyOf(db, actor, scope);
  if (!party) return null;
  const [provider] = await db.select().from(providers).where(partyCondition(party));
  const [categoryRows, officeRows, districtOffices] = await Promise.all([
    provider
      ? db
          .select({ id: providerCategories.categoryId })
          .from(providerCategories)
          .where(eq(providerCategories.providerId, provider.id))
      : Promise.resolve([]),
    provider
      ? db
          .select({ id: providerOffices.officeId })
          .from(providerOffices)
          .where(eq(providerOffices.providerId, provider.id))
      : Promise.resolve([]),
    db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(and(eq(organizations.kind, "office"), eq(organizations.districtId, party.districtId)))
      .orderBy(asc(organizations.name)),
  ]);
  return {
    party,
    provider: provider && {
      ...provider,
      categoryIds: categoryRows.map((row) => row.id),
      officeIds: officeRows.map((row) => row.id),
    },
    offices: districtOffices,
  };
}

export type SaveProviderResult =
  { ok: true; providerId: string } | { ok: false; field: keyof ProviderProfileInput | "form"; error: string };

/** Creates or updates the actor's provider declaration in one transaction. */
export async function saveProviderProfile(
  db: Database,
  actor: ProviderActor,
  scope: Scope,
  input: ProviderProfileInput,
): Promise<SaveProviderResult> {
  return db.transaction(async (tx) => {
    const party = await providerPartyOf(tx, actor, scope);
    if (!party) return { ok: false, field: "form", error: "matching:errors.volunteerNotApproved" } as const;
    const refused = input.categoryIds.find((categoryId) => !kindServes(party.kind, categoryId));
    if (refused)
      return { ok: false, field: "categoryIds", error: "matching:errors.categoryNotForKind" } as const;
    if (!input.coversDistrict && input.officeIds.length === 0)
      return { ok: false, field: "officeIds", error: "matching:errors.areaRequired" } as const;
    if (input.officeIds.length > 0) {
      const valid = await tx
        .select({ id: organizations.id })
        .from(organizations)
        .where(
          and(
            inArray(organizations.id, input.officeIds),
            eq(organizations.kind, "office"),
            eq(organizations.districtId, party.districtId),
          ),
        );
      if (valid.length !== new Set(input.officeIds).size)
        return { ok: false, field: "officeIds", error: "matching:errors.office" } as const;
    }
    const now = clock.now();
    const [existing] = await tx.select().from(providers).where(partyCondition(party)).for("update");
    if (existing && input.capacity < existing.activeCases)
      return { ok: false, field: "capacity", error: "matching:errors.capacityBelowActive" } as const;
    const values = {
      coversDistrict: input.coversDistrict,
      languages: input.languages,
      workerGenders: [...new Set(input.workerGenders)],
      capacity: input.capacity,
      status: input.paused ? ("paused" as const) : ("active" as const),
      updatedAt: now,
    };
    let providerId: string;
    if (existing) {
      await tx.update(providers).set(values).where(eq(providers.id, existing.id));
      providerId = existing.id;
    } else {
      const [row] = await tx
        .insert(providers)
        .values({
          ...values,
          kind: party.kind,
          organizationId: party.organizationId,
          volunteerUserId: party.volunteerUserId,
          districtId: party.districtId,
        })
        .returning({ id: providers.id });
      providerId = row!.id;
    }
    await tx.delete(providerCategories).where(eq(providerCategories.providerId, providerId));
    await tx
      .insert(providerCategories)
      .values([...new Set(input.categoryIds)].map((categoryId) => ({ providerId, categoryId })));
    await tx.delete(providerOffices).where(eq(providerOffices.providerId, providerId));
    if (input.officeIds.length > 0)
      await tx
        .insert(providerOffices)
        .values([...new Set(input.officeIds)].map((officeId) => ({ providerId, officeId })));
    await recordAudit(tx, {
      actorId: actor.id,
      action: existing ? "update" : "create",
      entityType: "provider",
      entityId: providerId,
      districtId: party.districtId,
      ipAddress: actor.ipAddress ?? null,
      details: { categories: input.categoryIds.length, capacity: input.capacity, paused: input.paused },
    });
    return { ok: true, providerId } as const;
  });
}

/** Raised by a command that found the provider without an open place (checked under the row lock). */
export class NoCapacityError extends ConflictError {
  constructor() {
    super("matching:errors.noCapacity");
  }
}

/** Display names of providers (organization name or the volunteer's display name). */
export const providerName = sql<string>`coalesce((select name from organizations o where o.id = ${providers.organizationId}), (select display_name from users u where u.id = ${providers.volunteerUserId}))`;
