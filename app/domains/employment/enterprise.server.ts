import { and, asc, eq } from "drizzle-orm";
import { organizations, users } from "#db/schema/accounts";
import { enterpriseProfiles } from "#db/schema/employment";
import type { ActorRef } from "~/domains/accounts/actor";
import { recordAudit } from "~/domains/audit/audit.server";
import { NotFoundError } from "~/domains/errors";
import type { NotifyRecipient } from "~/domains/notifications/notify.server";
import type { Database, DbOrTx } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";
import { currentPledgeVersion } from "./taxonomy";
import type { EnterpriseProfileInput } from "./validation";

export type EmploymentActor = ActorRef & { ipAddress?: string | null };

/** The districts (bureaus) an enterprise may hire in, for the profile and offer forms. */
export async function listDistricts(db: DbOrTx) {
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.kind, "bureau"))
    .orderBy(asc(organizations.name));
}

/** The enterprise of the actor with its recruiting profile (null until the pledge is signed). */
export async function getEnterpriseProfile(db: DbOrTx, actor: ActorRef) {
  if (!actor.organizationId) throw new NotFoundError("enterprise");
  const [row] = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      districtId: organizations.districtId,
      status: organizations.status,
      pledgeAcceptedAt: organizations.pledgeAcceptedAt,
      profile: enterpriseProfiles,
    })
    .from(organizations)
    .leftJoin(enterpriseProfiles, eq(enterpriseProfiles.organizationId, organizations.id))
    .where(and(eq(organizations.id, actor.organizationId), eq(organizations.kind, "enterprise")));
  if (!row) throw new NotFoundError("enterprise");
  return row;
}

/**
 * Saves the recruiting profile. Ticking the pledge is required at every save and records who signed
 * which version when: offers reference the profile, so nothing is posted without a signed pledge.
 */
export async function saveEnterpriseProfile(
  db: Database,
  input: { actor: EmploymentActor; profile: EnterpriseProfileInput },
  now = clock.now(),
) {
  return db.transaction(async (tx) => {
    const enterprise = await getEnterpriseProfile(tx, input.actor);
    const values = {
      industry: input.profile.industry,
      size: input.profile.size,
      hiringDistrictIds: [...new Set(input.profile.hiringDistrictIds)],
      contactName: input.profile.contactName,
      contactPhone: input.profile.contactPhone,
      contactEmail: input.profile.contactEmail,
      description: input.profile.description,
      pledgeVersion: currentPledgeVersion,
      pledgeSignedAt: now,
      pledgeSignedBy: input.actor.id,
      updatedAt: now,
    };
    await tx
      .insert(enterpriseProfiles)
      .values({ organizationId: enterprise.id, districtId: enterprise.districtId!, ...values })
      .onConflictDoUpdate({ target: enterpriseProfiles.organizationId, set: values });
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: enterprise.profile ? "update" : "create",
      entityType: "enterprise-profile",
      entityId: enterprise.id,
      districtId: enterprise.districtId,
      ipAddress: input.actor.ipAddress ?? null,
      details: { pledgeVersion: currentPledgeVersion },
    });
    return { ok: true as const };
  });
}

/** Active members of an enterprise, to be told about referrals and check-ins. */
export async function enterpriseRecipients(db: DbOrTx, enterpriseId: string): Promise<NotifyRecipient[]> {
  const rows = await db
    .select({ id: users.id, email: users.email, language: users.language })
    .from(users)
    .where(
      and(
        eq(users.organizationId, enterpriseId),
        eq(users.role, "enterprise_member"),
        eq(users.status, "active"),
      ),
    );
  return rows.map((row) => ({
    email: row.email,
    language: row.language === "en" ? "en" : "zh-CN",
    userId: row.id,
  }));
}

/** Active staff of the offices of a district, to be told about new offers there. */
export async function districtStaffRecipients(db: DbOrTx, districtId: string): Promise<NotifyRecipient[]> {
  const rows = await db
    .select({ id: users.id, email: users.email, language: users.language })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(
      and(
        eq(organizations.districtId, districtId),
        eq(organizations.kind, "office"),
        eq(users.role, "office_staff"),
        eq(users.status, "active"),
      ),
    );
  return rows.map((row) => ({
    email: row.email,
    language: row.language === "en" ? "en" : "zh-CN",
    userId: row.id,
  }));
}
