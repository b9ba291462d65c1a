import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness } from "../support/bot-harness.js";
import { movableClock } from "../support/case-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { raiseSos } from "../../src/app/sos/raise-sos.js";
import { forgetExpiredSessions } from "../../src/app/dashboard/dashboard-session.js";
import { attachCaseFile } from "../../src/app/cases/case-attachments.js";
import { closeCase } from "../../src/app/cases/close-case.js";
import { completeStep } from "../../src/app/cases/complete-step.js";
import { planStepOf } from "../../src/app/plans/plan-steps.js";
import { addPlanMeasure } from "../../src/app/plans/add-plan-measure.js";
import { importAttendance } from "../../src/app/attendance/import-attendance.js";
import { Api } from "grammy";
import { dashboardMenuJob } from "../../src/jobs/dashboard-menu-job.js";
import { dashboardApp, dashboardDeps, initDataFor, seedDashboardSchool } from "./dashboard-support.js";

/*
 * Issue 16, the dashboard over HTTP (in process, through the app's own fetch): sign-in with the
 * Mini App's initData and with the bot's one-time link, refusals, the pages each role may see,
 * the XLSX export, CSRF on changes. The browser tests (dashboard-browser.test.ts) drive Chromium.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

const cookieOf = (response: Response) => (response.headers.get("set-cookie") ?? "").split(";")[0]!;

describe("the dashboard over HTTP", () => {
  const clock = movableClock("2026-11-24T10:00:00+03:00");
  let app: ReturnType<typeof dashboardApp>;
  let school: Awaited<ReturnType<typeof seedDashboardSchool>>;
  const base = 9970;
  const signIn = async (telegramId: number, options: Parameters<typeof initDataFor>[1] = {}) =>
    app.request("/app/auth/telegram", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ initData: initDataFor(telegramId, options) }),
    });
  const get = (path: string, cookie: string) => app.request(path, { headers: { cookie } });

  beforeAll(async () => {
    school = await seedDashboardSchool(db.prisma, clock.now, base);
    app = dashboardApp(db.prisma, clock.now);
  });

  it("signs the deputy in with valid initData; the overview shows the school", async () => {
    const response = await signIn(base + 1);
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^klassruk_session=[\w-]{43}; /);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/app");
    const overview = await get("/app/", cookieOf(response));
    expect(overview.status).toBe(200);
    const text = await overview.text();
    expect(text).toContain("Школа на 24.11.2026");
    expect(text).toMatch(/<h2>Открытые случаи<\/h2><p class="figure">3<\/p>/);
    // Late steps with how late, and each links to its case by number only.
    expect(text).toContain(`<a href="/app/cases/${school.cases.petr}">Иванов П., 7Б</a>`);
    expect(text).toMatch(/class="late">\d+ учебн(ый день|ых дня|ых дней)</);
    expect(overview.headers.get("content-security-policy")).toContain("default-src 'self'");
    // Audited.
    expect(await db.prisma.auditEvent.count({ where: { action: "dashboard.signedIn" } })).toBe(1);
  });

  it("over HTTPS the cookie is Secure and SameSite=None (Telegram's web client frames the Mini App)", async () => {
    const https = dashboardApp(db.prisma, clock.now, "https://klassruk.example.ru/app/");
    const response = await https.request("/app/auth/telegram", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ initData: initDataFor(base + 1) }),
    });
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("SameSite=None");
    expect(cookie).toContain("HttpOnly");
  });

  it("refuses a forged, a foreign or a stale initData, and a stranger", async () => {
    const forged = initDataFor(base + 1).replace(/hash=[0-9a-f]+/, `hash=${"0".repeat(64)}`);
    const responses = [
      await app.request("/app/auth/telegram", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ initData: forged }),
      }),
      await signIn(base + 1, { token: "999:another-bot" }),
      await signIn(base + 1, { authDate: new Date(Date.now() - 25 * 3_600_000) }),
      await signIn(424242),
      await app.request("/app/auth/telegram", { method: "POST", headers: { "content-type": "application/json" }, body: "{" }),
      // Another site's form (text/plain) with a valid initData: refused, so nobody is signed in as someone else.
      await app.request("/app/auth/telegram", {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({ initData: initDataFor(base + 1) }),
      }),
    ];
    expect(responses.map((r) => r.status)).toEqual([403, 403, 403, 403, 400, 415]);
    expect(responses.every((r) => r.headers.get("set-cookie") === null)).toBe(true);
    // Without a session: the sign-in page, and no data.
    const page = await app.request("/app/");
    expect(page.status).toBe(401);
    expect(await page.text()).toContain("Вход в панель");
    expect((await app.request(`/app/cases/${school.cases.petr}`)).status).toBe(401);
  });

  it("a teacher sees their own cases only: another class's case is not found, whatever the URL", async () => {
    const cookie = cookieOf(await signIn(base));
    const list = await (await get("/app/cases", cookie)).text();
    expect(list).toContain("Иванов П., 7Б");
    expect(list).not.toContain("Беляев");
    await attachCaseFile(dashboardDeps(db.prisma, clock.now), {
      actor: school.world.teacher,
      caseId: String(school.cases.petr),
      file: { telegramFile: "file-1", fileName: "Акт обследования <ЖБУ>.pdf", size: 1000, mimeType: "application/pdf" },
    });
    const own = await get(`/app/cases/${school.cases.petr}`, cookie);
    expect(own.status).toBe(200);
    const card = await own.text();
    expect(card).toContain("Иванов П., 7Б");
    expect(card).toContain("Хронология");
    // Its papers, the name escaped.
    expect(card).toContain("Акт обследования &lt;ЖБУ&gt;.pdf");
    const foreign = await get(`/app/cases/${school.cases.oleg}`, cookie);
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).not.toContain("Беляев");
    expect((await get(`/app/cases/${school.cases.oleg}/case-file.docx`, cookie)).status).toBe(404);
    // Their own case's file downloads, the student's name in the file's name only.
    const docx = await get(`/app/cases/${school.cases.petr}/case-file.docx`, cookie);
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(decodeURIComponent(docx.headers.get("content-disposition")!)).toContain("Иванов");
    expect(new Uint8Array(await docx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    expect((await get("/app/cases/abc", cookie)).status).toBe(404);
  });

  it("the teachers page: unreachable and late first, with their cases; for deputies and the director only", async () => {
    await db.prisma.user.update({ where: { id: school.other.userId }, data: { reachable: false } });
    const deputy = cookieOf(await signIn(base + 1));
    const page = await (await get("/app/teachers", deputy)).text();
    const rows = [...page.matchAll(/<tr><td>(.*?)<\/td><td>(.*?)<\/td><td>(\d+)<\/td><td[^>]*>(\d+)<\/td><td[^>]*>(.*?)<\/td><\/tr>/g)].map(
      (m) => [m[1]!.replace(/<[^>]+>/g, ""), m[2], m[3], m[5]],
    );
    expect(rows).toEqual([
      ["Орлова Нина Павловна", "8А", "1", "не получает сообщений"],
      ["Петрова Ольга Ивановна", "7Б", "2", "на связи"],
    ]);
    expect(page).toContain(`<a href="/app/teachers" aria-current="page">Классные руководители</a>`);
    const teacher = cookieOf(await signIn(base));
    expect((await get("/app/teachers", teacher)).status).toBe(404);
    expect(await (await get("/app/", teacher)).text()).not.toContain("/app/teachers");
    await db.prisma.user.update({ where: { id: school.other.userId }, data: { reachable: true } });
  });

  it("exports the filtered list as XLSX", async () => {
    const cookie = cookieOf(await signIn(base + 1));
    const response = await get("/app/cases.xlsx?class=7%D0%91", cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="cases-2026-11-24.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "№",
      "Обучающийся",
      "Класс",
      "Регламент",
      "Классный руководитель",
      "Открыт",
      "Закрыт",
      "Просрочено шагов",
      "Опоздание, учебных дней",
    ]);
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => [r[2], r[3], r[6]])).toEqual(
      expect.arrayContaining([
        ["Иванов Пётр Сергеевич", "7Б", "12.10.2026"],
        ["Смирнова Анна Олеговна", "7Б", "02.11.2026"],
      ]),
    );
    expect(rows).toHaveLength(2);
    // For a chosen period: the cases opened in it.
    const period = await get("/app/cases.xlsx?class=7%D0%91&from=2026-11-01&to=2026-11-30", cookie);
    const november = new ExcelJS.Workbook();
    await november.xlsx.load(await period.arrayBuffer());
    expect((november.worksheets[0]!.getSheetValues().slice(2) as unknown[][]).map((r) => r[2])).toEqual(["Смирнова Анна Олеговна"]);
    // A date that is not one filters nothing.
    expect((await get("/app/cases?from=2026-13-45", cookie)).status).toBe(200);
  });

  it("lists the cases closed in the last 12 months on request", async () => {
    const world = await seedDashboardSchool(db.prisma, clock.now, base + 20);
    const deps = dashboardDeps(db.prisma, clock.now);
    await closeCase(deps, {
      actor: world.world.teacher,
      caseId: String(world.cases.anna),
      reason: "returnedToSchool",
      gapReason: "вернулась",
    });
    const deputy = cookieOf(await signIn(base + 21));
    const closed = await (await get("/app/cases?status=closed", deputy)).text();
    expect(closed).toContain("Закрытые случаи за 12 месяцев");
    expect(closed).toContain("Смирнова А., 7Б");
    expect(closed).not.toContain("Иванов П.");
    const open = await (await get("/app/cases", deputy)).text();
    expect(open).not.toContain("Смирнова А., 7Б");
    // A teacher's closed cases are their own.
    const other = cookieOf(await signIn(base + 22));
    expect(await (await get("/app/cases?status=closed", other)).text()).not.toContain("Смирнова");
  });

  it("speaks the person's language from the same locale files", async () => {
    await db.prisma.user.update({ where: { id: school.world.deputy.userId }, data: { language: "en" } });
    const cookie = cookieOf(await signIn(base + 1));
    const page = await (await get("/app/", cookie)).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain("The school on 24.11.2026");
    expect(page).toContain("Overdue steps");
    await db.prisma.user.update({ where: { id: school.world.deputy.userId }, data: { language: "ru" } });
  });

  it("the overview counts the ИПР's days, the plans missing, the families not reached and the students at risk", async () => {
    const world = await seedDashboardSchool(db.prisma, clock.now, base + 30);
    const deps = dashboardDeps(db.prisma, clock.now);
    const plan = planStepOf(deps.regulations.current("absence-criterion-22"))!;
    // Пётр's ИПР was drawn up 10 days after the notice of 12.10; Анна's (notice 02.11) is late: on ВШУ without an ИПР.
    await addPlanMeasure(deps, {
      actor: world.world.teacher,
      caseId: String(world.cases.petr),
      what: "Беседа с семьёй",
      who: "классный руководитель",
    });
    await completeStep(deps, { actor: world.world.teacher, caseId: String(world.cases.petr), stepId: plan.id, on: "2026-10-22" });
    const anna = String(world.cases.anna);
    await completeStep(deps, { actor: world.world.teacher, caseId: anna, stepId: "trackStatus", on: "2026-11-06", answer: "notConfirmed" });
    await completeStep(deps, {
      actor: world.world.teacher,
      caseId: anna,
      stepId: "meetParents",
      on: "2026-11-09",
      form: "personalMeeting",
    });
    // Кузнецов has been absent without a reason for five school days.
    const days = ["18.11.2026", "19.11.2026", "20.11.2026", "23.11.2026", "24.11.2026"];
    const grid = `ФИО;Класс;${days.join(";")}\nКузнецов Илья Андреевич;7Б;Н;Н;Н;Н;Н`;
    await importAttendance(deps, { by: world.world.teacher, bytes: new TextEncoder().encode(grid), today: "2026-11-24" });
    const cookie = cookieOf(await signIn(base + 31));
    const page = await (await get("/app/", cookie)).text();
    expect(page).toContain("От уведомления до ИПР — 10 дней (медиана по случаям за год: 1).");
    const section = (title: string) => page.slice(page.indexOf(title), page.indexOf("</div>", page.indexOf(title)));
    expect(section("На ВШУ без ИПР")).not.toContain("Иванов П., 7Б");
    expect(section("На ВШУ без ИПР")).toContain("Смирнова А., 7Б");
    expect(section("Пропускают без уважительной причины")).toContain("Кузнецов И., 7Б — 5 учебных дней подряд");
    // Пётр's weekly contact with the family, due since the ИПР, was never recorded.
    expect(section("Нет связи с семьёй больше 7 дней")).toContain("Иванов П., 7Б");
    // The case list's filters: a teacher's, and the late only.
    const list = await (await get(`/app/cases?teacher=${world.other.memberId}`, cookie)).text();
    expect(list).toContain("Беляев О., 8А");
    expect(list).not.toContain("Иванов П.");
    const late = await (await get("/app/cases?overdue=1", cookie)).text();
    expect(late.match(/<a href="\/app\/cases\/\d+">/g)?.length).toBeGreaterThan(0);
  });

  it("exports the figures of a chosen period as XLSX; a bad period is refused", async () => {
    const cookie = cookieOf(await signIn(base + 1));
    const response = await get("/app/overview.xlsx?from=2026-11-01&to=2026-11-30", cookie);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const rows = Array.from(workbook.worksheets[0]!.getSheetValues() as unknown[][], (r) => (r ?? []).slice(1));
    expect(rows.slice(1, 9)).toEqual([
      ["Случаи с 01.11.2026 по 30.11.2026"],
      [],
      ["Регламент", "Открыто за период", "Закрыто за период", "Открыто на 24.11.2026"],
      ["Пропуски (крит. 22)", 2, 0, 3],
      [],
      ["Класс", "Открыто за период", "Закрыто за период", "Открыто на 24.11.2026"],
      ["7Б", 1, 0, 2],
      ["8А", 1, 0, 1],
    ]);
    for (const bad of ["from=2026-11-30&to=2026-11-01", "from=2020-01-01&to=2026-11-30", "from=31.11.2026"]) {
      expect((await get(`/app/overview.xlsx?${bad}`, cookie)).status).toBe(400);
    }
  });

  it("the bot's one-time link signs in once, for 10 minutes; changes need the CSRF token", async () => {
    const harness = createHarness({ db: db.prisma, now: clock.now, dashboardUrl: "http://127.0.0.1/app/" });
    const deputy = harness.user({ id: base + 1, first_name: "Марина", language_code: "ru" });
    const reply = (await deputy.send("/dashboard")).find((c) => c.method === "sendMessage")!;
    const link = /http:\/\/127\.0\.0\.1\/app\/login\?t=([\w-]+)/.exec(String(reply.payload.text))!;
    expect(String(reply.payload.text)).toContain("Ссылка действует 10 минут и только для вас");
    const opened = await app.request(`/app/login?t=${link[1]}`);
    expect(opened.status).toBe(303);
    const cookie = cookieOf(opened);
    expect((await get("/app/", cookie)).status).toBe(200);
    expect((await app.request(`/app/login?t=${link[1]}`)).status).toBe(403);
    // A link older than 10 minutes is refused.
    const late = /login\?t=([\w-]+)/.exec(String((await deputy.send("/dashboard")).find((c) => c.method === "sendMessage")!.payload.text))!;
    clock.set("2026-11-24T10:11:00+03:00");
    expect((await app.request(`/app/login?t=${late[1]}`)).status).toBe(403);
    // Signing out without the page's token is refused; with it, the session ends.
    expect((await app.request("/app/logout", { method: "POST", headers: { cookie } })).status).toBe(403);
    const page = await (await get("/app/", cookie)).text();
    const csrf = /name="_csrf" value="([\w-]+)"/.exec(page)![1]!;
    const out = await app.request("/app/logout", {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: `_csrf=${csrf}`,
    });
    expect(out.status).toBe(303);
    expect((await get("/app/", cookie)).status).toBe(401);
    // The nightly sweep forgets sessions and links past their time.
    clock.set("2026-11-25T10:00:00+03:00");
    expect(await forgetExpiredSessions(dashboardDeps(db.prisma, clock.now))).toBeGreaterThan(0);
    expect(await db.prisma.webLoginLink.count({ where: { expiresAt: { lt: clock.now() } } })).toBe(0);
    expect(await db.prisma.webSession.count({ where: { expiresAt: { lt: clock.now() } } })).toBe(0);
    clock.set("2026-11-24T10:11:00+03:00");
  });

  it("a deputy comments, passes a case on and takes an emergency, through the bot's use cases; each needs the page's token", async () => {
    clock.set("2026-11-24T11:00:00+03:00");
    const cookie = cookieOf(await signIn(base + 1));
    const page = await (await get(`/app/cases/${school.cases.anna}`, cookie)).text();
    const csrf = /name="_csrf" value="([\w-]+)"/.exec(page)![1]!;
    expect(page).toContain("Передать случай другому классному руководителю");
    expect(page).toContain(`<option value="${school.other.memberId}">Орлова Нина Павловна</option>`);
    const post = (path: string, body: string, withToken = true) =>
      app.request(path, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: withToken ? `_csrf=${csrf}&${body}` : body,
      });
    expect((await post(`/app/cases/${school.cases.anna}/comment`, "text=Позвоните+маме", false)).status).toBe(403);
    const commented = await post(`/app/cases/${school.cases.anna}/comment`, "text=Позвоните+маме");
    expect(commented.status).toBe(303);
    expect(await (await get(`/app/cases/${school.cases.anna}`, cookie)).text()).toContain("Позвоните маме");
    expect(await db.prisma.auditEvent.count({ where: { action: "case.commented", subject: `case:${school.cases.anna}` } })).toBe(1);
    expect((await post(`/app/cases/${school.cases.anna}/comment`, "text=+++")).status).toBe(400);

    expect((await post(`/app/cases/${school.cases.anna}/reassign`, `teacher=${school.other.memberId}`)).status).toBe(303);
    expect((await db.prisma.case.findUniqueOrThrow({ where: { id: school.cases.anna } })).teacherId).toBe(school.other.memberId);
    expect((await post(`/app/cases/${school.cases.anna}/reassign`, "teacher=999999")).status).toBe(404);

    // An emergency raised in the bot shows on the overview until someone takes it.
    const raised = await raiseSos(dashboardDeps(db.prisma, clock.now), {
      actor: school.world.teacher,
      kind: "injury",
      text: "Упал на перемене",
    });
    const overview = await (await get("/app/", cookie)).text();
    expect(overview).toContain("🆘 Экстренные случаи, которые никто не принял");
    expect(overview).toContain("Сложная травма");
    expect((await post(`/app/sos/${raised.alertId}/acknowledge`, "")).status).toBe(303);
    expect(await db.prisma.auditEvent.count({ where: { action: "sos.acknowledged", subject: `sos:${raised.alertId}` } })).toBe(1);
    expect(await (await get("/app/", cookie)).text()).not.toContain("Сложная травма");
  });

  it("a teacher may comment on their case but not pass it on", async () => {
    const cookie = cookieOf(await signIn(base));
    const page = await (await get(`/app/cases/${school.cases.petr}`, cookie)).text();
    expect(page).toContain("Комментарий к случаю");
    expect(page).not.toContain("Передать случай");
    const csrf = /name="_csrf" value="([\w-]+)"/.exec(page)![1]!;
    const refused = await app.request(`/app/cases/${school.cases.petr}/reassign`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: `_csrf=${csrf}&teacher=${school.other.memberId}`,
    });
    expect(refused.status).toBe(404);
    expect((await db.prisma.case.findUniqueOrThrow({ where: { id: school.cases.petr } })).teacherId).toBe(school.world.teacher.memberId);
  });

  it("over HTTPS the Mini App becomes the menu button of deputies and directors (once), not of teachers", async () => {
    const harness = createHarness({ db: db.prisma, now: clock.now, dashboardUrl: "https://klassruk.example.ru/app/" });
    const deputy = harness.user({ id: base + 1, first_name: "Марина", language_code: "ru" });
    const teacher = harness.user({ id: base, first_name: "Ольга", language_code: "ru" });
    const menuCalls = () => harness.telegram.calls.filter((c) => c.method === "setChatMenuButton");
    await deputy.send("/help");
    await deputy.send("/help");
    await teacher.send("/help");
    expect(menuCalls().map((c) => c.payload)).toEqual([
      { chat_id: base + 1, menu_button: { type: "web_app", text: "Панель", web_app: { url: "https://klassruk.example.ru/app/" } } },
    ]);
    // The hourly job (it also runs at start) sets it for the deputies and directors it has not reached yet, once.
    const job = dashboardMenuJob(
      harness.deps,
      new Api("1:TEST", { fetch: harness.telegram.fetch as never }),
      "https://klassruk.example.ru/app/",
    );
    await job.run();
    await job.run();
    expect(menuCalls().map((c) => c.payload.chat_id)).toEqual([base + 1, base + 21, base + 31]);
    expect(await db.prisma.user.count({ where: { menuButtonUrl: "https://klassruk.example.ru/app/" } })).toBe(3);
    // /dashboard over HTTPS also offers the Mini App as a button under the link.
    const reply = (await deputy.send("/dashboard")).find((c) => c.method === "sendMessage")!;
    expect(JSON.stringify(reply.payload.reply_markup)).toContain('"web_app":{"url":"https://klassruk.example.ru/app/"}');

    // The school's admin turns it on for class teachers in /admin; a teacher then gets it too.
    await school.world.addPerson(base + 3, "Админова Ирина Петровна", ["admin"]);
    const admin = harness.user({ id: base + 3, first_name: "Ирина", language_code: "ru" });
    await admin.send("/admin");
    await admin.press("⚙️ Настройки школы");
    await admin.press("Панель в меню и классным руководителям");
    expect((await db.prisma.school.findUniqueOrThrow({ where: { id: school.world.schoolId } })).dashboardForTeachers).toBe(true);
    expect(admin.lastText()).toContain("Панель в меню: у заместителей, директора и классных руководителей");
    const restarted = createHarness({ db: db.prisma, now: clock.now, dashboardUrl: "https://klassruk.example.ru/app/" });
    await restarted.user({ id: base, first_name: "Ольга", language_code: "ru" }).send("/help");
    expect(restarted.telegram.calls.filter((c) => c.method === "setChatMenuButton").map((c) => c.payload.chat_id)).toEqual([base]);
    await db.prisma.school.update({ where: { id: school.world.schoolId }, data: { dashboardForTeachers: false } });
  });

  it("without HTTP_PORT and WEB_APP_URL, /dashboard says how to turn it on", async () => {
    const harness = createHarness({ db: db.prisma, now: clock.now });
    const deputy = harness.user({ id: base + 1, first_name: "Марина", language_code: "ru" });
    expect(deputy.texts()).toEqual([]);
    await deputy.send("/dashboard");
    expect(deputy.lastText()).toBe(
      "Панель не включена. Администратору сервера нужно задать HTTP_PORT и WEB_APP_URL (адрес, по которому открывается панель) и перезапустить бота.",
    );
  });
});
