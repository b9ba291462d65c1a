import type { TFunction } from "i18next";
import { html, raw } from "hono/html";
import type { CaseCard } from "../app/cases/get-case-card.js";
import type { CaseAttachmentRecord } from "../app/cases/case-attachments.js";
import type { CaseMeasureRecord } from "../app/cases/list-case-measures.js";
import { measureLine } from "../documents/measure-line.js";
import type { DashboardCaseList } from "../app/dashboard/dashboard-cases.js";
import type { DashboardCaseRef, DashboardOverview } from "../app/dashboard/dashboard-overview.js";
import type { DashboardTeacher } from "../app/dashboard/dashboard-teachers.js";
import { caseTitle, regulationName, stepTitle } from "../bot/views/case-card-view.js";
import { chronologyEventText } from "../bot/views/chronology-view.js";
import { shortTitle } from "../bot/views/case-list-view.js";
import { formatRussianDate } from "../domain/dates.js";
import { subjectLabel } from "../domain/people/names.js";
import type { Language } from "../i18n.js";
import { BASE, page, type Html } from "./layout.js";

/* The dashboard's pages: data from the use cases in, escaped HTML out (hono/html escapes every value). */

/** A chart's data for app.js, in a JSON script element (`<` escaped so no value can end the element). */
function chartData(
  id: string,
  spec: { type: "bar" | "line"; labels: string[]; datasets: { label: string; data: number[] }[]; horizontal?: boolean },
): Html {
  return html`<script type="application/json" id="${id}">${raw(JSON.stringify(spec).replace(/</g, "\\u003c"))}</script>`;
}

/** A chart with its figures as a table for screen readers and without JavaScript. */
function chart(
  t: TFunction,
  id: string,
  title: string,
  labels: string[],
  datasets: { label: string; data: number[] }[],
  horizontal = false,
): Html {
  return html`<div class="card"><h2 id="${id}-title">${title}</h2>
<div class="chart"><canvas data-chart="${id}" role="img" aria-labelledby="${id}-title"></canvas></div>
${chartData(id, { type: "bar", labels, datasets, horizontal })}
<details><summary>${t("dashboard.table")}</summary><div class="table-wrap"><table>
<thead><tr><th scope="col"></th>${datasets.map((d) => html`<th scope="col">${d.label}</th>`)}</tr></thead>
<tbody>${labels.map((label, i) => html`<tr><th scope="row">${label}</th>${datasets.map((d) => html`<td>${d.data[i]}</td>`)}</tr>`)}</tbody>
</table></div></details></div>`;
}

const caseLink = (ref: DashboardCaseRef) =>
  html`<a href="${BASE}/cases/${ref.caseId}">${subjectLabel(ref.studentName, ref.classLabel) || `№ ${ref.caseId}`}</a>`;

function caseList(t: TFunction, title: string, refs: DashboardCaseRef[], lang: Language): Html {
  return html`<div class="card"><h2>${title} <span class="hint">(${refs.length})</span></h2>
${refs.length === 0 ? html`<p class="hint">${t("dashboard.none")}</p>` : html`<ul class="plain">${refs.map((r) => html`<li>${caseLink(r)} — ${shortTitle(t, lang, r.regulation)}; ${r.teacherName}</li>`)}</ul>`}
</div>`;
}

export function overviewPage(t: TFunction, lang: Language, o: DashboardOverview, csrf: string, asOf: string): Html {
  const monthLabel = (month: string) => `${month.slice(5, 7)}.${month.slice(0, 4)}`;
  return html`<h2>${t(o.scope === "school" ? "dashboard.overview.school" : "dashboard.overview.own", { date: formatRussianDate(o.today) })}</h2>
<p class="hint">${t("dashboard.overview.asOf", { time: asOf })}</p>
<form class="filters" method="get" action="${BASE}/overview.xlsx">
<div class="field"><label for="p-from">${t("dashboard.period.from")}</label><input id="p-from" type="date" name="from" value="${o.schoolYearStart}" required></div>
<div class="field"><label for="p-to">${t("dashboard.period.to")}</label><input id="p-to" type="date" name="to" value="${o.today}" required></div>
<button type="submit" class="primary">${t("dashboard.period.download")}</button>
</form>
${
  o.sos.length > 0
    ? html`<div class="card sos" role="region" aria-label="${t("dashboard.sos.title")}"><h2>${t("dashboard.sos.title")}</h2><ul class="plain">${o.sos.map(
        (a) =>
          html`<li><strong>${t(`sos.situations.${a.kind}`, { defaultValue: a.kind })}</strong> — ${a.raisedAt}; ${a.teacher.fullName}${a.student ? html`; ${subjectLabel(a.student.fullName, a.student.classLabel)}` : ""}
<form method="post" action="${BASE}/sos/${a.alertId}/acknowledge"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit" class="primary">${t("dashboard.sos.acknowledge")}</button></form></li>`,
      )}</ul></div>`
    : ""
}
<div class="grid">
<div class="card"><h2>${t("dashboard.overview.openCases")}</h2><p class="figure">${o.openCases}</p>
<p class="hint">${o.daysToPlan ? t("dashboard.overview.daysToPlan", { count: o.daysToPlan.median, cases: o.daysToPlan.cases }) : t("dashboard.overview.noPlansYet")}</p></div>
${chart(
  t,
  "by-regulation",
  t("dashboard.overview.byRegulation"),
  o.byRegulation.map((r) => shortTitle(t, lang, r.regulation)),
  [{ label: t("dashboard.overview.cases"), data: o.byRegulation.map((r) => r.count) }],
  true,
)}
${chart(
  t,
  "by-class",
  t("dashboard.overview.byClass"),
  o.byClass.map((c) => c.classLabel || "—"),
  [{ label: t("dashboard.overview.cases"), data: o.byClass.map((c) => c.count) }],
)}
${chart(
  t,
  "months",
  t("dashboard.overview.months"),
  o.months.map((m) => monthLabel(m.month)),
  [
    { label: t("dashboard.overview.opened"), data: o.months.map((m) => m.opened) },
    { label: t("dashboard.overview.closed"), data: o.months.map((m) => m.closed) },
  ],
)}
</div>
<div class="card spaced"><h2>${t("dashboard.overview.overdue")} <span class="hint">(${o.overdue.length})</span></h2>
${
  o.overdue.length === 0
    ? html`<p class="hint">${t("dashboard.none")}</p>`
    : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t("dashboard.columns.case")}</th><th scope="col">${t("dashboard.columns.step")}</th><th scope="col">${t("dashboard.columns.due")}</th><th scope="col">${t("dashboard.columns.late")}</th><th scope="col">${t("dashboard.columns.teacher")}</th></tr></thead>
<tbody>${o.overdue
        .slice(0, 100)
        .map(
          (s) =>
            html`<tr><td>${caseLink(s)}<br><span class="hint">${shortTitle(t, lang, s.regulation)}</span></td><td>${s.stepNumber}</td><td>${formatRussianDate(s.dueOn)}</td><td class="late">${t("dashboard.lateDays", { count: s.lateSchoolDays })}</td><td>${s.teacherName}</td></tr>`,
        )}</tbody></table></div>`
}
</div>
<div class="grid spaced">
${caseList(t, t("dashboard.overview.withoutPlan"), o.withoutPlan, lang)}
${caseList(t, t("dashboard.overview.noFamilyContact"), o.noFamilyContact, lang)}
<div class="card"><h2>${t("dashboard.overview.atRisk")} <span class="hint">(${o.atRisk.length})</span></h2>
${o.atRisk.length === 0 ? html`<p class="hint">${t("dashboard.none")}</p>` : html`<ul class="plain">${o.atRisk.slice(0, 50).map((s) => html`<li>${subjectLabel(s.fullName, s.classLabel)} — ${t("dashboard.absentDays", { count: s.days })}${s.contactedOn ? html`; ${t("dashboard.contacted", { date: formatRussianDate(s.contactedOn) })}` : ""}</li>`)}</ul>`}
</div>
</div>`;
}

/** The list's header and rows, for the page and the XLSX alike. */
export function casesRows(t: TFunction, lang: Language, list: DashboardCaseList): { header: string[]; rows: (string | number)[][] } {
  return {
    header: [
      "№",
      t("dashboard.columns.student"),
      t("dashboard.columns.class"),
      t("dashboard.columns.regulation"),
      t("dashboard.columns.teacher"),
      t("dashboard.columns.opened"),
      t("dashboard.columns.closed"),
      t("dashboard.columns.overdueSteps"),
      t("dashboard.columns.lateDays"),
    ],
    rows: list.rows.map((r) => [
      r.caseId,
      r.studentName ?? "",
      r.classLabel ?? "",
      regulationName(r.regulation, lang),
      r.teacherName,
      formatRussianDate(r.openedOn),
      r.closedOn ? formatRussianDate(r.closedOn) : "",
      r.overdueSteps,
      r.lateSchoolDays,
    ]),
  };
}

export function casesPage(t: TFunction, lang: Language, list: DashboardCaseList, url: string): Html {
  const f = list.filter;
  const query = new URL(url).search;
  const option = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}" ${selected ? raw("selected") : ""}>${label}</option>`;
  const closed = f.status === "closed";
  return html`<h2>${t(closed ? "dashboard.cases.closedTitle" : "dashboard.cases.title")} <span class="hint">(${list.rows.length})</span></h2>
<form class="filters" method="get" action="${BASE}/cases">
<div class="field"><label for="f-status">${t("dashboard.columns.status")}</label><select id="f-status" name="status">${option("", t("dashboard.cases.open"), !closed)}${option("closed", t("dashboard.cases.closed"), closed)}</select></div>
<div class="field"><label for="f-class">${t("dashboard.columns.class")}</label><select id="f-class" name="class">${option("", t("dashboard.cases.all"), !f.classLabel)}${list.classes.map((c) => option(c, c, f.classLabel === c))}</select></div>
<div class="field"><label for="f-regulation">${t("dashboard.columns.regulation")}</label><select id="f-regulation" name="regulation">${option("", t("dashboard.cases.all"), !f.regulationId)}${list.regulations.map((r) => option(r.id, shortTitle(t, lang, r), f.regulationId === r.id))}</select></div>
${list.scope === "school" ? html`<div class="field"><label for="f-teacher">${t("dashboard.columns.teacher")}</label><select id="f-teacher" name="teacher">${option("", t("dashboard.cases.all"), f.teacherMemberId === undefined)}${list.teachers.map((p) => option(String(p.memberId), p.name, f.teacherMemberId === p.memberId))}</select></div>` : ""}
<div class="field"><label for="f-from">${t("dashboard.cases.openedFrom")}</label><input id="f-from" type="date" name="from" value="${f.openedFrom ?? ""}"></div>
<div class="field"><label for="f-to">${t("dashboard.cases.openedTo")}</label><input id="f-to" type="date" name="to" value="${f.openedTo ?? ""}"></div>
<div class="field"><label for="f-overdue">${t("dashboard.cases.overdueOnly")}</label><input id="f-overdue" type="checkbox" name="overdue" value="1" ${f.overdueOnly ? raw("checked") : ""}></div>
<button type="submit" class="primary">${t("dashboard.cases.apply")}</button>
<a class="button" href="${BASE}/cases.xlsx${query}" download>${t("dashboard.cases.export")}</a>
</form>
${
  list.rows.length === 0
    ? html`<p class="hint">${t("dashboard.cases.empty")}</p>`
    : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t("dashboard.columns.student")}</th><th scope="col">${t("dashboard.columns.regulation")}</th><th scope="col">${t("dashboard.columns.teacher")}</th><th scope="col">${t("dashboard.columns.opened")}</th><th scope="col">${t(closed ? "dashboard.columns.closed" : "dashboard.columns.late")}</th></tr></thead>
<tbody>${list.rows.map(
        (r) =>
          html`<tr><td>${caseLink(r)}</td><td>${shortTitle(t, lang, r.regulation)}</td><td>${r.teacherName}</td><td>${formatRussianDate(r.openedOn)}</td><td>${
            r.closedOn
              ? formatRussianDate(r.closedOn)
              : r.overdueSteps > 0
                ? html`<span class="late">${t("dashboard.lateDays", { count: r.lateSchoolDays })}</span>`
                : "—"
          }</td></tr>`,
      )}</tbody></table></div>`
}`;
}

/** What the reader may do on a case page: comment, pass the case to another teacher. */
export interface CaseActions {
  csrf: string;
  comment: boolean;
  reassignTo?: { memberId: number; fullName: string }[];
}

/** What the case holds beside its card: the measures logged and every file. */
export interface CaseRecord {
  measures: CaseMeasureRecord[];
  files: CaseAttachmentRecord[];
}

export function casePage(t: TFunction, lang: Language, card: CaseCard, actions: CaseActions, record: CaseRecord): Html {
  const status = (s: string) => t(`dashboard.status.${s}`);
  const csrf = html`<input type="hidden" name="_csrf" value="${actions.csrf}">`;
  return html`<p><a href="${BASE}/cases">← ${t("dashboard.nav.cases")}</a></p>
<h2>${caseTitle(card) || `№ ${card.state.id}`}</h2>
<p>${regulationName(card.regulation, lang)} · ${t("dashboard.case.opened", { date: formatRussianDate(card.state.openedOn) })}${card.deputy ? html` · ${t("dashboard.case.deputy", { name: card.deputy.name })}` : ""}${card.state.status === "closed" ? html` · <strong>${t("dashboard.case.closed")}</strong>` : ""}</p>
<p><a class="button" href="${BASE}/cases/${card.state.id}/case-file.docx" download>${t("dashboard.case.download")}</a></p>
<div class="card"><h2>${t("dashboard.case.steps")}</h2><div class="table-wrap"><table>
<thead><tr><th scope="col">№</th><th scope="col">${t("dashboard.columns.step")}</th><th scope="col">${t("dashboard.columns.status")}</th><th scope="col">${t("dashboard.columns.due")}</th></tr></thead>
<tbody>${card.steps.map((view) => {
    const step = card.regulation.steps.find((s) => s.id === view.stepId)!;
    return html`<tr><td>${view.number}</td><td>${stepTitle(step, lang)}</td><td class="${view.status === "overdue" ? "late" : ""}">${status(view.status)}</td><td>${view.dueOn ? formatRussianDate(view.dueOn) : "—"}</td></tr>`;
  })}</tbody></table></div></div>
${
  card.plan
    ? html`<div class="card spaced"><h2>${t("dashboard.case.planMeasures")}</h2>
${card.plan.measures.length === 0 ? html`<p class="hint">${t("dashboard.none")}</p>` : html`<ul class="plain">${card.plan.measures.map((m) => html`<li>${m.what} — ${m.who}${m.dueOn ? html`, ${t("dashboard.case.until", { date: formatRussianDate(m.dueOn) })}` : ""}${m.doneOn ? html` ✓ ${formatRussianDate(m.doneOn)}` : ""}</li>`)}</ul>`}</div>`
    : ""
}
<div class="grid spaced">
<div class="card"><h2>${t("dashboard.case.measures")}</h2>
${record.measures.length === 0 ? html`<p class="hint">${t("dashboard.none")}</p>` : html`<ul class="plain">${record.measures.map((m) => html`<li>${formatRussianDate(m.on)} — ${measureLine(t, m)}</li>`)}</ul>`}</div>
<div class="card"><h2>${t("dashboard.case.documents")}</h2>
${record.files.length === 0 ? html`<p class="hint">${t("dashboard.none")}</p>` : html`<ul class="plain">${record.files.map((f) => html`<li>${f.fileName} <span class="hint">(${t(`dashboard.fileKind.${f.kind}`, { defaultValue: f.kind })})</span></li>`)}</ul>`}</div>
</div>
${
  actions.comment || actions.reassignTo
    ? html`<div class="grid spaced">
${actions.comment ? html`<form class="card" method="post" action="${BASE}/cases/${card.state.id}/comment"><h2><label for="comment-text">${t("dashboard.case.comment")}</label></h2>${csrf}<textarea id="comment-text" name="text" rows="3" maxlength="1000" required></textarea><p><button type="submit" class="primary">${t("dashboard.case.commentSend")}</button></p></form>` : ""}
${actions.reassignTo && card.state.status === "open" ? html`<form class="card" method="post" action="${BASE}/cases/${card.state.id}/reassign"><h2><label for="reassign-to">${t("dashboard.case.reassign")}</label></h2>${csrf}<select id="reassign-to" name="teacher" required><option value="">—</option>${actions.reassignTo.map((p) => html`<option value="${p.memberId}">${p.fullName}</option>`)}</select><p><button type="submit" class="primary">${t("dashboard.case.reassignSend")}</button></p></form>` : ""}
</div>`
    : ""
}
<div class="card spaced"><h2>${t("dashboard.case.chronology")}</h2><ul class="plain">${card.events.map((event) => {
    const who = event.actorId ? (card.names[event.actorId] ?? "") : t("card.chronology.system");
    return html`<li>${formatRussianDate(event.on)} — ${who}: ${chronologyEventText(t, lang, card, event)}</li>`;
  })}</ul></div>`;
}

/** Before a session: the Mini App signs in by itself; a browser is told to ask the bot for a link. */
export function signInPage(t: TFunction, lang: Language): Html {
  return page({
    t,
    lang,
    title: t("dashboard.signIn.title"),
    body: html`<h2>${t("dashboard.signIn.title")}</h2>
<div id="mini-app-sign-in" data-action="${BASE}/auth/telegram" data-next="${BASE}/"><p>${t("dashboard.signIn.opening")}</p></div>
<p id="sign-in-browser" hidden>${t("dashboard.signIn.browser")}</p>
<p id="sign-in-error" class="error" role="alert" hidden>${t("dashboard.signIn.refused")}</p>`,
  });
}

export function messagePage(t: TFunction, lang: Language, text: string): Html {
  return page({
    t,
    lang,
    title: t("dashboard.title"),
    body: html`<p role="alert">${text}</p><p><a href="${BASE}/">${t("dashboard.nav.overview")}</a></p>`,
  });
}

export function teachersPage(t: TFunction, teachers: DashboardTeacher[]): Html {
  return html`<h2>${t("dashboard.teachers.title")} <span class="hint">(${teachers.length})</span></h2>
<div class="table-wrap"><table>
<thead><tr><th scope="col">${t("dashboard.columns.teacher")}</th><th scope="col">${t("dashboard.teachers.classes")}</th><th scope="col">${t("dashboard.teachers.openCases")}</th><th scope="col">${t("dashboard.teachers.overdueSteps")}</th><th scope="col">${t("dashboard.teachers.bot")}</th></tr></thead>
<tbody>${teachers.map(
    (p) =>
      html`<tr><td>${
        p.openCases > 0 ? html`<a href="${BASE}/cases?teacher=${p.memberId}">${p.fullName}</a>` : p.fullName
      }</td><td>${p.classes.join(", ") || "—"}</td><td>${p.openCases}</td><td class="${p.overdueSteps > 0 ? "late" : ""}">${p.overdueSteps}</td><td class="${p.reachable ? "" : "error"}">${t(p.reachable ? "dashboard.teachers.reachable" : "dashboard.teachers.unreachable")}</td></tr>`,
  )}</tbody></table></div>`;
}
