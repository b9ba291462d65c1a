import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createHarness } from "../support/bot-harness.js";
import { calendarCoverageJob } from "../../src/jobs/calendar-coverage-job.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

describe("a year without production-calendar data", () => {
  it("is reported to the admins once, in their language, through the outbox, and never again", async () => {
    await db.prisma.school.create({ data: { name: "Школа" } });
    await db.prisma.user.create({ data: { telegramId: 801n, chatId: 801n, fullName: "Админ" } });
    await db.prisma.user.create({ data: { telegramId: 802n, chatId: 802n, fullName: "Admin", language: "en" } });
    let now = new Date("2027-10-01T06:00:00Z");
    // 800 never opened the bot: there is nobody to write to.
    const h = createHarness({ db: db.prisma, adminIds: [800, 801, 802], now: () => now });
    const job = calendarCoverageJob(h.deps);

    await job.run();
    expect(h.telegram.calls).toEqual([]);
    expect(await db.prisma.notification.count({ where: { kind: "notice" } })).toBe(2);
    await h.deliver();
    // Two people are sent to side by side: in either order.
    const sent = h.telegram.calls
      .filter((c) => c.method === "sendMessage")
      .sort((a, b) => Number(a.payload.chat_id) - Number(b.payload.chat_id));
    expect(sent.map((c) => c.payload.chat_id)).toEqual([801, 802]);
    expect(sent[0]!.payload.text).toMatch(/^Производственный календарь на 2028 год не загружен/);
    expect(sent[1]!.payload.text).toMatch(/^The production calendar for 2028 is not loaded/);

    now = new Date("2027-10-02T06:00:00Z");
    h.telegram.clear();
    await job.run();
    await h.deliver();
    expect(h.telegram.calls).toEqual([]);
  });

  it("says nothing while the loaded years cover the horizon", async () => {
    const h = createHarness({ db: db.prisma, adminIds: [803], now: () => new Date("2026-03-01T06:00:00Z") });
    await calendarCoverageJob(h.deps).run();
    expect(h.telegram.calls).toEqual([]);
  });

  it("counts a year an admin uploaded as covered", async () => {
    const year2029 = {
      year: 2029,
      status: "provisional",
      source: "test",
      holidays: ["2029-01-01"],
      fiveDayWeek: { nonWorkingDays: ["2029-01-01"], workingDays: [] },
    };
    await db.prisma.productionYear.create({ data: { year: 2029, data: JSON.stringify(year2029) } });
    const h = createHarness({ db: db.prisma, adminIds: [804], now: () => new Date("2029-03-01T06:00:00Z") });
    await calendarCoverageJob(h.deps).run();
    expect(h.telegram.calls).toEqual([]);
  });
});
