import http from "node:http";
import type { AddressInfo } from "node:net";

/*
 * A local HTTP stand-in for the Bot API, enough for grammY and @grammyjs/runner: a real bot
 * process pointed at it with TELEGRAM_API_ROOT starts, long-polls and answers as with Telegram.
 * Any token is accepted. Updates are queued with `push`; `getUpdates` returns them, or waits up to
 * its `timeout` like Telegram's long poll.
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

export interface BotApiStandIn {
  /** For TELEGRAM_API_ROOT: `http://127.0.0.1:PORT`. */
  root: string;
  calls: StandInCall[];
  /** Messages the bot sent or edited, in order. */
  replies: StandInReply[];
  /** performance.now() at the first getUpdates, once it came. */
  firstGetUpdatesAt(): number | undefined;
  /** Queues an update (its `update_id` is given when missing) and wakes a waiting getUpdates. */
  push(update: Record<string, unknown>): void;
  /** Resolves with performance.now() of the first getUpdates. */
  waitForGetUpdates(timeoutMs?: number): Promise<number>;
  /** Resolves once `count` replies in all have arrived. */
  waitForReplies(count: number, timeoutMs?: number): Promise<void>;
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

export function startBotApiStandIn(): Promise<BotApiStandIn> {
  const calls: StandInCall[] = [];
  const replies: StandInReply[] = [];
  const queue: Record<string, unknown>[] = [];
  /** Long polls waiting for an update: each answers with what is queued from its offset on. */
  const polls = new Set<{ offset: number; limit: number; answer: (updates: unknown[]) => void }>();
  const watchers = new Set<() => void>();
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
      const method = match[1]!;
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: any = {};
      if (raw && req.headers["content-type"]?.startsWith("application/json")) body = JSON.parse(raw);
      const at = performance.now();
      calls.push({ method, at, body });
      const reply = (result: unknown) => {
        if (!res.writableEnded) res.end(JSON.stringify({ ok: true, result }));
      };
      if (REPLY_METHODS.has(method)) {
        replies.push({ method, chatId: body.chat_id, text: body.text ?? body.caption });
        notify();
      }
      switch (method) {
        case "getMe":
          return reply(STAND_IN_BOT_INFO);
        case "getUpdates": {
          if (firstGetUpdates === undefined) {
            firstGetUpdates = at;
            notify();
          }
          const offset = Number(body.offset ?? 0);
          const limit = Number(body.limit ?? 100);
          const ready = due(offset, limit);
          if (ready.length > 0 || closing) return reply(ready);
          const poll = {
            offset,
            limit,
            answer: (updates: unknown[]) => {
              clearTimeout(timer);
              polls.delete(poll);
              reply(updates);
            },
          };
          const timer = setTimeout(() => poll.answer([]), Number(body.timeout ?? 0) * 1000);
          polls.add(poll);
          // A client that gives up (the bot stopping) takes its long poll with it.
          res.once("close", () => {
            clearTimeout(timer);
            polls.delete(poll);
          });
          return;
        }
        case "sendMessage":
        case "sendDocument":
        case "sendPhoto":
          return reply({
            message_id: nextMessageId++,
            date: Math.floor(Date.now() / 1000),
            chat: { id: body.chat_id ?? 0, type: "private" },
            text: body.text,
          });
        case "editMessageText":
          return reply(
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
          return reply(true);
      }
    });
  });

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

  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        root: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
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
        waitForGetUpdates: (timeoutMs = 30_000) => waitUntil(() => firstGetUpdates, timeoutMs, "getUpdates"),
        waitForReplies: (count, timeoutMs = 30_000) =>
          waitUntil(() => (replies.length >= count ? true : undefined), timeoutMs, `${count} replies`).then(() => undefined),
        async close() {
          closing = true;
          for (const poll of polls) poll.answer([]);
          await new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          });
        },
      }),
    ),
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
