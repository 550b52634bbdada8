import { useTranslation } from "react-i18next";

export function StatusBadge({ group, status }: { group: string; status: string }) {
  const { t } = useTranslation("employment");
  return <span className={`badge badge--${status}`}>{t(`status.${group}.${status}`)}</span>;
}
