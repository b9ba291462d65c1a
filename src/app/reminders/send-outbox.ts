import { randomUUID } from "node:crypto";
import type { Db } from "../../db/open-database.js";
import { pickLanguage, type I18n } from "../../i18n.js";
import type { Logger } from "../../logger.js";
import type { ProductionYear } from "../../domain/calendar/production-calendar.js";
import type { RegulationCatalog } from "../../domain/regulation/catalog.js";
import { groupMessages, type MessagePlan, type OutboxItem } from "../../domain/reminders/group-messages.js";
import { DIGEST_KINDS, ESCALATION_KINDS, type NotificationPayload } from "../../domain/reminders/notification.js";
import { deliver, DEFAULT_RETRY_POLICY, type MessageApi, type RetryPolicy } from "../../delivery/deliver.js";
import { createPacer, realSleep } from "../../delivery/pacer.js";
import { createOutboxRepository, type ClaimedRow } from "../../repositories/outbox-repository.js";
import { createReminderRepository } from "../../repositories/reminder-repository.js";
import { composeMessage } from "./compose-message.js";
import { noticeUnreachable } from "./notice-unreachable.js";

export interface OutboxSenderDeps {
  db: Db;
  api: MessageApi;
  i18n: I18n;
  regulations: RegulationCatalog;
  productionYears: readonly ProductionYear[];
  logger: Logger;
  now: () => Date;
}

export interface OutboxSenderOptions {
  /** Messages per second overall (default 25). */
  ratePerSecond?: number;
  /** Least time between two messages to one chat (default 1000 ms). */
  perChatIntervalMs?: number;
  /** Rows claimed at a time (default: two seconds' worth). */
  batchSize?: number;
  /** A claim this old is taken to belong to a dead process (default 10 min). */
  leaseMs?: number;
  /** The same for urgent rows (SOS, urgent outcomes), claimed apart in small batches (default 30 s, at most 60 s). */
  urgentLeaseMs?: number;
  /** Urgent rows claimed at a time (default 5): few are held should this process die. */
  urgentBatchSize?: number;
  /** Pause between looks at an empty outbox (default 1 s). */
  pollMs?: number;
  workerId?: string;
  retry?: RetryPolicy;
  /** Monotonic clock and sleep for pacing (tests drive them). */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface OutboxSender {
  /** Claims and sends until nothing is due, then resolves with the number of rows handled. */
  drain(): Promise<number>;
  /** Runs until stop(): sends whatever falls due. */
  start(): void;
  /** Finishes the messages in flight and stops. */
  stop(): Promise<void>;
}

const GROUPED_KINDS = [...DIGEST_KINDS, ...ESCALATION_KINDS];

export const DEFAULT_URGENT_LEASE_MS = 30_000;
/** An urgent alert is never held longer than this by a sender that died. */
export const MAX_URGENT_LEASE_MS = 60_000;

/**
 * Drains the outbox: claims due rows with a lease, gathers them into messages, sends them paced
 * and marks each row sent with its Telegram message id right after its message went out. A
 * process killed in between leaves its rows claimed; after the lease they are claimed again, so
 * at most the messages in flight at that moment go out twice.
 */
export function createOutboxSender(deps: OutboxSenderDeps, options: OutboxSenderOptions = {}): OutboxSender {
  const rate = options.ratePerSecond ?? 25;
  const batchSize = options.batchSize ?? Math.max(10, Math.ceil(rate * 2));
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  const urgentLeaseMs = Math.min(options.urgentLeaseMs ?? DEFAULT_URGENT_LEASE_MS, MAX_URGENT_LEASE_MS);
  const urgentBatchSize = options.urgentBatchSize ?? 5;
  const perChatIntervalMs = options.perChatIntervalMs ?? 1000;
  const pollMs = options.pollMs ?? 1000;
  const workerId = options.workerId ?? `send:${randomUUID()}`;
  const sleep = options.sleep ?? realSleep;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const pacer = createPacer({ ratePerSecond: rate, perChatIntervalMs, ...(options.clock ? { clock: options.clock } : {}), sleep });
  const outbox = createOutboxRepository(deps.db);
  const people = createReminderRepository(deps.db);
  const log = deps.logger.child({ worker: workerId });

  async function claim(limit: number): Promise<{ messages: MessagePlan[]; claimed: number }> {
    const now = deps.now();
    const leaseUntil = new Date(now.getTime() + leaseMs);
    // Urgent rows first, a few at a time under a short lease: a crash holds an alert a minute at most.
    let rows = await outbox.claim(workerId, now, new Date(now.getTime() + urgentLeaseMs), Math.min(limit, urgentBatchSize), {
      urgent: true,
      perChatIntervalMs,
    });
    if (rows.length === 0) rows = await outbox.claim(workerId, now, leaseUntil, limit, { urgent: false, perChatIntervalMs });
    if (rows.length === 0) return { messages: [], claimed: 0 };
    const grouped = [...new Set(rows.filter((r) => GROUPED_KINDS.includes(r.kind as never)).map((r) => r.userId))];
    rows.push(...(await outbox.claimMoreFor(workerId, now, leaseUntil, grouped, GROUPED_KINDS)));
    const items: OutboxItem[] = [];
    const broken: number[] = [];
    for (const row of rows) {
      const item = parse(row);
      if (item) items.push(item);
      else broken.push(row.id);
    }
    await outbox.finish(broken, "failed", "payload is not valid JSON");
    const { messages, expired } = groupMessages(items, now);
    await outbox.finish(
      expired.map((i) => i.id),
      "expired",
    );
    return { messages, claimed: rows.length };
  }

  async function send(message: MessagePlan): Promise<void> {
    const ids = message.items.map((i) => i.id);
    try {
      const person = (await people.recipients([message.userId])).get(message.userId);
      if (!person || !person.reachable || person.chatId === null) {
        await outbox.finish(ids, "unreachable", "the recipient cannot be reached");
        return;
      }
      const lang = pickLanguage(person.language, undefined);
      const composed = composeMessage(deps.i18n.t(lang), lang, deps.regulations, message);
      const result = await deliver(
        deps.api,
        {
          chatId: person.chatId,
          text: composed.text,
          ...(composed.replyMarkup ? { replyMarkup: composed.replyMarkup } : {}),
          ...(composed.document ? { document: composed.document } : {}),
        },
        { pacer, retry, sleep, onMigrated: (from, to) => people.moveChat(from, to) },
      );
      switch (result.kind) {
        case "sent":
          await outbox.markSent(ids, result.messageIds[0]!, deps.now());
          return;
        case "retryLater":
          log.warn({ rows: ids, error: result.error }, "message put back for later");
          await outbox.retryLater(ids, new Date(deps.now().getTime() + result.afterMs), result.error);
          return;
        case "failed":
          log.error({ rows: ids, error: result.error }, "Telegram refused a message");
          await outbox.finish(ids, "failed", result.error);
          return;
        case "unreachable":
          log.warn({ user: message.userId, error: result.error }, "recipient unreachable");
          await outbox.finish(ids, "unreachable", result.error);
          if (await people.markUnreachable(message.userId)) {
            await noticeUnreachable(deps, { userId: message.userId, schoolId: message.items[0]!.schoolId });
          }
          return;
      }
    } catch (error) {
      // The rows stay claimed and are taken up again when the lease runs out.
      log.error({ err: error, rows: ids }, "sending a message failed");
    }
  }

  /*
   * One person's messages go one after the other (the pacer spaces them anyway): an urgent row and
   * a digest claimed a moment apart must not both be tried when the first one finds the bot
   * blocked — the second then reads the person as unreachable and is not sent.
   */
  const lastOfPerson = new Map<number, Promise<void>>();
  function sendAfterEarlier(message: MessagePlan): Promise<void> {
    const earlier = lastOfPerson.get(message.userId);
    // Nothing earlier for this person: start now, as every other send does.
    const next = earlier ? earlier.then(() => send(message)) : send(message);
    lastOfPerson.set(message.userId, next);
    void next.finally(() => {
      if (lastOfPerson.get(message.userId) === next) lastOfPerson.delete(message.userId);
    });
    return next;
  }

  let stopping = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  async function run(untilIdle: boolean): Promise<number> {
    const inFlight = new Set<Promise<void>>();
    let handled = 0;
    while (!stopping) {
      if (inFlight.size >= batchSize) {
        await Promise.race(inFlight);
        continue;
      }
      let batch: Awaited<ReturnType<typeof claim>>;
      try {
        batch = await claim(batchSize - inFlight.size);
      } catch (error) {
        log.error({ err: error }, "claiming from the outbox failed");
        batch = { messages: [], claimed: 0 };
        if (untilIdle) throw error;
      }
      handled += batch.claimed;
      for (const message of batch.messages) {
        const sending: Promise<void> = sendAfterEarlier(message).finally(() => inFlight.delete(sending));
        inFlight.add(sending);
      }
      if (batch.claimed > 0) continue;
      if (inFlight.size > 0) {
        await Promise.race(inFlight);
        continue;
      }
      if (untilIdle) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, pollMs);
      });
    }
    await Promise.all(inFlight);
    return handled;
  }

  return {
    drain: () => run(true),
    start() {
      if (loop) return;
      stopping = false;
      loop = run(false).then(
        () => undefined,
        (error) => log.error({ err: error }, "the sender stopped"),
      );
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      loop = undefined;
    },
  };
}

function parse(row: ClaimedRow): OutboxItem | undefined {
  try {
    return {
      id: row.id,
      userId: row.userId,
      kind: row.kind,
      urgent: row.urgent,
      schoolId: row.schoolId,
      payload: JSON.parse(row.payload) as NotificationPayload,
    };
  } catch {
    return undefined;
  }
}
