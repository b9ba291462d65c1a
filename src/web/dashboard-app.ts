import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Hono, type Context } from "hono";
import { loadExcelJS } from "../heavy-modules.js";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { TFunction } from "i18next";
import { AppError } from "../app/app-error.js";
import type { Actor } from "../app/actor.js";
import { getCaseCard } from "../app/cases/get-case-card.js";
import { getCaseFile } from "../app/cases/get-case-file.js";
import { can } from "../app/access-policy.js";
import { listReassignTargets } from "../app/cases/list-reassign-targets.js";
import { listCaseMeasures } from "../app/cases/list-case-measures.js";
import { listCaseFiles } from "../app/cases/case-attachments.js";
import { reassignCase } from "../app/cases/reassign-case.js";
import { COMMENT_MAX, commentCase } from "../app/deputy/comment-case.js";
import { acknowledgeSos } from "../app/sos/acknowledge-sos.js";
import { listDashboardCases, type DashboardCaseFilter } from "../app/dashboard/dashboard-cases.js";
import { getDashboardOverview } from "../app/dashboard/dashboard-overview.js";
import { listDashboardTeachers } from "../app/dashboard/dashboard-teachers.js";
import { getPeriodReport } from "../app/dashboard/dashboard-period.js";
import { shortTitle } from "../bot/views/case-list-view.js";
import { dashboardActor, signInWithInitData, signInWithLink, signOut, type DashboardDeps } from "../app/dashboard/dashboard-session.js";
import { caseFileDoc } from "../bot/views/case-file-view.js";
import { loadDocuments } from "../documents/load-documents.js";
import { documentFileName } from "../documents/document-file-name.js";
import { formatRussianDate, isLocalDate, localDateIn } from "../domain/dates.js";
import type { I18n } from "../i18n.js";
import type { Logger } from "../logger.js";
import { APP_CSS, APP_JS } from "./assets.js";
import { CSRF_SLOT, createOverviewCache } from "./overview-cache.js";
import { loadSchoolCases } from "../app/deputy/school-cases.js";
import { schoolTime } from "../app/sos/sos-people.js";
import { BASE, page } from "./layout.js";
import { teachersPage } from "./pages.js";
import { casePage, casesPage, casesRows, overviewPage, signInPage, messagePage } from "./pages.js";

/*
 * The dashboard (issue 16, decision 021): server-rendered pages on the bot's own HTTP server,
 * under /app. Sign-in: the Mini App's initData or the bot's one-time link; then a session cookie
 * (HttpOnly, SameSite, Secure over HTTPS). Every page asks the same use cases as the bot, with the
 * actor resolved from the session on each request; every change carries the session's CSRF token.
 * No student data in URLs: a case is its number.
 */

export interface DashboardAppOptions {
  deps: DashboardDeps;
  i18n: I18n;
  /** WEB_APP_URL: where people open the dashboard (its scheme decides Secure cookies). */
  publicUrl: string;
  logger: Logger;
}

const COOKIE = "klassruk_session";
const MAX_BODY = 8 * 1024;

type Env = { Variables: { actor: Actor; csrf: string; t: TFunction } };

// Chart.js's browser build, from the installed package (its exports name only the module builds); read on first use.
let chartJs: string | undefined;
const chartScript = () =>
  (chartJs ??= readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve("chart.js")), "chart.umd.min.js"), "utf8"));

export function createDashboardApp({ deps, i18n, publicUrl, logger }: DashboardAppOptions) {
  const secure = publicUrl.startsWith("https://");
  const app = new Hono<Env>({ strict: false }).basePath(BASE);
  const ru = i18n.t("ru");
  const overviews = createOverviewCache(deps.now);
  const keptSchoolCases = overviews.schoolCases((schoolId) => loadSchoolCases(deps, schoolId));

  // Headers for every answer: nothing from elsewhere, framed only by Telegram's web clients.
  app.use("*", async (c, next) => {
    await next();
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    c.header(
      "Content-Security-Policy",
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'self' https://web.telegram.org https://*.telegram.org; base-uri 'none'; form-action 'self'",
    );
    c.header("Cache-Control", c.req.path.startsWith(`${BASE}/assets/`) ? "public, max-age=3600" : "no-store");
  });

  app.get("/assets/app.css", (c) => c.body(APP_CSS, 200, { "content-type": "text/css; charset=utf-8" }));
  app.get("/assets/app.js", (c) => c.body(APP_JS, 200, { "content-type": "text/javascript; charset=utf-8" }));
  app.get("/assets/chart.umd.min.js", (c) => c.body(chartScript(), 200, { "content-type": "text/javascript; charset=utf-8" }));

  const startSession = (c: Context, signed: { token: string; expiresAt: Date }) =>
    setCookie(c, COOKIE, signed.token, {
      path: BASE,
      httpOnly: true,
      secure,
      // Telegram's web client frames the Mini App from another site: there the cookie must be SameSite=None (and Secure).
      sameSite: secure ? "None" : "Lax",
      // Relative, so the browser's clock and the server's need not agree.
      maxAge: Math.max(0, Math.round((signed.expiresAt.getTime() - deps.now().getTime()) / 1000)),
    });

  // The Mini App posts its initData once; a forged or stale one is refused.
  app.post("/auth/telegram", async (c) => {
    if (Number(c.req.header("content-length") ?? 0) > MAX_BODY) return c.json({ ok: false }, 413);
    // JSON only: another site's plain form cannot send it (no signing a person in as someone else).
    if (!c.req.header("content-type")?.startsWith("application/json")) return c.json({ ok: false }, 415);
    const body = await c.req.json<{ initData?: unknown }>().catch(() => ({}) as { initData?: unknown });
    if (typeof body.initData !== "string") return c.json({ ok: false }, 400);
    try {
      startSession(c, await signInWithInitData(deps, { initData: body.initData }));
      return c.json({ ok: true });
    } catch (error) {
      if (error instanceof AppError) return c.json({ ok: false }, 403);
      throw error;
    }
  });

  // The bot's one-time link for a desktop browser.
  app.get("/login", async (c) => {
    try {
      startSession(c, await signInWithLink(deps, { token: c.req.query("t") ?? "" }));
      return c.redirect(`${BASE}/`, 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return c.html(messagePage(ru, "ru", ru("dashboard.signIn.linkRefused")), 403);
    }
  });

  // Everything below needs a session: the actor is resolved again on every request.
  app.use("*", async (c, next) => {
    const session = await dashboardActor(deps, { token: getCookie(c, COOKIE) });
    if (!session) {
      if (c.req.method === "GET" && (c.req.path === BASE || c.req.path === `${BASE}/`)) return c.html(signInPage(ru, "ru"), 401);
      return c.html(messagePage(ru, "ru", ru("dashboard.signIn.needed")), 401);
    }
    c.set("actor", session.actor);
    c.set("csrf", session.csrf);
    c.set("t", i18n.t(session.actor.language));
    // A change must carry the session's CSRF token (a form field or a header).
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const form = c.req.header("content-type")?.startsWith("application/x-www-form-urlencoded") ? await c.req.parseBody() : {};
      const sent = c.req.header("x-csrf-token") ?? (typeof form._csrf === "string" ? form._csrf : undefined);
      if (sent !== session.csrf) return c.html(messagePage(c.get("t"), session.actor.language, c.get("t")("dashboard.errors.csrf")), 403);
    }
    await next();
  });

  app.onError((error, c) => {
    const actor = c.get("actor") as Actor | undefined;
    const t = (c.get("t") as TFunction | undefined) ?? ru;
    const lang = actor?.language ?? "ru";
    if (error instanceof AppError && (error.code === "invalidInput" || error.code === "caseClosed")) {
      logger.info({ code: error.code, detail: error.message, path: c.req.path }, "dashboard input refused");
      return c.html(messagePage(t, lang, t("dashboard.errors.invalidInput")), 400);
    }
    if (error instanceof AppError && (error.code === "forbidden" || error.code === "notFound")) {
      logger.info({ code: error.code, detail: error.message, path: c.req.path }, "dashboard refusal");
      return c.html(messagePage(t, lang, t("dashboard.errors.notFound")), 404);
    }
    logger.error({ err: error, path: c.req.path }, "dashboard error");
    return c.html(messagePage(t, lang, t("dashboard.errors.other")), 500);
  });

  app.post("/logout", async (c) => {
    await signOut(deps, { token: getCookie(c, COOKIE) });
    deleteCookie(c, COOKIE, { path: BASE, secure });
    return c.redirect(`${BASE}/`, 303);
  });

  app.get("/", async (c) => {
    const actor = c.get("actor");
    const t = c.get("t");
    const kept = await overviews.get(actor, () => getDashboardOverview(deps, { actor, schoolCases: keptSchoolCases }));
    // Rendered once per language while kept; the reader's CSRF token goes in its slots.
    let rendered = kept.pages.get(actor.language);
    if (rendered === undefined) {
      const { overview, at } = kept;
      rendered = String(
        await page({
          t,
          lang: actor.language,
          title: t("dashboard.nav.overview"),
          current: "overview",
          schoolWide: can(actor, "viewSchool"),
          csrf: CSRF_SLOT,
          charts: true,
          body: overviewPage(t, actor.language, overview, CSRF_SLOT, schoolTime(at, overview.timezone)),
        }),
      );
      kept.pages.set(actor.language, rendered);
    }
    return c.html(rendered.replaceAll(CSRF_SLOT, c.get("csrf")));
  });

  // The figures of a chosen period, as XLSX (the school year so far unless said).
  app.get("/overview.xlsx", async (c) => {
    const actor = c.get("actor");
    const t = c.get("t");
    const report = await getPeriodReport(deps, {
      actor,
      ...(c.req.query("from") ? { from: c.req.query("from")! } : {}),
      ...(c.req.query("to") ? { to: c.req.query("to")! } : {}),
      schoolCases: keptSchoolCases,
    });
    const workbook = new (await loadExcelJS()).Workbook();
    const sheet = workbook.addWorksheet(t("dashboard.period.sheet").slice(0, 31));
    sheet.addRow([t("dashboard.period.title", { from: formatRussianDate(report.from), to: formatRussianDate(report.to) })]).font = {
      bold: true,
    };
    sheet.addRow([]);
    const header = (first: string) =>
      (sheet.addRow([
        first,
        t("dashboard.period.opened"),
        t("dashboard.period.closed"),
        t("dashboard.period.openNow", { date: formatRussianDate(report.today) }),
      ]).font = { bold: true });
    header(t("dashboard.columns.regulation"));
    for (const r of report.byRegulation) sheet.addRow([shortTitle(t, actor.language, r.regulation), r.opened, r.closed, r.openNow]);
    sheet.addRow([]);
    header(t("dashboard.columns.class"));
    for (const k of report.byClass) sheet.addRow([k.classLabel || "—", k.opened, k.closed, k.openNow]);
    sheet.getColumn(1).width = 36;
    for (const n of [2, 3, 4]) sheet.getColumn(n).width = 18;
    return c.body(Buffer.from(await workbook.xlsx.writeBuffer()), 200, {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="overview-${report.from}-${report.to}.xlsx"`,
    });
  });

  app.get("/teachers", async (c) => {
    const actor = c.get("actor");
    const t = c.get("t");
    const { teachers } = await listDashboardTeachers(deps, { actor, schoolCases: keptSchoolCases });
    return c.html(
      page({
        t,
        lang: actor.language,
        title: t("dashboard.nav.teachers"),
        current: "teachers",
        schoolWide: true,
        csrf: c.get("csrf"),
        body: teachersPage(t, teachers),
      }),
    );
  });

  const filterOf = (c: Context<Env>): DashboardCaseFilter => ({
    ...(c.req.query("class") ? { classLabel: c.req.query("class")! } : {}),
    ...(c.req.query("regulation") ? { regulationId: c.req.query("regulation")! } : {}),
    ...(/^\d{1,9}$/.test(c.req.query("teacher") ?? "") ? { teacherMemberId: Number(c.req.query("teacher")) } : {}),
    ...(c.req.query("overdue") === "1" ? { overdueOnly: true } : {}),
    // A date that is not one is left out of the filter, never trusted.
    ...(isLocalDate(c.req.query("from") ?? "") ? { openedFrom: c.req.query("from")! } : {}),
    ...(isLocalDate(c.req.query("to") ?? "") ? { openedTo: c.req.query("to")! } : {}),
    ...(c.req.query("status") === "closed" ? { status: "closed" as const } : {}),
  });

  app.get("/cases", async (c) => {
    const actor = c.get("actor");
    const t = c.get("t");
    const list = await listDashboardCases(deps, { actor, filter: filterOf(c) });
    return c.html(
      page({
        t,
        lang: actor.language,
        title: t("dashboard.nav.cases"),
        current: "cases",
        schoolWide: can(actor, "viewSchool"),
        csrf: c.get("csrf"),
        body: casesPage(t, actor.language, list, c.req.url),
      }),
    );
  });

  // The list as schools report upward: the same filter, as XLSX.
  app.get("/cases.xlsx", async (c) => {
    const actor = c.get("actor");
    const t = c.get("t");
    const list = await listDashboardCases(deps, { actor, filter: filterOf(c) });
    const workbook = new (await loadExcelJS()).Workbook();
    const sheet = workbook.addWorksheet(t("dashboard.nav.cases").slice(0, 31));
    const { header, rows } = casesRows(t, actor.language, list);
    sheet.addRow(header).font = { bold: true };
    for (const row of rows) sheet.addRow(row);
    sheet.columns.forEach((column) => (column.width = 22));
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    return c.body(bytes, 200, {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="cases-${list.today}.xlsx"`,
    });
  });

  app.get("/cases/:id{[0-9]{1,9}}", async (c) => {
    const actor = c.get("actor");
    const t = c.get("t");
    const caseId = c.req.param("id");
    const card = await getCaseCard(deps, { actor, caseId });
    // Only someone who may pass the case on sees the school's teachers.
    const targets = can(actor, "reassign") ? (await listReassignTargets(deps, { actor, caseId })).teachers : undefined;
    const actions = { csrf: c.get("csrf"), comment: can(actor, "comment"), ...(targets ? { reassignTo: targets } : {}) };
    const record = {
      measures: await listCaseMeasures(deps, { actor, caseId }),
      files: (await listCaseFiles(deps, { actor, caseId })).files,
    };
    return c.html(
      page({
        t,
        lang: actor.language,
        title: t("dashboard.case.title"),
        current: "cases",
        schoolWide: can(actor, "viewSchool"),
        csrf: c.get("csrf"),
        body: casePage(t, actor.language, card, actions, record),
      }),
    );
  });

  // What a deputy does in the bot, here too: the same use cases, audited the same way; back to the page after.
  const field = async (c: Context<Env>, name: string) => {
    const value = (await c.req.parseBody())[name];
    return typeof value === "string" ? value : "";
  };
  app.post("/cases/:id{[0-9]{1,9}}/comment", async (c) => {
    const text = await field(c, "text");
    await commentCase(deps, { actor: c.get("actor"), caseId: c.req.param("id"), text: text.slice(0, COMMENT_MAX) });
    overviews.dropSchool(c.get("actor").schoolId!);
    return c.redirect(`${BASE}/cases/${c.req.param("id")}`, 303);
  });
  app.post("/cases/:id{[0-9]{1,9}}/reassign", async (c) => {
    const teacher = await field(c, "teacher");
    if (!/^\d{1,9}$/.test(teacher)) throw new AppError("invalidInput", "no teacher chosen");
    await reassignCase(deps, { actor: c.get("actor"), caseId: c.req.param("id"), teacherMemberId: Number(teacher) });
    overviews.dropSchool(c.get("actor").schoolId!);
    return c.redirect(`${BASE}/cases/${c.req.param("id")}`, 303);
  });
  app.post("/sos/:id{[0-9]{1,9}}/acknowledge", async (c) => {
    await acknowledgeSos(deps, { actor: c.get("actor"), alertId: Number(c.req.param("id")) });
    overviews.dropSchool(c.get("actor").schoolId!);
    return c.redirect(`${BASE}/`, 303);
  });

  // The student's case file, as the bot's «📁 Дело» sends it (DOCX; the school's papers are in Russian).
  app.get("/cases/:id{[0-9]{1,9}}/case-file.docx", async (c) => {
    const actor = c.get("actor");
    const file = await getCaseFile(deps, { actor, caseId: c.req.param("id") });
    const today = localDateIn(deps.now(), file.student.timezone);
    const doc = caseFileDoc(ru, file, actor.fullName, today);
    const name = documentFileName(ru, "caseFile", file.student.fullName, file.student.classLabel, today);
    return c.body(new Uint8Array(await (await loadDocuments()).caseFileDocx(ru, doc)), 200, {
      "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      // The student's name stays out of the URL; the file's name carries it, as in the bot.
      "content-disposition": `attachment; filename="case-file.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  });

  return app;
}
