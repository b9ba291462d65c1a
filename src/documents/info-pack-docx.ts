import type { TFunction } from "i18next";
import type { InfoPackData } from "../app/council/info-pack.js";
import { formatRussianDate, localDateIn, localTimeIn } from "../domain/dates.js";
import { surnameInCaseWithInitials } from "../domain/people/names.js";
import type { Post } from "../domain/people/roles.js";
import { packDocument, para, signatureName } from "./docx-basics.js";
import { measureLine } from "./measure-line.js";
import { parentMeetingLine } from "./parent-meeting-line.js";

/**
 * «Информация о ранее принятых мерах» (IV.3) for the council, as a DOCX: to the council's chair from
 * the class teacher, the council's form and time, the measures of every case of the student with
 * their results, the meetings with parents (who came), the participants with their posts.
 */
export function infoPackDocx(t: TFunction, data: InfoPackData): Promise<Buffer> {
  const k = (key: string, params?: Record<string, unknown>) => t(`infoPack.doc.${key}`, params);
  const lines = [
    ...data.measures.map((m) => ({ on: m.on, text: measureLine(t, m) })),
    ...data.results.map((r) => ({
      on: r.on,
      text: t("infoPack.resultLine", { date: formatRussianDate(r.on), step: r.step, note: r.note }),
    })),
  ].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const numbered = (texts: readonly string[]) => texts.map((text, i) => para(`${i + 1}. ${text}`, { align: "justify" }));
  const council = data.council
    ? [para(k("council", { form: t(`council.forms.${data.council.form}`), when: councilTime(data) }), body)]
    : [];
  const meetings =
    data.parentMeetings.length > 0
      ? [
          para(k("parentMeetingsTitle"), { ...body, before: 240 }),
          ...numbered(data.parentMeetings.map((m) => parentMeetingLine(t, m, data.date))),
        ]
      : [];
  return packDocument([
    para(k(`to.${data.councilForm}`), { align: "right" }),
    ...(data.chair ? [para(nameLine(data.chair.name, data.chair.nameDative), { align: "right" })] : []),
    para(t("memo.from", { classLabel: data.classLabel }), { align: "right" }),
    para(nameLine(data.teacherName, data.teacherNameGenitive), { align: "right" }),
    para(k("title"), { align: "center", bold: true, before: 480 }),
    para(k("student", { student: data.studentName, classLabel: data.classLabel }), { ...body, before: 240 }),
    para(k("reason", { reason: data.reason }), body),
    ...council,
    para(k("measuresTitle"), { ...body, before: 240 }),
    ...(lines.length > 0 ? numbered(lines.map((l) => l.text)) : [para(k("noMeasures"), { align: "justify" })]),
    ...meetings,
    para(k("people"), { ...body, before: 240 }),
    ...data.people.map((p) => para(k("personLine", { name: p.name, post: postText(t, p.post) }), { align: "justify" })),
    para(formatRussianDate(data.date), { before: 480 }),
    para(t("memo.signature", { classLabel: data.classLabel, name: signatureName(data.teacherName) })),
  ]);
}

const body = { align: "justify", indent: true } as const;

/** A post as the papers print it («классный руководитель 7Б класса»). */
export function postText(t: TFunction, post: Post): string {
  return t(`posts.${post.key}`, "classLabel" in post ? { classLabel: post.classLabel } : {});
}

function nameLine(name: string, inCase: string | undefined): string {
  return inCase ? surnameInCaseWithInitials(name, inCase) : name;
}

function councilTime(data: InfoPackData): string {
  const at = new Date(data.council!.at);
  const time = localTimeIn(at, data.timezone);
  return `${formatRussianDate(localDateIn(at, data.timezone))} ${String(time.hour).padStart(2, "0")}:${String(time.minute).padStart(2, "0")}`;
}
