import type { TFunction } from "i18next";
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { Language } from "../i18n.js";

/** Where the dashboard lives on the bot's server. */
export const BASE = "/app";

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageOptions {
  t: TFunction;
  lang: Language;
  title: string;
  /** The navigation's current page; none on the sign-in page. */
  current?: "overview" | "cases" | "teachers";
  /** The teachers' page is for deputies and the director. */
  schoolWide?: boolean;
  csrf?: string;
  body: Html;
  /** Chart.js on the page (the overview). */
  charts?: boolean;
}

/** One page: a header with the navigation and the theme toggle, the body, the assets served locally. */
export function page({ t, lang, title, current, csrf, body, charts, schoolWide }: PageOptions): Html {
  const link = (name: "overview" | "cases" | "teachers", href: string) =>
    html`<li><a href="${href}" ${current === name ? raw('aria-current="page"') : ""}>${t(`dashboard.nav.${name}`)}</a></li>`;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} — ${t("dashboard.title")}</title>
<link rel="stylesheet" href="${BASE}/assets/app.css">
</head>
<body>
<header>
<h1>${t("dashboard.title")}</h1>
${
  current
    ? html`<nav aria-label="${t("dashboard.nav.label")}"><ul>${link("overview", `${BASE}/`)}${link("cases", `${BASE}/cases`)}${schoolWide ? link("teachers", `${BASE}/teachers`) : ""}</ul></nav>
<form method="post" action="${BASE}/logout"><input type="hidden" name="_csrf" value="${csrf ?? ""}"><button type="submit">${t("dashboard.nav.signOut")}</button></form>`
    : ""
}
<button type="button" id="theme-toggle" aria-label="${t("dashboard.theme")}">◐</button>
</header>
<main id="main">
${body}
</main>
${charts ? html`<script src="${BASE}/assets/chart.umd.min.js"></script>` : ""}
<script src="${BASE}/assets/app.js"></script>
</body>
</html>`;
}
