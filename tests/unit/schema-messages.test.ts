import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as accounts from "~/domains/accounts/validation";
import * as calendar from "~/domains/calendar/validation";
import * as employment from "~/domains/employment/validation";
import * as legal from "~/domains/legal/validation";
import * as matching from "~/domains/matching/validation";
import * as subjects from "~/domains/subjects/validation";
import * as activities from "~/domains/volunteers/activity-validation";
import * as certificateNumbers from "~/domains/volunteers/certificate-number";
import * as hours from "~/domains/volunteers/hours-validation";
import * as profiles from "~/domains/volunteers/profile-validation";
import * as starLevels from "~/domains/volunteers/star-level-schemas";
import { supportedLanguages } from "~/i18n";
import { arrayFieldsOf, formParseOptions, GENERIC_INVALID, INVALID_CHARACTERS } from "~/utils/form-data";

/**
 * Defect 1 of issue 11: no zod message may reach a user untranslated. Every exported schema is fed
 * inputs that are wrong in many ways (missing, empty, wrong types, far too long, arrays for strings…)
 * and every message of every issue must be a translation key present in both languages — and not the
 * generic fallback the form layer puts in place of a schema that forgot to name one.
 */

const localesDir = path.resolve(import.meta.dirname, "../../app/locales");

function hasKey(language: string, key: string): boolean {
  const [namespace, rest] = key.includes(":") ? key.split(":", 2) : ["common", key];
  let node: unknown = JSON.parse(readFileSync(path.join(localesDir, language, `${namespace}.json`), "utf8"));
  for (const part of rest!.split(".")) {
    if (!node || typeof node !== "object") return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

type AnySchema = z.ZodType & { _zod: { def: { type: string; shape?: Record<string, unknown> } } };

function schemasOf(module: Record<string, unknown>): [string, AnySchema][] {
  return Object.entries(module).filter(
    (entry): entry is [string, AnySchema] =>
      typeof entry[1] === "object" && entry[1] !== null && "_zod" in entry[1] && "safeParse" in entry[1],
  );
}

function shapeOf(schema: AnySchema): string[] {
  let current: unknown = schema;
  for (let depth = 0; depth < 10; depth += 1) {
    const def = (current as AnySchema)._zod?.def as unknown as Record<string, unknown> | undefined;
    if (!def) return [];
    if (def.shape) return Object.keys(def.shape as object);
    current = def.innerType ?? def.in;
    if (!current) return [];
  }
  return [];
}

const long = "长".repeat(5000);
const textFillers = ["", " ", "x", "not-a-uuid", "2026-13-45", "-1", "99999", "１２", long];
const otherFillers: unknown[] = [["a", "b"], [], 12, true, {}, null];

/**
 * What a browser can post (every key present, text as strings, checkbox groups as arrays —
 * formDataToObject), and what only a hand-made request can (keys missing, other types).
 */
function inputsFor(schema: AnySchema): { browser: unknown[]; handMade: unknown[] } {
  const keys = shapeOf(schema);
  const arrays = arrayFieldsOf(schema);
  if (keys.length === 0) {
    const lists = [[], ["x"], [long], ["-1", "abc", "3"]];
    const isList = arrayFieldsOf(z.object({ value: schema })).has("value");
    return isList
      ? { browser: lists, handMade: [undefined, null, 5, ...textFillers] }
      : { browser: textFillers, handMade: [undefined, null, 5, ...lists] };
  }
  const posted = (key: string, text: string) => (arrays.has(key) ? (text === "" ? [] : [text]) : text);
  const browser: unknown[] = [];
  for (const filler of textFillers)
    browser.push(Object.fromEntries(keys.map((key) => [key, posted(key, filler)])));
  // One field wrong at a time, the others plausible.
  for (const key of keys)
    for (const filler of textFillers)
      browser.push({
        ...Object.fromEntries(keys.map((k) => [k, posted(k, "1")])),
        [key]: posted(key, filler),
      });
  const handMade: unknown[] = [{}];
  for (const filler of otherFillers) handMade.push(Object.fromEntries(keys.map((key) => [key, filler])));
  for (const key of keys) {
    const rest = Object.fromEntries(keys.filter((k) => k !== key).map((k) => [k, posted(k, "1")]));
    handMade.push(rest);
  }
  return { browser, handMade };
}

async function messagesOf(schema: AnySchema, inputs: unknown[]): Promise<Set<string>> {
  const messages = new Set<string>();
  for (const input of inputs) {
    const result = await schema.safeParseAsync(input, formParseOptions);
    if (!result.success) for (const issue of result.error.issues) messages.add(issue.message);
  }
  return messages;
}

function expectTranslated(name: string, message: string) {
  expect(message, `${name}: an untranslated zod message`).toMatch(/^[a-z][\w-]*:[\w.-]+$/);
  for (const language of supportedLanguages)
    expect(hasKey(language, message), `${language} lacks ${message}`).toBe(true);
}

const modules = {
  accounts,
  calendar,
  subjects,
  activities,
  certificateNumbers,
  hours,
  profiles,
  starLevels,
  matching,
  legal,
  employment,
};

describe("every schema's messages are translation keys in both languages", () => {
  for (const [moduleName, module] of Object.entries(modules)) {
    for (const [name, schema] of schemasOf(module as Record<string, unknown>)) {
      it(`${moduleName}.${name}`, async () => {
        const inputs = inputsFor(schema);
        // What a browser posts gets the schema's own message for each problem…
        for (const message of await messagesOf(schema, inputs.browser)) {
          expect(message, `${name}: no message of its own`).not.toBe(GENERIC_INVALID);
          expectTranslated(name, message);
        }
        // …and a hand-made post at least a translated one (the form layer's generic fallback).
        for (const message of await messagesOf(schema, inputs.handMade)) expectTranslated(name, message);
      });
    }
  }

  it("an unticked pledge is required of an enterprise only, with its own message", async () => {
    const base = { kind: "law_firm", organizationName: "示范律师事务所" };
    const issues = async (input: object) =>
      ((await accounts.organizationRegistrationSchema.safeParseAsync(input)).error?.issues ?? [])
        .filter((issue) => issue.path[0] === "pledge")
        .map((issue) => issue.message);
    expect(await issues(base)).toEqual([]);
    expect(await issues({ ...base, kind: "social_org" })).toEqual([]);
    expect(await issues({ ...base, kind: "enterprise" })).toEqual(["validation:pledge.required"]);
  });

  it("matching: the service-area rule is reported with every other error of the declaration", async () => {
    const issues = async (schema: z.ZodType, input: object) =>
      Object.fromEntries(
        ((await schema.safeParseAsync(input, formParseOptions)).error?.issues ?? []).map((issue) => [
          issue.path.join("."),
          issue.message,
        ]),
      );
    // A capacity in words fails without a number to refine: the area rule runs all the same.
    expect(
      await issues(matching.providerProfileSchema, {
        categoryIds: [],
        officeIds: [],
        workerGenders: [],
        languages: "",
        capacity: "三个",
      }),
    ).toEqual({
      categoryIds: "matching:errors.categoriesRequired",
      officeIds: "matching:errors.areaRequired",
      capacity: "matching:errors.capacity",
    });
    expect(
      await issues(matching.providerProfileSchema, {
        categoryIds: ["psychological"],
        coversDistrict: "on",
        officeIds: [],
        workerGenders: [],
        capacity: "3",
      }),
    ).toEqual({});
    // "Other" needs its note, whatever else is wrong; any other reason does not.
    expect(await issues(matching.declineSchema, { reason: "other", note: "" })).toEqual({
      note: "matching:errors.declineNoteRequired",
    });
    expect(await issues(matching.declineSchema, { reason: "no_capacity", note: "" })).toEqual({});
    expect(
      await issues(matching.needSchema, {
        caseCode: "x",
        categoryId: "",
        urgency: "",
        area: "",
        languages: "",
        genderRequirement: "none",
        description: "电话 13800138000",
      }),
    ).toEqual({
      caseCode: "matching:errors.caseCode",
      categoryId: "matching:errors.category",
      urgency: "matching:errors.urgency",
      description: "matching:errors.descriptionIdentifying",
    });
  });

  it("the form layer's own keys exist", () => {
    for (const key of [GENERIC_INVALID, INVALID_CHARACTERS])
      for (const language of supportedLanguages)
        expect(hasKey(language, key), `${language} ${key}`).toBe(true);
  });
});
