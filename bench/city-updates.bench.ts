import { openDatabase } from "../src/db/open-database.js";
import { createHarness } from "../test/support/bot-harness.js";
import { runBenchChild } from "./support/app-process.js";
import { benchDatabaseUrl, readMarker } from "./support/bench-database.js";
import { SCALES, type ScaleName } from "./support/city-data.js";
import type { Provider } from "../src/db/database-url.js";

/*
 * Whole updates through the bot on the seeded city (or district) database, at a steady 200 per
 * second for 5 s: 100 class teachers of schools all over the city send `/help`, then the surname
 * of a student of their class (a lookup with the student's cases). The Bot API is faked in process (test/support/bot-harness),
 * so the figure is the bot's own time per update: lookups, dialogue storage, handlers, replies.
 * The two phases take turns ROUNDS times and the figure is the median round: in 5 s at 200/s the
 * top 1 % is ten updates, and one stall of the shared machine (~100 ms) decides a single round's p99.
 * They run in a process of their own with production's Node flags (bench/city-updates-run.ts),
 * as the bot does, not in the bench's process with whatever the benches before left in its heap.
 */

const RATE = 200;
const SECONDS = 5;
const TEACHERS = 100;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

type Row = { name: string; figure: string; goal: string };

export async function benchCityUpdates(scale: ScaleName, provider: Provider = SCALES[scale].provider): Promise<Row[]> {
  const url = benchDatabaseUrl(scale, provider);
  const marker = await readMarker(url).catch(() => undefined);
  if (!marker)
    return [{ name: nameOf(scale, provider), figure: `skipped: run npm run bench -- seed --scale ${scale} first`, goal: "p99 ≤ 15 ms" }];
  return runBenchChild<Row[]>("bench/city-updates-run.ts", [scale, provider]);
}

const nameOf = (scale: ScaleName, provider: Provider) =>
  `updates at ${RATE}/s, ${scale} (${provider === "postgresql" ? "PostgreSQL" : "SQLite"})`;

/** The measurement itself, in the process that runs it (bench/city-updates-run.ts). */
export async function measureCityUpdates(scale: ScaleName, provider: Provider): Promise<Row[]> {
  const url = benchDatabaseUrl(scale, provider);
  const marker = await readMarker(url);
  if (!marker) throw new Error(`${url} is not seeded`);
  const name = nameOf(scale, provider);
  const db = await openDatabase({ url, poolSize: 8 });
  try {
    const teachers = await db.prisma.$queryRawUnsafe<{ telegramId: bigint | number; surname: string }[]>(
      `SELECT u."telegramId", min(s."fullName") AS "surname"
         FROM "SchoolClass" k
         JOIN "Member" m ON m."id" = k."teacherId"
         JOIN "User" u ON u."id" = m."userId"
         JOIN "Student" s ON s."classId" = k."id"
        WHERE k."id" % ${Math.max(1, Math.floor((marker.counts.SchoolClass ?? 48_000) / TEACHERS))} = 0
        GROUP BY u."telegramId"
        LIMIT ${TEACHERS}`,
    );
    const harness = createHarness({ db: db.prisma });
    const chats = teachers.map((t) => ({
      chat: harness.user({ id: Number(t.telegramId), first_name: "Учитель", language_code: "ru" }),
      surname: t.surname.split(" ")[0]!,
    }));
    // Warm-up, as the in-process bench does it: each teacher sends each kind of update once (the
    // first update of a chat reads its dialogue row cold; the first search of a school reads its
    // students cold), all at once as in the measured phases, so that the pool has opened its
    // connections before them.
    await Promise.all(chats.map(({ chat }) => chat.send("/help")));
    await Promise.all(chats.map(({ chat, surname }) => chat.send(surname)));

    const phases = [
      { label: "/help", text: () => "/help" },
      { label: "a surname typed", text: (surname: string) => surname },
    ];
    const rounds = phases.map(() => [] as { p50: number; p99: number; rate: number }[]);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [index, phase] of phases.entries()) {
        const latencies: number[] = [];
        const started = performance.now();
        const pending: Promise<void>[] = [];
        for (let n = 0; n < RATE * SECONDS; n++) {
          const due = started + (n * 1000) / RATE;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          const { chat, surname } = chats[n % chats.length]!;
          const t0 = performance.now();
          pending.push(chat.send(phase.text(surname)).then(() => void latencies.push(performance.now() - t0)));
        }
        await Promise.all(pending);
        const rate = (latencies.length / (performance.now() - started)) * 1000;
        latencies.sort((a, b) => a - b);
        const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
        rounds[index]!.push({ p50: p(0.5), p99: p(0.99), rate });
      }
    }
    const rows = phases.map((phase, index) => {
      const all = rounds[index]!;
      const median = [...all].sort((a, b) => a.p99 - b.p99)[Math.floor((all.length - 1) / 2)]!;
      return {
        name: `${name}, ${phase.label}`,
        figure: `p50 ${median.p50.toFixed(1)} ms, p99 ${median.p99.toFixed(1)} ms (${all.map((r) => r.p99.toFixed(1)).join(", ")}), ${Math.min(...all.map((r) => r.rate)).toFixed(0)} answered/s`,
        goal: "p99 ≤ 15 ms",
      };
    });
    return rows;
  } finally {
    await db.close();
  }
}
