import type { TFunction } from "i18next";
import type { InfoPackData } from "../app/council/info-pack.js";
import { formatRussianDate, localDateIn, localTimeIn } from "../domain/dates.js";
import { measureLine } from "./memo-docx.js";
import { packDocument, para, signatureName } from "./docx-basics.js";

/** «Информация о ранее принятых мерах» (IV.3) for the council, as a DOCX. */
export function infoPackDocx(t: TFunction, data: InfoPackData): Promise<Buffer> {
  const lines = [
    ...data.measures.map((m) => ({ on: m.on, text: measureLine(t, m) })),
    ...data.results.map((r) => ({
      on: r.on,
      text: t("infoPack.resultLine", { date: formatRussianDate(r.on), step: r.step, note: r.note }),
    })),
  ].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const council = data.council
    ? (() => {
        const at = new Date(data.council.at);
        const time = localTimeIn(at, data.timezone);
        const when = `${formatRussianDate(localDateIn(at, data.timezone))} ${String(time.hour).padStart(2, "0")}:${String(time.minute).padStart(2, "0")}`;
        return [
          para(t("infoPack.doc.council", { form: t(`council.forms.${data.council.form}`), when }), { align: "justify", indent: true }),
        ];
      })()
    : [];
  return packDocument([
    para(t("infoPack.doc.title"), { align: "center", bold: true }),
    para(t("infoPack.doc.student", { student: data.studentName, classLabel: data.classLabel }), {
      align: "justify",
      indent: true,
      before: 240,
    }),
    para(t("infoPack.doc.teacher", { name: data.teacherName }), { align: "justify", indent: true }),
    para(t("infoPack.doc.reason", { reason: data.reason }), { align: "justify", indent: true }),
    ...council,
    para(t("infoPack.doc.measuresTitle"), { align: "justify", indent: true, before: 240 }),
    ...(lines.length > 0
      ? lines.map((l, i) => para(`${i + 1}. ${l.text}`, { align: "justify" }))
      : [para(t("infoPack.doc.noMeasures"), { align: "justify" })]),
    para(t("infoPack.doc.people", { names: data.people.join(", ") }), { align: "justify", indent: true, before: 240 }),
    para(formatRussianDate(data.date), { before: 480 }),
    para(t("memo.signature", { name: signatureName(data.teacherName) })),
  ]);
}
