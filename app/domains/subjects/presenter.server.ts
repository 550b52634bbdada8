import { eq } from "drizzle-orm";
import { subjects } from "#db/schema/subjects";
import { recordAudit } from "~/domains/audit/audit.server";
import type { Database, DbOrTx } from "~/utils/db.server";
import type { ConsentDataCategory } from "./validation";
import { decrypt } from "~/utils/crypto.server";
import { consentedCategories } from "./consent.server";
import { isMinor } from "./resident-id";
import * as clock from "~/utils/clock.server";

/**
 * How every feature shows a subject to a non-justice party (enterprise, law firm, provider):
 * the case code, plus only the fields the subject consented to share with that organization.
 * Never the minor flag, the birth date, the supervision level or anything about the offence; a
 * minor's identity is never shared at all (社区矫正法 art. 54). Sharing an identifying field is
 * audited. Loaders of non-justice pages must build subject data only through this function.
 */
export interface SubjectForRecipient {
  caseCode: string;
  name?: string;
  phone?: string;
  idNumber?: string;
  address?: string;
}

export async function presentSubjectTo(
  db: Database,
  input: { subjectId: string; recipientOrganizationId: string; viewerId: string; ipAddress?: string | null },
): Promise<SubjectForRecipient | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(subjects).where(eq(subjects.id, input.subjectId));
    if (!row) return null;
    const presented: SubjectForRecipient = { caseCode: row.caseCode };
    if (row.purgedAt || row.status !== "active" || !row.birthDateCiphertext) return presented;
    if (isMinor(decrypt(row.birthDateCiphertext), clock.now())) return presented;
    const allowed = await consentedCategories(tx, row.id, input.recipientOrganizationId);
    if (allowed.size === 0) return presented;
    if (allowed.has("name") && row.nameCiphertext) presented.name = decrypt(row.nameCiphertext);
    if (allowed.has("phone") && row.phoneCiphertext) presented.phone = decrypt(row.phoneCiphertext);
    if (allowed.has("id_number") && row.idNumberCiphertext)
      presented.idNumber = decrypt(row.idNumberCiphertext);
    if (allowed.has("address") && row.addressCiphertext) presented.address = decrypt(row.addressCiphertext);
    await recordAudit(tx, {
      actorId: input.viewerId,
      action: "view_identity",
      entityType: "subject",
      entityId: row.id,
      caseCode: row.caseCode,
      districtId: row.districtId,
      officeId: row.officeId,
      purpose: "consented sharing",
      ipAddress: input.ipAddress ?? null,
      details: { recipientOrganizationId: input.recipientOrganizationId, fields: [...allowed].sort() },
    });
    return presented;
  });
}

/**
 * Which identifying fields `presentSubjectTo` would release to the recipient now, without reading
 * them: none for a minor, a purged or an ended record. For features that must record or say what
 * a recipient receives (e.g. a referral to an enterprise lists the released fields).
 */
export async function releasableFields(
  db: DbOrTx,
  subjectId: string,
  recipientOrganizationId: string,
): Promise<ConsentDataCategory[]> {
  const [row] = await db
    .select({ status: subjects.status, purgedAt: subjects.purgedAt, birthDate: subjects.birthDateCiphertext })
    .from(subjects)
    .where(eq(subjects.id, subjectId));
  if (!row || row.purgedAt || row.status !== "active" || !row.birthDate) return [];
  if (isMinor(decrypt(row.birthDate), clock.now())) return [];
  const allowed = await consentedCategories(db, subjectId, recipientOrganizationId);
  return [...allowed].sort();
}
