import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  availabilities,
  educationLevels,
  enterpriseSizes,
  industries,
  jobCategories,
  notHiredReasons,
  placementEndReasons,
  refusedNotHiredReasons,
} from "./taxonomy";

const migrations = path.resolve(import.meta.dirname, "../../../db/migrations");
const sql = readdirSync(migrations)
  .filter((file) => file.endsWith(".sql"))
  .map((file) => readFileSync(path.join(migrations, file), "utf8"))
  .join("\n");
const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(", ");

describe("the employment categories and the database CHECKs", () => {
  it("are written from the same lists", () => {
    for (const values of [
      jobCategories,
      industries,
      enterpriseSizes,
      notHiredReasons,
      placementEndReasons,
      educationLevels,
      availabilities,
    ]) {
      expect(sql).toContain(list(values));
    }
  });
  it("have no criminal-record reason anywhere in the coded list", () => {
    for (const refused of refusedNotHiredReasons)
      expect(notHiredReasons as readonly string[]).not.toContain(refused);
    expect(sql).not.toMatch(/'criminal_record'/);
  });
});
