import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderAwardCertificatePdf } from "~/domains/awards/award-certificate-pdf.server";
import { awardCertificateFor } from "~/domains/awards/certificates.server";
import { normalizeCertificateNumber } from "~/domains/volunteers/certificates.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { requireActor } from "~/utils/permissions.server";
import { linkContext } from "~/utils/request.server";

/** A final award's certificate, for the nominee or the staff who see the nomination (`?lang=zh-CN|en`). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireActor(request);
  const number = normalizeCertificateNumber(params.number ?? "");
  const award = await awardCertificateFor(await getDb(), user.actor, number);
  if (!award) throw new Response("Not found", { status: 404 });
  const requested = new URL(request.url).searchParams.get("lang");
  const language =
    requested === "en" || requested === "zh-CN"
      ? requested
      : (await i18nServer.getLocale(request)) === "en"
        ? "en"
        : "zh-CN";
  const t = await i18nServer.getFixedT(language, "awards");
  const [year, half] = award.periodKey.split("-H");
  const pdf = await renderAwardCertificatePdf({
    language,
    certificateNumber: award.number,
    nomineeName: award.nomineeName,
    typeName: language === "en" ? award.typeNameEn : award.typeNameZh,
    period: t(half ? `periodLabel.half${half}` : "periodLabel.year", { year }),
    issuer: award.issuer,
    finalOn: award.finalOn,
    verificationUrl: `${linkContext(request).origin}/verify/${award.number}`,
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.length),
      "Content-Disposition": `attachment; filename="${award.number}-${language}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
