/**
 * The legal domain's enumerations and limits, without zod: pages import these with the page and
 * load the schemas (validation.ts) on their first validation (first-load JS budget).
 */

/** Topic categories of a consultation (also a lawyer's specialties); the schema's CHECK is the same list. */
export const topicCategories = [
  "labour",
  "family",
  "debt",
  "housing",
  "social_security",
  "administrative",
  "criminal_procedure",
  "other",
] as const;
export type TopicCategory = (typeof topicCategories)[number];

export const adviceCategories = [
  "information",
  "rights_explained",
  "document_help",
  "mediation_suggested",
  "litigation_suggested",
  "referred_elsewhere",
  "other",
] as const;
export type AdviceCategory = (typeof adviceCategories)[number];

export const consultationLanguages = ["普通话", "粤语", "English", "维吾尔语", "藏语", "蒙古语"] as const;
export type ConsultationLanguage = (typeof consultationLanguages)[number];

/**
 * The stored value is the language's Chinese name (as lawyers and staff write it); what a page shows
 * is `legal:languageNames.<key>`, so the English page says "Mandarin", not "普通话".
 */
const consultationLanguageKeys: Record<ConsultationLanguage, string> = {
  普通话: "mandarin",
  粤语: "cantonese",
  English: "english",
  维吾尔语: "uyghur",
  藏语: "tibetan",
  蒙古语: "mongolian",
};

/** The translation key naming a consultation language; an unknown stored value is shown as stored. */
export function consultationLanguageLabelKey(language: string): string | null {
  const key = consultationLanguageKeys[language as ConsultationLanguage];
  return key ? `legal:languageNames.${key}` : null;
}

export const outcomeStatuses = ["attended", "subject_no_show", "lawyer_no_show"] as const;
export type OutcomeStatus = (typeof outcomeStatuses)[number];

/** A subject may hold this many future bookings at once. */
export const MAX_ACTIVE_BOOKINGS_PER_SUBJECT = 3;
export const NOTE_MAX = 500;
export const REASON_MAX = 200;
