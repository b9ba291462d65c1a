import type { UserFromGetMe } from "grammy/types";

/**
 * A stand-in for the Bot API at the HTTP client boundary: grammY's own client serialises every
 * call and hands it to this `fetch`, inside conversations too. It records the calls and answers
 * like Telegram does.
 */
export interface ApiCall {
  method: string;
  payload: Record<string, any>;
}

export type Responder = (
  payload: Record<string, any>,
) => { ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: Record<string, unknown> };

export const TEST_BOT_INFO: UserFromGetMe = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: "Классрук",
  username: "klassruk_test_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  private readonly responders = new Map<string, Responder>();
  private nextMessageId = 1000;
  /** Files users "sent": file_id → content, served by getFile and the file endpoint. */
  readonly files = new Map<string, Uint8Array>();

  /** Answer a method differently (e.g. 403 for a blocked user, or a refused setMyCommands). */
  respond(method: string, responder: Responder) {
    this.responders.set(method, responder);
  }

  readonly fetch = async (input: unknown, init?: { body?: unknown }): Promise<Response> => {
    const url = String(input);
    const download = /\/file\/bot[^/]+\/files\/(.+)$/.exec(url);
    if (download) {
      const content = this.files.get(decodeURIComponent(download[1]!));
      return new Response(content ? Buffer.from(content) : "Not Found", { status: content ? 200 : 404 });
    }
    const method = url.slice(url.lastIndexOf("/") + 1);
    const payload = await readPayload(init?.body);
    this.calls.push({ method, payload });
    const custom = this.responders.get(method);
    const body = custom ? custom(payload) : { ok: true as const, result: this.defaultResult(method, payload) };
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  };

  private defaultResult(method: string, payload: Record<string, any>): unknown {
    const date = Math.floor(Date.now() / 1000);
    switch (method) {
      case "getMe":
        return TEST_BOT_INFO;
      case "sendMessage":
      case "sendDocument":
      case "sendPhoto":
        return {
          message_id: this.nextMessageId++,
          date,
          chat: { id: Number(payload.chat_id), type: "private" },
          text: payload.text,
          reply_markup: payload.reply_markup,
        };
      case "getFile": {
        const content = this.files.get(String(payload.file_id));
        return {
          file_id: payload.file_id,
          file_unique_id: payload.file_id,
          file_size: content?.length ?? 0,
          file_path: `files/${payload.file_id}`,
        };
      }
      case "answerInlineQuery":
        return true;
      case "editMessageText":
        return { message_id: Number(payload.message_id), date, chat: { id: Number(payload.chat_id), type: "private" }, text: payload.text };
      default:
        return true;
    }
  }

  /** Calls that put something in front of a chat: messages and edits. */
  messagesTo(chatId: number): ApiCall[] {
    return this.calls.filter(
      (c) =>
        ["sendMessage", "editMessageText", "editMessageReplyMarkup", "sendDocument"].includes(c.method) &&
        Number(c.payload.chat_id) === chatId,
    );
  }

  clear() {
    this.calls.length = 0;
  }
}

async function readPayload(body: unknown): Promise<Record<string, any>> {
  if (body === undefined || body === null) return {};
  if (typeof body === "string") return JSON.parse(body) as Record<string, any>;
  // Multipart uploads (documents) arrive as a stream; the tests read only their text fields.
  const text = await new Response(body as ConstructorParameters<typeof Response>[0]).text();
  try {
    return JSON.parse(text) as Record<string, any>;
  } catch {
    return { raw: text };
  }
}
