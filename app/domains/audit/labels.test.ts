import { describe, expect, it } from "vitest";
import en from "~/locales/en/audit.json";
import zhCN from "~/locales/zh-CN/audit.json";
import { auditActions, auditEntityTypes, auditSystemPurposes } from "./actions";

/** /admin/audit shows names, never the log's internal words, in both languages. */
describe("audit labels", () => {
  for (const [language, labels] of [
    ["zh-CN", zhCN],
    ["en", en],
  ] as const) {
    it(`${language}: every action, entity and system purpose has a label of its own`, () => {
      const groups = [
        [auditActions, labels.actions],
        [auditEntityTypes, labels.entities],
        [auditSystemPurposes, labels.systemPurposes],
      ] as const;
      for (const [names, translated] of groups) {
        for (const name of names) {
          const label = (translated as Record<string, string | undefined>)[name];
          expect(label, `${language}: ${name}`).toBeTruthy();
          expect(label, `${language}: ${name}`).not.toBe(name);
        }
      }
    });
  }
});
