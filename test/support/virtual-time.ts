/**
 * Time that passes only when every task waits: `sleep` schedules a wake-up and `run` jumps the
 * clock from one wake-up to the next. Pacing and retries can then be tested in milliseconds.
 */
export function virtualTime() {
  let now = 0;
  const timers: { at: number; seq: number; resolve: () => void }[] = [];
  let seq = 0;
  const idle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    clock: () => now,
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        timers.push({ at: now + Math.max(0, ms), seq: seq++, resolve });
      }),
    /** Runs `work` to completion, advancing the clock whenever nothing else can happen. */
    async run<T>(work: Promise<T>): Promise<T> {
      let done = false;
      const result = work.finally(() => {
        done = true;
      });
      for (;;) {
        await idle();
        if (done) return result;
        if (timers.length === 0) {
          await idle();
          if (done) return result;
          continue;
        }
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = timers.shift()!;
        now = Math.max(now, next.at);
        next.resolve();
      }
    },
  };
}
