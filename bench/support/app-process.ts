import fs from "node:fs";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";

/** The repository's root, whatever the working directory. */
export const repoRoot = path.resolve(import.meta.dirname, "../..");

/** How the bot is run: the compiled build (production) or tsx on the sources (development). */
export type AppVariant = "compiled" | "tsx";

export const COMPILED_ENTRY = path.join(repoRoot, "dist/main.js");
/**
 * The Node flags production starts the bot with, read from package.json's `start` script (the
 * Dockerfile's CMD repeats them; test/build/start-command.test.ts keeps the two equal), so the
 * benches measure the process as it runs.
 */
export function startFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { scripts: { start: string } };
  const words = pkg.scripts.start.split(/\s+/);
  return words.slice(1, words.indexOf("dist/main.js"));
}

/**
 * Runs one benchmark script (`bench/<name>-run.ts`) in a process of its own, started as production
 * starts the bot (startFlags(), through tsx), and returns the JSON of its last line on stdout: the
 * script's figures are its own, not those of a process that earlier benches have filled.
 */
export function runBenchChild<T>(script: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...startFlags(), "--import", "tsx", script, ...args], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code === 0 && /^[[{]/.test(line)) resolve(JSON.parse(line) as T);
      else reject(new Error(`${script} exited with ${code}: ${out.slice(-500)}`));
    });
  });
}

/** The bare grammY bot of the bot benches, compiled by `tsc -p tsconfig.bench.json` (buildBareBot). */
export const BARE_BOT_ENTRY = path.join(repoRoot, "dist-bench/bench/support/bare-bot-main.js");

export interface AppOptions {
  variant: AppVariant;
  /** The stand-in's root, for TELEGRAM_API_ROOT. */
  apiRoot: string;
  databaseUrl: string;
  cwd?: string;
  env?: Record<string, string>;
  /** "compiled" only: another compiled entry point run by node instead of dist/main.js (the bare bot). */
  entry?: string;
}

export interface AppProcess {
  child: ChildProcess;
  /** performance.now() just before the spawn. */
  spawnedAt: number;
  output(): string;
  /** Rejects when the process ends: a start that fails must not look like a slow one. */
  exited: Promise<never>;
  /** The Node process running the app: the process itself, or the one tsx's wrapper starts. */
  appPid(): Promise<number>;
  /** SIGTERM, then the exit code (SIGKILL after 10 s: the code is then null). */
  stop(): Promise<number | null>;
}

/**
 * Starts the bot as `node dist/main.js` or `tsx src/main.ts`, with a clean environment: only what
 * is given here, so a developer's .env or HTTP_PORT does not leak in.
 */
export function spawnApp({ variant, apiRoot, databaseUrl, cwd = repoRoot, env = {}, entry = COMPILED_ENTRY }: AppOptions): AppProcess {
  const [command, args] =
    variant === "compiled"
      ? [process.execPath, entry === COMPILED_ENTRY ? [...startFlags(), entry] : [entry]]
      : [path.join(repoRoot, "node_modules/.bin/tsx"), [path.join(repoRoot, "src/main.ts")]];
  const spawnedAt = performance.now();
  const child = spawn(command, args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? "/tmp",
      BOT_TOKEN: "424242:stand-in-token_XYZxyz0123456789",
      TELEGRAM_API_ROOT: apiRoot,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  let ended = false;
  const exit = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      ended = true;
      resolve(code);
    }),
  );
  const exited = exit.then((code) => {
    throw new Error(`${path.basename(command)} ${args.join(" ")} exited with ${code}:\n${output}`);
  });
  exited.catch(() => undefined);

  const appPid = async () => {
    if (variant === "compiled") return child.pid!;
    // tsx's binary is a wrapper that starts the app in a second Node process.
    for (let tries = 0; tries < 50; tries++) {
      const [pid] = childrenOf(child.pid!);
      if (pid) return pid;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("tsx started no child process");
  };

  return {
    child,
    spawnedAt,
    output: () => output,
    exited,
    appPid,
    async stop() {
      if (ended) return exit;
      const inner = variant === "tsx" ? childrenOf(child.pid!) : [];
      child.kill("SIGTERM");
      const timer = setTimeout(() => {
        for (const pid of inner) killQuietly(pid);
        child.kill("SIGKILL");
      }, 10_000);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Resident memory of a process in MiB, from /proc/<pid>/status (Linux). */
export function rssMiB(pid: number): number {
  return statusMiB(pid, "VmRSS");
}

/** The most resident memory a process has had since it started (VmHWM), in MiB (Linux). */
export function peakRssMiB(pid: number): number {
  return statusMiB(pid, "VmHWM");
}

function statusMiB(pid: number, field: "VmRSS" | "VmHWM"): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  if (!kib) throw new Error(`no ${field} for process ${pid}`);
  return Number(kib[1]) / 1024;
}

function npmRun(script: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", script], { cwd: repoRoot, stdio: ["ignore", "inherit", "inherit"] });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${what} failed (${code})`))));
  });
}

/** `npm run build` (incremental: a few seconds when dist/ is up to date; not in the figures). */
export function buildApp(): Promise<void> {
  return npmRun("build", "npm run build");
}

/** The bare bot's entry compiled like the app (`tsc -p tsconfig.bench.json` → dist-bench/, incremental). */
export function buildBareBot(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(repoRoot, "node_modules/.bin/tsc"), ["-p", "tsconfig.bench.json"], {
      cwd: repoRoot,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`tsc -p tsconfig.bench.json failed (${code})`))));
  });
}

/** The direct children of a process, read from /proc/<pid>/stat (Linux). */
function childrenOf(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid ...: comm may hold spaces, so read after its closing parenthesis.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === parent) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

function killQuietly(pid: number) {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
