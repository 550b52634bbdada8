import { parseArgs } from "node:util";
import i18next from "i18next";
import { createSystemAdmin } from "~/domains/accounts/invitations.server";
import { createAdminSchema, fieldErrors } from "~/domains/accounts/validation";
import { getConnection } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { validationDefaultVariables } from "~/domains/accounts/limits";
import en from "~/locales/en/validation.json";

// Creates a system admin and prints a one-time link (valid as long as a staff invitation) where they
// choose their password; they then set up two-step verification at first sign-in.
//   npm run create-admin -- --email admin@example.gov.cn --name "Administrator" [--language en]
const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    language: { type: "string", default: "zh-CN" },
  },
});
const parsed = createAdminSchema.safeParse({ email: values.email ?? "", displayName: values.name ?? "" });
const language = values.language === "en" ? "en" : "zh-CN";
await i18next.init({
  lng: "en",
  resources: { en: { validation: en } },
  interpolation: { escapeValue: false, defaultVariables: validationDefaultVariables },
});
if (!parsed.success) {
  for (const [field, key] of Object.entries(fieldErrors(parsed.error))) {
    console.error(`--${field === "displayName" ? "name" : field}: ${i18next.t(key)}`);
  }
  console.error('Usage: npm run create-admin -- --email admin@example.gov.cn --name "Administrator"');
  process.exit(2);
}

const env = getEnv();
const origin = env.APP_URL ?? `http://localhost:${env.PORT}`;
const connection = await getConnection();
try {
  await connection.migrate();
  const result = await createSystemAdmin(connection.db, { ...parsed.data, language }, origin);
  if (!result.ok) {
    console.error(`--email: ${i18next.t("validation:email.taken")}`);
    process.exitCode = 1;
  } else {
    console.log(`System admin ${parsed.data.email} created. Open this link once to choose a password:`);
    console.log(`  ${result.setPasswordUrl}`);
  }
} finally {
  await connection.close();
}
