import pg from "pg";

/** TEST_DATABASE_URL with another database name; refuses any server but 127.0.0.1. */
export function urlWithDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  if (!["127.0.0.1", "localhost"].includes(url.hostname)) {
    throw new Error("TEST_DATABASE_URL must point at 127.0.0.1: tests create and drop databases there");
  }
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(serverUrl: string, sql: string, values?: unknown[]) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** Test databases copied from this template are named `<prefix><random>`. */
export function testDatabasePrefix(template: string): string {
  return `${template.replace(/^klassruk_tpl_/, "klassruk_t_")}_`;
}

/** Drops the template and every test database copied from it that is still there. */
export async function dropRunDatabases(serverUrl: string, template: string) {
  const rows = await adminQuery(serverUrl, "SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [
    testDatabasePrefix(template),
  ]);
  for (const { datname } of rows) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
}
