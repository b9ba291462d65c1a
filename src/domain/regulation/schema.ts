import { z } from "zod";

/**
 * The shape of a regulation definition file. Regulations are data: the engine reads these
 * fields and nothing regulation-specific lives in code. A school can add its own files.
 */

const text = z.object({ ru: z.string().min(1), en: z.string().min(1) }).strict();

export const ACTORS = ["teacher", "deputy", "specialist", "director"] as const;
/** Roles that can be told about a step; "teacher" is the case's class teacher. */
/** How a regulation chooses the deputy in charge of its cases. */
export const DEPUTY_RULES = ["upbringing", "learning", "ask"] as const;

export const RECIPIENTS = ["teacher", "deputy", "upbringingDeputy", "specialist", "director"] as const;

/** Channels a step can be done in; labels live in locales under `forms.<id>`. */
export const FORMS = [
  "aisHelper",
  "personalMeeting",
  "phone",
  "messenger",
  "corporateEmail",
  "eJournal",
  "eDiary",
  "lessonVisits",
  "observation",
  "moMeeting",
  "deputyMeeting",
  "individualConsultations",
  "writtenRequests",
  "eSignupForm",
] as const;

const anchor = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("caseOpened") }).strict(),
  z.object({ kind: z.literal("stepCompleted"), step: z.string().min(1) }).strict(),
]);

const timing = z.discriminatedUnion("kind", [
  /** Due the same school day as the anchor (the next school day if the anchor is not one). */
  z.object({ kind: z.literal("onReceipt"), anchor }).strict(),
  /** Due on the Nth school day after the anchor. */
  z.object({ kind: z.literal("withinSchoolDays"), days: z.number().int().min(1).max(60), anchor }).strict(),
  /** Ask from the `from`th school day, due by the `to`th school day after the anchor. */
  z
    .object({
      kind: z.literal("windowSchoolDays"),
      from: z.number().int().min(0).max(60),
      to: z.number().int().min(1).max(60),
      anchor,
    })
    .strict()
    .refine((t) => t.from <= t.to, { message: "from must not exceed to", path: ["from"] }),
  /** At most `everyDays` calendar days between occurrences, from the anchor until the case closes. */
  z.object({ kind: z.literal("recurring"), everyDays: z.number().int().min(1).max(366), anchor }).strict(),
  /** Once a year by a date the school sets; the definition holds the default month and day. */
  z
    .object({
      kind: z.literal("annual"),
      setting: z.string().min(1),
      defaultMonth: z.number().int().min(1).max(12),
      defaultDay: z.number().int().min(1).max(31),
      /** Announced in the teacher's digest this many school days ahead (and again the school day before). */
      announceSchoolDays: z.number().int().min(2).max(30).optional(),
    })
    .strict(),
  /** No deadline; done when needed and recorded. */
  z.object({ kind: z.literal("asNeeded") }).strict(),
]);

const effect = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("record") }).strict(),
  z.object({ kind: z.literal("closeCase"), reason: z.string().min(1) }).strict(),
  z.object({ kind: z.literal("flag"), flag: z.string().min(1), label: text }).strict(),
  z.object({ kind: z.literal("openLinkedCase"), regulation: z.string().min(1) }).strict(),
]);

const answer = z
  .object({
    id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
    label: text,
    /** false for answers such as «статуса ещё нет» that leave the step waiting. */
    completes: z.boolean().default(true),
    /** The step's outcome notice is urgent with this answer (e.g. family trouble «подтверждён»). */
    urgent: z.boolean().default(false),
    /**
     * With `completes: false`: the step waits on someone outside the school (the family centre's
     * status). Given on a school day, it is not the teacher's lateness: the deadline moves to the
     * next school day, the teacher is asked again then, and the deputy hears once that the answer
     * has not come after the deadline.
     */
    awaitsOthers: z.boolean().optional(),
    effects: z.array(effect).default([]),
  })
  .strict();

const question = z.object({ text, answers: z.array(answer).min(2) }).strict();

/** What opening a case asks, and how a deputy is told why it was opened. */
const opening = z
  .object({
    /** "notice": the case opens on the day a notice came (asked as such); "started": since when. */
    date: z.enum(["notice", "started"]),
    /** Ask the first day of absence (optional) and count the school days missed up to the opening date. */
    asksFirstAbsence: z.boolean().default(false),
    /** Why such a case opens, in a few words for notices («более 10 учебных дней без уважительной причины»). */
    reason: text.optional(),
  })
  .strict();

const step = z
  .object({
    id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, "step ids are camelCase latin letters"),
    number: z.string().min(1),
    /** A few words for lists and notices («Сообщить заместителю»); the step's text otherwise. */
    title: text.optional(),
    /** The regulation's own words, verbatim from the source document. */
    text,
    /** The deadline or periodicity as the document words it (e.g. «в течение 3-5 дней»). */
    deadlineText: text.optional(),
    actor: z.enum(ACTORS),
    forms: z.array(z.enum(FORMS)).default([]),
    timing,
    question: question.optional(),
    /**
     * The case opens because this step happened (a notice arrived): it is done on opening, dated
     * with the opening date, and never shown as a task.
     */
    doneOnOpening: z.boolean().default(false),
    /**
     * What must exist before the step can be marked done: "planContent" — the case's plan has at
     * least one measure or an attached plan file (the ИПР step of the absence regulation).
     */
    requires: z.enum(["planContent"]).optional(),
    /** Marks a step that is an emergency: delivered at once, at any hour. */
    urgent: z.boolean().default(false),
    notify: z
      .object({
        onDone: z.array(z.enum(RECIPIENTS)).default([]),
        onLate: z.array(z.enum(RECIPIENTS)).default([]),
      })
      .strict()
      .default({ onDone: [], onLate: [] }),
  })
  .strict();

export const regulationSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, "regulation ids are lowercase latin letters, digits and dashes"),
    version: z.number().int().min(1),
    title: text,
    /** The name used in headers and notices («Пропуски без уважительной причины»). */
    shortTitle: text.optional(),
    source: text,
    trigger: text,
    /** "student": one case per student; "class": a class-level duty (e.g. the annual plan). */
    subject: z.enum(["student", "class"]),
    opening: opening.default({ date: "started", asksFirstAbsence: false }),
    /**
     * Who is "the deputy" of a case under this regulation: the deputy for upbringing (ВР), the
     * deputy for learning (УВР), or the teacher says which at opening (section II).
     */
    deputy: z.enum(DEPUTY_RULES).default("upbringing"),
    /**
     * What the ИПР names as its basis: the actual reason, not the regulation's title. `{{date}}` in
     * the text is the date step `dateStep` was done (the opening date until it is).
     */
    planBasis: z.object({ text, dateStep: z.string().optional() }).strict().optional(),
    /**
     * The step at which the student is put on internal school registration (ВШУ): the date it is
     * done becomes the ИПР's date of registration, unless one was recorded already.
     */
    registrationStep: z.string().optional(),
    steps: z.array(step).min(1),
  })
  .strict()
  .superRefine((reg, ctx) => {
    if (reg.planBasis?.dateStep !== undefined && !reg.steps.some((s) => s.id === reg.planBasis!.dateStep)) {
      ctx.addIssue({
        code: "custom",
        message: `planBasis.dateStep "${reg.planBasis.dateStep}" is not a step`,
        path: ["planBasis", "dateStep"],
      });
    }
    if (reg.registrationStep !== undefined && !reg.steps.some((s) => s.id === reg.registrationStep)) {
      ctx.addIssue({ code: "custom", message: `registrationStep "${reg.registrationStep}" is not a step`, path: ["registrationStep"] });
    }
    const ids = new Set<string>();
    reg.steps.forEach((s, index) => {
      if (ids.has(s.id)) {
        ctx.addIssue({ code: "custom", message: `duplicate step id "${s.id}"`, path: ["steps", index, "id"] });
      }
      ids.add(s.id);
    });
    reg.steps.forEach((s, index) => {
      const onOpening = s.timing.kind === "onReceipt" && s.timing.anchor.kind === "caseOpened" && !s.question;
      if (s.doneOnOpening && !onOpening) {
        ctx.addIssue({
          code: "custom",
          message: "only a step due on opening, without a question, can be done on opening",
          path: ["steps", index, "doneOnOpening"],
        });
      }
      s.question?.answers.forEach((answer, answerIndex) => {
        if (answer.awaitsOthers && answer.completes) {
          ctx.addIssue({
            code: "custom",
            message: "an answer that awaits others leaves the step open: set completes to false",
            path: ["steps", index, "question", "answers", answerIndex, "awaitsOthers"],
          });
        }
      });
    });
    reg.steps.forEach((s, index) => {
      const a = "anchor" in s.timing ? s.timing.anchor : undefined;
      if (a?.kind === "stepCompleted") {
        if (!ids.has(a.step)) {
          ctx.addIssue({
            code: "custom",
            message: `anchor refers to unknown step "${a.step}"`,
            path: ["steps", index, "timing", "anchor", "step"],
          });
        } else if (a.step === s.id) {
          ctx.addIssue({ code: "custom", message: "a step cannot anchor on itself", path: ["steps", index, "timing", "anchor", "step"] });
        }
      }
    });
  });

export type Regulation = z.infer<typeof regulationSchema>;
export type RegulationStep = Regulation["steps"][number];
export type StepTiming = RegulationStep["timing"];
export type StepAnchor = Extract<StepTiming, { anchor: unknown }>["anchor"];
export type StepAnswer = NonNullable<RegulationStep["question"]>["answers"][number];
export type AnswerEffect = StepAnswer["effects"][number];
export type Form = (typeof FORMS)[number];
export type Actor = (typeof ACTORS)[number];
export type Recipient = (typeof RECIPIENTS)[number];
export type DeputyRule = (typeof DEPUTY_RULES)[number];
export type LocalizedText = z.infer<typeof text>;
