import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_BOT_INFO } from "./support/fake-telegram.js";
import { PROCESS_TEST_TIMEOUT, repoRoot as root, runProcess, tsNode } from "./support/run-process.js";
import { testDatabaseUrl, testProvider } from "./support/test-database.js";
const TOKEN = "424242:process-test-token_XYZxyz0123456789";

/** A local HTTP stand-in for the Bot API: what `TELEGRAM_API_ROOT` points a real process at. */
function startFakeBotApi() {
  const calls: { method: string; body: any }[] = [];
  let delivered = false;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const method = req.url!.split("/").pop()!;
      const body = raw ? JSON.parse(raw) : {};
      calls.push({ method, body });
      const reply = (result: unknown) => res.end(JSON.stringify({ ok: true, result }));
      if (!req.url!.startsWith(`/bot${TOKEN}/`))
        return res.writeHead(404).end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
      switch (method) {
        case "getMe":
          return reply(TEST_BOT_INFO);
        case "getUpdates":
          if (!delivered) {
            delivered = true;
            return reply([
              {
                update_id: 1,
                message: {
                  message_id: 1,
                  date: 0,
                  chat: { id: 91, type: "private" },
                  from: { id: 91, is_bot: false, first_name: "Админ", language_code: "ru" },
                  text: "/start",
                  entities: [{ type: "bot_command", offset: 0, length: 6 }],
                },
              },
            ]);
          }
          return setTimeout(() => reply([]), 200);
        case "sendMessage":
          return reply({ message_id: 2, date: 0, chat: { id: body.chat_id, type: "private" }, text: body.text });
        default:
          return reply(true);
      }
    });
  });
  return new Promise<{ server: http.Server; calls: typeof calls; root: string }>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, calls, root: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })),
  );
}

describe("npm start", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "klassruk-main-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("connects to the configured Bot API root, answers /start, and stops cleanly on SIGTERM", {
    timeout: PROCESS_TEST_TIMEOUT,
  }, async () => {
    const api = await startFakeBotApi();
    const databaseUrl = testProvider === "postgresql" ? testDatabaseUrl! : `file:${path.join(dir, "bot.db")}`;
    const child = spawn(...tsNode("src/main.ts"), {
      cwd: root,
      env: { ...process.env, BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.root, DATABASE_URL: databaseUrl, ADMIN_IDS: "91", LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    try {
      await waitFor(
        () => api.calls.some((c) => c.method === "sendMessage"),
        30_000,
        () => output,
      );
      const methods = api.calls.map((c) => c.method);
      expect(methods).toEqual(expect.arrayContaining(["getMe", "setMyCommands", "getUpdates", "sendMessage"]));
      expect(api.calls.find((c) => c.method === "sendMessage")!.body).toMatchObject({
        chat_id: 91,
        text: expect.stringMatching(/^Здравствуйте, Админ!/),
      });
      const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exit).toBe(0);
      expect(output).toContain("stopped");
      expect(output).not.toContain(TOKEN.split(":")[1]);
      if (testProvider === "sqlite") expect(fs.existsSync(path.join(dir, "bot.db"))).toBe(true);
    } finally {
      child.kill("SIGKILL");
      api.server.close();
    }
  });

  // One process for how the entry reports a configuration error; test/config.test.ts checks
  // each message in-process (a bad DATABASE_URL, an unknown timezone, ...).
  it("refuses bad configuration with one line and a non-zero exit", { timeout: PROCESS_TEST_TIMEOUT }, async () => {
    const result = await runProcess(...tsNode("src/main.ts"), { env: { ...process.env, BOT_TOKEN: "" } });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Configuration error: BOT_TOKEN is not set .*npm run demo/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("a school's own regulations", () => {
  it("stop the start, naming the file and the field, when one of them is invalid", { timeout: PROCESS_TEST_TIMEOUT }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "klassruk-regs-"));
    try {
      fs.writeFileSync(
        path.join(dir, "our-rule.json"),
        JSON.stringify({
          id: "our-rule",
          version: 1,
          title: { ru: "Наш", en: "Ours" },
          source: { ru: "Приказ", en: "Order" },
          trigger: { ru: "Когда", en: "When" },
          subject: "student",
          steps: [
            {
              id: "first",
              number: "1",
              text: { ru: "Сделать", en: "Do" },
              actor: "teacher",
              timing: { kind: "withinSchoolDays", days: 0, anchor: { kind: "caseOpened" } },
            },
          ],
        }),
      );
      const result = await runProcess(...tsNode("src/main.ts"), { env: { ...process.env, BOT_TOKEN: TOKEN, REGULATIONS_DIR: dir } });
      expect(result.status).toBe(1);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/^Cannot start Klassruk: .*our-rule\.json: steps\[0\]\.timing\.days/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number, describe: () => string) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out; process output:\n${describe()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
