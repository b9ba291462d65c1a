export { caseFileDocx, caseFilePdf } from "./case-file-docs.js";
export { infoPackDocx } from "./info-pack-docx.js";
export { memoDocx } from "./memo-docx.js";
export { planDocx } from "./plan-docx.js";
