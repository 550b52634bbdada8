import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldErrorMessage } from "~/components/form/FieldParts";
import { useField } from "~/components/form/field-state";
import { CategoryName } from "./labels";

export interface BatchPair {
  needId: string;
  providerId: string;
  caseCode?: string;
  categoryId: string;
  urgency: string;
  providerName: string;
  score: number;
}

/**
 * The pairs of a batch preview as a table with one tick box each (`pair` = `<need>:<provider>`),
 * on the shared form state: all ticked at first, what was ticked after a refusal, and the error
 * (nothing chosen) under the table, where the error summary links.
 */
export function BatchPairsField({ pairs, name = "pair" }: { pairs: readonly BatchPair[]; name?: string }) {
  const { t } = useTranslation("matching");
  const field = useField(name);
  const echoed = field.echoed;
  const kept = (value: string) =>
    !field.echo ? true : Array.isArray(echoed) ? echoed.includes(value) : echoed === value;
  return (
    <fieldset
      className={`field${field.error ? " field--invalid" : ""}`}
      id={field.id}
      aria-describedby={field.describedBy}
      tabIndex={-1}
    >
      <legend className="visually-hidden">{t("batch.keep")}</legend>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("batch.keep")}</th>
            <th scope="col">{t("fields.caseCode")}</th>
            <th scope="col">{t("fields.category")}</th>
            <th scope="col">{t("fields.urgency")}</th>
            <th scope="col">{t("fields.provider")}</th>
            <th scope="col">{t("batch.score")}</th>
          </tr>
        </thead>
        <tbody>
          {pairs.map((pair, index) => {
            const value = `${pair.needId}:${pair.providerId}`;
            return (
              <tr key={pair.needId}>
                <td>
                  <input
                    id={`${field.id}-${index}`}
                    type="checkbox"
                    value={value}
                    aria-label={t("batch.keepPair", { caseCode: pair.caseCode, provider: pair.providerName })}
                    aria-invalid={field.error ? true : undefined}
                    {...field.register(name)}
                    // After the registration, whose own (undefined) defaultChecked would untick it.
                    defaultChecked={kept(value)}
                  />
                </td>
                <td>
                  <Link to={`/staff/needs/${pair.needId}`}>
                    <code>{pair.caseCode}</code>
                  </Link>
                </td>
                <td>
                  <CategoryName id={pair.categoryId} />
                </td>
                <td>{t(`urgencies.${pair.urgency}`)}</td>
                <td>{pair.providerName}</td>
                <td>{pair.score}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <FieldErrorMessage id={field.id} error={field.error} />
    </fieldset>
  );
}
