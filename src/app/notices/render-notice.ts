import type { TFunction } from "i18next";
import { weekday } from "../../domain/dates.js";
import type { NoticeLine, NoticeParam, NoticePayload } from "../../domain/reminders/notification.js";
import type { Language } from "../../i18n.js";

/** A notice as the sender hands it to Telegram: text, buttons, and a document when it carries one. */
export interface RenderedNotice {
  text: string;
  buttons?: { text: string; callback_data: string }[][];
  document?: { bytes: Buffer; fileName: string };
}

function renderParam(t: TFunction, lang: Language, value: NoticeParam): string | number {
  if (typeof value === "string" || typeof value === "number") return value;
  if ("t" in value) return renderLine(t, lang, { key: value.t, ...(value.params ? { params: value.params } : {}) });
  if ("date" in value)
    return t("reminders.date", {
      date: `${value.date.slice(8, 10)}.${value.date.slice(5, 7)}`,
      weekday: t(`common.weekdays.${weekday(value.date)}`),
    });
  return value[lang];
}

export function renderLine(t: TFunction, lang: Language, line: NoticeLine): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(line.params ?? {})) params[name] = renderParam(t, lang, value);
  return t(line.key, params);
}

/** Renders a notice in the recipient's language; an empty line is left out. */
export function renderNotice(t: TFunction, lang: Language, payload: NoticePayload): RenderedNotice {
  const text = payload.lines
    .map((line) => renderLine(t, lang, line))
    .filter((line) => line !== "")
    .join("\n");
  return {
    text,
    ...(payload.buttons && payload.buttons.length > 0
      ? { buttons: payload.buttons.map((row) => row.map((b) => ({ text: renderLine(t, lang, b.label), callback_data: b.data }))) }
      : {}),
    ...(payload.document
      ? { document: { bytes: Buffer.from(payload.document.base64, "base64"), fileName: payload.document.fileName } }
      : {}),
  };
}
