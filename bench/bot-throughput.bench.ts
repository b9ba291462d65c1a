import { createTestDatabase } from "../test/support/test-database.js";
import { createHarness } from "../test/support/bot-harness.js";

/**
 * The whole bot loop on SQLite with a recorded Bot API: a text command and a button press per
 * round. Throughput flat out, then latency at a steady 200 updates/s.
 */
export async function benchBotThroughput() {
  const db = await createTestDatabase();
  try {
    const school = await db.prisma.school.create({ data: { name: "Bench" } });
    const users = [];
    for (let i = 0; i < 100; i++) {
      const user = await db.prisma.user.create({ data: { telegramId: BigInt(10_000 + i), fullName: `Учитель ${i}` } });
      await db.prisma.member.create({ data: { schoolId: school.id, userId: user.id, roles: { create: [{ role: "teacher" }] } } });
      users.push({ id: 10_000 + i, first_name: `U${i}` });
    }
    const harness = createHarness({ db: db.prisma });
    const chats = users.map((u) => harness.user(u));

    const total = 4000;
    let started = performance.now();
    await Promise.all(
      chats.map(async (chat, i) => {
        for (let n = i; n < total; n += chats.length * 2) {
          await chat.send("/help");
          await chat.pressData("x:1");
        }
      }),
    );
    const perSecond = (total / (performance.now() - started)) * 1000;

    const latencies: number[] = [];
    const rate = 200;
    started = performance.now();
    const pending: Promise<void>[] = [];
    for (let n = 0; n < rate * 5; n++) {
      const due = started + (n * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const chat = chats[n % chats.length]!;
      const t0 = performance.now();
      pending.push((n % 2 ? chat.pressData("x:1") : chat.send("/help")).then(() => void latencies.push(performance.now() - t0)));
    }
    await Promise.all(pending);
    latencies.sort((a, b) => a - b);
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
    return [
      { name: "bot updates/s (SQLite, 100 chats)", figure: `${perSecond.toFixed(0)} updates/s`, goal: "≥ 1,500/s" },
      { name: "bot latency at 200 updates/s", figure: `p50 ${p(0.5)} ms, p99 ${p(0.99)} ms`, goal: "p99 ≤ 50 ms" },
    ];
  } finally {
    await db.destroy();
  }
}
