/**
 * Pure rules of a volunteer's registration: availability slots, the volunteer number, the vetting
 * state machine, masking of the ID number and the expiry state of qualifications. Client-safe.
 */

export const weekDays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const dayParts = ["am", "pm", "eve"] as const;
export type WeekDay = (typeof weekDays)[number];
export type DayPart = (typeof dayParts)[number];

/** Weekly availability values as stored: `mon-am`, `mon-pm`, `mon-eve`, … `sun-eve`. */
export const availabilitySlots = weekDays.flatMap((day) => dayParts.map((part) => `${day}-${part}`));

/** The version of the volunteer-data terms shown at `/volunteer/profile` (text in volunteers.json `terms.*`). */
export const VOLUNTEER_TERMS_VERSION = "2026-01";

export const volunteerStatuses = ["pending", "approved", "rejected", "suspended"] as const;
export type VolunteerStatus = (typeof volunteerStatuses)[number];

export const volunteerDecisions = ["approve", "reject", "suspend", "reinstate"] as const;
export type VolunteerDecision = (typeof volunteerDecisions)[number];

/** Where a decision leads from the current status, or null when it does not apply. */
export function nextVolunteerStatus(
  current: VolunteerStatus,
  decision: VolunteerDecision,
): VolunteerStatus | null {
  if (decision === "approve" && current === "pending") return "approved";
  if (decision === "reject" && current === "pending") return "rejected";
  if (decision === "suspend" && current === "approved") return "suspended";
  if (decision === "reinstate" && current === "suspended") return "approved";
  return null;
}

/** Decisions that need a reason the volunteer will read. */
export function decisionNeedsReason(decision: VolunteerDecision): boolean {
  return decision === "reject" || decision === "suspend";
}

/**
 * Once approved (also while suspended), the name, ID number and home office are fixed: the volunteer
 * number and every record of service were issued to that identity by that office.
 */
export function identityLocked(status: VolunteerStatus | null): boolean {
  return status === "approved" || status === "suspended";
}

/** `V` + year of approval + a 6-digit running number: V2026000123. */
export function formatVolunteerNumber(year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999)
    throw new RangeError(`Volunteer number sequence out of range: ${sequence}`);
  return `V${year}${String(sequence).padStart(6, "0")}`;
}

/** 110105********002X: region code and the last four characters, the birth date hidden. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 10) return "*".repeat(idNumber.length);
  return `${idNumber.slice(0, 6)}${"*".repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
}

export const qualificationExpiryStates = ["valid", "expiring", "expired"] as const;
export type QualificationExpiryState = (typeof qualificationExpiryStates)[number];
/** A qualification expiring within this many days is flagged so it can be renewed in time. */
export const EXPIRING_WITHIN_DAYS = 30;

/** Adds days to a 'YYYY-MM-DD' calendar day. */
export function addDays(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * Valid through `expiresOn` (inclusive); no expiry date means valid. Both dates are Asia/Shanghai
 * calendar days ('YYYY-MM-DD').
 */
export function qualificationExpiryState(expiresOn: string | null, today: string): QualificationExpiryState {
  if (!expiresOn) return "valid";
  if (expiresOn < today) return "expired";
  if (expiresOn <= addDays(today, EXPIRING_WITHIN_DAYS)) return "expiring";
  return "valid";
}
