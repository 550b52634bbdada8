import { useTranslation } from "react-i18next";
import { TextareaField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { formatDateTime } from "~/utils/dates";

export interface ObjectionView {
  id: string;
  filerName: string;
  /** Shown to the bureau's reviewers only. */
  filerContact: string | null;
  body: string;
  status: string;
  resolution: string | null;
  createdAt: string;
}

const loadResolutionSchema = () =>
  import("~/domains/awards/validation").then((module) => module.resolutionSchema);

/** The form id of an objection's resolution form (the action answers a refusal to it). */
export const resolutionFormId = (objectionId: string) => `resolve-${objectionId}`;

function ResolutionForm({ objectionId }: { objectionId: string }) {
  const { t } = useTranslation(["awards", "validation"]);
  const form = useValidatedForm({ schema: loadResolutionSchema, id: resolutionFormId(objectionId) });
  return (
    <ValidatedForm form={form}>
      <input type="hidden" name="intent" value="resolve" />
      <input type="hidden" name="objectionId" value={objectionId} />
      <TextareaField name="resolution" label={t("objection.resolutionLabel")} rows={3} maxLength={1000} />
      <div className="button-row">
        <SubmitButton name="outcome" value="dismissed" className="button">
          {t("objection.dismiss")}
        </SubmitButton>
        <SubmitButton name="outcome" value="upheld" className="button button--danger">
          {t("objection.uphold")}
        </SubmitButton>
      </div>
    </ValidatedForm>
  );
}

/**
 * The objections filed during the notice; the bureau resolves the open ones, oldest first, while the
 * notice runs.
 */
export function Objections({
  objections,
  canResolve,
}: {
  objections: readonly ObjectionView[];
  canResolve: boolean;
}) {
  const { t, i18n } = useTranslation("awards");
  // One resolution form at a time, for the oldest open objection (one set of field ids on the page).
  const firstOpen = objections.find((objection) => objection.status === "open")?.id;
  return (
    <>
      <h2>{t("nomination.objections")}</h2>
      {objections.length === 0 ? (
        <p className="empty-state">{t("nomination.noObjections")}</p>
      ) : (
        <ul className="list">
          {objections.map((objection) => (
            <li key={objection.id} className="panel">
              <p>
                <strong>{objection.filerName}</strong>
                {objection.filerContact ? ` · ${objection.filerContact}` : ""} ·{" "}
                {formatDateTime(objection.createdAt, i18n.language)} ·{" "}
                <span className="badge">{t(`objection.${objection.status}`)}</span>
              </p>
              <p className="prewrap">{objection.body}</p>
              {objection.resolution ? (
                <p>{t("objection.resolution", { text: objection.resolution })}</p>
              ) : null}
              {canResolve && objection.id === firstOpen ? (
                <ResolutionForm objectionId={objection.id} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
