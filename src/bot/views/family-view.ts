import { InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import { defineCallback, int, oneOf } from "../../app/callback-data.js";
import type { StudentFamily } from "../../app/students/student-family.js";
import { attendanceDue, parentGender } from "../../domain/people/parent-meetings.js";
import { formatPhone } from "../../domain/people/parents.js";
import { surnameWithInitials } from "../../domain/people/names.js";
import { cardData } from "./callback-data.js";
import { fullDate, truncate } from "./format.js";

/**
 * «👪 Семья»: "fm:v:<case>" the view, "fm:a:<case>" add a parent, "fm:c:<case>" write the
 * характеристика, "fm:d:<case>:<parent>" remove; "fm:i:<case>" invite a parent to a meeting,
 * "fm:y:<case>:<meeting>" / "fm:n:<case>:<meeting>" they came / did not come.
 */
export const FAMILY_DATA = {
  view: defineCallback("fm", { action: oneOf("v"), caseId: int() }),
  add: defineCallback("fm", { action: oneOf("a"), caseId: int() }),
  characteristic: defineCallback("fm", { action: oneOf("c"), caseId: int() }),
  remove: defineCallback("fm", { action: oneOf("d"), caseId: int(), parentId: int() }),
  invite: defineCallback("fm", { action: oneOf("i"), caseId: int() }),
  attendance: defineCallback("fm", { action: oneOf("y", "n"), caseId: int(), meetingId: int() }),
};

/** Meetings shown on the screen: the latest; the case file has them all. */
const MEETINGS_SHOWN = 6;

/** Parents shown (and removable) on one screen; a family has fewer. */
const SHOWN = 8;
/** The характеристика on screen; the case file has it whole. */
const CHARACTERISTIC_SHOWN = 2500;

export function familyText(t: TFunction, family: StudentFamily): string {
  const lines = [t("family.title", { student: family.studentName, classLabel: family.classLabel }), ""];
  if (family.parents.length === 0) lines.push(t("family.noParents"));
  family.parents.slice(0, SHOWN).forEach((p, i) => {
    const phone = p.phone ? `, ${formatPhone(p.phone)}` : "";
    lines.push(`${i + 1}. ${t(`family.relations.${p.relation}`)}: ${p.fullName}${phone}`);
  });
  if (family.parents.length > SHOWN) lines.push(t("family.more", { count: family.parents.length - SHOWN }));
  lines.push("");
  const meetings = shownMeetings(family);
  if (meetings.length > 0) {
    lines.push(t("family.meetings.title"));
    for (const { meeting: m, n } of meetings) {
      const context = parentGender(m.relation, m.parentName);
      const outcome =
        m.attended === true
          ? t("family.meetings.came", { context })
          : m.attended === false
            ? t("family.meetings.noShow", { context })
            : attendanceDue(m, family.today)
              ? t("family.meetings.awaiting")
              : "";
      const invited = t("family.meetings.invited", { via: t(`family.meetings.via.${m.invitedVia}`), on: fullDate(m.invitedOn) });
      lines.push(
        t("family.meetings.line", {
          n,
          date: fullDate(m.meetingOn),
          name: truncate(m.parentName, 60),
          relation: t(`family.relationOf.${m.relation}`),
        }),
      );
      lines.push(`   ${invited}${outcome ? ` · ${outcome}` : ""}`);
    }
    lines.push("");
  }
  if (family.characteristic) {
    const c = family.characteristic;
    lines.push(t("family.characteristicBy", { name: surnameWithInitials(c.by), date: fullDate(c.on) }));
    lines.push(truncate(c.text, CHARACTERISTIC_SHOWN));
  } else {
    lines.push(t("family.noCharacteristic"));
  }
  return lines.join("\n");
}

/** The latest meetings, numbered as in the whole list. */
/**
 * The meetings shown (and given buttons): every one still waiting for «пришла / не пришла» first,
 * then the latest, MEETINGS_SHOWN in all, in their order; numbered as in the whole list.
 */
function shownMeetings(family: StudentFamily) {
  const numbered = family.meetings.map((meeting, i) => ({ meeting, n: i + 1 }));
  const waiting = numbered.filter(({ meeting }) => meeting.attended === undefined && attendanceDue(meeting, family.today));
  const chosen = new Set(waiting.slice(-MEETINGS_SHOWN).map(({ n }) => n));
  for (const { n } of [...numbered].reverse()) {
    if (chosen.size >= MEETINGS_SHOWN) break;
    chosen.add(n);
  }
  return numbered.filter(({ n }) => chosen.has(n));
}

export function familyKeyboard(t: TFunction, family: StudentFamily, caseId: number): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (family.canEdit) {
    keyboard.text(t("family.buttons.add"), FAMILY_DATA.add.encode({ action: "a", caseId })).row();
    family.parents.slice(0, SHOWN).forEach((p, i) => {
      keyboard
        .text(
          t("family.buttons.remove", { n: i + 1, name: truncate(p.fullName, 30) }),
          FAMILY_DATA.remove.encode({ action: "d", caseId, parentId: p.id }),
        )
        .row();
    });
    if (family.caseOpen) keyboard.text(t("family.buttons.invite"), FAMILY_DATA.invite.encode({ action: "i", caseId })).row();
    for (const { meeting: m, n } of shownMeetings(family)) {
      if (!attendanceDue(m, family.today)) continue;
      const context = parentGender(m.relation, m.parentName);
      keyboard
        .text(t("family.buttons.came", { n, context }), FAMILY_DATA.attendance.encode({ action: "y", caseId, meetingId: m.id }))
        .text(t("family.buttons.noShow", { n, context }), FAMILY_DATA.attendance.encode({ action: "n", caseId, meetingId: m.id }))
        .row();
    }
    keyboard
      .text(
        t(family.characteristic ? "family.buttons.editCharacteristic" : "family.buttons.characteristic"),
        FAMILY_DATA.characteristic.encode({ action: "c", caseId }),
      )
      .row();
  }
  return keyboard.text(t("card.buttons.back"), cardData("open", caseId));
}
