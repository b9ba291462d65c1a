import { defineCallback, int, oneOf, optional } from "../callback-data.js";

/*
 * Council messages between the requester, the class teacher and the deputy for upbringing.
 * Data: "cn:<action>:<id>[:<n>]"; every press loads the request again and the use case checks who may answer.
 * Kept beside the use cases because the notices they write carry these buttons.
 */
export const COUNCIL_CALLBACK = defineCallback("cn", {
  action: oneOf("rq", "ip", "y", "n", "s", "o", "t", "td"),
  id: int(),
  extra: optional(int(9)),
});

export const COUNCIL_DATA = {
  request: (caseId: number | string) => COUNCIL_CALLBACK.encode({ action: "rq", id: Number(caseId) }),
  infoPack: (caseId: number | string) => COUNCIL_CALLBACK.encode({ action: "ip", id: Number(caseId) }),
  consent: (requestId: number, agree: boolean) => COUNCIL_CALLBACK.encode({ action: agree ? "y" : "n", id: requestId }),
  slot: (requestId: number, index: number) => COUNCIL_CALLBACK.encode({ action: "s", id: requestId, extra: index }),
  otherTime: (requestId: number) => COUNCIL_CALLBACK.encode({ action: "o", id: requestId }),
  /** The checklist's ticks travel as a bit mask: what the teacher says they did, not an authority. */
  toggle: (caseId: number, mask: number) => COUNCIL_CALLBACK.encode({ action: "t", id: caseId, extra: mask }),
  informedDone: (caseId: number, mask: number) => COUNCIL_CALLBACK.encode({ action: "td", id: caseId, extra: mask }),
} as const;
