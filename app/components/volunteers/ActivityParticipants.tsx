import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { formatActivityTime } from "~/domains/volunteers/activity-time";
import { CANCEL_REASON_MAX } from "~/domains/volunteers/activity-options";
import type { ActivityView } from "./ActivityDetails";

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadCancelSchema = () =>
  import("~/domains/volunteers/activity-validation").then((module) => module.cancelActivitySchema);

export interface ParticipantView {
  volunteerId: string;
  name: string;
  volunteerNumber: string | null;
  status: string;
  queuedAt: string;
}

/** The organizer's part: edit and check-in links, who is coming and waiting, and cancelling. */
export function ActivityParticipants({
  activity,
  participants,
}: {
  activity: ActivityView;
  participants: ParticipantView[];
}) {
  const { t } = useTranslation("activities");
  const open = activity.status === "scheduled" && !activity.started;
  const confirmed = participants.filter((participant) => participant.status === "confirmed");
  const waitlist = participants.filter((participant) => participant.status === "waitlisted");
  return (
    <section className="section" aria-labelledby="participants-title">
      <h2 id="participants-title">{t("detail.participantsTitle")}</h2>
      {activity.status === "scheduled" ? (
        <p className="actions">
          {open ? (
            <Link to={`/activities/${activity.id}/edit`} className="button">
              {t("detail.edit")}
            </Link>
          ) : null}
          {/* The organizer's screen with the rotating check-in code (it says when it opens). */}
          <Link to={`/activities/${activity.id}/checkin-code`} className="button">
            {t("detail.checkinCode")}
          </Link>
        </p>
      ) : null}
      <h3>{t("detail.confirmedTitle", { number: confirmed.length })}</h3>
      {confirmed.length === 0 ? (
        <p className="empty-state">{t("detail.noParticipants")}</p>
      ) : (
        <ParticipantTable rows={confirmed} />
      )}
      <h3>{t("detail.waitlistTitle", { number: waitlist.length })}</h3>
      {waitlist.length === 0 ? (
        <p className="empty-state">{t("detail.noWaitlist")}</p>
      ) : (
        <ParticipantTable rows={waitlist} numbered />
      )}
      {open ? <CancelActivityForm /> : null}
    </section>
  );
}

/** Cancelling tells everyone signed up or waiting; the reason is part of that message. */
function CancelActivityForm() {
  const { t } = useTranslation("activities");
  const form = useValidatedForm({ schema: loadCancelSchema, id: "cancel" });
  return (
    <ValidatedForm form={form} className="panel form section">
      <h3>{t("detail.cancelTitle")}</h3>
      <p>{t("detail.cancelLead")}</p>
      <input type="hidden" name="intent" value="cancel" />
      <TextField name="reason" required maxLength={CANCEL_REASON_MAX} label={t("fields.cancelReason")} />
      <SubmitButton className="button">{t("detail.cancel")}</SubmitButton>
    </ValidatedForm>
  );
}

function ParticipantTable({ rows, numbered = false }: { rows: ParticipantView[]; numbered?: boolean }) {
  const { t, i18n } = useTranslation("activities");
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            {numbered ? <th scope="col">{t("detail.position")}</th> : null}
            <th scope="col">{t("detail.volunteerName")}</th>
            <th scope="col">{t("detail.volunteerNumber")}</th>
            <th scope="col">{t("detail.signedUpAt")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.volunteerId}>
              {numbered ? <td>{index + 1}</td> : null}
              <td>{row.name}</td>
              <td>{row.volunteerNumber ?? "—"}</td>
              <td>{formatActivityTime(row.queuedAt, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
