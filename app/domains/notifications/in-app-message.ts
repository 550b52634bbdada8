import { categoryLabel } from "~/domains/matching/taxonomy";
import { dateTimeFormat } from "~/utils/intl";

/**
 * How an in-app notification reads: built from its kind and stored data in the reader's language, so
 * a notification recorded in Chinese reads in English after the user switches. Pure: the caller passes
 * the translate function of the `notifications` namespace.
 */
export type TranslateNotifications = (key: string, options?: Record<string, unknown>) => string;

export interface InAppMessage {
  title: string;
  body: string | null;
}

function shanghaiTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateTimeFormat(language, {
    timeZone: "Asia/Shanghai",
    dateStyle: "medium",
    timeStyle: "short",
  }).format(date);
}

const organizationStatuses = new Set(["verified", "rejected", "suspended"]);

function record(data: unknown): Record<string, unknown> {
  return data !== null && typeof data === "object" && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : {};
}

const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() !== "" ? value : null;

/** "2026-05-19 14:00" in Beijing time, the same in every language. */
function beijingMinute(iso: string): string | null {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  return new Date(time + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

export function inAppMessage(
  t: TranslateNotifications,
  kind: string,
  data: unknown,
  language = "zh-CN",
): InAppMessage {
  const fields = record(data);
  // A kind this version does not know (a newer feature, an old row) still shows as a notification.
  const title = t(`kinds.${kind}`, { defaultValue: t("inbox.unknownKind") });
  switch (kind) {
    case "organization-status": {
      const organizationName = text(fields.organizationName);
      const status = text(fields.status);
      if (!organizationName || !status || !organizationStatuses.has(status)) return { title, body: null };
      const intro = t("email.organization-status.intro", {
        organizationName,
        status: t(`email.organization-status.status.${status}`),
      });
      const reason = text(fields.reason);
      return {
        title,
        body: reason ? `${intro} ${t("email.organization-status.reason", { reason })}` : intro,
      };
    }
    case "registration-received": {
      if (fields.registration === "volunteer")
        return { title, body: t("email.registration-received.introVolunteer") };
      const name = text(fields.organizationName);
      if (fields.registration === "organization" && name)
        return { title, body: t("email.registration-received.introOrganization", { name }) };
      return { title, body: null };
    }
    case "activity-signup-confirmed":
    case "activity-waitlisted":
    case "activity-waitlist-promoted":
    case "activity-withdrawal":
    case "activity-changed":
    case "activity-cancelled":
    case "activity-reminder": {
      const activityTitle = text(fields.activityTitle);
      return { title, body: activityTitle ? t(`email.${kind}.inApp`, { activityTitle }) : null };
    }
    case "hour-record-decided": {
      const decision =
        fields.decision === "approved" || fields.decision === "rejected" ? fields.decision : null;
      const records = Array.isArray(fields.records) ? fields.records.length : 0;
      if (!decision || records === 0) return { title, body: null };
      return {
        title,
        body: t(`email.hour-record-decided.inApp.${decision}`, {
          count: records,
          reason: text(fields.reason) ?? "",
        }),
      };
    }
    case "hour-correction-decided": {
      const decision =
        fields.decision === "approved" || fields.decision === "rejected" ? fields.decision : null;
      const hourTitle = text(fields.title);
      if (!decision || !hourTitle) return { title, body: null };
      return {
        title,
        body: t(`email.hour-correction-decided.inApp.${decision}`, {
          title: hourTitle,
          reason: text(fields.reason) ?? "",
        }),
      };
    }
    case "consultation-booked":
    case "consultation-rescheduled":
    case "consultation-cancelled":
    case "consultation-reminder": {
      const startsAt = text(fields.startsAt);
      const time = startsAt ? beijingMinute(startsAt) : null;
      return { title, body: time ? t(`email.${kind}.inApp`, { time }) : null };
    }
    case "star-level-reached": {
      const level = typeof fields.level === "number" ? fields.level : null;
      return { title, body: level ? t("email.star-level-reached.inApp", { level }) : null };
    }
    case "volunteer-registration-received": {
      const officeName = text(fields.officeName);
      return {
        title,
        body: officeName ? t("email.volunteer-registration-received.inApp", { officeName }) : null,
      };
    }
    case "volunteer-registration-decided": {
      const decision = text(fields.decision);
      if (!decision || !["approved", "rejected", "suspended", "reinstated"].includes(decision))
        return { title, body: null };
      return {
        title,
        body: t(`email.volunteer-registration-decided.inApp.${decision}`, {
          volunteerNumber: text(fields.volunteerNumber) ?? "",
          reason: text(fields.reason) ?? "",
        }),
      };
    }
    case "volunteer-vetting-requested": {
      const volunteerName = text(fields.volunteerName);
      return {
        title,
        body: volunteerName ? t("email.volunteer-vetting-requested.inApp", { volunteerName }) : null,
      };
    }
    case "employment-offer-published":
    case "employment-offer-closing-soon":
    case "employment-referral-received":
    case "employment-interview-scheduled":
    case "employment-referral-outcome":
    case "employment-checkin-due":
    case "employment-training-enrollment-confirmed": {
      const offerTitle = text(fields.title) ?? text(fields.course);
      if (!offerTitle) return { title, body: null };
      return {
        title,
        body: t(`email.${kind}.inApp`, {
          title: offerTitle,
          course: offerTitle,
          days: typeof fields.dayMark === "number" ? fields.dayMark : "",
        }),
      };
    }
    case "referral-received":
    case "referral-reminder": {
      const category = text(fields.categoryId);
      const dueAt = text(fields.dueAt);
      if (!category || !dueAt) return { title, body: null };
      return {
        title,
        body: t(`email.${kind}.inApp`, {
          category: categoryLabel(category, language),
          dueAt: shanghaiTime(dueAt, language),
        }),
      };
    }
    case "referral-answered":
    case "referral-closed": {
      const event = text(fields.event);
      const caseCode = text(fields.caseCode);
      const allowed =
        kind === "referral-answered" ? ["accepted", "declined", "expired"] : ["resolved", "not_resolved"];
      if (!event || !caseCode || !allowed.includes(event)) return { title, body: null };
      return {
        title,
        body: t(`email.${kind}.inApp.${event}`, { caseCode, providerName: text(fields.providerName) ?? "" }),
      };
    }
    case "open-needs-digest": {
      const open = typeof fields.open === "number" ? fields.open : null;
      const overdue = typeof fields.overdue === "number" ? fields.overdue : null;
      if (open === null || overdue === null) return { title, body: null };
      return { title, body: t("email.open-needs-digest.inApp", { open, overdue }) };
    }
    case "oversight-digest": {
      const items = Array.isArray(fields.items) ? fields.items.length : null;
      if (!items) return { title, body: null };
      return { title, body: t("email.oversight-digest.inApp", { count: items }) };
    }
    default:
      return { title, body: null };
  }
}
