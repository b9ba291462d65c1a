import type { TFunction } from "i18next";
import { addDays, daysBetween, type LocalDate } from "../../domain/dates.js";
import type { OutboxItem } from "../../domain/reminders/group-messages.js";
import { localClock } from "../../domain/reminders/local-time.js";
import { notificationKey, type CouncilReviewPayload, type PlannedNotification } from "../../domain/reminders/notification.js";
import { subjectLabel } from "../../domain/reminders/subject-label.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createCouncilLookupRepository } from "../../repositories/council-lookup-repository.js";
import { createDeputyViewsRepository } from "../../repositories/deputy-views-repository.js";
import { createOutboxRepository } from "../../repositories/outbox-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { defineCallback, oneOf } from "../callback-data.js";
import type { CaseServiceDeps } from "../cases/case-service.js";

/*
 * IV.1 «не реже 1 раза в 2 недели»: each class teacher whose classes have open difficulty cases
 * (section II) is asked once a fortnight whether work with any of them gives no result.
 * The answer is an audit record only: «Да» then offers the council request on each case, and that
 * request is what records section IV's steps — a bare «да» names no student to record a step for.
 */

const FORTNIGHT_ANCHOR: LocalDate = "2024-01-01"; // a Monday
const MAX_CASES = 15;
export const REVIEW_REGULATIONS = ["interaction-2-difficulty"];
export const REVIEW_CALLBACK = defineCallback("cr", { answer: oneOf("n", "y") });
export const REVIEW_DATA = { no: REVIEW_CALLBACK.encode({ answer: "n" }), yes: REVIEW_CALLBACK.encode({ answer: "y" }) } as const;

export function fortnightStart(date: LocalDate): LocalDate {
  return addDays(FORTNIGHT_ANCHOR, Math.floor(daysBetween(FORTNIGHT_ANCHOR, date) / 14) * 14);
}

/** Plans the question on school days within the school's working hours; one row per teacher per fortnight (its key). */
export async function planCouncilReviews(deps: CaseServiceDeps): Promise<number> {
  const now = deps.now();
  const lookup = createCouncilLookupRepository(deps.db);
  const schools = createSchoolRepository(deps.db);
  let planned = 0;
  for (const school of await createDeputyViewsRepository(deps.db).digestSchools()) {
    const clock = localClock(now, school.timezone);
    if (clock.hour < school.digestHour || clock.hour >= Math.max(school.workEndHour, school.digestHour + 1)) continue;
    const cases = await lookup.openCasesByClassTeacher(school.id, REVIEW_REGULATIONS);
    if (cases.length === 0) continue;
    const days = await schools.schoolDays(school.id, deps.productionYears);
    if (!days?.calendar.isSchoolDay(clock.date)) continue;
    const periodStart = fortnightStart(clock.date);
    const byTeacher = new Map<number, typeof cases>();
    for (const c of cases) byTeacher.set(c.teacherUserId, [...(byTeacher.get(c.teacherUserId) ?? []), c]);
    const rows: PlannedNotification[] = [...byTeacher].map(([userId, list]) => {
      const payload: CouncilReviewPayload = {
        periodStart,
        cases: list
          .slice(0, MAX_CASES)
          .map((c) => ({ caseId: c.caseId, subject: subjectLabel(c.studentName, c.classLabel, school.hideNamesInPush) })),
      };
      return {
        key: notificationKey(userId, `u${userId}`, "review", "councilReview", periodStart),
        schoolId: school.id,
        userId,
        kind: "councilReview",
        urgent: false,
        notBefore: now,
        payload,
      };
    });
    planned += await createOutboxRepository(deps.db).ensure(rows, { at: now });
  }
  return planned;
}

/** «🗂 … есть ли ученики, работа с которыми не даёт результата?» with the open cases and «Нет» / «Да — вынести на малый педсовет». */
export function composeCouncilReview(
  t: TFunction,
  item: OutboxItem,
): { text: string; replyMarkup: { inline_keyboard: { text: string; callback_data: string }[][] } } {
  const p = item.payload as CouncilReviewPayload;
  const lines = [
    t("councilReview.title"),
    t("councilReview.casesTitle"),
    ...p.cases.map((c, i) => `${i + 1}. ${[c.subject.name, c.subject.classLabel].filter(Boolean).join(", ")}`),
  ];
  return {
    text: lines.join("\n"),
    replyMarkup: {
      inline_keyboard: [
        [
          { text: t("councilReview.buttons.no"), callback_data: REVIEW_DATA.no },
          { text: t("councilReview.buttons.yes"), callback_data: REVIEW_DATA.yes },
        ],
      ],
    },
  };
}

/** Records the answer; for «Да», the class teacher's open cases on which a council may be requested. */
export async function answerCouncilReview(
  deps: CaseServiceDeps,
  options: { actor: Actor; yes: boolean },
): Promise<{ caseId: number; studentName: string; classLabel: string }[]> {
  const { actor } = options;
  if (actor.schoolId === undefined || actor.memberId === undefined) throw new AppError("forbidden", "no membership");
  await recordAudit(deps.db, {
    schoolId: actor.schoolId,
    actorId: actor.userId ?? null,
    action: options.yes ? "councilReview.yes" : "councilReview.no",
    subject: `member:${actor.memberId}`,
    at: deps.now(),
  });
  if (!options.yes) return [];
  const cases = await createCouncilLookupRepository(deps.db).openCasesByClassTeacher(actor.schoolId, [
    ...REVIEW_REGULATIONS,
    "interaction-4-council",
  ]);
  return cases.filter((c) => c.teacherMemberId === actor.memberId).slice(0, MAX_CASES);
}
