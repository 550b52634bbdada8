import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { DECISION_REASON_MAX } from "~/domains/volunteers/profile-limits";

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadDecisionSchema = () =>
  import("~/domains/volunteers/profile-validation").then((module) => module.volunteerDecisionSchema);

/**
 * The decisions staff may take on a registration: approve or reject (with a reason) a pending one;
 * suspend (with a reason) or reinstate an approved or suspended one — the bureau only.
 */
export function VolunteerDecisions({
  status,
  canDecide,
  canSuspend,
}: {
  status: string;
  canDecide: boolean;
  canSuspend: boolean;
}) {
  const { t } = useTranslation("volunteers");
  if (canDecide && status === "pending")
    return (
      <section className="section" aria-labelledby="decision-title">
        <h2 id="decision-title">{t("staff.decisionTitle")}</h2>
        <div className="form">
          <Form method="post">
            <input type="hidden" name="intent" value="decide" />
            <SubmitButton name="decision" value="approve">
              {t("staff.approve")}
            </SubmitButton>
          </Form>
          <ReasonForm decision="reject" label={t("staff.rejectReason")} submit={t("staff.reject")} />
        </div>
      </section>
    );
  if (canSuspend && status === "approved")
    return (
      <section className="section" aria-labelledby="suspend-title">
        <h2 id="suspend-title">{t("staff.decisionTitle")}</h2>
        <ReasonForm decision="suspend" label={t("staff.suspendReason")} submit={t("staff.suspend")} />
      </section>
    );
  if (canSuspend && status === "suspended")
    return (
      <Form method="post" className="section">
        <input type="hidden" name="intent" value="decide" />
        <SubmitButton name="decision" value="reinstate">
          {t("staff.reinstate")}
        </SubmitButton>
      </Form>
    );
  return null;
}

/** A decision the volunteer is told the reason of (the domain requires it). */
function ReasonForm({
  decision,
  label,
  submit,
}: {
  decision: "reject" | "suspend";
  label: string;
  submit: string;
}) {
  const { t } = useTranslation("volunteers");
  const form = useValidatedForm({ schema: loadDecisionSchema, id: decision });
  return (
    <ValidatedForm form={form} className="panel form">
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="decision" value={decision} />
      <TextField
        name="reason"
        required
        maxLength={DECISION_REASON_MAX}
        label={label}
        hint={t("staff.rejectHint")}
      />
      <SubmitButton className="button">{submit}</SubmitButton>
    </ValidatedForm>
  );
}
