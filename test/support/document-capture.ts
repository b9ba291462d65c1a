import { unzipSync, strFromU8 } from "fflate";
import { FakeTelegram } from "./fake-telegram.js";

/** A document the bot uploaded: the chat, the file name and the bytes as sent. */
export interface CapturedDocument {
  chatId: number;
  fileName: string;
  caption: string;
  /** Inline buttons sent with the document: text and callback data. */
  buttons: { text: string; callback_data: string }[];
  bytes: Uint8Array;
}

/**
 * A FakeTelegram that also keeps the files of multipart uploads (sendDocument), so a test can
 * open the DOCX the bot really sent. Everything else behaves like FakeTelegram.
 */
export class DocumentCapturingTelegram extends FakeTelegram {
  readonly documents: CapturedDocument[] = [];

  constructor() {
    super();
    const base = this.fetch;
    Object.defineProperty(this, "fetch", {
      value: async (input: unknown, init?: { body?: unknown }) => {
        const body = init?.body;
        if (body && typeof body === "object" && !(body instanceof Uint8Array) && typeof body !== "string") {
          const bytes = new Uint8Array(await new Response(body as ConstructorParameters<typeof Response>[0]).arrayBuffer());
          const parsed = parseMultipart(Buffer.from(bytes));
          if (parsed.file) {
            this.documents.push({
              chatId: Number(parsed.fields.chat_id),
              fileName: parsed.file.name,
              caption: parsed.fields.caption ?? "",
              buttons: buttonsIn(parsed.fields.reply_markup),
              bytes: parsed.file.bytes,
            });
          }
          return base(input, { ...init, body: bytes });
        }
        return base(input, init);
      },
    });
  }
}

function parseMultipart(buffer: Buffer): { fields: Record<string, string>; file?: { name: string; bytes: Uint8Array } } {
  const firstLine = buffer.indexOf("\r\n");
  const boundary = buffer.subarray(0, firstLine).toString();
  const fields: Record<string, string> = {};
  let file: { name: string; bytes: Uint8Array } | undefined;
  let position = firstLine + 2;
  for (;;) {
    const next = buffer.indexOf(`\r\n${boundary}`, position);
    if (next < 0) break;
    const part = buffer.subarray(position, next);
    const headerEnd = part.indexOf("\r\n\r\n");
    const headers = part.subarray(0, headerEnd).toString();
    const content = part.subarray(headerEnd + 4);
    const name = /;name="([^"]+)"/.exec(headers)?.[1] ?? "";
    const filename = /filename="?([^"\r\n]+)"?/.exec(headers)?.[1];
    if (filename !== undefined) file = { name: filename, bytes: new Uint8Array(content) };
    else fields[name] = content.toString();
    position = next + boundary.length + 4;
  }
  return { fields, ...(file ? { file } : {}) };
}

/** The paragraphs of a DOCX (word/document.xml), as plain text lines. */
export function docxParagraphs(bytes: Uint8Array): string[] {
  const xml = strFromU8(unzipSync(bytes)["word/document.xml"]!);
  return xml
    .split("</w:p>")
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""))
    .map((text) =>
      text
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, "&"),
    )
    .filter((text) => text.length > 0);
}

function buttonsIn(markup: string | undefined): { text: string; callback_data: string }[] {
  if (!markup) return [];
  const parsed = JSON.parse(markup) as { inline_keyboard?: { text: string; callback_data: string }[][] };
  return parsed.inline_keyboard?.flat() ?? [];
}
