import { randomInt } from "node:crypto";
import { and, asc, desc, eq, gte, lte } from "drizzle-orm";
import { organizations, users } from "#db/schema/accounts";
import { activities, hourRecords, serviceCertificates, volunteerProfiles } from "#db/schema/volunteers";
import { recordAudit } from "~/domains/audit/audit.server";
import type { Database, DbOrTx } from "~/utils/db.server";
import { shanghaiDate } from "~/domains/subjects/resident-id";
import * as clock from "~/utils/clock.server";
import { isCertificateNumber } from "./certificate-number";

/**
 * Proof-of-service certificates (志愿服务证明, 志愿服务记录与证明出具办法 2020): issued free of charge
 * to an approved volunteer for a chosen period, from their approved records only. The content is
 * frozen at issue, so the public verification page and every later download show exactly what was
 * certified, even if a record is corrected afterwards (a new certificate then shows the new total).
 */

/** What a certificate states; stored as `service_certificates.content`. */
export interface CertificateContent {
  volunteerName: string;
  volunteerNumber: string;
  issuer: string;
  /** 负责人: the issuing office's person in charge. */
  personInCharge: string;
  /** 经办人: the staff member who verified the latest record in the period. */
  handler: string;
  activities: { date: string; title: string; minutes: number }[];
}

export interface IssuedCertificate {
  id: string;
  number: string;
  periodFrom: string;
  periodTo: string;
  totalMinutes: number;
  issuedAt: Date;
  content: CertificateContent;
}

export type IssueResult =
  | { ok: true; certificate: IssuedCertificate }
  | { ok: false; field: "periodFrom" | "periodTo" | ""; error: string };

/**
 * 8 characters from an alphabet without look-alikes: `ZM-2026-7KQ4-M2XD` (service certificates;
 * commendation certificates use the prefix `BZ`).
 */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export function newCertificateNumber(
  year: number,
  random: (max: number) => number = randomInt,
  prefix = "ZM",
): string {
  const part = () => Array.from({ length: 4 }, () => ALPHABET[random(ALPHABET.length)]!).join("");
  return `${prefix}-${year}-${part()}-${part()}`;
}

export { isCertificateNumber, normalizeCertificateNumber } from "./certificate-number";

/** A volunteer's own certificates, newest first. */
export async function listCertificates(db: DbOrTx, volunteerId: string) {
  return db
    .select({
      id: serviceCertificates.id,
      number: serviceCertificates.number,
      periodFrom: serviceCertificates.periodFrom,
      periodTo: serviceCertificates.periodTo,
      totalMinutes: serviceCertificates.totalMinutes,
      issuedAt: serviceCertificates.issuedAt,
    })
    .from(serviceCertificates)
    .where(eq(serviceCertificates.volunteerId, volunteerId))
    .orderBy(desc(serviceCertificates.issuedAt))
    .limit(50);
}

/**
 * Issues a certificate for the approved records of `volunteerId` dated within [periodFrom, periodTo].
 * Refuses a period in the future, an inverted one, a volunteer who is not approved, and a period
 * without approved hours.
 */
export async function issueCertificate(
  db: Database,
  input: { volunteerId: string; periodFrom: string; periodTo: string; ipAddress?: string | null },
  now = clock.now(),
): Promise<IssueResult> {
  const today = shanghaiDate(now);
  if (input.periodTo > today)
    return { ok: false, field: "periodTo", error: "validation:certificatePeriod.future" };
  if (input.periodTo < input.periodFrom)
    return { ok: false, field: "periodTo", error: "validation:certificatePeriod.inverted" };
  return db.transaction(async (tx) => {
    const [profile] = await tx
      .select({
        legalName: volunteerProfiles.legalName,
        volunteerNumber: volunteerProfiles.volunteerNumber,
        status: volunteerProfiles.status,
        homeOfficeId: volunteerProfiles.homeOfficeId,
        districtId: volunteerProfiles.districtId,
        officeName: organizations.name,
        officePersonInCharge: organizations.personInCharge,
        officeContact: organizations.contactName,
      })
      .from(volunteerProfiles)
      .innerJoin(organizations, eq(organizations.id, volunteerProfiles.homeOfficeId))
      .where(eq(volunteerProfiles.userId, input.volunteerId));
    if (!profile || profile.status !== "approved" || !profile.volunteerNumber) {
      return { ok: false, field: "", error: "validation:certificatePeriod.notApproved" } as const;
    }
    const records = await tx
      .select({
        date: hourRecords.serviceDate,
        minutes: hourRecords.minutes,
        description: hourRecords.description,
        activityTitle: activities.title,
        handler: users.displayName,
      })
      .from(hourRecords)
      .leftJoin(activities, eq(activities.id, hourRecords.activityId))
      .leftJoin(users, eq(users.id, hourRecords.decidedBy))
      .where(
        and(
          eq(hourRecords.volunteerId, input.volunteerId),
          eq(hourRecords.status, "approved"),
          gte(hourRecords.serviceDate, input.periodFrom),
          lte(hourRecords.serviceDate, input.periodTo),
        ),
      )
      .orderBy(asc(hourRecords.serviceDate), asc(hourRecords.createdAt));
    if (records.length === 0) {
      return { ok: false, field: "periodFrom", error: "validation:certificatePeriod.noHours" } as const;
    }
    const content: CertificateContent = {
      volunteerName: profile.legalName,
      volunteerNumber: profile.volunteerNumber,
      issuer: profile.officeName,
      // A person, never the office's name: the office's configured person in charge, else its contact.
      personInCharge: profile.officePersonInCharge ?? profile.officeContact ?? "—",
      handler: records.findLast((record) => record.handler)?.handler ?? "—",
      activities: records.map((record) => ({
        date: record.date,
        title: record.activityTitle ?? record.description,
        minutes: record.minutes ?? 0,
      })),
    };
    const totalMinutes = content.activities.reduce((sum, activity) => sum + activity.minutes, 0);
    const year = Number(today.slice(0, 4));
    // A clash of two random 16-character numbers is all but impossible; retry once anyway.
    for (let attempt = 0; ; attempt++) {
      const number = newCertificateNumber(year);
      const [row] = await tx
        .insert(serviceCertificates)
        .values({
          number,
          volunteerId: input.volunteerId,
          issuerId: profile.homeOfficeId,
          periodFrom: input.periodFrom,
          periodTo: input.periodTo,
          totalMinutes,
          content,
          issuedAt: now,
        })
        .onConflictDoNothing({ target: serviceCertificates.number })
        .returning();
      if (!row) {
        if (attempt < 3) continue;
        throw new Error("Could not draw a unique certificate number");
      }
      await recordAudit(tx, {
        actorId: input.volunteerId,
        action: "export",
        entityType: "service_certificate",
        entityId: row.id,
        caseCode: null,
        districtId: profile.districtId,
        officeId: profile.homeOfficeId,
        purpose: "proof of service",
        ipAddress: input.ipAddress ?? null,
        details: { number, periodFrom: input.periodFrom, periodTo: input.periodTo, totalMinutes },
      });
      return {
        ok: true,
        certificate: {
          id: row.id,
          number,
          periodFrom: row.periodFrom,
          periodTo: row.periodTo,
          totalMinutes,
          issuedAt: row.issuedAt,
          content,
        },
      } as const;
    }
  });
}

/** One of the volunteer's own certificates (null when the number is not theirs). */
export async function getOwnCertificate(
  db: DbOrTx,
  volunteerId: string,
  number: string,
): Promise<IssuedCertificate | null> {
  const [row] = await db
    .select()
    .from(serviceCertificates)
    .where(and(eq(serviceCertificates.number, number), eq(serviceCertificates.volunteerId, volunteerId)));
  if (!row) return null;
  return {
    id: row.id,
    number: row.number,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    totalMinutes: row.totalMinutes,
    issuedAt: row.issuedAt,
    content: row.content as CertificateContent,
  };
}

/** 陈晓明 → 陈*明, 王五 → 王*, Alice Smith → A*** S****: enough to match the paper, no more. */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (/^[\p{Script=Han}·]+$/u.test(trimmed)) {
    const chars = [...trimmed];
    if (chars.length <= 2) return `${chars[0]}*`;
    return `${chars[0]}${"*".repeat(chars.length - 2)}${chars.at(-1)}`;
  }
  return trimmed
    .split(/\s+/)
    .map((word) => `${word.charAt(0)}${"*".repeat(Math.max(word.length - 1, 1))}`)
    .join(" ");
}

/**
 * What the public verification page may show for a certificate number: that it exists, the masked
 * name, the volunteer number, period, total and issuer — the rest of the content (activities,
 * staff names) stays private (志愿服务条例 art. 20).
 */
export async function verifyCertificate(db: DbOrTx, number: string) {
  if (!isCertificateNumber(number)) return null;
  const [row] = await db
    .select({
      number: serviceCertificates.number,
      periodFrom: serviceCertificates.periodFrom,
      periodTo: serviceCertificates.periodTo,
      totalMinutes: serviceCertificates.totalMinutes,
      issuedAt: serviceCertificates.issuedAt,
      content: serviceCertificates.content,
    })
    .from(serviceCertificates)
    .where(eq(serviceCertificates.number, number));
  if (!row) return null;
  const content = row.content as CertificateContent;
  return {
    number: row.number,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    totalMinutes: row.totalMinutes,
    issuedAt: row.issuedAt.toISOString(),
    maskedName: maskName(content.volunteerName),
    volunteerNumber: content.volunteerNumber,
    issuer: content.issuer,
  };
}
