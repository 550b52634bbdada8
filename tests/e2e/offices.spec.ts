/**
 * A bureau admin keeps the person in charge (负责人) of the district's judicial offices, the name the
 * office's certificates carry (issue 11 defect 2). The demo value is put back at the end.
 */
import { expect, mainNav, signInAsBureauAdmin, test } from "./accounts-helpers";

test("the bureau admin sets an office's person in charge; a blank name is refused in place first", async ({
  page,
}) => {
  await signInAsBureauAdmin(page);
  await mainNav(page).getByRole("link", { name: "司法所信息" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "司法所信息" })).toBeVisible();
  const row = page.getByRole("row", { name: /东城司法所/ });
  await expect(row).toContainText("刘红");
  await row.getByRole("link", { name: /编辑/ }).click();

  const name = page.getByLabel("负责人");
  await expect(name).toHaveValue("刘红");
  await name.fill("");
  await page.getByRole("button", { name: "保存" }).click();
  // The browser checks the same schema: the error shows without leaving the page.
  await expect(page.getByText("请填写负责人姓名，它会印在本所出具的证明上。").first()).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/offices\/[0-9a-f-]{36}$/);

  await name.fill("刘红梅");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(/\/admin\/offices$/);
  await expect(page.getByRole("status")).toContainText("已保存司法所信息。");
  await expect(page.getByRole("row", { name: /东城司法所/ })).toContainText("刘红梅");

  // Back to the demo's value, for the journeys that print certificates.
  await page
    .getByRole("row", { name: /东城司法所/ })
    .getByRole("link", { name: /编辑/ })
    .click();
  await page.getByLabel("负责人").fill("刘红");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("row", { name: /东城司法所/ })).toContainText("刘红");
});
