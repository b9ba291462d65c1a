import { defineCallback, int, oneOf, word } from "../../app/callback-data.js";
import { MAX_MARK_LENGTH } from "../../domain/attendance/marks.js";
import { ROLES } from "../../app/actor.js";

/*
 * The /admin buttons: "adm:<screen>[:<word>][:<number>…]", ids and small indexes only. Nothing in
 * them is trusted: the use cases check the policy and the school on every press. The deputy's
 * «Передать случай» button ("adm:ra") is written by a use case: app/admin/reassign-data.ts.
 */

/** The typed settings, by the index carried in "adm:s:in:<n>". */
export const TYPED_SETTINGS = ["name", "timezone", "hours", "digest", "officialName", "address", "director"] as const;

export const ADMIN_DATA = {
  // The menu.
  settings: defineCallback("adm:s", {}),
  people: defineCallback("adm:p", {}),
  classes: defineCallback("adm:c", {}),
  promotion: defineCallback("adm:pr", {}),
  calendar: defineCallback("adm:cal", {}),
  audit: defineCallback("adm:a", {}),
  students: defineCallback("adm:st", {}),

  // School settings.
  typedSetting: defineCallback("adm:s:in", { index: int(TYPED_SETTINGS.length - 1) }),
  weekLength: defineCallback("adm:s:wk", { days: oneOf("5", "6") }),
  hideNames: defineCallback("adm:s:hn", { hide: int(1) }),
  deputies: defineCallback("adm:s:dp", {}),
  deputy: defineCallback("adm:s:dp", { memberId: int() }),
  learningDeputies: defineCallback("adm:s:lp", {}),
  learningDeputy: defineCallback("adm:s:lp", { memberId: int() }),
  directorStep: defineCallback("adm:s:ds", { on: int(1) }),
  dashboardTeachers: defineCallback("adm:s:dt", { on: int(1) }),
  vacations: defineCallback("adm:v", {}),
  // The early warning: the threshold, the school's own marks (a mark travels as its key).
  attendance: defineCallback("adm:at", {}),
  warnDays: defineCallback("adm:at:n", { days: int(99) }),
  addMark: defineCallback("adm:at:add", {}),
  mapMark: defineCallback("adm:at:map", { mark: word(MAX_MARK_LENGTH) }),
  removeMark: defineCallback("adm:at:rm", { mark: word(MAX_MARK_LENGTH) }),
  addVacation: defineCallback("adm:v:add", {}),
  removeVacation: defineCallback("adm:v:rm", { vacationId: int() }),

  // One student's data, the production calendar.
  exportStudent: defineCallback("adm:sx", { studentId: int() }),
  eraseStudent: defineCallback("adm:se", { studentId: int() }),
  confirmErase: defineCallback("adm:sey", { studentId: int() }),
  studentLeft: defineCallback("adm:sl", { studentId: int() }),
  studentReturned: defineCallback("adm:sr", { studentId: int() }),
  uploadCalendar: defineCallback("adm:cal:up", {}),

  // People, classes, promotion.
  person: defineCallback("adm:p", { memberId: int() }),
  toggleRole: defineCallback("adm:r", { memberId: int(), roleIndex: int(ROLES.length - 1) }),
  deactivate: defineCallback("adm:d", { memberId: int() }),
  confirmDeactivate: defineCallback("adm:dy", { memberId: int() }),
  reassignTo: defineCallback("adm:rt", { caseId: int(), memberId: int() }),
  schoolClass: defineCallback("adm:c", { classId: int() }),
  handOverTo: defineCallback("adm:ct", { classId: int(), memberId: int() }),
  applyPromotion: defineCallback("adm:pry", {}),
};
