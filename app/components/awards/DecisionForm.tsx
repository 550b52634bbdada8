import { useTranslation } from "react-i18next";
import { TextareaField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import type { NominationAction } from "~/domains/awards/nomination-status";

const actionStyle: Partial<Record<NominationAction, string>> = {
  approve: "button--primary",
  reject: "button--danger",
  revoke: "button--danger",
};

const loadDecisionSchema = () =>
  import("~/domains/awards/validation").then((module) => module.decisionSchema);

/**
 * The decisions the reader may take on a nomination (the state machine's `availableActions`): one
 * button each, with the comment that returning, rejecting and revoking need, and a new statement
 * when the nominator resubmits.
 */
export function DecisionForm({
  actions,
  statement,
}: {
  actions: readonly NominationAction[];
  statement: string;
}) {
  const { t } = useTranslation(["awards", "validation"]);
  const form = useValidatedForm({ schema: loadDecisionSchema, id: "decision" });
  return (
    <div className="panel">
      <h2>{t("nomination.decide")}</h2>
      <ValidatedForm form={form}>
        <input type="hidden" name="intent" value="decide" />
        {actions.includes("resubmit") ? (
          <TextareaField
            name="statement"
            label={t("nomination.newStatement")}
            rows={5}
            maxLength={2000}
            defaultValue={statement}
          />
        ) : null}
        <TextareaField
          name="comment"
          label={t("nomination.comment")}
          hint={t("nomination.commentHint")}
          rows={3}
          maxLength={1000}
        />
        <div className="button-row">
          {actions.map((action) => (
            <SubmitButton
              key={action}
              name="action"
              value={action}
              className={`button ${actionStyle[action] ?? ""}`}
            >
              {t(`nomination.action.${action}`)}
            </SubmitButton>
          ))}
        </div>
      </ValidatedForm>
    </div>
  );
}
