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

export async function adminQuery(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
