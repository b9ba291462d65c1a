import { InlineKeyboard } from "grammy";
import { addStudent } from "../../app/students/add-student.js";
import { listClasses } from "../../app/students/list-classes.js";
import { normalizeClassLabel } from "../../roster/class-label.js";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { addStudentKeyboard } from "../features/roster-views.js";
import { STUDENTS_DATA } from "../features/students-data.js";
import { askFullName } from "./people-prompts.js";
import { accept, ask, quote, refuse, refusedWith, requireActor, run, type Prompt, type Reading } from "./kit/index.js";

export const ADD_STUDENT_CONVERSATION = "addStudent";

/** Enough buttons for a whole school's classes, four to a row. */
const MAX_CLASS_BUTTONS = 60;

/** One student: the full name typed, then the class by a button (the actor's classes) or typed. */
export function addStudentConversation(deps: BotDeps) {
  return async function addStudentDialogue(conversation: BotConversation, ctx: InnerContext) {
    const fullName = await askFullName(conversation, ctx, "students.askName");
    if (!fullName) return;
    const listed = await run(conversation, (outer) => listClasses(deps, requireActor(outer)), { refusals: { other: "common.notAllowed" } });
    const keyboard = new InlineKeyboard();
    listed.classes.slice(0, MAX_CLASS_BUTTONS).forEach((c, i) => {
      keyboard.text(c.label, STUDENTS_DATA.chooseClass.encode({ classId: c.id }));
      if (i % 4 === 3) keyboard.row();
    });
    const readClass = (c: InnerContext): Reading<{ classId: number } | { classLabel: string }> => {
      const pressed = STUDENTS_DATA.chooseClass.decode(c.callbackQuery?.data ?? "");
      if (pressed) return accept({ classId: pressed.classId });
      const typed = c.message?.text;
      if (typed === undefined) return refuse(c.t("settings.pressButton"));
      return normalizeClassLabel(typed) ? accept({ classLabel: typed }) : refuse(c.t("invite.badClass"));
    };
    let prompt: Prompt | undefined = {
      text: ctx.t(listed.classes.length > 0 ? "students.askClass" : "students.askClassTyped"),
      keyboard,
    };

    // A class the use case refuses (not the teacher's, unknown): the reason, and the question stands;
    // any other refusal ends the dialogue.
    for (;;) {
      const chosen = await ask(conversation, ctx, readClass, prompt ? { prompt } : {});
      if (!chosen) return;
      prompt = undefined;
      const answer = chosen.ctx;
      const target = chosen.value;
      const pressed = "classId" in target;
      const typed = "classLabel" in target ? target.classLabel : undefined;
      if (pressed) await answer.answerCallbackQuery();
      let result: Awaited<ReturnType<typeof addStudent>>;
      try {
        result = await run(conversation, (outer) => addStudent(deps, { actor: requireActor(outer), fullName, ...target }));
      } catch (error) {
        const { code } = refusedWith(error, "forbidden", "notFound");
        const label = normalizeClassLabel(typed ?? "") ?? "";
        if (code === "forbidden") await answer.reply(answer.t(pressed ? "common.notAllowed" : "students.notYourClass", { label }));
        else await answer.reply(answer.t(pressed ? "common.unknownButton" : "students.noSuchClass", { label }));
        continue;
      }
      if (pressed) await answer.editMessageReplyMarkup();
      const key = result.added ? "students.added" : "students.duplicate";
      await answer.reply(answer.t(key, { name: quote(result.fullName), label: result.classLabel }), {
        reply_markup: addStudentKeyboard(answer.t),
      });
      return;
    }
  };
}
