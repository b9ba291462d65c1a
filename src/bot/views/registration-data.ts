import { defineCallback, int } from "../../app/callback-data.js";

/** «📅 Дата постановки на ВШУ» under the ИПР: "rg:<case>" (features/registration.ts answers it). */
export const REGISTRATION_DATA = defineCallback("rg", { caseId: int() });
