import { defineCallback, int, oneOf } from "../../app/callback-data.js";

/**
 * The ИПР's dates under the plan: «📅 Дата постановки на ВШУ» ("rg:r:<case>") and «✍️ Родители
 * ознакомлены» ("rg:a:<case>"); features/plan-dates.ts answers them.
 */
export const PLAN_DATE_DATA = defineCallback("rg", { which: oneOf("r", "a"), caseId: int() });

export const PLAN_DATE_OF = { r: "registered", a: "read" } as const;
