import { listFormat } from "./intl";

/** "法律、心理、教学" in Chinese, "law, psychology, teaching" in English: a list in the reader's language. */
export function listOf(items: readonly string[], language: string): string {
  return listFormat(language, { type: "conjunction", style: "narrow" }).format(items);
}
