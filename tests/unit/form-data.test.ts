import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  arrayFieldsOf,
  cleanText,
  echoValues,
  formDataToObject,
  INVALID_CHARACTERS,
} from "~/utils/form-data";
import { readFormData, validateSubmission } from "~/utils/forms.server";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

describe("the shared form parser", () => {
  const schema = z.object({ idNumber: z.string(), phone: z.string(), skills: z.array(z.string()) });

  it("keeps ID and phone numbers as typed strings and checkbox groups as arrays", async () => {
    const parsed = await validateSubmission(
      form([
        ["idNumber", "110101200001011234"],
        ["phone", "010-12345678"],
      ]),
      schema,
    );
    expect(parsed.success && parsed.data).toEqual({
      idNumber: "110101200001011234",
      phone: "010-12345678",
      skills: [],
    });
    const two = formDataToObject(
      form([
        ["skills", "a"],
        ["skills", "b"],
      ]),
      arrayFieldsOf(schema),
    );
    expect(two.values.skills).toEqual(["a", "b"]);
    expect(formDataToObject(form([["skills", "a"]]), arrayFieldsOf(schema)).values.skills).toEqual(["a"]);
    expect(
      formDataToObject(
        form([
          ["threshold.1", "5"],
          ["threshold.0", "3"],
        ]),
      ).values,
    ).toEqual({ threshold: ["3", "5"] });
  });

  it("NFC-normalizes text and refuses control characters, NUL and lone surrogates with a field error", async () => {
    expect(cleanText("e\u0301")).toBe("é");
    expect(cleanText("line\r\nbreak\tok")).toBe("line\r\nbreak\tok");
    for (const bad of ["a\u0000b", "a\u0007", "\u009b", "\ud800x", "x\udc00", "\ufffd"])
      expect(cleanText(bad)).toBeNull();
    const parsed = await validateSubmission(
      form([
        ["idNumber", "1\u0000"],
        ["phone", "1"],
      ]),
      schema,
    );
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      const body = (parsed.failure as unknown as { data: { errors: Record<string, { message: string }> } })
        .data;
      expect(body.errors.idNumber?.message).toBe(INVALID_CHARACTERS);
    }
  });

  it("never echoes secrets", () => {
    expect(
      echoValues({
        email: "a@b.cn",
        password: "x",
        newPasswordConfirm: "x",
        code: "123456",
        checkinCode: "1",
        token: "t",
        website: "w",
      }),
    ).toEqual({ email: "a@b.cn" });
  });

  it("echoes the codes a user typed to name something: a case code, a credit code", () => {
    expect(echoValues({ caseCode: "JA-2026-0001", creditCode: "91310000MA1FL0000X", code: "1" })).toEqual({
      caseCode: "JA-2026-0001",
      creditCode: "91310000MA1FL0000X",
    });
  });

  it("refuses a body that is not a form (415) or cannot be read (400)", async () => {
    const post = (headers: Record<string, string>, body: string) =>
      readFormData(new Request("http://localhost/x", { method: "POST", headers, body }));
    await expect(post({ "content-type": "application/json" }, "{}")).rejects.toMatchObject({ status: 415 });
    await expect(post({}, "a=1")).rejects.toMatchObject({ status: 415 });
    await expect(post({ "content-type": "multipart/form-data" }, "x")).rejects.toMatchObject({ status: 400 });
    await expect(
      post({ "content-type": "multipart/form-data; boundary=zzz" }, "--zzz\r\nbroken"),
    ).rejects.toMatchObject({ status: 400 });
    expect((await post({ "content-type": "application/x-www-form-urlencoded" }, "a=1")).get("a")).toBe("1");
  });
});
