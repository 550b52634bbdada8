import type { LoaderFunctionArgs } from "@remix-run/node";
import { lawyerFeed } from "~/domains/legal/feed.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";

/**
 * A lawyer's calendar feed for their calendar app. No session: the URL's random secret is the key
 * (rotated on the lawyer's page); an unknown token is a 404 like any missing page.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await i18nServer.getFixedT(request, "legal");
  const ics = await lawyerFeed(await getDb(), params.token ?? "", clock.now(), {
    officeHours: (place) => t("feed.officeHours", { place }),
    consultation: (place) => t("feed.consultation", { place }),
    description: (topic) => t("feed.topic", { topic: t(`topics.${topic}`) }),
  });
  if (!ics) throw new Response("Not Found", { status: 404 });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="consultations.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
