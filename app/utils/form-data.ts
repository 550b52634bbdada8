/**
 * The one way a posted form becomes the object a zod schema validates, shared by the browser
 * (react-hook-form's resolver reads the live <form>) and the action (app/utils/forms.server.ts), so
 * both validate exactly the same input. See docs/decisions/009-forms.md.
 *
 * - Values stay strings: nothing is JSON-parsed, so an 18-digit ID number or a phone number with a
 *   leading 0 arrives as typed.
 * - A key the schema declares as an array (a checkbox group) is always an array, of 0, 1 or more
 *   values; any other key repeated in the body is an array too.
 * - Text is NFC-normalized; a value with a control character, NUL, a lone surrogate or U+FFFD (what a
 *   malformed UTF-8 byte decodes to) is refused with `validation:text.invalidCharacters`.
 */

export type FormValue = string | File;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- nested form values of any shape
export type FormObject = Record<string, any>;

/**
 * A safety net for forms: an issue whose schema names no message gets a translated generic one
 * instead of zod's English text (passed to every form parse, browser and server alike). Schemas still
 * name their own keys — tests/unit/schema-messages.test.ts fails on this fallback.
 */
export const GENERIC_INVALID = "validation:generic.invalid";
export const formParseOptions = { error: () => GENERIC_INVALID };

/** The message key of a text value the portal refuses to store. */
export const INVALID_CHARACTERS = "validation:text.invalidCharacters";

// C0 controls except tab, line feed and carriage return; DEL; C1 controls; U+FFFD.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A text value as stored: NFC, or null when it holds characters that are refused. */
export function cleanText(value: string): string | null {
  if (LONE_SURROGATE.test(value)) return null;
  const normalized = value.normalize("NFC");
  return CONTROL.test(normalized) ? null : normalized;
}

interface ZodLike {
  _zod?: { def?: Record<string, unknown> };
}

/** Unwraps optional/default/pipe/… down to the schema that decides the input's shape. */
function innerSchema(schema: ZodLike): ZodLike {
  let current = schema;
  for (let depth = 0; depth < 20; depth += 1) {
    const def = current._zod?.def;
    if (!def) return current;
    const next = (def.innerType ?? (def.type === "pipe" ? def.in : undefined)) as ZodLike | undefined;
    if (!next) return current;
    current = next;
  }
  return current;
}

/** Keys of an object schema whose input is an array (checkbox groups, multi-selects). */
export function arrayFieldsOf(schema: unknown): Set<string> {
  const fields = new Set<string>();
  const root = innerSchema(schema as ZodLike);
  const shape = root._zod?.def?.shape as Record<string, ZodLike> | undefined;
  if (!shape) return fields;
  for (const [key, field] of Object.entries(shape)) {
    if (innerSchema(field)._zod?.def?.type === "array") fields.add(key);
  }
  return fields;
}

type Node = FormValue | FormValue[] | FormObject | Node[] | undefined;

/** Puts a value at `a.0.b` (numeric parts index arrays); a key repeated in the body collects an array. */
function setPath(target: FormObject, parts: string[], value: FormValue) {
  let node: Record<string, Node> | Node[] = target as Record<string, Node>;
  parts.forEach((part, index) => {
    const container = node as Record<string, Node>;
    if (index === parts.length - 1) {
      const existing = container[part];
      if (existing === undefined) container[part] = value;
      else if (Array.isArray(existing)) (existing as Node[]).push(value);
      else container[part] = [existing as FormValue, value];
      return;
    }
    const nextIsIndex = /^\d+$/.test(parts[index + 1] ?? "");
    if (typeof container[part] !== "object" || container[part] instanceof File)
      container[part] = nextIsIndex ? [] : {};
    node = container[part] as Record<string, Node>;
  });
}

/** Fills the holes of index-built arrays (`a.2` posted without `a.1`) with empty strings. */
function fillHoles(node: unknown): void {
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length; index += 1) {
      if (node[index] === undefined) node[index] = "";
      else fillHoles(node[index]);
    }
  } else if (node && typeof node === "object" && !(node instanceof File)) {
    for (const child of Object.values(node)) fillHoles(child);
  }
}

/**
 * The posted fields as an object for the schema, and the fields whose text is refused. A name with
 * dots (`threshold.3`) is a path, as react-hook-form names nested fields.
 */
export function formDataToObject(
  formData: FormData,
  arrayFields: ReadonlySet<string> = new Set(),
): { values: FormObject; textErrors: Record<string, string> } {
  const values: FormObject = {};
  const textErrors: Record<string, string> = {};
  for (const key of arrayFields) values[key] = [];
  for (const [key, raw] of formData) {
    let value: FormValue = raw;
    if (typeof raw === "string") {
      const clean = cleanText(raw);
      if (clean === null) {
        textErrors[key] = INVALID_CHARACTERS;
        value = raw.replace(new RegExp(LONE_SURROGATE, "g"), "");
      } else value = clean;
    }
    // A file input left empty posts a nameless empty file: treat it as no file.
    if (typeof value !== "string" && value.size === 0 && value.name === "") continue;
    setPath(values, key.split("."), value);
  }
  fillHoles(values);
  return { values, textErrors };
}

/**
 * Never echo secrets back into the page: passwords, one-time and check-in codes, tokens and the
 * honeypot. A case code or a credit code is what the user typed to name something and must come back
 * after a refusal (issue 15: a refused booking without JavaScript dropped the typed case code).
 */
const secretFields = /password|^code$|checkinCode|recoveryCode|totp|token|^website$/i;

export type EchoedValues = { [key: string]: string | EchoedValues | (string | EchoedValues)[] };

function echoOf(value: unknown): string | EchoedValues | (string | EchoedValues)[] | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value))
    return value
      .map(echoOf)
      .filter((item): item is string | EchoedValues => item !== undefined && !Array.isArray(item));
  if (value && typeof value === "object" && !(value instanceof File)) {
    const echo: EchoedValues = {};
    for (const [key, child] of Object.entries(value)) {
      const item = echoOf(child);
      if (item !== undefined && !secretFields.test(key)) echo[key] = item;
    }
    return echo;
  }
  return undefined;
}

/** What was typed, to show again after a refusal: text only (no files), secrets left out. */
export function echoValues(values: FormObject): EchoedValues {
  return (echoOf(values) ?? {}) as EchoedValues;
}

/** A field error as react-hook-form keeps it; `message` is a translation key. */
export interface FieldError {
  type: string;
  message: string;
}
export type FieldErrorTree = { [key: string]: FieldError | FieldErrorTree | FieldErrorTree[] };

/** Flat `a.0.b` keys as react-hook-form's nested error object. */
export function nestErrors(flat: Record<string, string>, type = "server"): FieldErrorTree {
  const tree: FieldErrorTree = {};
  for (const [path, message] of Object.entries(flat)) {
    const parts = path === "" ? ["form"] : path.split(".");
    let node: Record<string, unknown> = tree;
    parts.forEach((part, index) => {
      if (index === parts.length - 1) {
        node[part] ??= { type, message };
        return;
      }
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    });
  }
  return tree;
}

/** react-hook-form's nested errors as flat `a.0.b` keys → message keys (for the error summary). */
export function flattenErrors(tree: unknown, prefix = ""): Record<string, string> {
  const flat: Record<string, string> = {};
  if (!tree || typeof tree !== "object") return flat;
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    if (key === "ref" || key === "types") continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object" && typeof (value as { message?: unknown }).message === "string")
      flat[path] = (value as { message: string }).message;
    else Object.assign(flat, flattenErrors(value, path));
  }
  return flat;
}
