import fs from "node:fs";
import type http from "node:http";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDashboardLink } from "../../src/app/dashboard/dashboard-session.js";
import { startHttpServer } from "../../src/http-server.js";
import { createLogger } from "../../src/logger.js";
import { movableClock } from "../support/case-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { dashboardDeps, dashboardListener, initDataFor, seedDashboardSchool } from "./dashboard-support.js";

/*
 * Issue 16 in a real browser: Debian's Chromium driven by playwright-core (no browser download;
 * .ci/run installs the `chromium` package). The dashboard runs on the app's own HTTP server on
 * 127.0.0.1. WRITE_PICTURES=1 writes the overview's screenshots (phone and desktop, light and dark)
 * to docs/pictures/.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PICTURES = path.resolve("docs/pictures");
const TELEGRAM_LIGHT = {
  bg_color: "#ffffff",
  text_color: "#000000",
  hint_color: "#707579",
  link_color: "#3390ec",
  button_color: "#3390ec",
  button_text_color: "#ffffff",
  secondary_bg_color: "#f4f4f5",
};
const TELEGRAM_DARK = {
  bg_color: "#212121",
  text_color: "#ffffff",
  hint_color: "#aaaaaa",
  link_color: "#8774e1",
  button_color: "#8774e1",
  button_text_color: "#ffffff",
  secondary_bg_color: "#181818",
};

let db: TestDatabase;
let server: http.Server;
let browser: Browser;
let origin: string;
const clock = movableClock("2026-11-24T10:00:00+03:00");
const base = 9980;
let school: Awaited<ReturnType<typeof seedDashboardSchool>>;

beforeAll(async () => {
  db = await createTestDatabase();
  school = await seedDashboardSchool(db.prisma, clock.now, base);
  server = await startHttpServer({
    port: 0,
    health: async () => true,
    dashboard: dashboardListener(db.prisma, clock.now),
    logger: createLogger("silent"),
  });
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await db.destroy();
});

/** The Mini App as Telegram opens it: initData and the theme in the launch fragment. */
async function openMiniApp(
  context: BrowserContext,
  telegramId: number,
  theme = TELEGRAM_LIGHT,
  initData = initDataFor(telegramId),
): Promise<Page> {
  const page = await context.newPage();
  const fragment = new URLSearchParams({ tgWebAppData: initData, tgWebAppVersion: "8.0", tgWebAppThemeParams: JSON.stringify(theme) });
  await page.goto(`${origin}/app/#${fragment.toString()}`);
  return page;
}

/** The overview has loaded, its script run (the theme set, the charts drawn). */
async function overviewShown(page: Page, heading = "Школа на 24.11.2026") {
  await page.getByRole("heading", { name: heading }).waitFor();
  await page.waitForLoadState("load");
  await page.waitForFunction(() => document.documentElement.dataset.theme !== undefined);
}

async function picture(page: Page, name: string) {
  if (process.env.WRITE_PICTURES !== "1") return;
  fs.mkdirSync(PICTURES, { recursive: true });
  await page.screenshot({ path: path.join(PICTURES, name), fullPage: false });
}

describe("the dashboard in Chromium", () => {
  it("the Mini App signs in with valid initData, draws the overview in Telegram's theme, opens a case", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, locale: "ru-RU" });
    const page = await openMiniApp(context, base + 1);
    await overviewShown(page);
    // Telegram's colours, the charts drawn by the locally served Chart.js.
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(255, 255, 255)");
    expect(await page.evaluate(() => typeof (window as unknown as { Chart?: unknown }).Chart)).toBe("function");
    expect(await page.locator("canvas[data-chart]").count()).toBe(3);
    // Readable at 360 px: nothing wider than the screen but the scrolled tables.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await picture(page, "dashboard-phone-light.png");

    await page.getByRole("link", { name: "Иванов П., 7Б" }).first().click();
    await page.getByRole("heading", { name: "Иванов П., 7Б" }).waitFor();
    await expect.poll(() => page.getByRole("heading", { name: "Хронология" }).count()).toBe(1);
    expect(page.url()).toBe(`${origin}/app/cases/${school.cases.petr}`);
    await context.close();

    const dark = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, locale: "ru-RU" });
    const darkPage = await openMiniApp(dark, base + 1, TELEGRAM_DARK);
    await overviewShown(darkPage);
    expect(await darkPage.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    expect(await darkPage.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(33, 33, 33)");
    await picture(darkPage, "dashboard-phone-dark.png");
    await dark.close();
  }, 60_000);

  it("refuses a forged initData and a stale one: no session, an alert", async () => {
    const context = await browser.newContext();
    const forged = initDataFor(base + 1).replace(/hash=[0-9a-f]+/, `hash=${"a".repeat(64)}`);
    for (const initData of [forged, initDataFor(base + 1, { authDate: new Date(Date.now() - 2 * 86_400_000) })]) {
      const page = await openMiniApp(context, base + 1, TELEGRAM_LIGHT, initData);
      await page.getByRole("alert").waitFor();
      expect(await page.getByRole("alert").textContent()).toBe("Не удалось войти. Закройте панель и откройте её из бота ещё раз.");
      await page.close();
    }
    expect(await context.cookies()).toEqual([]);
    await context.close();
  }, 60_000);

  it("a desktop browser signs in with the bot's link, in its own light and dark, and downloads the list as XLSX", async () => {
    const deps = dashboardDeps(db.prisma, clock.now);
    const deputy = {
      telegramId: base + 1,
      userId: 0,
      fullName: "",
      language: "ru" as const,
      schoolId: school.world.schoolId,
      memberId: school.world.deputy.memberId,
      roles: ["deputy" as const],
      installationAdmin: false,
    };
    for (const scheme of ["light", "dark"] as const) {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        colorScheme: scheme,
        locale: "ru-RU",
        acceptDownloads: true,
      });
      const page = await context.newPage();
      const link = await createDashboardLink(deps, { actor: deputy });
      await page.goto(`${origin}/app/login?t=${link.token}`);
      await overviewShown(page);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
      await picture(page, `dashboard-desktop-${scheme}.png`);
      if (scheme === "dark") {
        await page.getByRole("link", { name: "Случаи" }).click();
        await page.getByLabel("Класс", { exact: true }).selectOption("8А");
        await page.getByRole("button", { name: "Показать" }).click();
        await page.getByRole("heading", { name: /Открытые случаи/ }).waitFor();
        const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Скачать XLSX" }).click()]);
        const file = path.join(os.tmpdir(), `klassruk-${process.pid}.xlsx`);
        await download.saveAs(file);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.readFile(file);
        const sheet = workbook.worksheets[0]!;
        expect(sheet.getCell("B2").value).toBe("Беляев Олег Игоревич");
        expect(sheet.getCell("C2").value).toBe("8А");
        expect(sheet.getCell("E2").value).toBe("Орлова Нина Павловна");
        expect(sheet.rowCount).toBe(2);
        fs.rmSync(file, { force: true });
      }
      await context.close();
    }
  }, 60_000);

  it("works from the keyboard: Tab reaches «Случаи», Enter opens the list, the filters have labels", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await openMiniApp(context, base + 1);
    await overviewShown(page);
    let focused = "";
    for (let i = 0; i < 10 && focused !== "Случаи"; i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
    }
    expect(focused).toBe("Случаи");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: /Открытые случаи/ }).waitFor();
    // Every control of the filters is named by its label.
    for (const label of ["Состояние", "Класс", "Регламент", "Классный руководитель", "Только с просрочкой"]) {
      expect(await page.getByLabel(label, { exact: true }).count()).toBe(1);
    }
    await context.close();
  }, 60_000);

  it("a teacher cannot open another class's case by changing the URL", async () => {
    const context = await browser.newContext();
    const page = await openMiniApp(context, base);
    await overviewShown(page, "Ваши случаи на 24.11.2026");
    const response = await page.goto(`${origin}/app/cases/${school.cases.oleg}`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole("alert").textContent()).toBe("Не найдено или недоступно вам.");
    expect(await page.content()).not.toContain("Беляев");
    await context.close();
  }, 60_000);
});
