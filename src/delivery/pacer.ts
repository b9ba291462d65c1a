/*
 * Telegram's limits for bots: about 30 messages a second overall and one a second to a chat.
 * Every send waits for its chat's turn, then for a global slot; a 429 pauses every sender slot.
 */

export interface PacerOptions {
  /** Messages per second overall (default 25: under Telegram's ~30 with room for replies). */
  ratePerSecond: number;
  /** Least time between two messages to one chat (default 1000 ms). */
  perChatIntervalMs?: number;
  /** Monotonic milliseconds; `performance.now` unless a test drives time. */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface Pacer {
  /** Resolves when a message to `chatId` may go out; call it right before each send. */
  acquire(chatId: number): Promise<void>;
  /** Holds every send for `ms` (Telegram's retry_after). */
  pause(ms: number): void;
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

export function createPacer(options: PacerOptions): Pacer {
  const interval = 1000 / options.ratePerSecond;
  const perChat = options.perChatIntervalMs ?? 1000;
  const clock = options.clock ?? (() => performance.now());
  const sleep = options.sleep ?? realSleep;
  let nextSlot = 0;
  let pausedUntil = 0;
  const lastSent = new Map<number, number>();
  const queues = new Map<number, Promise<void>>();

  async function globalSlot(): Promise<void> {
    for (;;) {
      const now = clock();
      const slot = Math.max(now, nextSlot, pausedUntil);
      nextSlot = slot + interval;
      if (slot > now) await sleep(slot - now);
      // A pause that began while this send waited moves it behind the pause.
      if (clock() >= pausedUntil) return;
    }
  }

  function prune(now: number) {
    if (lastSent.size < 10_000) return;
    for (const [chat, at] of lastSent) if (now - at >= perChat && !queues.has(chat)) lastSent.delete(chat);
  }

  return {
    acquire(chatId) {
      const previous = queues.get(chatId) ?? Promise.resolve();
      const turn = previous.then(async () => {
        const last = lastSent.get(chatId);
        if (last !== undefined) {
          const wait = last + perChat - clock();
          if (wait > 0) await sleep(wait);
        }
        await globalSlot();
        const now = clock();
        lastSent.set(chatId, now);
        prune(now);
      });
      const settled = turn.catch(() => undefined);
      queues.set(chatId, settled);
      void settled.then(() => {
        if (queues.get(chatId) === settled) queues.delete(chatId);
      });
      return turn;
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, clock() + ms);
    },
  };
}
