import path from "node:path";
import { spawn } from "node:child_process";

/** The repository's root and its own tsx (never `npx tsx`: npx alone costs a second). */
export const repoRoot = path.resolve(import.meta.dirname, "../..");
export const tsxBin = path.join(repoRoot, "node_modules/.bin/tsx");

/**
 * A test that starts a process pays for a fresh Node and tsx loading the app (1-2 s; several
 * under load): such tests take this timeout instead of the suite's default.
 */
export const PROCESS_TEST_TIMEOUT = 60_000;

export interface ProcessResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to its end without blocking the event loop (unlike spawnSync, which also
 * stalls the worker's timers and RPC). Killed with SIGKILL after timeoutMs.
 */
export function runProcess(
  command: string,
  args: string[],
  { cwd = repoRoot, env = process.env, timeoutMs = 45_000 }: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${path.basename(command)} ${args.join(" ")} did not finish in ${timeoutMs} ms; output:\n${stdout}${stderr}`));
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}
