import { useLocation } from "@remix-run/react";
import { useRef } from "react";
import { useTranslation } from "react-i18next";

interface ShownFlash {
  id: string;
  kind: "success" | "info" | "error";
  message: string;
  values?: Record<string, string | number>;
}

/**
 * The message of a redirectWithFlash, above the page it led to. The root loader is not re-run on
 * every client-side navigation, so the message is shown only on the location where it arrived.
 */
export function FlashMessage({ flash }: { flash: ShownFlash | null }) {
  const location = useLocation();
  const seen = useRef<{ id: string | null; key: string }>({ id: null, key: location.key });
  if (flash && seen.current.id !== flash.id) seen.current = { id: flash.id, key: location.key };
  const namespace = flash?.message.split(":")[0] ?? "common";
  const { t } = useTranslation([namespace, "common"]);
  if (!flash || seen.current.key !== location.key) return null;
  return (
    <div className="container flash">
      <div className={`alert alert--${flash.kind}`} role={flash.kind === "error" ? "alert" : "status"}>
        {t(flash.message, flash.values ?? {})}
      </div>
    </div>
  );
}
