import { and, desc, eq, gt, inArray, isNull } from "drizzle-orm";
import { organizations } from "#db/schema/accounts";
import { consents, subjects } from "#db/schema/subjects";
import { recordAudit } from "~/domains/audit/audit.server";
import type { Database, DbOrTx } from "~/utils/db.server";
import { scopeCondition } from "~/domains/accounts/scope";
import { NotFoundError } from "~/domains/errors";
import type { Actor } from "./subjects.server";
import type { ConsentDataCategory } from "./validation";
import * as clock from "~/utils/clock.server";

/** Social-force organizations that can receive a consent: verified ones of the subject's district. */
export async function consentRecipients(db: DbOrTx, districtId: string) {
  return db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
    .from(organizations)
    .where(
      and(
        eq(organizations.districtId, districtId),
        eq(organizations.status, "verified"),
        inArray(organizations.kind, ["enterprise", "law_firm", "social_org"]),
      ),
    )
    .orderBy(organizations.name);
}

export type ConsentResult =
  { ok: true; id: string } | { ok: false; field: "recipientOrganizationId" | "expiresOn"; error: string };

/** Records a subject's separate consent to share named fields with one recipient (PIPL art. 23, 29). */
export async function recordConsent(
  db: Database,
  input: {
    subjectId: string;
    actor: Actor & { ipAddress: string };
    recipientOrganizationId: string;
    purpose: string;
    dataCategories: ConsentDataCategory[];
    expiresAt: Date;
  },
): Promise<ConsentResult> {
  if (input.expiresAt <= clock.now())
    return { ok: false, field: "expiresOn", error: "validation:expiresOn.past" };
  return db.transaction(async (tx) => {
    const [subject] = await tx
      .select()
      .from(subjects)
      .where(
        and(
          eq(subjects.id, input.subjectId),
          scopeCondition(input.actor, "office", { officeId: subjects.officeId }),
          eq(subjects.status, "active"),
        ),
      );
    if (!subject) throw new NotFoundError("subject");
    const recipients = await consentRecipients(tx, subject.districtId);
    if (!recipients.some((recipient) => recipient.id === input.recipientOrganizationId)) {
      return {
        ok: false,
        field: "recipientOrganizationId",
        error: "validation:organization.invalid",
      } as const;
    }
    const [row] = await tx
      .insert(consents)
      .values({
        subjectId: subject.id,
        recipientOrganizationId: input.recipientOrganizationId,
        purpose: input.purpose,
        dataCategories: input.dataCategories,
        expiresAt: input.expiresAt,
        recordedBy: input.actor.id,
      })
      .returning({ id: consents.id });
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "consent_record",
      entityType: "consent",
      entityId: row!.id,
      caseCode: subject.caseCode,
      districtId: subject.districtId,
      officeId: subject.officeId,
      purpose: input.purpose,
      ipAddress: input.actor.ipAddress,
      details: {
        recipientOrganizationId: input.recipientOrganizationId,
        dataCategories: input.dataCategories,
      },
    });
    return { ok: true, id: row!.id } as const;
  });
}

/** Withdrawal takes effect at once: the presenter reads the ledger on every request. */
export async function withdrawConsent(
  db: Database,
  input: { consentId: string; actor: Actor & { ipAddress: string } },
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ consent: consents, subject: subjects })
      .from(consents)
      .innerJoin(subjects, eq(subjects.id, consents.subjectId))
      .where(
        and(
          eq(consents.id, input.consentId),
          scopeCondition(input.actor, "office", { officeId: subjects.officeId }),
        ),
      );
    if (!row) return false;
    if (row.consent.withdrawnAt) return true;
    await tx
      .update(consents)
      .set({ withdrawnAt: clock.now(), withdrawnBy: input.actor.id })
      .where(eq(consents.id, row.consent.id));
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "consent_withdraw",
      entityType: "consent",
      entityId: row.consent.id,
      caseCode: row.subject.caseCode,
      districtId: row.subject.districtId,
      officeId: row.subject.officeId,
      ipAddress: input.actor.ipAddress,
    });
    return true;
  });
}

export async function listConsents(db: DbOrTx, subjectId: string) {
  return db
    .select({
      id: consents.id,
      recipientName: organizations.name,
      purpose: consents.purpose,
      dataCategories: consents.dataCategories,
      grantedAt: consents.grantedAt,
      expiresAt: consents.expiresAt,
      withdrawnAt: consents.withdrawnAt,
    })
    .from(consents)
    .innerJoin(organizations, eq(organizations.id, consents.recipientOrganizationId))
    .where(eq(consents.subjectId, subjectId))
    .orderBy(desc(consents.grantedAt));
}

/** The fields a recipient may see now: the union of its unexpired, unwithdrawn consents. */
export async function consentedCategories(
  db: DbOrTx,
  subjectId: string,
  recipientOrganizationId: string,
  now = clock.now(),
): Promise<Set<ConsentDataCategory>> {
  const rows = await db
    .select({ dataCategories: consents.dataCategories })
    .from(consents)
    .where(
      and(
        eq(consents.subjectId, subjectId),
        eq(consents.recipientOrganizationId, recipientOrganizationId),
        isNull(consents.withdrawnAt),
        gt(consents.expiresAt, now),
      ),
    );
  return new Set(rows.flatMap((row) => row.dataCategories as ConsentDataCategory[]));
}
