import path from "node:path";

export type Provider = "sqlite" | "postgresql";

export function providerOf(url: string): Provider {
  return url.startsWith("file:") ? "sqlite" : "postgresql";
}

/** "file:./data/x.db" → absolute path; relative paths resolve against the working directory. */
export function sqlitePath(url: string): string {
  const file = url.slice("file:".length).split("?")[0]!;
  return file === ":memory:" ? file : path.resolve(file);
}

/** pg's own config from a URL, without credentials ever reaching a log line. */
export function describeDatabase(url: string): string {
  if (providerOf(url) === "sqlite") return `SQLite ${sqlitePath(url)}`;
  const u = new URL(url);
  return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
}
