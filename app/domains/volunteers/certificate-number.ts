import { z } from "zod";

/**
 * The numbers printed on the portal's certificates, without the database, so the public look-up
 * form (/verify) checks them in the browser with the same schema as its action: service
 * certificates `ZM-2026-7KQ4-M2XD`, commendation (award) certificates `BZ-2026-7KQ4-M2XD`.
 */

/** Full-width characters folded, spaces dropped, upper case: what a reader types becomes the number. */
export function normalizeCertificateNumber(input: string): string {
  return input.normalize("NFKC").trim().toUpperCase().replace(/\s+/g, "");
}

export function isCertificateNumber(value: string): boolean {
  return /^ZM-\d{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/.test(value);
}

export function isAwardNumber(value: string): boolean {
  return /^BZ-\d{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/.test(value);
}

/** The public certificate look-up: a service or an award certificate's number. */
export const certificateLookupSchema = z.object({
  number: z
    .string({ error: "validation:certificateNumber.invalid" })
    .overwrite(normalizeCertificateNumber)
    .refine((number) => isCertificateNumber(number) || isAwardNumber(number), {
      error: "validation:certificateNumber.invalid",
    }),
});
