/**
 * `npm run demo`: a complete absence case, offline. A class teacher and the deputy director talk
 * to the bot's real handlers on a throw-away SQLite file; a recording Bot API stands in for
 * Telegram and a simulated clock walks across school days, a weekend and a holiday. The transcript
 * shows who said what, which buttons were shown, and the reminders and escalations that fired;
 * first, the early warning from the journal's attendance, before the notice starts the case.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import type { Update, UserFromGetMe } from "grammy/types";
import { openDatabase } from "../db/open-database.js";
import { createI18n } from "../i18n.js";
import { createLogger } from "../logger.js";
import { loadRegulations } from "../regulations/load-regulations.js";
import { loadProductionYears } from "../calendar/load-production-calendar.js";
import { buildBotDeps } from "../bot/deps.js";
import { createBot } from "../bot/create-bot.js";
import { createSchoolRepository } from "../repositories/school-repository.js";
import { createUserRepository } from "../repositories/user-repository.js";
import { planReminders } from "../app/reminders/plan-reminders.js";
import { importAttendance } from "../app/attendance/import-attendance.js";
import { planAttendanceWarnings } from "../app/attendance/plan-attendance-warnings.js";
import { createOutboxSender } from "../app/reminders/send-outbox.js";
import { buttonsOf, RecordingBotApi, type RecordedCall } from "./recording-bot-api.js";
import scenario from "./demo-scenario.json" with { type: "json" };
import type { Role } from "../app/actor.js";

/** One step of the script (demo-scenario.json); a step with only `why` explains the next ones. */
type Step =
  | { day: string; at: string }
  | { attendance: string[][]; today: string }
  | { say: string; by: number }
  | { press: string; by: number }
  | { reminders: string }
  | { why: string };

const narrator = scenario.narrator;
/** A narrator's line with its {fields} filled in. */
const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));

const TOKEN = "100000:demo-token-not-a-real-one";
const BOT_INFO = {
  id: 100000,
  is_bot: true,
  first_name: scenario.botName,
  username: "klassruk_demo_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

const people = new Map<number, string>();
let clock = new Date("2025-11-05T10:00:00+03:00");

function line(text = "") {
  process.stdout.write(`${text}\n`);
}

function show(call: RecordedCall) {
  if (!["sendMessage", "editMessageText", "sendDocument"].includes(call.method)) return;
  const who = people.get(Number(call.payload.chat_id)) ?? String(call.payload.chat_id);
  const verb = call.method === "editMessageText" ? narrator.edited : "→";
  const text = String(call.payload.text ?? call.payload.caption ?? "")
    .split("\n")
    .map((l, i) => (i === 0 ? l : `      ${l}`))
    .join("\n");
  line(`  🤖 ${verb} ${who}: ${text}`);
  const buttons = buttonsOf(call).map((b) => `[${b.text}]`);
  if (buttons.length > 0) line(`      ${buttons.join(" ")}`);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "klassruk-demo-"));
  const database = await openDatabase({ url: `file:${path.join(dir, "demo.db")}` });
  try {
    const db = database.prisma;
    const api = new RecordingBotApi(show);
    const regulations = loadRegulations();
    const productionYears = loadProductionYears();
    const quietLog = new Writable({ write: (_c, _e, done) => done() });
    const deps = buildBotDeps({
      db,
      logger: createLogger("silent", quietLog),
      i18n: createI18n(),
      regulations,
      productionYears,
      adminIds: [],
      defaultTimezone: "Europe/Moscow",
      now: () => clock,
      downloadFile: async () => new Uint8Array(),
    });
    const bot = createBot({ token: TOKEN, deps, botInfo: BOT_INFO, client: { fetch: api.fetch as never } });

    // The school, as an administrator would have set it up with invitations and a roster.
    const schools = createSchoolRepository(db);
    const users = createUserRepository(db);
    const schoolId = await schools.createSchool({ name: scenario.school.name });
    let classTeacher: number | undefined;
    for (const person of scenario.people) {
      const userId = await users.ensure(person.id, person.id, person.fullName);
      const memberId = await schools.addMember(schoolId, userId, [person.role as Role], { upbringingDeputy: person.role === "deputy" });
      if (person.role === "teacher") classTeacher ??= memberId;
      people.set(person.id, person.label);
    }
    const classId = await schools.createClass(schoolId, scenario.school.class, classTeacher);
    for (const name of scenario.school.students) await schools.addStudent(schoolId, classId, name);

    let updateId = 1;
    const chatOf = (id: number) => ({ id, type: "private" as const, first_name: people.get(id)! });
    const fromOf = (id: number) => ({ id, is_bot: false, first_name: people.get(id)!, language_code: "ru" });
    let fakeMs = 0;
    /** The outbox's sender, on the demo's clock: what a press tells other people goes out at once. */
    const deliver = () =>
      createOutboxSender({ ...deps, api: bot.api }, { clock: () => fakeMs, sleep: async (ms) => void (fakeMs += ms), pollMs: 0 }).drain();
    const handle = async (update: Omit<Update, "update_id">) => {
      await bot.handleUpdate({ update_id: updateId++, ...update } as Update);
      await deliver();
    };

    async function say(id: number, text: string) {
      line(`👤 ${people.get(id)}: ${text}`);
      const entities = text.startsWith("/") ? [{ type: "bot_command" as const, offset: 0, length: text.split(" ")[0]!.length }] : undefined;
      await handle({
        message: { message_id: updateId, date: Math.floor(clock.getTime() / 1000), chat: chatOf(id), from: fromOf(id), text, entities },
      });
    }

    async function press(id: number, text: string) {
      const found = api.findButton(id, text);
      if (!found?.button.callback_data) throw new Error(`the bot showed ${people.get(id)} no button «${text}»`);
      line(`👆 ${people.get(id)} ${narrator.presses} [${text}]`);
      await handle({
        callback_query: {
          id: String(updateId),
          from: fromOf(id),
          chat_instance: "demo",
          data: found.button.callback_data,
          message: { message_id: found.messageId, date: 0, chat: chatOf(id), text: "" },
        },
      });
    }

    async function remindersAt(iso: string) {
      clock = new Date(iso);
      line(
        `\n⏰ ${clock.toLocaleString("ru-RU", { timeZone: "Europe/Moscow", weekday: "long", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" })} — ${narrator.schedulerRun}`,
      );
      const run = await planReminders(deps);
      const sent = await deliver();
      if (sent === 0) line(`  ${fill(narrator.noReminders, { cases: run.cases })}`);
    }

    function day(title: string, iso: string) {
      clock = new Date(iso);
      line(`\n📅 ${title}`);
    }

    /** The journal's export, loaded before any notice comes (the early warning, issue 15). */
    async function attendance(rows: string[][], today: string) {
      const bytes = new TextEncoder().encode(rows.map((r) => r.join(";")).join("\n"));
      const imported = await importAttendance({ db, now: () => clock }, { by: "cli", schoolId, bytes, today });
      if (imported.kind !== "imported") throw new Error(`the demo's attendance file was not imported: ${imported.kind}`);
      line(`  ${fill(narrator.imported, imported)}`);
      await planAttendanceWarnings(deps);
      await deliver();
    }

    for (const text of narrator.intro) line(text);
    for (const step of scenario.steps as Step[]) {
      if ("day" in step) day(step.day, step.at);
      else if ("attendance" in step) await attendance(step.attendance, step.today);
      else if ("say" in step) await say(step.by, step.say);
      else if ("press" in step) await press(step.by, step.press);
      else if ("reminders" in step) await remindersAt(step.reminders);
    }
    line(`\n${narrator.done}`);
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
