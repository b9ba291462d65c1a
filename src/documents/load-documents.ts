/**
 * The DOCX builders, loaded on first use: the docx library weighs ~10 MB in a process that may go
 * hours without writing a document (the idle-memory goal of issue 13).
 */
export function loadDocuments() {
  return import("./document-builders.js");
}
