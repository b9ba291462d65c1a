import { type ChildProcess, spawn } from "node:child_process";
import { repoRoot, tsNode } from "./run-process.js";

/** Polls until `condition` holds; on a timeout the error carries the processes' output. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, describe: () => string): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out; process output:\n${describe()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A child process whose stdout and stderr are collected. */
export interface Watched {
  child: ChildProcess;
  output: () => string;
}

export function watch(child: ChildProcess): Watched {
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  return { child, output: () => output };
}

/** `test/support/sender-process.ts` on its own (the crash tests): env as that file reads it. */
export function startSenderProcess(env: Record<string, string>): Watched {
  return watch(
    spawn(...tsNode("test/support/sender-process.ts"), {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
}
