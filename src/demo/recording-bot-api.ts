/**
 * The Bot API as the demo needs it: grammY's client hands every call to this `fetch`, which
 * answers like Telegram and reports what the bot sent, so the transcript shows real output.
 */
export interface RecordedCall {
  method: string;
  payload: Record<string, any>;
  /** The message the call produced or changed. */
  messageId?: number;
}

export interface InlineButton {
  text: string;
  callback_data?: string;
}

export class RecordingBotApi {
  readonly calls: RecordedCall[] = [];
  private nextMessageId = 1;

  constructor(private readonly onCall: (call: RecordedCall) => void) {}

  readonly fetch = async (input: unknown, init?: { body?: unknown }): Promise<Response> => {
    const url = String(input);
    const method = url.slice(url.lastIndexOf("/") + 1);
    const payload = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, any>) : {};
    const result = this.result(method, payload);
    const messageId = typeof result === "object" ? (result as { message_id: number }).message_id : undefined;
    const call = { method, payload, messageId };
    this.calls.push(call);
    this.onCall(call);
    return new Response(JSON.stringify({ ok: true, result }), {
      headers: { "content-type": "application/json" },
    });
  };

  private result(method: string, payload: Record<string, any>): unknown {
    const base = { date: 0, chat: { id: Number(payload.chat_id), type: "private" }, text: payload.text };
    if (method === "sendMessage" || method === "sendDocument") return { ...base, message_id: this.nextMessageId++ };
    if (method === "editMessageText") return { ...base, message_id: Number(payload.message_id) };
    return true;
  }

  /** The newest message or edit shown in `chatId` that has a button with this text. */
  findButton(chatId: number, text: string): { button: InlineButton; messageId: number } | undefined {
    for (const call of [...this.calls].reverse()) {
      if (Number(call.payload.chat_id) !== chatId) continue;
      const button = buttonsOf(call).find((b) => b.text === text);
      if (button) return { button, messageId: call.messageId ?? Number(call.payload.message_id ?? 0) };
    }
    return undefined;
  }
}

export function buttonsOf(call: RecordedCall): InlineButton[] {
  const markup = call.payload.reply_markup;
  if (markup?.inline_keyboard) return (markup.inline_keyboard as InlineButton[][]).flat();
  if (markup?.keyboard)
    return (markup.keyboard as (InlineButton | string)[][]).flat().map((b) => (typeof b === "string" ? { text: b } : b));
  return [];
}
