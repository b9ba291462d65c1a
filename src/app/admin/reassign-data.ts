import { defineCallback, int } from "../callback-data.js";

/*
 * «Передать случай №…» under the deputy's notice that a colleague was deactivated: "adm:ra:<case id>".
 * Kept beside the use cases because deactivateMember's notice carries it; the press lists the
 * teachers again, and reassignCase checks everything once more.
 */
export const REASSIGN_CASE_CALLBACK = defineCallback("adm:ra", { caseId: int() });
