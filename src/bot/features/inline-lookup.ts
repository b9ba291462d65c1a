import { Composer } from "grammy";
import type { InlineQueryResult } from "grammy/types";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { can } from "../../app/access-policy.js";
import { lookupCases } from "../../app/cases/lookup-cases.js";
import { normalizeStudentQuery } from "../../app/students/search-students.js";
import { caseStatusText, regulationShortTitle, shortStudentName } from "../views/case-status-line.js";

const MAX_RESULTS = 20;
/** Personal and never cached: the answer depends on who asks and changes with every step. */
const ANSWER_OPTIONS = { is_personal: true, cache_time: 0 } as const;

/**
 * `@bot Иванов` in any chat: the asker's own permitted students, one line per case. The line may
 * be posted into any chat, so it carries only the surname with an initial, the class and a status.
 */
export function inlineLookupFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  feature.on("inline_query", async (ctx) => {
    const { actor } = ctx;
    const query = ctx.inlineQuery.query;
    if (!actor || actor.schoolId === undefined || !can(actor, "lookup") || !normalizeStudentQuery(query)) {
      await ctx.answerInlineQuery([], ANSWER_OPTIONS);
      return;
    }
    const { students } = await lookupCases(deps, { actor, query, via: "inline", limit: 10 });
    const results: InlineQueryResult[] = [];
    for (const student of students) {
      const who = `${shortStudentName(student.fullName)}, ${student.classLabel}`;
      if (student.cases.length === 0) {
        const line = `${who} — ${ctx.t("inline.noCases")}`;
        results.push({
          type: "article",
          id: `s${student.id}`,
          title: who,
          description: ctx.t("inline.noCases"),
          input_message_content: { message_text: line },
        });
        continue;
      }
      for (const c of student.cases) {
        const regulation = regulationShortTitle(ctx.t, ctx.lang, deps.regulations, c.regulationId);
        const status = caseStatusText(ctx.t, c);
        const line = `${who} — ${regulation}: ${status}`;
        results.push({
          type: "article",
          id: `c${c.caseId}`,
          title: `${who} — ${regulation}`,
          description: status,
          input_message_content: { message_text: line },
        });
      }
    }
    await ctx.answerInlineQuery(results.slice(0, MAX_RESULTS), ANSWER_OPTIONS);
  });
  return feature;
}
