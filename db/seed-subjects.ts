/**
 * Demo subjects (社区矫正对象) at both demo offices, registered and given consents through the
 * subjects domain like real use: identities encrypted, case codes random, every step audited. All
 * names, ID numbers, phones and addresses are invented. Correction periods are placed around the
 * seeding day, so the registry looks the same whenever the demo starts.
 */
import { recordConsent } from "~/domains/subjects/consent.server";
import { residentIdCheckCharacter, shanghaiDate } from "~/domains/subjects/resident-id";
import { registerSubject, type SubjectRegistration } from "~/domains/subjects/subjects.server";
import type { ConsentDataCategory } from "~/domains/subjects/validation";
import type { Database } from "~/utils/db.server";

const DAY = 24 * 60 * 60 * 1000;

export interface SubjectDemoSetting {
  /** staff.a (城关司法所) and staff.b (东城司法所), who register their offices' subjects. */
  staffA: { id: string; organizationId: string; districtId: string };
  staffB: { id: string; organizationId: string; districtId: string };
  /** Verified social forces of the district that receive consents. */
  recipients: { enterprise: string; lawFirm: string; socialOrg: string };
}

interface DemoSubject {
  office: "A" | "B";
  name: string;
  /** Birth date `YYYY-MM-DD`, or years before the seeding day (a minor). */
  born: string | { yearsAgo: number };
  gender: "male" | "female";
  area: string;
  address: string;
  level: SubjectRegistration["supervisionLevel"];
  /** Days from the seeding day to the start and to the end of the correction. */
  startDays: number;
  endDays: number;
  languages?: string[];
  consents?: {
    to: keyof SubjectDemoSetting["recipients"];
    purpose: string;
    categories: ConsentDataCategory[];
  }[];
}

/** A dozen subjects: both offices, 宽管 / 普管 / 严管, one minor, several women. */
const demoSubjects: DemoSubject[] = [
  {
    office: "A",
    name: "张建国",
    born: "1978-04-12",
    gender: "male",
    area: "城关街道",
    address: "示范区城关街道和平里 3 号楼 2 单元 501",
    level: "normal",
    startDays: -200,
    endDays: 530,
    consents: [{ to: "enterprise", purpose: "就业安置：推荐到恒达制造应聘", categories: ["name", "phone"] }],
  },
  {
    office: "A",
    name: "李秀英",
    born: "1985-09-23",
    gender: "female",
    area: "城关街道",
    address: "示范区城关街道新华路 18 号",
    level: "lenient",
    startDays: -320,
    endDays: 45,
    consents: [{ to: "socialOrg", purpose: "心理辅导：每月一次个体咨询", categories: ["name", "phone"] }],
  },
  {
    office: "A",
    name: "王小军",
    born: { yearsAgo: 16 },
    gender: "male",
    area: "南关街道",
    address: "示范区南关街道育才巷 6 号",
    level: "normal",
    startDays: -60,
    endDays: 305,
    consents: [
      {
        to: "socialOrg",
        purpose: "未成年人帮教：学业辅导与家庭支持",
        categories: ["name", "phone", "address"],
      },
    ],
  },
  {
    office: "A",
    name: "赵德明",
    born: "1969-01-30",
    gender: "male",
    area: "城关街道",
    address: "示范区城关街道东大街 102 号",
    level: "strict",
    startDays: -30,
    endDays: 700,
  },
  {
    office: "A",
    name: "刘桂芳",
    born: "1992-07-08",
    gender: "female",
    area: "北关街道",
    address: "示范区北关街道幸福小区 9 栋 302",
    level: "normal",
    startDays: -150,
    endDays: 215,
    languages: ["普通话", "粤语"],
    consents: [{ to: "lawFirm", purpose: "法律援助：劳动合同纠纷咨询", categories: ["name", "phone"] }],
  },
  {
    office: "A",
    name: "陈志强",
    born: "1988-11-15",
    gender: "male",
    area: "南关街道",
    address: "示范区南关街道建设路 44 号",
    level: "lenient",
    startDays: -400,
    endDays: 20,
  },
  {
    office: "A",
    name: "阿依古丽",
    born: "1975-05-02",
    gender: "female",
    area: "城关街道",
    address: "示范区城关街道西关村 2 组 15 号",
    level: "normal",
    startDays: -10,
    endDays: 355,
    languages: ["维吾尔语", "普通话"],
  },
  {
    office: "B",
    name: "孙海涛",
    born: "1981-03-19",
    gender: "male",
    area: "东城街道",
    address: "示范区东城街道光明路 7 号",
    level: "strict",
    startDays: -90,
    endDays: 640,
  },
  {
    office: "B",
    name: "周丽娟",
    born: "1990-12-01",
    gender: "female",
    area: "东城街道",
    address: "示范区东城街道朝阳小区 5 栋 101",
    level: "lenient",
    startDays: -250,
    endDays: 115,
    consents: [{ to: "enterprise", purpose: "职业技能培训：数控车工培训班", categories: ["name", "phone"] }],
  },
  {
    office: "B",
    name: "吴国华",
    born: "1972-08-27",
    gender: "male",
    area: "东湖街道",
    address: "示范区东湖街道湖滨路 21 号",
    level: "normal",
    startDays: -120,
    endDays: 610,
  },
  {
    office: "B",
    name: "郑晓燕",
    born: "1996-02-14",
    gender: "female",
    area: "东湖街道",
    address: "示范区东湖街道文化巷 3 号",
    level: "normal",
    startDays: -40,
    endDays: 325,
  },
  {
    office: "B",
    name: "黄永福",
    born: "1965-10-09",
    gender: "male",
    area: "东城街道",
    address: "示范区东城街道老街 88 号",
    level: "lenient",
    startDays: -500,
    endDays: 60,
  },
];

/** A resident ID number of the district (110105), with the order digit giving the gender. */
function residentId(birthDate: string, gender: "male" | "female", order: number): string {
  const sequence = String(order * 2 + (gender === "male" ? 1 : 0)).padStart(3, "0");
  const stem = `110105${birthDate.replace(/-/g, "")}${sequence}`;
  return `${stem}${residentIdCheckCharacter(stem)}`;
}

function birthDateOf(born: DemoSubject["born"], now: Date): string {
  if (typeof born === "string") return born;
  const today = shanghaiDate(now);
  return `${Number(today.slice(0, 4)) - born.yearsAgo}-03-15`;
}

/** Registers the demo subjects and their consents; returns how many of each it wrote. */
export async function seedSubjectDemo(
  db: Database,
  setting: SubjectDemoSetting,
  now: Date,
): Promise<{ subjects: number; consents: number; ids: { A: string[]; B: string[] } }> {
  let consents = 0;
  const ids: { A: string[]; B: string[] } = { A: [], B: [] };
  for (const [index, subject] of demoSubjects.entries()) {
    const staff = subject.office === "A" ? setting.staffA : setting.staffB;
    const actor = { ...staff, ipAddress: "127.0.0.1" };
    const birthDate = birthDateOf(subject.born, now);
    const registered = await registerSubject(db, actor, {
      name: subject.name,
      idNumber: residentId(birthDate, subject.gender, 100 + index),
      phone: `139${String(10_000_000 + index * 7_654_321).slice(-8)}`,
      area: subject.area,
      address: subject.address,
      supervisionLevel: subject.level,
      correctionStart: shanghaiDate(new Date(now.getTime() + subject.startDays * DAY)),
      correctionEnd: shanghaiDate(new Date(now.getTime() + subject.endDays * DAY)),
      languages: subject.languages ?? ["普通话"],
    });
    if (!registered.ok) throw new Error(`demo seed: subject ${index} failed: ${registered.error}`);
    ids[subject.office].push(registered.id);
    for (const consent of subject.consents ?? []) {
      const result = await recordConsent(db, {
        subjectId: registered.id,
        actor,
        recipientOrganizationId: setting.recipients[consent.to],
        purpose: consent.purpose,
        dataCategories: consent.categories,
        expiresAt: new Date(now.getTime() + 180 * DAY),
      });
      if (!result.ok) throw new Error(`demo seed: consent of subject ${index} failed: ${result.error}`);
      consents += 1;
    }
  }
  return { subjects: demoSubjects.length, consents, ids };
}

/** What the README says about the demo registry, checked by the seed test. */
export const DEMO_SUBJECT_COUNTS = {
  officeA: demoSubjects.filter((subject) => subject.office === "A").length,
  officeB: demoSubjects.filter((subject) => subject.office === "B").length,
  consents: demoSubjects.reduce((sum, subject) => sum + (subject.consents?.length ?? 0), 0),
};
