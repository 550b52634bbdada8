import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AwardTypeForm } from "~/components/awards/AwardTypeForm";
import { getAwardType, saveAwardType } from "~/domains/awards/award-types.server";
import { awardTypeSchema } from "~/domains/awards/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { forbidden, notFound, requirePermission } from "~/utils/permissions.server";

export const handle = { i18n: ["common", "awards", "validation"] };

const idSchema = z.union([z.literal("new"), z.uuid()]);

async function bureauAdmin(request: Request, id: string | undefined) {
  const user = await requirePermission(request, "manage:award-type:district");
  if (!user.districtId) forbidden();
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) notFound();
  const type = parsed.data === "new" ? null : await getAwardType(await getDb(), user.districtId, parsed.data);
  if (parsed.data !== "new" && !type) notFound();
  return { user, districtId: user.districtId, type };
}

const text = (value: number | null) => (value === null ? "" : String(value));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { type } = await bureauAdmin(request, params.id);
  const t = await i18nServer.getFixedT(request, "awards");
  return {
    title: type ? t("types.editTitle") : t("types.newTitle"),
    initial: type
      ? {
          nameZh: type.nameZh,
          nameEn: type.nameEn,
          nomineeKind: type.nomineeKind,
          periodKind: type.periodKind,
          minHours: type.minMinutes === null ? "" : String(type.minMinutes / 60),
          minActivities: text(type.minActivities),
          minPlacements: text(type.minPlacements),
          minRetained30: text(type.minRetained30),
          minRetained90: text(type.minRetained90),
          minRetained180: text(type.minRetained180),
          minConsultations: text(type.minConsultations),
          minReferralsResolved: text(type.minReferralsResolved),
          noticeWorkingDays: String(type.noticeWorkingDays),
          active: type.active,
        }
      : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, type } = await bureauAdmin(request, params.id);
  const parsed = await parseSubmission(request, awardTypeSchema);
  if (!parsed.success) return parsed.failure;
  const result = await saveAwardType(await getDb(), user.actor, { ...parsed.data, id: type?.id });
  if (!result.ok) return submissionFailure(parsed.values, { [result.field]: result.error });
  return redirectWithFlash(request, "/admin/awards", { kind: "success", message: "awards:types.saved" });
}

export default function AwardTypePage() {
  const { t } = useTranslation("awards");
  const { title, initial } = useLoaderData<typeof loader>();
  return (
    <section className="container page page--narrow">
      <h1>{title}</h1>
      <p>{t("types.formLead")}</p>
      <div className="panel">
        <AwardTypeForm initial={initial} />
      </div>
    </section>
  );
}
