import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data as respond } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FileField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { SubmissionKey } from "~/components/SubmissionKey";
import { importedCount, importNeedsCsv } from "~/domains/matching/import.server";
import type { CsvRowError } from "~/domains/matching/needs-csv";
import { NEEDS_CSV_HEADER, NEEDS_CSV_MAX_ROWS } from "~/domains/matching/options";
import { needsImportSchema } from "~/domains/matching/validation";
import { createOnce } from "~/domains/submissions.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission, type SubmissionFailure, submissionFailure } from "~/utils/forms.server";
import { requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

export const handle = { i18n: ["common", "matching", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "create:help-need:office");
  const t = await i18nServer.getFixedT(request, "matching");
  return { title: t("import.title"), submissionKey: newSubmissionKey() };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const imported = (request: Request, count: number) =>
  redirectWithFlash(request, "/staff/needs", {
    kind: "success",
    message: "matching:import.done",
    values: { count },
  });

export const action = withDomainErrors(async ({ request }: ActionFunctionArgs) => {
  const user = await requirePermission(request, "create:help-need:office");
  const parsed = await parseSubmission(request, needsImportSchema);
  if (!parsed.success) return parsed.failure;
  const key = submissionKeyOf(parsed.formData);
  if (!key) return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid" });
  const text = await parsed.data.file.text();
  const db = await getDb();
  // One import per rendered form, however often the file is sent (double click, retry, replay);
  // a refused file gives the key back, so the corrected file can be sent from the same page.
  const once = await createOnce(
    db,
    { userId: user.id, key, entity: "help-need-import" },
    (tx) => importNeedsCsv(tx, { ...user.actor, ipAddress: clientIp(request) }, text),
    (result) => (result.ok ? result.batch : null),
  );
  if (once.replayed) return imported(request, await importedCount(db, once.entityId));
  const result = once.result;
  if (result.ok) return imported(request, result.imported);
  // A problem of the whole file (too large, unreadable, empty) is the file field's error; problems
  // of rows and columns are listed by line under the form's message.
  const fileError = result.errors.find((error) => error.field === "file" && error.line <= 1);
  if (fileError) return submissionFailure(parsed.values, { file: fileError.error });
  const failure = submissionFailure(
    parsed.values,
    { file: "matching:import.errors.rows" },
    { formError: "matching:import.failed" },
  );
  return respond<SubmissionFailure & { rows: CsvRowError[] }>(
    { ...failure.data, rows: result.errors },
    failure.init ?? { status: 400 },
  );
});

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadImportSchema = () =>
  import("~/domains/matching/validation").then((module) => module.needsImportSchema);

export default function ImportNeeds() {
  const { t } = useTranslation("matching");
  const { title, submissionKey } = useLoaderData<typeof loader>();
  // The refused file's problems by line (the rest of the refusal is the form's, see useValidatedForm).
  const answer = useActionData<typeof action>() as { rows?: CsvRowError[] } | undefined;
  const rows = answer?.rows ?? [];
  const form = useValidatedForm({ schema: loadImportSchema });
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/staff/needs">{t("detail.back")}</Link>
      </p>
      <h1>{title}</h1>
      <p>{t("import.lead", { rows: NEEDS_CSV_MAX_ROWS })}</p>
      <pre className="code-sample">{NEEDS_CSV_HEADER}</pre>
      <p className="field__hint">{t("import.columns")}</p>
      <div className="panel">
        <ValidatedForm form={form} encType="multipart/form-data">
          <SubmissionKey value={submissionKey} />
          {rows.length > 0 ? (
            <table className="table" data-testid="import-problems">
              <thead>
                <tr>
                  <th scope="col">{t("import.line")}</th>
                  <th scope="col">{t("import.field")}</th>
                  <th scope="col">{t("import.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((error, index) => (
                  <tr key={index}>
                    <td>{error.line || "—"}</td>
                    <td>
                      <code>{error.field}</code>
                    </td>
                    <td>{t(error.error)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <FileField
            name="file"
            accept=".csv,text/csv"
            label={t("import.file")}
            hint={t("import.fileHint")}
          />
          <SubmitButton>{t("import.submit")}</SubmitButton>
        </ValidatedForm>
      </div>
    </section>
  );
}
