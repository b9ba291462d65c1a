import { Composer, InputFile } from "grammy";
import { documentFileName } from "../../documents/document-file-name.js";
import { loadDocuments } from "../../documents/load-documents.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { caseTitle } from "../views/case-card-view.js";
import { INTERACTION_CALLBACK } from "../views/interaction-card-rows.js";
import { onCallback } from "../callback.js";
import { planName } from "../views/plan-view.js";
import { getPlanDocument } from "../../app/plans/plan-document.js";
import type { CaseCard } from "../../app/cases/get-case-card.js";
import { formatRussianDate, type LocalDate } from "../../domain/dates.js";
import { formatPhone } from "../../domain/people/parents.js";
import { schoolYearEnd } from "../../domain/school-year.js";

/** «📄 ИПР (DOCX)»: the plan recorded in the case as a document, built afresh on every press. */
export function documentsFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  onCallback(feature, INTERACTION_CALLBACK, async (ctx, { action, caseId }, next) => {
    if (action !== "ipr") return next();
    if (!ctx.actor) {
      await ctx.answerCallbackQuery({ text: ctx.t("card.unavailable") });
      return;
    }
    const { card, plan, student, parents, teacherName } = await getPlanDocument(deps, { actor: ctx.actor, caseId: String(caseId) });
    if (!plan) {
      await ctx.answerCallbackQuery({ text: ctx.t("plan.none") });
      return;
    }
    await ctx.answerCallbackQuery();
    // The document is the school's paperwork: in Russian whatever the reader's language.
    const ru = deps.i18n.t("ru");
    const classLabel = card.student?.classLabel ?? card.state.classLabel ?? "";
    const planFrom = (plan.planStepId ? card.state.steps[plan.planStepId]?.completedOn : undefined) ?? card.today;
    const buffer = await (await loadDocuments()).planDocx(ru, {
      title: card.regulation.id === "interaction-2-difficulty" ? planName(ru, card.regulation.id) : ru("documents.planTitle"),
      formal: card.regulation.planBasis !== undefined,
      schoolName: student?.officialName || student?.schoolName || "",
      schoolShortName: student?.schoolName ?? "",
      ...(student?.directorName ? { directorName: student.directorName } : {}),
      studentName: card.student?.fullName ?? "",
      classLabel,
      ...(student?.birthDate ? { birthDate: student.birthDate } : {}),
      parents: parents.map((p) => ({
        relation: ru(`family.relations.${p.relation}`),
        fullName: p.fullName,
        ...(p.phone ? { phone: formatPhone(p.phone) } : {}),
      })),
      basis: planBasis(card),
      ...(plan.registeredOn ? { registeredOn: plan.registeredOn } : {}),
      ...(plan.readOn ? { readOn: plan.readOn } : {}),
      period: { from: planFrom, to: planPeriodEnd(planFrom) },
      measures: plan.measures,
      teacherName,
      classTeacherOf: ru("documents.plan.classTeacherOf", { classLabel }),
    });
    await ctx.replyWithDocument(
      new InputFile(buffer, documentFileName(ru, "plan", card.student?.fullName, card.student?.classLabel, card.today)),
      {
        caption: ctx.t("documents.planCaption", { subject: caseTitle(card) }),
      },
    );
  });

  return feature;
}

/** The ИПР's basis: the regulation's own words for the reason, with the date of the step that brought it; else its name. */
function planBasis(card: CaseCard): string {
  const basis = card.regulation.planBasis;
  if (!basis) return (card.regulation.shortTitle ?? card.regulation.title).ru;
  const on = (basis.dateStep ? card.state.steps[basis.dateStep]?.completedOn : undefined) ?? card.state.openedOn;
  return basis.text.ru.replace("{{date}}", formatRussianDate(on));
}

/** A plan runs to the end of the school year's lessons (31 May), or of the school year when drawn up in summer. */
function planPeriodEnd(from: LocalDate): LocalDate {
  const end = schoolYearEnd(from);
  const lessonsEnd = `${end.slice(0, 4)}-05-31`;
  return from <= lessonsEnd ? lessonsEnd : end;
}
