import { InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import { defineCallback, int, oneOf } from "../../app/callback-data.js";
import type { StudentFamily } from "../../app/students/student-family.js";
import { formatPhone } from "../../domain/people/parents.js";
import { surnameWithInitials } from "../../domain/people/names.js";
import { cardData } from "./callback-data.js";
import { fullDate, truncate } from "./format.js";

/** «👪 Семья»: "fm:v:<case>" the view, "fm:a:<case>" add a parent, "fm:c:<case>" write the характеристика, "fm:d:<case>:<parent>" remove. */
export const FAMILY_DATA = {
  view: defineCallback("fm", { action: oneOf("v"), caseId: int() }),
  add: defineCallback("fm", { action: oneOf("a"), caseId: int() }),
  characteristic: defineCallback("fm", { action: oneOf("c"), caseId: int() }),
  remove: defineCallback("fm", { action: oneOf("d"), caseId: int(), parentId: int() }),
};

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
  if (family.characteristic) {
    const c = family.characteristic;
    lines.push(t("family.characteristicBy", { name: surnameWithInitials(c.by), date: fullDate(c.on) }));
    lines.push(truncate(c.text, CHARACTERISTIC_SHOWN));
  } else {
    lines.push(t("family.noCharacteristic"));
  }
  return lines.join("\n");
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
    keyboard
      .text(
        t(family.characteristic ? "family.buttons.editCharacteristic" : "family.buttons.characteristic"),
        FAMILY_DATA.characteristic.encode({ action: "c", caseId }),
      )
      .row();
  }
  return keyboard.text(t("card.buttons.back"), cardData("open", caseId));
}
