import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, type ApiClientOptions, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { conversations, createConversation } from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import type { BotContext, InnerContext } from "./context.js";
import type { BotDeps } from "./deps.js";
import { appContext } from "./middleware/app-context.js";
import { handleBotError, trackAnswer, trackAnswerInDialogue } from "./middleware/error-boundary.js";
import { conversationStorage } from "./conversation-storage.js";
import { inTurn } from "./middleware/in-turn.js";
import { startFeature } from "./features/start.js";
import { helpFeature } from "./features/help.js";
import { cancelFeature } from "./features/cancel.js";
import { settingsFeature } from "./features/settings.js";
import { unhandledFeature } from "./features/unhandled.js";
import { reminderButtonsFeature } from "./features/reminder-buttons.js";
import { PROFILE_CONVERSATION, profileConversation } from "./conversations/profile.js";
import { ONBOARDING_CONVERSATION, onboardingConversation } from "./conversations/onboarding.js";
import { CREATE_INVITE_CONVERSATION, createInviteConversation } from "./conversations/create-invite.js";
import { ADD_STUDENT_CONVERSATION, addStudentConversation } from "./conversations/add-student.js";
import { onboardingFeature } from "./features/onboarding.js";
import { invitesFeature } from "./features/invites.js";
import { studentsFeature } from "./features/students.js";
import { NEW_CASE_CONVERSATION, newCaseConversation } from "./conversations/new-case.js";
import { ABSENT_TODAY_CONVERSATION, absentTodayConversation } from "./conversations/absent-today.js";
import { ATTENDANCE_EXCUSE_CONVERSATION, attendanceExcuseConversation } from "./conversations/attendance-excuse.js";
import { ATTENDANCE_MARK_CONVERSATION, attendanceMarkConversation } from "./conversations/attendance-mark.js";
import { absentTodayFeature } from "./features/absent-today.js";
import { mainMenuFeature } from "./features/main-menu.js";
import { newCaseFeature } from "./features/new-case.js";
import { lookupFeature } from "./features/lookup.js";
import { inlineLookupFeature } from "./features/inline-lookup.js";
import { caseCardFeature } from "./features/case-card.js";
import { caseActionsFeature } from "./features/case-actions.js";
import { markCorrectionFeature } from "./features/mark-correction.js";
import { todayFeature } from "./features/today.js";
import { myCasesFeature } from "./features/my-cases.js";
import { STEP_NOTE_CONVERSATION, stepNoteConversation } from "./conversations/step-note.js";
import { STEP_REMARK_CONVERSATION, stepRemarkConversation } from "./conversations/step-remark.js";
import { STEP_DATE_CONVERSATION, stepDateConversation } from "./conversations/step-date.js";
import { SKIP_STEP_CONVERSATION, skipStepConversation } from "./conversations/skip-step.js";
import { CLOSE_CASE_CONVERSATION, closeCaseConversation } from "./conversations/close-case.js";
import { PLAN_MEASURES_CONVERSATION, planMeasuresConversation } from "./conversations/plan-measures.js";
import { ADMIN_INPUT_CONVERSATION, adminInputConversation } from "./conversations/admin-input.js";
import { adminFeature } from "./features/admin.js";
import { adminPeopleFeature } from "./features/admin-people.js";
import { adminDataFeature } from "./features/admin-data.js";
import { adminAttendanceFeature } from "./features/admin-attendance.js";
import { dashboardFeature } from "./features/dashboard.js";
import { switchSchoolFeature } from "./features/switch-school.js";
import { SOS_CONVERSATION, sosConversation } from "./conversations/sos.js";
import { sosButtonsFeature, sosFeature } from "./features/sos.js";
import { deputyViewsFeature } from "./features/deputy-views.js";
import { caseCommentFeature } from "./features/case-comment.js";
import { caseDeputyFeature } from "./features/case-deputy.js";
import { COUNCIL_INFORMED_CONVERSATION, councilInformedConversation } from "./conversations/council-informed.js";
import { CASE_COMMENT_CONVERSATION, caseCommentConversation } from "./conversations/case-comment.js";
import { MEASURE_CONVERSATION, measureConversation } from "./conversations/measure.js";
import { MEMO_CONVERSATION, memoConversation } from "./conversations/memo.js";
import { difficultyFeature } from "./features/difficulty.js";
import { AGREEMENTS_CONVERSATION, MEETING_CONVERSATION, agreementsConversation, meetingConversation } from "./conversations/meeting.js";
import { meetingsFeature } from "./features/meetings.js";
import { documentsFeature } from "./features/documents.js";
import { caseFileFeature } from "./features/case-file.js";
import { familyFeature } from "./features/family.js";
import { planDatesFeature } from "./features/plan-dates.js";
import { attachmentsFeature } from "./features/attachments.js";
import {
  ATTACH_FILE_CONVERSATION,
  LOOSE_FILE_CONVERSATION,
  attachFileConversation,
  looseFileConversation,
} from "./conversations/attachments.js";
import { PLAN_DATE_CONVERSATION, planDateConversation } from "./conversations/plan-date.js";
import {
  FAMILY_CHARACTERISTIC_CONVERSATION,
  FAMILY_PARENT_CONVERSATION,
  PARENT_INVITATION_CONVERSATION,
  familyCharacteristicConversation,
  familyParentConversation,
  parentInvitationConversation,
} from "./conversations/family.js";
import {
  EVENT_ANSWER_CONVERSATION,
  SCHOOL_EVENT_CONVERSATION,
  eventAnswerConversation,
  schoolEventConversation,
} from "./conversations/school-event.js";
import { annualFeature } from "./features/annual.js";
import { WORKING_GROUP_CONVERSATION, workingGroupConversation } from "./conversations/working-group.js";
import {
  COUNCIL_REQUEST_CONVERSATION,
  COUNCIL_TIME_CONVERSATION,
  councilRequestConversation,
  councilTimeConversation,
} from "./conversations/council.js";
import { councilFeature } from "./features/council.js";
import { forgiveRefusedSends } from "./conversations/kit/sends.js";

/** Bump when a dialogue's code changes: dialogues stored under another version are dropped. */
export const CONVERSATIONS_VERSION = 5;

/** Updates of one chat are handled in order; different chats run concurrently. */
export const perChatOrder = sequentialize<BotContext>((ctx) => ctx.chatId?.toString() ?? ctx.from?.id.toString());

export interface CreateBotOptions {
  token: string;
  deps: BotDeps;
  /** Known bot info skips getMe (tests, the demo). */
  botInfo?: UserFromGetMe;
  client?: ApiClientOptions;
}

export function createBot({ token, deps, botInfo, client }: CreateBotOptions): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, { botInfo, client });
  // Replies to the chat being answered wait out a short 429 or a network hiccup, a few times at
  // most (a person is waiting). Messages to anyone else go through the outbox's sender, which has
  // its own pacing and retries on an Api of its own.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 10 }));

  // First of all: one chat's updates run one after another (the runner and a webhook both deliver
  // concurrently), so a dialogue's state read below is never overtaken by the same chat's next update.
  bot.use(perChatOrder);

  // Who is writing, their language and translator (the conversations plugin reads the dialogue state itself).
  bot.use(appContext<BotContext>(deps));

  // The one place where an error becomes words for the user: a refusal's `errors.<code>`, or the apology.
  bot.use(trackAnswer);
  const features = bot.errorBoundary(handleBotError);

  // Updates without a chat (inline queries, ...) never belong to a dialogue.
  // Ahead of the dialogues: an emergency can be taken by someone in the middle of another dialogue.
  // The dashboard's command, and the Mini App as the menu button of deputies and directors.
  features.use(inTurn(dashboardFeature(deps), sosButtonsFeature(deps)));
  const inChat = features.filter((ctx): ctx is BotContext & { chatId: number } => ctx.chatId !== undefined);
  inChat.use(
    conversations<BotContext, InnerContext>({
      // Rows "conv:<chat id>" in Session, as the plugin's key storage with PrismaAdapter kept them.
      storage: conversationStorage<BotContext>(deps.dialogueStates, CONVERSATIONS_VERSION),
      plugins: [appContext<InnerContext>(deps), forgiveRefusedSends(), trackAnswerInDialogue],
    }),
  );
  // After the plugin (it installs ctx.conversation): /cancel ahead of the dialogues that wait for
  // input, then the dialogues, in turn (src/bot/middleware/in-turn.ts).
  const dialogue = createConversation<BotContext, InnerContext>;
  inChat.use(
    inTurn(
      cancelFeature(),
      dialogue(profileConversation(deps), PROFILE_CONVERSATION),
      dialogue(onboardingConversation(deps), ONBOARDING_CONVERSATION),
      dialogue(createInviteConversation(deps), CREATE_INVITE_CONVERSATION),
      dialogue(addStudentConversation(deps), ADD_STUDENT_CONVERSATION),
      dialogue(newCaseConversation(deps), NEW_CASE_CONVERSATION),
      dialogue(absentTodayConversation(deps), ABSENT_TODAY_CONVERSATION),
      dialogue(attendanceExcuseConversation(deps), ATTENDANCE_EXCUSE_CONVERSATION),
      dialogue(attendanceMarkConversation(deps), ATTENDANCE_MARK_CONVERSATION),
      dialogue(stepNoteConversation(deps), STEP_NOTE_CONVERSATION),
      dialogue(stepRemarkConversation(deps), STEP_REMARK_CONVERSATION),
      dialogue(stepDateConversation(deps), STEP_DATE_CONVERSATION),
      dialogue(skipStepConversation(deps), SKIP_STEP_CONVERSATION),
      dialogue(closeCaseConversation(deps), CLOSE_CASE_CONVERSATION),
      dialogue(planMeasuresConversation(deps), PLAN_MEASURES_CONVERSATION),
      dialogue(adminInputConversation(deps), ADMIN_INPUT_CONVERSATION),
      dialogue(measureConversation(deps), MEASURE_CONVERSATION),
      dialogue(memoConversation(deps), MEMO_CONVERSATION),
      dialogue(meetingConversation(deps), MEETING_CONVERSATION),
      dialogue(agreementsConversation(deps), AGREEMENTS_CONVERSATION),
      dialogue(sosConversation(deps), SOS_CONVERSATION),
      dialogue(caseCommentConversation(deps), CASE_COMMENT_CONVERSATION),
      dialogue(familyParentConversation(deps), FAMILY_PARENT_CONVERSATION),
      dialogue(familyCharacteristicConversation(deps), FAMILY_CHARACTERISTIC_CONVERSATION),
      dialogue(planDateConversation(deps), PLAN_DATE_CONVERSATION),
      dialogue(parentInvitationConversation(deps), PARENT_INVITATION_CONVERSATION),
      dialogue(attachFileConversation(deps), ATTACH_FILE_CONVERSATION),
      dialogue(looseFileConversation(deps), LOOSE_FILE_CONVERSATION),
      dialogue(schoolEventConversation(deps), SCHOOL_EVENT_CONVERSATION),
      dialogue(eventAnswerConversation(deps), EVENT_ANSWER_CONVERSATION),
      dialogue(workingGroupConversation(deps), WORKING_GROUP_CONVERSATION),
      dialogue(councilRequestConversation(deps), COUNCIL_REQUEST_CONVERSATION),
      dialogue(councilTimeConversation(deps), COUNCIL_TIME_CONVERSATION),
      dialogue(councilInformedConversation(deps), COUNCIL_INFORMED_CONVERSATION),
    ),
  );

  // First, and nested as grammY nests middleware: it shows the menu after /start (whoever handles
  // it) and turns menu buttons into their commands.
  features.use(mainMenuFeature(deps));
  // The rest take the update in turn, in this order.
  features.use(
    inTurn(
      // Ahead of the greeting: `/start <invitation token>`.
      onboardingFeature(deps),
      startFeature(deps),
      helpFeature(),
      settingsFeature(deps),
      invitesFeature(deps),
      studentsFeature(deps),
      newCaseFeature(),
      absentTodayFeature(deps),
      sosFeature(),
      deputyViewsFeature(deps),
      caseCommentFeature(deps),
      caseDeputyFeature(deps),
      inlineLookupFeature(deps),
      caseCardFeature(deps),
      caseActionsFeature(deps),
      markCorrectionFeature(deps),
      todayFeature(deps),
      myCasesFeature(deps),
      adminFeature(deps),
      adminPeopleFeature(deps),
      adminDataFeature(deps),
      adminAttendanceFeature(deps),
      switchSchoolFeature(deps),
      difficultyFeature(deps),
      meetingsFeature(deps),
      documentsFeature(deps),
      caseFileFeature(deps),
      familyFeature(deps),
      planDatesFeature(deps),
      attachmentsFeature(deps),
      annualFeature(deps),
      councilFeature(deps),
      // Last before unhandled: it guesses that a lone word is a surname.
      lookupFeature(deps),
      reminderButtonsFeature(deps),
      unhandledFeature(),
    ),
  );

  bot.catch((error) => {
    deps.logger.error({ err: error.error, update: error.ctx.update.update_id }, "unhandled bot error");
  });
  return bot;
}

export type { Context };
