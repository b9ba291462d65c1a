import { InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import type { Message } from "grammy/types";
import { defineCallback, int, oneOf } from "../../app/callback-data.js";
import type { CaseFiles, NewCaseFile } from "../../app/cases/case-attachments.js";
import { localDateIn, formatRussianDate } from "../../domain/dates.js";
import { cardData } from "./callback-data.js";
import { MESSAGE_LIMIT } from "./case-card-view.js";
import { truncate } from "./format.js";

type CaseAttachmentRecord = CaseFiles["files"][number];

/** «📎 Файлы» of a case: "at:l:<case>" the list, "at:a:<case>" attach one, "at:g:<case>:<file>" send it back. */
export const ATTACHMENT_DATA = {
  list: defineCallback("at", { action: oneOf("l"), caseId: int() }),
  add: defineCallback("at", { action: oneOf("a"), caseId: int() }),
  get: defineCallback("at", { action: oneOf("g"), caseId: int(), fileId: int() }),
};

/** Files listed (and offered back) on one screen; the case file lists them all. */
const SHOWN = 20;

/** The file a message carries: a document as it is, a photo in its largest size, named by its date. */
export function fileOfMessage(t: TFunction, message: Message | undefined, timezone: string): NewCaseFile | undefined {
  if (message?.document) {
    const d = message.document;
    return {
      telegramFile: d.file_id,
      fileName: d.file_name ?? t("attachments.unnamed"),
      ...(d.file_size !== undefined ? { size: d.file_size } : {}),
      ...(d.mime_type ? { mimeType: d.mime_type } : {}),
    };
  }
  const photo = message?.photo?.at(-1);
  if (photo && message) {
    return {
      telegramFile: photo.file_id,
      fileName: t("attachments.photoName", { date: formatRussianDate(localDateIn(new Date(message.date * 1000), timezone)) }),
      ...(photo.file_size !== undefined ? { size: photo.file_size } : {}),
      mimeType: "image/jpeg",
      photo: true,
    };
  }
  return undefined;
}

/** «1,2 МБ», «350 КБ». */
export function sizeText(t: TFunction, bytes: number | undefined): string {
  if (bytes === undefined) return "";
  return bytes >= 1024 * 1024
    ? t("attachments.mb", { size: (bytes / 1024 / 1024).toFixed(1).replace(".", ",") })
    : t("attachments.kb", { size: Math.max(1, Math.round(bytes / 1024)) });
}

export function attachmentsText(
  t: TFunction,
  subject: string,
  files: readonly CaseAttachmentRecord[],
  names: Record<string, string>,
  timezone: string,
): string {
  const lines = [t("attachments.title", { subject })];
  if (files.length === 0) lines.push(t("attachments.none"));
  files.slice(0, SHOWN).forEach((f, i) => {
    const parts = [`${i + 1}. ${f.fileName || t("attachments.unnamed")}`];
    const by = f.addedBy !== undefined ? names[String(f.addedBy)] : undefined;
    if (by) parts.push(by);
    parts.push(formatRussianDate(localDateIn(f.createdAt, timezone)));
    const size = sizeText(t, f.size);
    if (size) parts.push(size);
    lines.push(parts.join(" — "));
  });
  if (files.length > SHOWN) lines.push(t("attachments.more", { count: files.length - SHOWN }));
  return truncate(lines.join("\n"), MESSAGE_LIMIT);
}

export function attachmentsKeyboard(t: TFunction, caseId: number, files: readonly CaseAttachmentRecord[], canAdd: boolean): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  files.slice(0, SHOWN).forEach((f, i) => {
    keyboard
      .text(
        `📄 ${i + 1}. ${truncate(f.fileName || t("attachments.unnamed"), 40)}`,
        ATTACHMENT_DATA.get.encode({ action: "g", caseId, fileId: f.id }),
      )
      .row();
  });
  if (canAdd) keyboard.text(t("attachments.buttons.add"), ATTACHMENT_DATA.add.encode({ action: "a", caseId })).row();
  return keyboard.text(t("card.buttons.card"), cardData("open", caseId));
}
