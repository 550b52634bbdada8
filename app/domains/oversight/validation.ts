import { z } from "zod";
import { listableFigureKeys } from "./figures";

/**
 * The query of every oversight page. Nothing here is an error to the reader: a period or office
 * that does not parse falls back to the default (the current month, the whole scope), so a mangled
 * bookmark still opens; a figure that does not exist is a 404 in the route.
 */
export const oversightQuerySchema = z.object({
  period: z
    .string()
    .regex(/^\d{4}(-\d{2})?$/)
    .optional()
    .catch(undefined),
  office: z.uuid().optional().catch(undefined),
  figure: z
    .enum(listableFigureKeys as [string, ...string[]])
    .optional()
    .catch(undefined),
  dimension: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type OversightQuery = z.infer<typeof oversightQuerySchema>;
