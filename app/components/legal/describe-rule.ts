type Translate = (key: string, options?: Record<string, unknown>) => string;

const pad = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

/** "每周二、四 09:00–11:30" / "Every 2nd Wednesday 14:00–16:00", from the stored RRULE. */
export function describeRule(
  t: Translate,
  rule: { rrule: string; startMinute: number; endMinute: number },
): string {
  const byDay = /BYDAY=([^;]+)/.exec(rule.rrule)?.[1] ?? "";
  const time = `${pad(rule.startMinute)}–${pad(rule.endMinute)}`;
  if (rule.rrule.startsWith("FREQ=MONTHLY")) {
    const match = /^(-?\d)([A-Z]{2})$/.exec(byDay);
    if (!match) return `${rule.rrule} ${time}`;
    return t("rule.monthly", { nth: t(`nth.${match[1]}`), weekday: t(`weekdays.${match[2]}`), time });
  }
  const days = byDay.split(",").map((day) => t(`weekdays.${day}`));
  return t("rule.weekly", { weekdays: days.join(t("rule.separator")), time });
}
