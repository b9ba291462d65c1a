import { describe, expect, it } from "vitest";
import { composeSosMessage } from "../../../src/app/sos/compose-sos-message.js";
import type { SosPayload } from "../../../src/domain/reminders/notification.js";
import { createI18n } from "../../../src/i18n.js";

const i18n = createI18n();
const alert = (payload: Partial<SosPayload>) => ({
  id: 1,
  schoolId: 1,
  userId: 1,
  kind: "sosAlert",
  urgent: true,
  payload: { alertId: 7, date: "2025-11-09", teacherName: "Петрова А. С.", ...payload } as SosPayload,
});

describe("the SOS push", () => {
  it.each([
    [
      "ru",
      { situation: "suicideRisk", classLabel: "7Б", phone: "+79161234567" },
      "🆘 Риск суицида\n7Б, классный руководитель Петрова А. С.\nТелефон: +79161234567\n" +
        "Нажмите «Принято», если берёте ситуацию на себя; подробности — по кнопке «Подробнее».",
    ],
    [
      "ru",
      { situation: "injury", round: 3 },
      "🆘 Сложная травма\nКлассный руководитель Петрова А. С.\nПовтор № 3: никто ещё не принял.\n" +
        "Нажмите «Принято», если берёте ситуацию на себя; подробности — по кнопке «Подробнее».",
    ],
    [
      "en",
      { situation: "suicideRisk", classLabel: "7Б", phone: "+79161234567" },
      "🆘 Risk of suicide\n7Б, class teacher Петрова А. С.\nPhone: +79161234567\nPress «Accepted» if you take it on; details behind «Details».",
    ],
    [
      "en",
      { situation: "injury", round: 3 },
      "🆘 Serious injury\nClass teacher Петрова А. С.\nRepeat no. 3: nobody has accepted yet.\nPress «Accepted» if you take it on; details behind «Details».",
    ],
  ] as const)("%s: names the kind of situation on its first line (%j)", (language, payload, text) => {
    const message = composeSosMessage(i18n.t(language), alert(payload));
    expect(message.text).toBe(text);
    expect(message.replyMarkup?.inline_keyboard[0]?.map((b) => b.callback_data)).toEqual(["sos:a:7", "sos:d:7"]);
  });

  it("keeps the old first line for a row stored before the payload carried the situation", () => {
    const message = composeSosMessage(i18n.t("ru"), alert({ classLabel: "7Б" }));
    expect(message.text.split("\n")[0]).toBe("🆘 Экстренный случай — 7Б, классный руководитель Петрова А. С.");
  });
});
