/*
 * Council messages between the requester, the class teacher and the deputy for upbringing.
 * Data: "cn:<action>:<id>[:<n>]"; every press loads the request again and the use case checks who may answer.
 * Kept beside the use cases because the notices they write carry these buttons.
 */
export const COUNCIL_DATA = {
  request: (caseId: number | string) => `cn:rq:${caseId}`,
  infoPack: (caseId: number | string) => `cn:ip:${caseId}`,
  consent: (requestId: number, agree: boolean) => `cn:${agree ? "y" : "n"}:${requestId}`,
  slot: (requestId: number, index: number) => `cn:s:${requestId}:${index}`,
  otherTime: (requestId: number) => `cn:o:${requestId}`,
  /** The checklist's ticks travel as a bit mask: what the teacher says they did, not an authority. */
  toggle: (caseId: number, mask: number) => `cn:t:${caseId}:${mask}`,
  informedDone: (caseId: number, mask: number) => `cn:td:${caseId}:${mask}`,
  pattern: /^cn:(rq|ip|y|n|s|o|t|td):(\d{1,9})(?::(\d))?$/,
} as const;
