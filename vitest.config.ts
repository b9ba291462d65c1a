import { defineConfig } from "vitest/config";

/*
 * Tuned for a 2-core machine:
 * - two forks: vitest's own default on 2 cores is one (cores - 1), which ran the suite serially;
 * - isolate: false: the files of a fork share loaded modules, so the app, grammY and the Prisma
 *   clients are imported once per fork instead of once per file (that import was most of the
 *   suite's time). The suite has no vi.mock, fake timers or module-level state to leak;
 * - one migrated template database per run (test/support/global-setup.ts);
 * - tests that start a process set their own, longer timeout (test/support/run-process.ts); the
 *   rest must fit the default below even on a loaded machine.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    isolate: false,
    // A guard against hangs, not a budget: on an idle machine no test needs a second or two.
    // PostgreSQL shares its server (and its checkpoints) with every other run on the machine:
    // at load average 19 a 60-row outbox test took 10.3 s there.
    testTimeout: process.env.TEST_DATABASE_URL ? 20_000 : 10_000,
    hookTimeout: 30_000,
  },
});
