/** Telegram lets a bot download files up to 20 MB: a larger one could never be sent back or checked. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const ATTACHMENT_NAME_MAX = 200;

/** Programs and scripts: nothing a case needs, and what a school's computer must not open from a chat. */
const EXECUTABLE_EXTENSIONS = new Set([
  "exe",
  "com",
  "bat",
  "cmd",
  "scr",
  "pif",
  "msi",
  "msp",
  "dll",
  "cpl",
  "jar",
  "js",
  "jse",
  "vbs",
  "vbe",
  "wsf",
  "wsh",
  "ps1",
  "psm1",
  "sh",
  "bash",
  "apk",
  "app",
  "dmg",
  "deb",
  "rpm",
  "run",
  "bin",
  "lnk",
  "reg",
  "hta",
  "iso",
]);
const EXECUTABLE_TYPES = new Set([
  "application/x-msdownload",
  "application/x-msdos-program",
  "application/x-dosexec",
  "application/x-executable",
  "application/x-sh",
  "application/x-bat",
  "application/vnd.microsoft.portable-executable",
  "application/vnd.android.package-archive",
  "application/java-archive",
]);

export type AttachmentProblem = "tooBig" | "executable" | "noName";

/** Why a file cannot go into a case, or undefined when it can. Any other type is accepted. */
export function attachmentProblem(file: { fileName: string; size?: number; mimeType?: string }): AttachmentProblem | undefined {
  const name = file.fileName.trim();
  if (!name) return "noName";
  if ((file.size ?? 0) > MAX_ATTACHMENT_BYTES) return "tooBig";
  const extension = /\.([^.]+)$/.exec(name.toLowerCase())?.[1];
  if ((extension && EXECUTABLE_EXTENSIONS.has(extension)) || EXECUTABLE_TYPES.has((file.mimeType ?? "").toLowerCase())) return "executable";
  return undefined;
}
