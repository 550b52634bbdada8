import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { placementEndReasons } from "~/domains/employment/taxonomy";

/** Answer a due retention check-in: still employed, or the end of the employment (date, reason). */
export function CheckinForm({ checkinId, today }: { checkinId: string; today: string }) {
  const { t } = useTranslation("employment");
  return (
    <div className="checkin-answer">
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="checkin" />
        <input type="hidden" name="checkinId" value={checkinId} />
        <input type="hidden" name="outcome" value="still_employed" />
        <button type="submit" className="button button--primary">
          {t("checkin.stillEmployed")}
        </button>
      </Form>
      <details>
        <summary>{t("checkin.recordEnd")}</summary>
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="checkin" />
          <input type="hidden" name="checkinId" value={checkinId} />
          <input type="hidden" name="outcome" value="ended" />
          <label htmlFor={`endedOn-${checkinId}`}>{t("checkin.endedOn")}</label>
          <input
            id={`endedOn-${checkinId}`}
            type="date"
            name="endedOn"
            defaultValue={today}
            max={today}
            required
          />
          <label htmlFor={`endReason-${checkinId}`}>{t("checkin.endReason")}</label>
          <select id={`endReason-${checkinId}`} name="endReason">
            {placementEndReasons.map((reason) => (
              <option key={reason} value={reason}>
                {t(`endReasons.${reason}`)}
              </option>
            ))}
          </select>
          <label htmlFor={`endNote-${checkinId}`}>{t("checkin.endNote")}</label>
          <input id={`endNote-${checkinId}`} name="endNote" maxLength={500} />
          <button type="submit" className="button">
            {t("checkin.saveEnd")}
          </button>
        </Form>
      </details>
    </div>
  );
}
