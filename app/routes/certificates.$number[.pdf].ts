import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderCertificatePdf, type CertificateLanguage } from "~/domains/volunteers/certificate-pdf.server";
import {
  getOwnCertificate,
  isCertificateNumber,
  normalizeCertificateNumber,
} from "~/domains/volunteers/certificates.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";
import { linkContext } from "~/utils/request.server";
import { searchParamsOf } from "~/utils/forms.server";

/**
 * Downloads one of the volunteer's own certificates as a PDF, in `?lang=zh-CN|en` (default: the
 * reader's language). Rendered from the content frozen at issue, so every download is identical.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "issue:certificate:own");
  const number = normalizeCertificateNumber(params.number ?? "");
  // A malformed number is no certificate: 404 before any query.
  if (!isCertificateNumber(number)) throw new Response("Not found", { status: 404 });
  const certificate = await getOwnCertificate(await getDb(), user.id, number);
  if (!certificate) throw new Response("Not found", { status: 404 });
  const requested = searchParamsOf(request).get("lang");
  const language: CertificateLanguage =
    requested === "en" || requested === "zh-CN"
      ? requested
      : (await i18nServer.getLocale(request)) === "en"
        ? "en"
        : "zh-CN";
  const { origin } = linkContext(request);
  const pdf = await renderCertificatePdf({
    language,
    certificateNumber: certificate.number,
    volunteerName: certificate.content.volunteerName,
    volunteerNumber: certificate.content.volunteerNumber,
    periodFrom: certificate.periodFrom,
    periodTo: certificate.periodTo,
    totalMinutes: certificate.totalMinutes,
    activities: certificate.content.activities,
    issuer: certificate.content.issuer,
    personInCharge: certificate.content.personInCharge,
    handler: certificate.content.handler,
    issuedOn: certificate.issuedAt,
    verificationUrl: `${origin}/verify/${certificate.number}`,
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.length),
      "Content-Disposition": `attachment; filename="${certificate.number}-${language}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
