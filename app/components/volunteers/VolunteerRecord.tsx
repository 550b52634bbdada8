import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SubmitButton } from "~/components/form/ValidatedForm";
import { hoursOf } from "~/domains/volunteers/format";
import { dayParts, weekDays } from "~/domains/volunteers/volunteer-profile";
import { formatCalendarDate, formatDateTime } from "~/utils/dates";
import { listOf } from "~/utils/list-format";

/** What staff see of a volunteer's registration (the loader's serialized view). */
export interface VolunteerRecordView {
  volunteerNumber: string | null;
  maskedIdNumber: string;
  gender: string;
  birthDate: string;
  phone: string;
  email: string;
  homeOfficeName: string;
  serviceOffices: { name: string }[];
  skills: string[];
  languages: string[];
  availability: string[];
  emergencyContactName: string;
  emergencyContactPhone: string;
  termsVersion: string;
  termsAcceptedAt: string;
  updatedAt: string;
  decidedAt: string | null;
  rejectReason: string | null;
  approvedMinutes: number;
  approvedRecords: number;
  activitiesServed: number;
}

/**
 * The registration as submitted, with the ID number masked until staff ask to see it (the reveal is
 * audited; the full number comes back in the action's answer, never in a URL or a flash).
 */
export function VolunteerRecord({
  volunteer,
  revealed,
}: {
  volunteer: VolunteerRecordView;
  revealed: string | null;
}) {
  const { t, i18n } = useTranslation("volunteers");
  const none = t("staff.noneSelected");
  return (
    <>
      <dl className="facts">
        <dt>{t("fields.volunteerNumber")}</dt>
        <dd>{volunteer.volunteerNumber ? <code>{volunteer.volunteerNumber}</code> : "—"}</dd>
        <dt>{t("fields.idNumber")}</dt>
        <dd>
          <code>{revealed ?? volunteer.maskedIdNumber}</code>
        </dd>
        <dt>{t("fields.gender")}</dt>
        <dd>{t(`genders.${volunteer.gender}`)}</dd>
        <dt>{t("fields.birthDate")}</dt>
        <dd>{formatCalendarDate(volunteer.birthDate, i18n.language)}</dd>
        <dt>{t("fields.phone")}</dt>
        <dd>{volunteer.phone}</dd>
        <dt>{t("fields.email")}</dt>
        <dd>{volunteer.email}</dd>
        <dt>{t("fields.homeOffice")}</dt>
        <dd>{volunteer.homeOfficeName}</dd>
        <dt>{t("fields.serviceOffices")}</dt>
        <dd>
          {listOf(
            volunteer.serviceOffices.map((office) => office.name),
            i18n.language,
          ) || none}
        </dd>
        <dt>{t("fields.skills")}</dt>
        <dd>
          {listOf(
            volunteer.skills.map((skill) => t(`skills.${skill}`)),
            i18n.language,
          ) || none}
        </dd>
        <dt>{t("fields.languages")}</dt>
        <dd>{listOf(volunteer.languages, i18n.language) || none}</dd>
        <dt>{t("fields.availability")}</dt>
        <dd>
          {listOf(
            weekDays.flatMap((day) =>
              dayParts
                .filter((part) => volunteer.availability.includes(`${day}-${part}`))
                .map((part) => t("slot", { day: t(`days.${day}`), part: t(`parts.${part}`) })),
            ),
            i18n.language,
          ) || none}
        </dd>
        <dt>{t("fields.emergencyContact")}</dt>
        <dd>
          {volunteer.emergencyContactName} · {volunteer.emergencyContactPhone}
        </dd>
        <dt>{t("fields.termsAccepted")}</dt>
        <dd>
          {volunteer.termsVersion} · {formatDateTime(volunteer.termsAcceptedAt, i18n.language)}
        </dd>
        <dt>{t("fields.submittedAt")}</dt>
        <dd>{formatDateTime(volunteer.updatedAt, i18n.language)}</dd>
        {volunteer.decidedAt ? (
          <>
            <dt>{t("fields.decidedAt")}</dt>
            <dd>{formatDateTime(volunteer.decidedAt, i18n.language)}</dd>
          </>
        ) : null}
        {volunteer.rejectReason ? (
          <>
            <dt>{t("fields.reason")}</dt>
            <dd>{volunteer.rejectReason}</dd>
          </>
        ) : null}
        <dt>{t("staff.serviceTitle")}</dt>
        <dd>
          {t("staff.approvedHours", {
            hours: hoursOf(volunteer.approvedMinutes, i18n.language),
            records: volunteer.approvedRecords,
            activities: volunteer.activitiesServed,
          })}
        </dd>
      </dl>
      {revealed ? null : (
        <Form method="post" className="section">
          <p className="field__hint">{t("staff.revealHint")}</p>
          <SubmitButton name="intent" value="reveal" className="button">
            {t("staff.reveal")}
          </SubmitButton>
        </Form>
      )}
    </>
  );
}
