import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { getRequestListener } from "@hono/node-server";
import type { Actor, Role } from "../src/app/actor.js";
import { openCase } from "../src/app/cases/open-case.js";
import { createDashboardLink, signInWithLink, type DashboardDeps } from "../src/app/dashboard/dashboard-session.js";
import { createSenderLookup } from "../src/app/people/identify-sender.js";
import { loadProductionYears } from "../src/calendar/load-production-calendar.js";
import { openDatabase } from "../src/db/open-database.js";
import { addDays } from "../src/domain/dates.js";
import { startHttpServer } from "../src/http-server.js";
import { createI18n } from "../src/i18n.js";
import { createLogger } from "../src/logger.js";
import { loadRegulations } from "../src/regulations/load-regulations.js";
import { createSchoolRepository } from "../src/repositories/school-repository.js";
import { createUserRepository } from "../src/repositories/user-repository.js";
import { createDashboardApp } from "../src/web/dashboard-app.js";

/*
 * `npm run bench -- dashboard`: a school of 1,500 students in 50 classes with 300 open cases (the
 * absence regulation, opened over the last 12 weeks), on SQLite; 50 people signed in (2 deputies,
 * the director, 47 class teachers) ask for the overview at once, 10 times each, over HTTP on
 * 127.0.0.1 through the bot's own server. The goal: p95 of the overview ≤ 300 ms.
 */

type Row = { name: string; figure: string; goal: string };

const CLASSES = 50;
const PER_CLASS = 30;
const CASES = 300;
const USERS = 50;
const ROUNDS = 10;
const START = Date.parse("2026-11-24T07:00:00.000Z");

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

export async function benchDashboard(): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "klassruk-dashboard-"));
  const database = await openDatabase({ url: `file:${path.join(dir, "dashboard.db")}`, poolSize: 4 });
  let server: http.Server | undefined;
  try {
    const db = database.prisma;
    let clock = START;
    const deps: DashboardDeps = {
      db,
      regulations: loadRegulations(),
      productionYears: loadProductionYears(),
      now: () => new Date(clock),
      senderLookup: createSenderLookup(db),
      adminIds: [],
      botToken: "1:bench",
    };
    const schools = createSchoolRepository(db);
    const users = createUserRepository(db);
    const schoolId = await schools.createSchool({ name: "Школа для замера" });
    const person = async (telegramId: number, fullName: string, roles: Role[], upbringingDeputy = false): Promise<Actor> => {
      const userId = await users.ensure(telegramId, telegramId, fullName);
      const memberId = await schools.addMember(schoolId, userId, roles, { upbringingDeputy });
      return { telegramId, userId, fullName, language: "ru", schoolId, memberId, roles, installationAdmin: false };
    };
    const staff: Actor[] = [
      await person(100, "Соколова Марина Викторовна", ["deputy"], true),
      await person(101, "Кузнецова Елена Васильевна", ["deputy"]),
      await person(102, "Морозов Андрей Петрович", ["director"]),
    ];
    const teachers: { actor: Actor; students: number[] }[] = [];
    for (let k = 0; k < CLASSES; k++) {
      const actor = await person(200 + k, `Учитель${k} Тест Тестович`, ["teacher"]);
      const classId = await schools.createClass(schoolId, `${5 + Math.floor(k / 10)}${"АБВГДЕЖЗИК"[k % 10]}`, actor.memberId);
      await db.student.createMany({
        data: Array.from({ length: PER_CLASS }, (_, n) => ({
          schoolId,
          classId,
          fullName: `Ученик${k}-${n} Тест`,
          searchName: `ученик${k}-${n} тест`,
        })),
      });
      const students = (await db.student.findMany({ where: { classId }, select: { id: true }, orderBy: { id: "asc" } })).map((s) => s.id);
      teachers.push({ actor, students });
    }
    const appDeps = deps;
    for (let i = 0; i < CASES; i++) {
      const { actor, students } = teachers[i % CLASSES]!;
      const openedOn = addDays("2026-11-24", -Math.floor((i * 83) % 84));
      await openCase(appDeps, {
        actor,
        regulationId: "absence-criterion-22",
        studentId: students[Math.floor(i / CLASSES)]!,
        openedOn,
        firstAbsenceOn: addDays(openedOn, -16),
      });
    }
    staff.push(...teachers.slice(0, USERS - staff.length).map((t) => t.actor));

    const app = createDashboardApp({ deps, i18n: createI18n(), publicUrl: "http://127.0.0.1/app/", logger: createLogger("silent") });
    server = await startHttpServer({
      port: 0,
      health: async () => true,
      dashboard: getRequestListener(app.fetch),
      logger: createLogger("silent"),
    });
    const address = server.address();
    const origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    const cookies: string[] = [];
    for (const actor of staff) {
      const link = await createDashboardLink(deps, { actor });
      const signed = await signInWithLink(deps, { token: link.token });
      cookies.push(`klassruk_session=${signed.token}`);
    }
    // Each person is a browser of their own: one kept-alive connection each.
    const agents = new Map<string, http.Agent>();
    const overview = (cookie: string) =>
      new Promise<number>((resolve, reject) => {
        let agent = agents.get(cookie);
        if (!agent) agents.set(cookie, (agent = new http.Agent({ keepAlive: true, maxSockets: 1 })));
        const started = performance.now();
        const request = http.get(`${origin}/app/`, { agent, headers: { cookie } }, (response) => {
          response.resume();
          response.on("end", () =>
            response.statusCode === 200
              ? resolve(performance.now() - started)
              : reject(new Error(`overview answered ${response.statusCode}`)),
          );
        });
        request.on("error", reject);
      });
    // Warm-up: each person once, one after another (the first request builds the school's calendar).
    const single: number[] = [];
    for (const cookie of cookies) single.push(await overview(cookie));
    // Served one at a time from the kept overview: the cost of a request itself.
    const warm: number[] = [];
    for (let i = 0; i < 200; i++) warm.push(await overview(cookies[i % cookies.length]!));
    // One round all at once, not counted: each person's connection is opened (a browser keeps its own).
    const opening = (await Promise.all(cookies.map((cookie) => overview(cookie)))).sort((a, b) => a - b);
    const times: number[] = [];
    const started = performance.now();
    await Promise.all(
      cookies.map(async (cookie) => {
        for (let round = 0; round < ROUNDS; round++) times.push(await overview(cookie));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    // Half a minute later the kept overviews have expired: one round all at once computes them afresh.
    clock += 31_000;
    const fresh = (await Promise.all(cookies.map((cookie) => overview(cookie)))).sort((a, b) => a - b);
    const sorted = [...times].sort((a, b) => a - b);
    const alone = [...single].sort((a, b) => a - b);
    const deputyAlone = single.slice(0, 3);
    return [
      {
        name: `dashboard overview, one at a time (SQLite, ${CLASSES * PER_CLASS} students, ${CASES} open cases)`,
        figure: `p50 ${percentile(alone, 50).toFixed(0)} ms (school-wide ${Math.max(...deputyAlone).toFixed(0)} ms)`,
        goal: "—",
      },
      {
        name: "dashboard overview, kept (within 30 s), one at a time",
        figure: `p50 ${percentile(
          [...warm].sort((a, b) => a - b),
          50,
        ).toFixed(1)} ms, p95 ${percentile(
          [...warm].sort((a, b) => a - b),
          95,
        ).toFixed(1)} ms`,
        goal: "—",
      },
      {
        name: `dashboard overview, ${USERS} people at once, connections being opened`,
        figure: `p50 ${percentile(opening, 50).toFixed(0)} ms, p95 ${percentile(opening, 95).toFixed(0)} ms`,
        goal: "—",
      },
      {
        name: `dashboard overview, ${USERS} people at once × ${ROUNDS}`,
        figure: `p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, ${Math.round(times.length / seconds)}/s`,
        goal: "p95 ≤ 300 ms",
      },
      {
        name: `dashboard overview, ${USERS} people at once, every overview computed afresh`,
        figure: `p50 ${percentile(fresh, 50).toFixed(0)} ms, p95 ${percentile(fresh, 95).toFixed(0)} ms`,
        goal: "(once per 30 s)",
      },
    ];
  } finally {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
