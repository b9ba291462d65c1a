import type { Db } from "../db/open-database.js";
import type { PlannedNotification } from "../domain/reminders/notification.js";
import type { Tx } from "./case-repository.js";
import { readRaw, writeRaw } from "../db/raw-sql.js";

/*
 * The outbox table. Inserting and claiming are single SQL statements that both providers run
 * atomically: `INSERT ... ON CONFLICT ("key") DO NOTHING` (so two planners never store a key
 * twice, with no `skipDuplicates`), and `UPDATE ... WHERE id IN (SELECT ... LIMIT n) RETURNING`
 * (PostgreSQL adds FOR UPDATE SKIP LOCKED; SQLite serialises writers anyway).
 *
 * Statuses: pending → sending (claimed, with a lease) → sent | failed | unreachable | expired.
 * A pending row with a lease is held (by a planner still gathering a digest); a sending row whose
 * lease ran out belongs to a process that died and is claimed again.
 */

export type Provider = "sqlite" | "postgresql";

export function providerOfClient(db: Db): Provider {
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgresql" : "sqlite";
}

/** Placeholders in order: "$1, $2" on PostgreSQL, "?, ?" on SQLite. */
export function placeholders(provider: Provider) {
  let n = 0;
  return () => (provider === "postgresql" ? `$${++n}` : "?");
}

export interface ClaimedRow {
  id: number;
  schoolId: number;
  userId: number;
  key: string;
  kind: string;
  payload: string;
  urgent: boolean;
  attempts: number;
}

export type FinalStatus = "failed" | "unreachable" | "expired";

/** Least time between two messages to one person, kept across senders (0: no check). */
export interface Pace {
  perChatIntervalMs: number;
}

/*
 * New rows travel in one statement per chunk. SQLite gets one JSON parameter, each row an array
 * [schoolId, userId, key, kind, payload, urgent, notBefore], walked in the binary form (jsonb) so
 * that no element is parsed again for each field, with each payload as a nested JSON value stored
 * as its text: every byte of a parameter passes through Prisma's query compiler, escaped once more
 * at each level, and a nested payload makes a row about a third shorter. PostgreSQL gets one array
 * per column, unnested: it reads a city's first run of a day with a third less of its CPU than
 * json_to_recordset read the same rows as objects (bench/RESULTS.md).
 * Urgent rows are never held: they go out at once.
 */
const INSERT_CHUNK = 2000;
const INSERT_COLUMNS = `"schoolId", "userId", "caseId", "key", "kind", "payload", "urgent", "notBefore", "createdAt"`;
// `WHERE true` keeps ON CONFLICT from parsing as part of a join.
const INSERT_SQLITE =
  `INSERT INTO "Notification" (${INSERT_COLUMNS}) ` +
  `SELECT s, u, c, k, t, p, g, n, ? ` +
  `FROM (SELECT value ->> 0 AS s, value ->> 1 AS u, value ->> 2 AS k, value ->> 3 AS t, value -> 4 AS p, value ->> 5 AS g, value ->> 6 AS n, value ->> 7 AS c FROM json_each(jsonb(?))) ` +
  `WHERE true ON CONFLICT ("key") DO NOTHING`;
const INSERT_POSTGRES =
  `INSERT INTO "Notification" (${INSERT_COLUMNS}) ` +
  `SELECT x.s, x.u, x.c, x.k, x.t::"NotificationKind", x.p, x.g, x.n, $9::timestamp(3) ` +
  `FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::text[], string_to_array($6, chr(31)), $7::boolean[], $8::timestamp(3)[]) AS x(s, u, c, k, t, p, g, n) ` +
  `ON CONFLICT ("key") DO NOTHING`;

/**
 * The payloads travel as one text, split by the database (`string_to_array`) at U+001F: a JSON
 * text never holds a control character (JSON escapes them inside strings), so the separator cannot
 * occur in one, and nothing needs quoting. As an array literal every `"` of every payload was
 * quoted: a city's day of rows cost 0.8–0.9 s of the planner's CPU to send that way, 0.5–0.6 s this way.
 */
const PAYLOAD_SEPARATOR = "\u001f";

/**
 * The rows as PostgreSQL's insert takes them: one array literal per column (the payloads: one
 * text, see PAYLOAD_SEPARATOR), in INSERT_POSTGRES's order. Texts, not JavaScript arrays: the pool
 * and Prisma (in a transaction, writeRaw goes through it) send a text parameter alike.
 */
function columnsOf(rows: readonly PlannedNotification[], stamp: (d: Date) => string): string[] {
  return [
    numberArray(rows.map((row) => row.schoolId)),
    numberArray(rows.map((row) => row.userId)),
    numberArray(rows.map((row) => row.caseId ?? null)),
    textArray(rows.map((row) => row.key)),
    textArray(rows.map((row) => row.kind)),
    rows.map((row) => JSON.stringify(row.payload)).join(PAYLOAD_SEPARATOR),
    `{${rows.map((row) => (row.urgent ? "t" : "f")).join(",")}}`,
    textArray(rows.map((row) => stamp(row.notBefore))),
  ];
}

/** Integers as a PostgreSQL array literal, to send as one text parameter cast to `int[]`. */
export const numberArray = (values: readonly (number | null)[]) => `{${values.map((v) => (v === null ? "NULL" : String(v))).join(",")}}`;

/** Inside an element's double quotes only `"` and `\` are escaped. */
const textArray = (values: readonly string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;

/**
 * The rows in statements of about `size`, one person's rows never split across two (so that the
 * sender sees them arrive together), each person's in the order planned.
 */
export function byPerson(rows: readonly PlannedNotification[], size: number): (readonly PlannedNotification[])[] {
  if (rows.length <= size) return rows.length > 0 ? [rows] : [];
  // People in the order they first appear, each with their rows in order.
  const people = new Map<number, PlannedNotification[]>();
  for (const row of rows) {
    const own = people.get(row.userId);
    if (own) own.push(row);
    else people.set(row.userId, [row]);
  }
  const chunks: PlannedNotification[][] = [];
  let chunk: PlannedNotification[] = [];
  for (const own of people.values()) {
    if (chunk.length > 0 && chunk.length + own.length > size) {
      chunks.push(chunk);
      chunk = [];
    }
    chunk.push(...own);
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** How Prisma's SQLite adapter writes a DateTime, so that raw and Prisma writes compare alike. */
function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
/*
 * A row about a case is claimed only while the case exists. Erasing a case erases its rows (a
 * trigger, decision 025), but a planner may insert one for a case erased as it ran; such a row is
 * never sent, and the purge takes it.
 */
const CLAIMABLE =
  `n."status" IN ('pending', 'sending') AND n."notBefore" <= {now} AND (n."leaseUntil" IS NULL OR n."leaseUntil" <= {now}) ` +
  `AND (n."caseId" IS NULL OR EXISTS (SELECT 1 FROM "Case" c WHERE c."id" = n."caseId"))`;
/*
 * One chat is paced across senders too: a row waits while another sender holds a row for the
 * same person or sent them one within the per-chat interval (the local pacer keeps its own
 * claims apart). Uses the (userId, status) index.
 */
const PACED =
  ` AND NOT EXISTS (SELECT 1 FROM "Notification" o WHERE o."userId" = n."userId" AND o."claimedBy" <> {me} AND ` +
  `((o."status" = 'sending' AND o."leaseUntil" > {now}) OR (o."status" = 'sent' AND o."sentAt" > {recent})))`;
/** Any constant, other than the migrator's: paced claims on PostgreSQL take turns under it. */
const PACED_CLAIM_LOCK = 4_719_220_262;
const RETURNED = `"id", "schoolId", "userId", "key", "kind", "payload", "urgent", "attempts"`;

/**
 * Writes notices inside the caller's transaction, so a change and what it tells people are
 * stored together or not at all. A key already stored fails the transaction (P2002): callers
 * give notices fresh keys, or keys that a retry of the same change would repeat on purpose.
 */
export async function addNotifications(client: Db | Tx, rows: readonly PlannedNotification[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  await client.notification.createMany({
    data: rows.map((row) => ({
      schoolId: row.schoolId,
      userId: row.userId,
      caseId: row.caseId ?? null,
      key: row.key,
      kind: row.kind,
      payload: JSON.stringify(row.payload),
      urgent: row.urgent,
      notBefore: row.notBefore,
      createdAt: at,
    })),
  });
}

/*
 * Keys this process has seen stored, per database client: a planner rerun plans tens of thousands
 * of rows that exist already, and asking the database about each costs ~0.4 s at city scale. A row
 * is never deleted while it could be planned again (the purge takes rows past STALE_DAYS; erasing a
 * case takes its rows with it, and the case is not planned any more), so a key once stored stays.
 * Cleared when it grows past the bound: at worst the database is asked again.
 */
const STORED_KEYS_MAX = 200_000;
const storedKeys = new WeakMap<Db, Set<string>>();

export function createOutboxRepository(db: Db) {
  const provider = providerOfClient(db);
  const lock = provider === "postgresql" ? " FOR UPDATE SKIP LOCKED" : "";

  function toClaimed(rows: Record<string, unknown>[]): ClaimedRow[] {
    return rows.map((r) => ({
      id: Number(r.id),
      schoolId: Number(r.schoolId),
      userId: Number(r.userId),
      key: String(r.key),
      kind: String(r.kind),
      payload: String(r.payload),
      urgent: Boolean(r.urgent),
      attempts: Number(r.attempts),
    }));
  }

  async function claimWhere(
    extra: string,
    extraParams: unknown[],
    workerId: string,
    now: Date,
    leaseUntil: Date,
    limit: number,
    pace: Pace,
  ) {
    const p = placeholders(provider);
    const params: unknown[] = [workerId, leaseUntil];
    const set = `"status" = 'sending', "claimedBy" = ${p()}, "leaseUntil" = ${p()}, "attempts" = "attempts" + 1`;
    const at = () => (params.push(now), p());
    let where = CLAIMABLE.replace("{now}", at).replace("{now}", at);
    if (pace.perChatIntervalMs > 0) {
      where += PACED.replace("{me}", () => (params.push(workerId), p()))
        .replace("{now}", at)
        .replace("{recent}", () => (params.push(new Date(now.getTime() - pace.perChatIntervalMs)), p()));
    }
    const extraSql = extra.replace(/\{\?\}/g, () => p());
    params.push(...extraParams);
    const sql =
      `UPDATE "Notification" SET ${set} WHERE "id" IN (SELECT n."id" FROM "Notification" n WHERE ${where}${extraSql} ` +
      `ORDER BY n."urgent" DESC, n."notBefore", n."id" LIMIT ${p()}${lock}) RETURNING ${RETURNED}`;
    type Rows = Record<string, unknown>[];
    // Paced claims on PostgreSQL take turns (a transaction-scoped advisory lock): under READ
    // COMMITTED two senders claiming at once would each miss the other's row in flight and write
    // to one chat together. Claims are short; SQLite serialises writers anyway.
    const rows: Rows =
      provider === "postgresql" && pace.perChatIntervalMs > 0
        ? await db.$transaction(async (tx) => {
            await tx.$queryRawUnsafe(`SELECT 1 AS "one" FROM (SELECT pg_advisory_xact_lock(${PACED_CLAIM_LOCK})) AS l`);
            return tx.$queryRawUnsafe<Rows>(sql, ...params, limit);
          })
        : await db.$queryRawUnsafe<Rows>(sql, ...params, limit);
    return toClaimed(rows).sort((a, b) => a.id - b.id);
  }

  /** The last chunk `ensure` stored was mostly new rows: the next is inserted without asking first. */
  let expectNew = false;

  /** Which of these keys the outbox lacks, as their positions in `keys` (numbers travel back shorter than keys). */
  async function missingKeys(keys: readonly string[]): Promise<number[]> {
    const sql =
      provider === "postgresql"
        ? `SELECT coalesce(json_agg(j.i - 1), '[]')::text AS "missing" FROM json_array_elements_text($1::json) WITH ORDINALITY AS j(k, i) WHERE NOT EXISTS (SELECT 1 FROM "Notification" n WHERE n."key" = j.k)`
        : `SELECT json_group_array(j.key) AS "missing" FROM json_each(?) AS j WHERE NOT EXISTS (SELECT 1 FROM "Notification" n WHERE n."key" = j.value)`;
    const [row] = await readRaw<{ missing: string }[]>(db, sql, JSON.stringify(keys));
    // In the caller's order: rows are stored in the order they were planned.
    return (JSON.parse(row?.missing ?? "[]") as number[]).sort((a, b) => a - b);
  }

  /** One autocommitted statement: concurrent writers (another sender, a planner) wait their turn, never deadlock. */
  async function update(set: string, setParams: unknown[], ids: readonly number[], extraWhere = ""): Promise<void> {
    if (ids.length === 0) return;
    const p = placeholders(provider);
    const sql = `UPDATE "Notification" SET ${set.replace(/\{\?\}/g, () => p())} WHERE "id" IN (${ids.map(() => p()).join(", ")}) ${extraWhere}`;
    await db.$executeRawUnsafe(sql, ...setParams, ...ids);
  }

  return {
    provider,

    /**
     * Stores the rows whose keys are new; returns how many were. The rows of one call become
     * visible to the sender together: rows that should go out as one message are written in one call.
     */
    async ensure(rows: readonly PlannedNotification[], options: { at: Date }): Promise<number> {
      const { at } = options;
      const format = provider === "postgresql" ? (d: Date) => d.toISOString() : sqliteTimestamp;
      // A run's rows share a few instants (now, the start of someone's hours): format each once.
      const stamps = new Map<number, string>();
      const stamp = (d: Date) => {
        let text = stamps.get(d.getTime());
        if (text === undefined) stamps.set(d.getTime(), (text = format(d)));
        return text;
      };
      const createdAt = stamp(at);
      let inserted = 0;
      let known = storedKeys.get(db);
      if (!known || known.size > STORED_KEYS_MAX) storedKeys.set(db, (known = new Set()));
      const unseen = rows.filter((row) => !known.has(row.key));
      for (const candidates of byPerson(unseen, INSERT_CHUNK)) {
        // Most keys of a rerun exist already: ask which are missing (cheap) before sending whole
        // rows. On the first run of a day most are new, and the question only costs a round trip:
        // after a chunk that was mostly new, the next one is sent straight away (ON CONFLICT sorts it).
        let fresh = candidates;
        if (!expectNew) {
          const missing = await missingKeys(candidates.map((row) => row.key));
          if (missing.length === 0) {
            for (const row of candidates) known.add(row.key);
            continue;
          }
          fresh = missing.map((i) => candidates[i]!);
        }
        const count =
          provider === "postgresql"
            ? await writeRaw(db, INSERT_POSTGRES, ...columnsOf(fresh, stamp), createdAt)
            : await writeRaw(
                db,
                INSERT_SQLITE,
                createdAt,
                JSON.stringify(
                  fresh.map((row) => [
                    row.schoolId,
                    row.userId,
                    row.key,
                    row.kind,
                    row.payload,
                    row.urgent,
                    stamp(row.notBefore),
                    row.caseId ?? null,
                  ]),
                ),
              );
        inserted += count;
        expectNew = count * 2 >= candidates.length;
        // Stored now, by this insert or (ON CONFLICT) by another planner.
        for (const row of candidates) known.add(row.key);
      }
      return inserted;
    },

    /**
     * Takes up to `limit` due rows for `workerId` until `leaseUntil`, oldest first: the urgent ones
     * (claimed apart, in small batches under a short lease) or the routine ones.
     */
    async claim(
      workerId: string,
      now: Date,
      leaseUntil: Date,
      limit: number,
      options: { urgent: boolean } & Partial<Pace>,
    ): Promise<ClaimedRow[]> {
      return claimWhere(` AND n."urgent" = ${options.urgent ? "true" : "false"}`, [], workerId, now, leaseUntil, limit, {
        perChatIntervalMs: options.perChatIntervalMs ?? 0,
      });
    },

    /** The other due rows of these kinds for these people (the rest of their digests). */
    async claimMoreFor(
      workerId: string,
      now: Date,
      leaseUntil: Date,
      userIds: readonly number[],
      kinds: readonly string[],
      limit = 500,
    ): Promise<ClaimedRow[]> {
      if (userIds.length === 0 || kinds.length === 0) return [];
      const extra = ` AND n."userId" IN (${userIds.map(() => "{?}").join(", ")}) AND n."kind" IN (${kinds.map(() => (provider === "postgresql" ? '{?}::"NotificationKind"' : "{?}")).join(", ")})`;
      return claimWhere(extra, [...userIds, ...kinds], workerId, now, leaseUntil, limit, { perChatIntervalMs: 0 });
    },

    async markSent(ids: readonly number[], messageId: number, at: Date): Promise<void> {
      await update(
        `"status" = 'sent', "sentAt" = {?}, "messageId" = {?}, "leaseUntil" = NULL, "lastError" = NULL`,
        [at, BigInt(messageId)],
        ids,
      );
    },

    /** Back to pending, due again at `notBefore`: nothing is dropped. */
    async retryLater(ids: readonly number[], notBefore: Date, error: string): Promise<void> {
      await update(
        `"status" = 'pending', "notBefore" = {?}, "claimedBy" = NULL, "leaseUntil" = NULL, "lastError" = {?}`,
        [notBefore, error.slice(0, 500)],
        ids,
        `AND "status" = 'sending'`,
      );
    },

    async finish(ids: readonly number[], status: FinalStatus, error?: string): Promise<void> {
      await update(
        `"status" = {?}${provider === "postgresql" ? `::"NotificationStatus"` : ""}, "leaseUntil" = NULL, "lastError" = {?}`,
        [status, error?.slice(0, 500) ?? null],
        ids,
      );
    },

    /**
     * Who was told about these cases beyond the teacher's own reminders, and when: the sent rows of
     * the given kinds with the recipient's name (the case file's «Кому сообщалось»). Rows older
     * than the purge are gone: the list covers the outbox's retention, not the case's whole life.
     */
    async sentAbout(
      schoolId: number,
      caseIds: readonly number[],
      kinds: readonly string[],
    ): Promise<{ caseId: number; userId: number; fullName: string; kind: string; sentAt: Date; stepNumber?: string }[]> {
      if (caseIds.length === 0) return [];
      const rows = await db.notification.findMany({
        where: { schoolId, caseId: { in: [...caseIds] }, status: "sent", kind: { in: kinds as never[] } },
        select: { caseId: true, userId: true, kind: true, sentAt: true, payload: true, user: { select: { fullName: true } } },
        orderBy: { sentAt: "asc" },
      });
      return rows.map((r) => {
        const stepNumber = (JSON.parse(r.payload) as { stepNumber?: unknown }).stepNumber;
        return {
          caseId: r.caseId!,
          userId: r.userId,
          fullName: r.user.fullName,
          kind: r.kind,
          sentAt: r.sentAt!,
          ...(typeof stepNumber === "string" || typeof stepNumber === "number" ? { stepNumber: String(stepNumber) } : {}),
        };
      });
    },

    /**
     * Deletes finished rows created before `before` (pending ones are kept whatever their age), and
     * the unsent rows of cases erased while a planner wrote them (see CLAIMABLE).
     */
    async purge(before: Date): Promise<number> {
      const { count } = await db.notification.deleteMany({
        where: { status: { in: ["sent", "failed", "unreachable", "expired"] }, createdAt: { lt: before } },
      });
      const orphans = await db.$executeRawUnsafe(
        `DELETE FROM "Notification" WHERE "status" IN ('pending', 'sending') AND "caseId" IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM "Case" c WHERE c."id" = "Notification"."caseId")`,
      );
      return count + orphans;
    },

    async countByStatus(): Promise<Record<string, number>> {
      const groups = await db.notification.groupBy({ by: ["status"], _count: { _all: true } });
      return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
