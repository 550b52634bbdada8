/**
 * The service taxonomy: nine top-level categories (the product brief's list) and their
 * subcategories, with the kinds of provider allowed to serve each. Migration `matching_guards` seeds
 * the same rows into `service_categories`; a test checks that the table equals this list. Client-safe.
 */
export const providerKinds = ["social_org", "volunteer", "enterprise", "law_firm"] as const;
export type ProviderKind = (typeof providerKinds)[number];

export interface ServiceCategory {
  id: string;
  parentId: string | null;
  labelZh: string;
  labelEn: string;
  providerKinds: readonly ProviderKind[];
}

interface TopCategory {
  id: string;
  labelZh: string;
  labelEn: string;
  providerKinds: readonly ProviderKind[];
  children: readonly [id: string, labelZh: string, labelEn: string][];
}

const helpers: readonly ProviderKind[] = ["social_org", "volunteer"];

const tree: readonly TopCategory[] = [
  {
    id: "psychological",
    labelZh: "心理辅导",
    labelEn: "Psychological counselling",
    providerKinds: helpers,
    children: [
      ["psychological.assessment", "心理评估", "Psychological assessment"],
      ["psychological.individual", "个体心理咨询", "Individual counselling"],
      ["psychological.crisis", "心理危机干预", "Crisis intervention"],
      ["psychological.addiction", "成瘾行为矫治", "Addiction support"],
    ],
  },
  {
    id: "family",
    labelZh: "家庭关系修复",
    labelEn: "Family-relationship repair",
    providerKinds: helpers,
    children: [
      ["family.mediation", "家庭矛盾调解", "Family mediation"],
      ["family.parenting", "亲子关系辅导", "Parent–child support"],
      ["family.marriage", "婚姻关系辅导", "Couple counselling"],
    ],
  },
  {
    id: "hardship",
    labelZh: "临时救助",
    labelEn: "Hardship aid",
    providerKinds: helpers,
    children: [
      ["hardship.living", "生活困难救助", "Living-costs aid"],
      ["hardship.housing", "临时住所", "Temporary housing"],
      ["hardship.medical", "医疗救助", "Medical aid"],
    ],
  },
  {
    id: "schooling",
    labelZh: "就学",
    labelEn: "Schooling",
    providerKinds: helpers,
    children: [
      ["schooling.return", "复学安置", "Return to school"],
      ["schooling.tutoring", "学业辅导", "Tutoring"],
      ["schooling.adult", "成人学历教育", "Adult education"],
    ],
  },
  {
    id: "employment",
    labelZh: "就业",
    labelEn: "Employment",
    providerKinds: ["social_org", "volunteer", "enterprise"],
    children: [
      ["employment.placement", "岗位推荐", "Job placement"],
      ["employment.coaching", "求职辅导", "Job-search coaching"],
      ["employment.self", "创业扶持", "Self-employment support"],
    ],
  },
  {
    id: "skills",
    labelZh: "技能培训",
    labelEn: "Skills training",
    providerKinds: ["social_org", "volunteer", "enterprise"],
    children: [
      ["skills.vocational", "职业技能培训", "Vocational training"],
      ["skills.digital", "数字技能", "Digital skills"],
      ["skills.life", "生活技能", "Life skills"],
    ],
  },
  {
    id: "legal",
    labelZh: "法律援助",
    labelEn: "Legal aid",
    providerKinds: ["law_firm", "volunteer", "social_org"],
    children: [
      ["legal.consultation", "法律咨询", "Legal consultation"],
      ["legal.labour", "劳动争议", "Labour disputes"],
      ["legal.family", "婚姻家事", "Family law"],
      ["legal.representation", "诉讼代理", "Representation"],
    ],
  },
  {
    id: "social_security",
    labelZh: "社会保障",
    labelEn: "Social-security applications",
    providerKinds: helpers,
    children: [
      ["social_security.subsistence", "最低生活保障申请", "Minimum living allowance"],
      ["social_security.insurance", "社会保险接续", "Social-insurance continuation"],
      ["social_security.household", "户籍证件办理", "Household registration and papers"],
    ],
  },
  {
    id: "other",
    labelZh: "其他",
    labelEn: "Other",
    providerKinds: providerKinds,
    children: [["other.general", "其他帮扶", "Other help"]],
  },
];

export const serviceCategories: readonly ServiceCategory[] = tree.flatMap((top) => [
  {
    id: top.id,
    parentId: null,
    labelZh: top.labelZh,
    labelEn: top.labelEn,
    providerKinds: top.providerKinds,
  },
  ...top.children.map(([id, labelZh, labelEn]) => ({
    id,
    parentId: top.id,
    labelZh,
    labelEn,
    providerKinds: top.providerKinds,
  })),
]);

export const topCategoryIds = tree.map((top) => top.id);

const byId = new Map(serviceCategories.map((category) => [category.id, category]));

export function categoryById(id: string): ServiceCategory | undefined {
  return byId.get(id);
}

/** The top-level category of `id` (itself for a top-level one). */
export function rootOf(id: string): string {
  const category = byId.get(id);
  return category?.parentId ?? id;
}

export function categoryLabel(id: string, language: string): string {
  const category = byId.get(id);
  if (!category) return id;
  return language === "en" ? category.labelEn : category.labelZh;
}

/** May a provider of `kind` declare `categoryId`? */
export function kindServes(kind: ProviderKind, categoryId: string): boolean {
  return byId.get(categoryId)?.providerKinds.includes(kind) ?? false;
}
