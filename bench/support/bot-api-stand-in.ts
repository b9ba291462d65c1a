import http from "node:http";
import type { AddressInfo } from "node:net";

/*
 * A stand-in for the Bot API, enough for grammY and @grammyjs/runner. Any token is accepted.
 * Updates are queued with `push`; `getUpdates` returns them, or waits up to its `timeout` like
 * Telegram's long poll.
 *
 * - `startBotApiStandIn()`: over local HTTP, for a real bot process pointed at it with
 *   TELEGRAM_API_ROOT (start bench, CI smoke, end-to-end bench).
 * - `createBotApiStandIn()`: the same answers without HTTP, through a `fetch` for grammY's client
 *   (`new Bot(token, { client: { fetch } })`), for bots inside the bench's own process.
 */

export interface StandInCall {
  method: string;
  /** performance.now() when the request arrived. */
  at: number;
  /** The JSON body; `{}` for a multipart upload (a document). */
  body: any;
}

export interface StandInReply {
  method: string;
  chatId: number | string | undefined;
  text: string | undefined;
}

export interface BotApiCore {
  /** Every call, in order (empty when created with `record: false`). */
  calls: StandInCall[];
  /** Messages the bot sent or edited, in order (empty when created with `record: false`). */
  replies: StandInReply[];
  /** performance.now() at the first getUpdates, once it came. */
  firstGetUpdatesAt(): number | undefined;
  /** Queues an update (its `update_id` is given when missing) and wakes a waiting getUpdates. */
  push(update: Record<string, unknown>): void;
  /** Called on every call as it arrives (before it is answered); returns a function that removes it. */
  onCall(listener: (call: StandInCall) => void): () => void;
  /** Resolves with performance.now() of the first getUpdates. */
  waitForGetUpdates(timeoutMs?: number): Promise<number>;
  /** Resolves once `count` replies in all have arrived (needs `record`). */
  waitForReplies(count: number, timeoutMs?: number): Promise<void>;
  /** Answers one call (the result of `{ ok: true, result }`); a long poll ends early when `signal` aborts. */
  call(method: string, body: any, signal?: AbortSignal): Promise<unknown>;
  /** Answers waiting long polls with nothing; later ones return at once. */
  close(): void;
}

export interface InProcessBotApi extends BotApiCore {
  /** For grammY's `client.fetch`: answers `…/bot<token>/<method>` from the core, no network. */
  fetch: (input: unknown, init?: { body?: unknown; signal?: AbortSignal | null }) => Promise<Response>;
}

export interface BotApiStandIn extends Omit<BotApiCore, "call" | "close"> {
  /** For TELEGRAM_API_ROOT: `http://127.0.0.1:PORT`. */
  root: string;
  close(): Promise<void>;
}

export const STAND_IN_BOT_INFO = {
  id: 7_000_000_002,
  is_bot: true,
  first_name: "Классрук",
  username: "klassruk_stand_in_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
};

const REPLY_METHODS = new Set(["sendMessage", "editMessageText", "sendDocument", "sendPhoto"]);

export function createBotApiStandIn({ record = true }: { record?: boolean } = {}): BotApiCore {
  const calls: StandInCall[] = [];
  const replies: StandInReply[] = [];
  const queue: Record<string, unknown>[] = [];
  /** Long polls waiting for an update: each answers with what is queued from its offset on. */
  const polls = new Set<{ offset: number; limit: number; answer: (updates: unknown[]) => void }>();
  const watchers = new Set<() => void>();
  const listeners = new Set<(call: StandInCall) => void>();
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let firstGetUpdates: number | undefined;
  let closing = false;

  const notify = () => {
    for (const watcher of watchers) watcher();
  };
  const due = (offset: number, limit: number) => {
    // Telegram forgets updates below the offset: they were confirmed.
    while (queue.length > 0 && (queue[0]!.update_id as number) < offset) queue.shift();
    return queue.slice(0, limit);
  };

  const waitUntil = <T>(check: () => T | undefined, timeoutMs: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const now = check();
      if (now !== undefined) return resolve(now);
      const timer = setTimeout(() => {
        watchers.delete(watcher);
        reject(new Error(`the bot did not reach ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const watcher = () => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        watchers.delete(watcher);
        resolve(value);
      };
      watchers.add(watcher);
    });

  const call = (method: string, body: any, signal?: AbortSignal): Promise<unknown> => {
    const at = performance.now();
    const entry = { method, at, body };
    if (record) calls.push(entry);
    for (const listener of listeners) listener(entry);
    if (REPLY_METHODS.has(method)) {
      if (record) replies.push({ method, chatId: body.chat_id, text: body.text ?? body.caption });
      notify();
    }
    switch (method) {
      case "getMe":
        return Promise.resolve(STAND_IN_BOT_INFO);
      case "getUpdates": {
        if (firstGetUpdates === undefined) {
          firstGetUpdates = at;
          notify();
        }
        const offset = Number(body.offset ?? 0);
        const limit = Number(body.limit ?? 100);
        const ready = due(offset, limit);
        if (ready.length > 0 || closing) return Promise.resolve(ready);
        return new Promise((resolve) => {
          const poll = {
            offset,
            limit,
            answer: (updates: unknown[]) => {
              clearTimeout(timer);
              polls.delete(poll);
              signal?.removeEventListener("abort", abandon);
              resolve(updates);
            },
          };
          const timer = setTimeout(() => poll.answer([]), Number(body.timeout ?? 0) * 1000);
          // A client that gives up (the bot stopping) takes its long poll with it.
          const abandon = () => poll.answer([]);
          signal?.addEventListener("abort", abandon, { once: true });
          polls.add(poll);
        });
      }
      case "sendMessage":
      case "sendDocument":
      case "sendPhoto":
        return Promise.resolve({
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: body.chat_id ?? 0, type: "private" },
          text: body.text,
        });
      case "editMessageText":
        return Promise.resolve(
          body.inline_message_id
            ? true
            : {
                message_id: body.message_id,
                date: Math.floor(Date.now() / 1000),
                edit_date: Math.floor(Date.now() / 1000),
                chat: { id: body.chat_id, type: "private" },
                text: body.text,
              },
        );
      default:
        // answerCallbackQuery, deleteWebhook, setMyCommands, setChatMenuButton, ...
        return Promise.resolve(true);
    }
  };

  return {
    calls,
    replies,
    firstGetUpdatesAt: () => firstGetUpdates,
    push(update) {
      const full = { ...update, update_id: (update.update_id as number | undefined) ?? nextUpdateId };
      nextUpdateId = Math.max(nextUpdateId, full.update_id as number) + 1;
      queue.push(full);
      for (const poll of polls) {
        const ready = due(poll.offset, poll.limit);
        if (ready.length > 0) poll.answer(ready);
      }
    },
    onCall(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitForGetUpdates: (timeoutMs = 30_000) => waitUntil(() => firstGetUpdates, timeoutMs, "getUpdates"),
    waitForReplies: (count, timeoutMs = 30_000) =>
      waitUntil(() => (replies.length >= count ? true : undefined), timeoutMs, `${count} replies`).then(() => undefined),
    call,
    close() {
      closing = true;
      for (const poll of polls) poll.answer([]);
    },
  };
}

/** The stand-in inside this process: grammY's client calls `fetch`, which never leaves the process. */
export function createInProcessBotApi(options: { record?: boolean } = {}): InProcessBotApi {
  const core = createBotApiStandIn(options);
  return {
    ...core,
    async fetch(input, init) {
      const url = String(input);
      const method = url.slice(url.lastIndexOf("/") + 1);
      const signal = init?.signal ?? undefined;
      const raw = typeof init?.body === "string" ? init.body : "";
      const result = await core.call(method, raw ? JSON.parse(raw) : {}, signal);
      if (signal?.aborted) throw signal.reason ?? new Error("aborted");
      return new Response(JSON.stringify({ ok: true, result }), { status: 200, headers: { "content-type": "application/json" } });
    },
  };
}

/** The stand-in on a local HTTP port, for a bot in another process. */
export function startBotApiStandIn(): Promise<BotApiStandIn> {
  const core = createBotApiStandIn();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      const match = /^\/bot[^/]+\/(\w+)$/.exec(req.url ?? "");
      if (!match) {
        res.writeHead(404).end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
        return;
      }
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: any = {};
      if (raw && req.headers["content-type"]?.startsWith("application/json")) body = JSON.parse(raw);
      const gone = new AbortController();
      // A client that gives up (the bot stopping) takes its long poll with it.
      res.once("close", () => gone.abort());
      void core.call(match[1]!, body, gone.signal).then((result) => {
        if (!res.writableEnded) res.end(JSON.stringify({ ok: true, result }));
      });
    });
  });

  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { call: _call, close: closeCore, ...rest } = core;
      resolve({
        ...rest,
        root: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        async close() {
          closeCore();
          await new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          });
        },
      });
    }),
  );
}

/** A private text message from a user, as Telegram would send it (commands get their entity). */
export function textUpdate(from: { id: number; first_name: string }, text: string): Record<string, unknown> {
  const command = /^\/\w+/.exec(text);
  return {
    message: {
      message_id: Math.floor(Math.random() * 1e6),
      date: Math.floor(Date.now() / 1000),
      chat: { id: from.id, type: "private", first_name: from.first_name },
      from: { ...from, is_bot: false, language_code: "ru" },
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    },
  };
}

/** A press on an inline button under message `messageId` of the bot's, in the user's private chat. */
export function callbackUpdate(from: { id: number; first_name: string }, data: string, messageId = 1): Record<string, unknown> {
  return {
    callback_query: {
      id: String(Math.floor(Math.random() * 1e12)),
      from: { ...from, is_bot: false, language_code: "ru" },
      chat_instance: `ci${from.id}`,
      data,
      message: {
        message_id: messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: from.id, type: "private", first_name: from.first_name },
        from: { ...STAND_IN_BOT_INFO },
        text: "…",
      },
    },
  };
}
