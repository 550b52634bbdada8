import { useTranslation } from "react-i18next";
import { DateField, SelectField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { SubmissionKey } from "~/components/SubmissionKey";
import { placementEndReasons } from "~/domains/employment/taxonomy";

const loadCheckinSchema = () =>
  import("~/domains/employment/validation").then((module) => module.checkinSchema);

/**
 * The id of one row's check-in form (the action answers a refusal with it): one per check-in and
 * outcome, as a page lists several due check-ins.
 */
export function checkinFormId(checkinId: string, outcome: string): string {
  return `checkin-${checkinId.slice(0, 36)}-${outcome === "ended" ? "ended" : "still"}`;
}

/**
 * Answer a due retention check-in: still employed, or the end of the employment (date, reason).
 * Both forms of the row carry the row's idempotency key: the check-in is answered once, however
 * often either is sent.
 */
export function CheckinForm({
  checkinId,
  today,
  submissionKey,
}: {
  checkinId: string;
  today: string;
  submissionKey: string;
}) {
  const { t } = useTranslation("employment");
  const stillId = checkinFormId(checkinId, "still_employed");
  const endedId = checkinFormId(checkinId, "ended");
  const still = useValidatedForm({ schema: loadCheckinSchema, id: stillId, fieldPrefix: `${stillId}-` });
  const ended = useValidatedForm({
    schema: loadCheckinSchema,
    id: endedId,
    fieldPrefix: `${endedId}-`,
    defaultValues: { endedOn: today, endReason: placementEndReasons[0] },
  });
  return (
    <div className="checkin-answer">
      <ValidatedForm form={still} className="inline-form">
        <SubmissionKey value={submissionKey} />
        <input type="hidden" name="checkinId" value={checkinId} />
        <input type="hidden" name="outcome" value="still_employed" />
        <SubmitButton>{t("checkin.stillEmployed")}</SubmitButton>
      </ValidatedForm>
      <details open={ended.context.echo || undefined}>
        <summary>{t("checkin.recordEnd")}</summary>
        <ValidatedForm form={ended}>
          <SubmissionKey value={submissionKey} />
          <input type="hidden" name="checkinId" value={checkinId} />
          <input type="hidden" name="outcome" value="ended" />
          <DateField name="endedOn" label={t("checkin.endedOn")} max={today} required />
          <SelectField
            name="endReason"
            label={t("checkin.endReason")}
            options={placementEndReasons.map((reason) => ({
              value: reason,
              label: t(`endReasons.${reason}`),
            }))}
          />
          <TextField name="endNote" label={t("checkin.endNote")} maxLength={500} />
          <SubmitButton className="button">{t("checkin.saveEnd")}</SubmitButton>
        </ValidatedForm>
      </details>
    </div>
  );
}
