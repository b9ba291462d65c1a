import os from "node:os";
import { cardData } from "../../src/bot/views/callback-data.js";
import type { BenchTeacher } from "./bench-school.js";
import { callbackUpdate, textUpdate, type StandInCall } from "./bot-api-stand-in.js";

/*
 * The load the bot benches put on a bot through the Bot API stand-in (in the bench's process or
 * over HTTP), the same for Klassruk and the bare bot:
 * - texts: each teacher sends /help and their student's surname, one after the other;
 * - presses: each teacher presses «open the card» of their case (`cc:o:<case>`, a button /cases
 *   and the lookup show).
 * An update counts as answered when the bot's last call for it arrives at the stand-in:
 * sendMessage to the chat for a text, answerCallbackQuery with the query's id for a press.
 */

export type Workload = "texts" | "presses";
export const WORKLOADS: readonly Workload[] = ["texts", "presses"];

export interface UpdateTarget {
  push(update: Record<string, unknown>): void;
  onCall(listener: (call: StandInCall) => void): () => void;
}

export interface BotLoad {
  /** Sends the n-th update of the workload from this teacher; resolves when it is answered. */
  send(teacher: BenchTeacher, workload: Workload, n: number): Promise<void>;
  /** The calls answering the updates sent since the last `take` (kept only while `keep` is on). */
  take(): StandInCall[];
  keep(on: boolean): void;
  /** Messages to a chat that no update was waiting for (a reminder from the outbox, a second answer): should stay 0. */
  unexpected(): number;
  close(): void;
}

const ANSWER_TIMEOUT_MS = 30_000;

export function createBotLoad(target: UpdateTarget): BotLoad {
  /** Per chat, in order: updates of one chat are answered in order (the runner's sequentialize). */
  const byChat = new Map<number, (() => void)[]>();
  const byQuery = new Map<string, () => void>();
  let kept: StandInCall[] | undefined;
  let unexpected = 0;
  const stop = target.onCall((call) => {
    if (kept && call.method !== "getUpdates") kept.push(call);
    if (call.method === "sendMessage") {
      const waiting = byChat.get(Number(call.body.chat_id))?.shift();
      if (waiting) waiting();
      else unexpected++;
    } else if (call.method === "answerCallbackQuery") {
      const id = String(call.body.callback_query_id);
      byQuery.get(id)?.();
      byQuery.delete(id);
    }
  });

  const answered = (register: (done: () => void) => void, what: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${ANSWER_TIMEOUT_MS} ms`)), ANSWER_TIMEOUT_MS);
      register(() => {
        clearTimeout(timer);
        resolve();
      });
    });

  return {
    send(teacher, workload, n) {
      const from = teacher.telegram;
      if (workload === "texts") {
        const text = n % 2 === 0 ? "/help" : teacher.surname;
        const done = answered((resolve) => {
          let waiting = byChat.get(from.id);
          if (!waiting) byChat.set(from.id, (waiting = []));
          waiting.push(resolve);
        }, `«${text}» from ${from.id}`);
        target.push(textUpdate(from, text));
        return done;
      }
      const update = callbackUpdate(from, cardData("open", teacher.caseId));
      const id = (update.callback_query as { id: string }).id;
      const done = answered((resolve) => byQuery.set(id, resolve), `a press from ${from.id}`);
      target.push(update);
      return done;
    },
    take() {
      const calls = kept ?? [];
      if (kept) kept = [];
      return calls;
    },
    keep(on) {
      kept = on ? [] : undefined;
    },
    unexpected: () => unexpected,
    close: () => void stop(),
  };
}

/** Every teacher sends `perTeacher` updates, each after the previous one was answered; the wall time in ms. */
export async function closedLoop(load: BotLoad, teachers: BenchTeacher[], workload: Workload, perTeacher: number): Promise<number> {
  const started = performance.now();
  await Promise.all(
    teachers.map(async (teacher) => {
      for (let n = 0; n < perTeacher; n++) await load.send(teacher, workload, n);
    }),
  );
  return performance.now() - started;
}

/** Updates at a steady `rate` per second for `seconds`, round robin over the teachers; each one's time to its answer, sorted. */
export async function steadyRate(
  load: BotLoad,
  teachers: BenchTeacher[],
  workload: Workload,
  rate: number,
  seconds: number,
): Promise<number[]> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let n = 0; n < rate * seconds; n++) {
    const wait = started + (n * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    const teacher = teachers[n % teachers.length]!;
    pending.push(load.send(teacher, workload, Math.floor(n / teachers.length)).then(() => void latencies.push(performance.now() - t0)));
  }
  await Promise.all(pending);
  return latencies.sort((a, b) => a - b);
}

export function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The 1-minute load average, for the figures. */
export function loadAverage(): string {
  return os.loadavg()[0]!.toFixed(2);
}
