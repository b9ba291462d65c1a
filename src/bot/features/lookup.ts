import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { can } from "../../app/access-policy.js";
import { lookupCases, type LookupStudent } from "../../app/cases/lookup-cases.js";
import { normalizeStudentQuery } from "../../app/students/search-students.js";
import { formatRussianDate } from "../../domain/dates.js";
import { caseStatusText, regulationShortTitle, shortStudentName } from "../views/case-status-line.js";
import { showCaseCard } from "../views/show-case-card.js";
import { defineCallback, int, oneOf } from "../../app/callback-data.js";
import { onCallback } from "../callback.js";

/** "lk:c:<case>": a found case's card (checked again on press). */
const LOOKUP_CALLBACK = defineCallback("lk", { action: oneOf("c"), caseId: int() });

/** One or two words of letters (a double surname may have a hyphen): what a surname typed alone looks like. */
const SURNAME = /^\p{L}+(?:-\p{L}+)?(?:\s+\p{L}+(?:-\p{L}+)?)?$/u;
const MAX_CASE_BUTTONS = 20;

/**
 * /case <фамилия>, and a surname typed outside any dialogue: the students the actor may see with
 * their cases; a button opens a card. Installed right before `unhandled`, so that a text another
 * feature expects never reaches the surname guess.
 */
export function lookupFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const chat = feature.chatType("private");

  chat.command("case", async (ctx) => {
    if (!can(ctx.actor, "lookup")) {
      await ctx.reply(ctx.t(ctx.actor ? "common.notAllowed" : "start.stranger"));
      return;
    }
    const query = ctx.match.trim();
    if (!normalizeStudentQuery(query)) {
      await ctx.reply(ctx.t("lookup.usage"));
      return;
    }
    await replyWithLookup(ctx, deps, query, "command");
  });

  onCallback(chat, LOOKUP_CALLBACK, async (ctx, { caseId }) => {
    await ctx.answerCallbackQuery();
    // The card re-checks the policy and the school; the button proves nothing.
    await showCaseCard(ctx, deps, caseId);
  });

  chat.on("message:text", async (ctx, next) => {
    const text = ctx.message.text.trim();
    if (!can(ctx.actor, "lookup") || !SURNAME.test(text) || !normalizeStudentQuery(text)) return next();
    await replyWithLookup(ctx, deps, text, "text");
  });
  return feature;
}

async function replyWithLookup(ctx: BotContext, deps: BotDeps, query: string, via: "command" | "text"): Promise<void> {
  const { students, more } = await lookupCases(deps, { actor: ctx.actor!, query, via });
  if (students.length === 0) {
    await ctx.reply(ctx.t("lookup.nothing", { query }));
    return;
  }
  const keyboard = new InlineKeyboard();
  let buttons = 0;
  const blocks = students.map((student) => {
    for (const c of student.cases) {
      if (!c.canView || buttons >= MAX_CASE_BUTTONS) continue;
      const title = regulationShortTitle(ctx.t, ctx.lang, deps.regulations, c.regulationId);
      keyboard
        .text(
          `${shortStudentName(student.fullName)}, ${student.classLabel} — ${title}`,
          LOOKUP_CALLBACK.encode({ action: "c", caseId: c.caseId }),
        )
        .row();
      buttons++;
    }
    return studentBlock(ctx, deps, student);
  });
  const lines = [ctx.t("lookup.found", { count: students.length }), "", blocks.join("\n\n")];
  if (more) lines.push("", ctx.t("lookup.more"));
  if (buttons > 0) lines.push("", ctx.t("lookup.tapToOpen"));
  await ctx.reply(lines.join("\n"), buttons > 0 ? { reply_markup: keyboard } : {});
}

function studentBlock(ctx: BotContext, deps: BotDeps, student: LookupStudent): string {
  const head = `${student.fullName}, ${student.classLabel}`;
  if (student.cases.length === 0) return `${head}\n• ${ctx.t("lookup.noCases")}`;
  const lines = student.cases.map((c) => {
    const title = regulationShortTitle(ctx.t, ctx.lang, deps.regulations, c.regulationId);
    const since = c.status === "open" ? ` (${ctx.t("lookup.openedOn", { date: formatRussianDate(c.openedOn) })})` : "";
    return `• ${title}: ${caseStatusText(ctx.t, c)}${since}`;
  });
  return [head, ...lines].join("\n");
}
