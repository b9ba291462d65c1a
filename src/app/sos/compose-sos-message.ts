import type { TFunction } from "i18next";
import type { OutboxItem } from "../../domain/reminders/group-messages.js";
import type { SosPayload } from "../../domain/reminders/notification.js";
import { defineCallback, int, oneOf } from "../callback-data.js";
import { isSosSituation } from "./sos-situations.js";

/** Buttons under an alert: «Принято» and «Подробнее»; each press is checked again. */
export const SOS_ACKNOWLEDGE = defineCallback("sos", { action: oneOf("a"), alertId: int() });
export const SOS_DETAILS = defineCallback("sos", { action: oneOf("d"), alertId: int() });

export const SOS_DATA = {
  acknowledge: (alertId: number) => SOS_ACKNOWLEDGE.encode({ action: "a", alertId }),
  details: (alertId: number) => SOS_DETAILS.encode({ action: "d", alertId }),
} as const;

export const SOS_KINDS = ["sosAlert", "sosAcknowledged"] as const;

export function isSosKind(kind: string): boolean {
  return (SOS_KINDS as readonly string[]).includes(kind);
}

/**
 * The alert's first line names the kind of situation («🆘 Риск суицида»): it is not personal data
 * and tells the director at a glance how to act. The second names the class and the teacher. The
 * student, the text and the rest open behind «Подробнее», which checks who is asking.
 */
export function composeSosMessage(
  t: TFunction,
  item: OutboxItem,
): { text: string; replyMarkup?: { inline_keyboard: { text: string; callback_data: string }[][] } } {
  const p = item.payload as SosPayload;
  if (item.kind === "sosAcknowledged") {
    return {
      text: t("sos.acknowledgedToTeacher", { name: p.acknowledgedBy ?? "", at: p.acknowledgedAt ?? "" }),
      replyMarkup: { inline_keyboard: [[{ text: t("sos.detailsButton"), callback_data: SOS_DATA.details(p.alertId) }]] },
    };
  }
  const lines =
    p.situation !== undefined && isSosSituation(p.situation)
      ? [
          t("sos.alertSituation", { situation: t(`sos.situations.${p.situation}`) }),
          p.classLabel
            ? t("sos.alertFromClass", { classLabel: p.classLabel, teacher: p.teacherName })
            : t("sos.alertFrom", { teacher: p.teacherName }),
        ]
      : // Rows stored before the payload carried the situation.
        [
          p.classLabel
            ? t("sos.alertTitleClass", { classLabel: p.classLabel, teacher: p.teacherName })
            : t("sos.alertTitle", { teacher: p.teacherName }),
        ];
  if (p.phone) lines.push(t("sos.alertPhone", { phone: p.phone }));
  if ((p.round ?? 1) > 1) lines.push(t("sos.alertRepeat", { round: p.round }));
  lines.push(t("sos.alertAsk"));
  return {
    text: lines.join("\n"),
    replyMarkup: {
      inline_keyboard: [
        [
          { text: t("sos.acknowledgeButton"), callback_data: SOS_DATA.acknowledge(p.alertId) },
          { text: t("sos.detailsButton"), callback_data: SOS_DATA.details(p.alertId) },
        ],
      ],
    },
  };
}
