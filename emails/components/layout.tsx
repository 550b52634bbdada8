import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";
import type { ReactNode } from "react";
import { absoluteUrl, type EmailLanguage, type Translate } from "../i18n";

export interface EmailContext {
  t: Translate;
  language: EmailLanguage;
  /** Public origin of the portal, for absolute links. */
  appUrl: string;
}

const colors = { brand: "#0f4c81", text: "#1f2933", muted: "#52606d", line: "#d9e2ec", page: "#f5f7fa" };

const styles = {
  body: {
    backgroundColor: colors.page,
    fontFamily: "'PingFang SC','Microsoft YaHei',Arial,sans-serif",
    margin: 0,
  },
  container: { backgroundColor: "#ffffff", margin: "24px auto", maxWidth: "560px", padding: "24px 32px" },
  brand: { color: colors.brand, fontSize: "16px", fontWeight: 700, margin: "0 0 16px" },
  heading: { color: colors.text, fontSize: "22px", margin: "0 0 16px" },
  text: { color: colors.text, fontSize: "15px", lineHeight: "24px" },
  button: {
    backgroundColor: colors.brand,
    borderRadius: "4px",
    color: "#ffffff",
    fontSize: "15px",
    padding: "12px 20px",
    textDecoration: "none",
  },
  fallback: { color: colors.muted, fontSize: "13px", lineHeight: "20px", wordBreak: "break-all" as const },
  footer: { color: colors.muted, fontSize: "12px", lineHeight: "18px" },
};

/**
 * The one frame of every email. The header shows only the neutral short name of the portal: an
 * email preview on a shared phone screen must not reveal anything about community corrections.
 */
export function EmailLayout({
  context,
  preview,
  heading,
  security,
  children,
}: {
  context: EmailContext;
  preview: string;
  heading: string;
  /** Security mail cannot be turned off, and its footer says so. */
  security: boolean;
  children: ReactNode;
}) {
  const { t, language, appUrl } = context;
  return (
    <Html lang={language}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>{t("brand.name")}</Text>
          <Heading as="h1" style={styles.heading}>
            {heading}
          </Heading>
          {children}
          <Hr style={{ borderColor: colors.line, margin: "24px 0 16px" }} />
          <Text style={styles.footer}>
            {t("layout.footerReason")} {security ? t("layout.footerSecurity") : null}
          </Text>
          <Text style={styles.footer}>
            <Link href={absoluteUrl(appUrl, "/settings/notifications")}>{t("layout.footerSettings")}</Link>
            {" · "}
            {t("layout.footerAutomated")}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>;
}

/** A call-to-action button, followed by the raw link for clients that block buttons. */
export function ActionButton({
  context,
  href,
  label,
}: {
  context: EmailContext;
  href: string;
  label: string;
}) {
  const url = absoluteUrl(context.appUrl, href);
  return (
    <Section style={{ margin: "24px 0" }}>
      <Button href={url} style={styles.button}>
        {label}
      </Button>
      <Text style={styles.fallback}>
        {context.t("layout.linkFallback")} <Link href={url}>{url}</Link>
      </Text>
    </Section>
  );
}

export function CodeBlock({ label, code }: { label: string; code: string }) {
  return (
    <Section
      style={{ backgroundColor: colors.page, margin: "16px 0", padding: "12px 16px", textAlign: "center" }}
    >
      <Text style={{ ...styles.fallback, margin: 0 }}>{label}</Text>
      <Text
        style={{
          color: colors.text,
          fontSize: "28px",
          fontWeight: 700,
          letterSpacing: "6px",
          margin: "4px 0 0",
        }}
      >
        {code}
      </Text>
    </Section>
  );
}
