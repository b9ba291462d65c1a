import Database from "better-sqlite3";
import pg from "pg";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "../../src/generated/sqlite/client.js";
import { PrismaClient as PostgresClient } from "../../src/generated/postgres/client.js";
import { sqlitePath } from "../../src/db/database-url.js";
import type { Database as AppDatabase, Db } from "../../src/db/open-database.js";
import { createSenderLookup, identifySender } from "../../src/app/people/identify-sender.js";
import type { Actor } from "../../src/app/actor.js";
import { searchStudents, type StudentPurpose } from "../../src/app/students/search-students.js";
import { loadProductionYears } from "../../src/calendar/load-production-calendar.js";
import { loadRegulations } from "../../src/regulations/load-regulations.js";

/*
 * The plans of the statements a lookup really sends: a second client logs Prisma's SQL while the
 * use case runs once per kind of lookup, and each statement is explained with its parameters.
 */

interface Captured {
  query: string;
  params: unknown[];
}

interface ExplainProbe {
  label: string;
  kind: string;
  actor: Actor;
  purpose: StudentPurpose;
  query: string;
}

function loggingClient(url: string, provider: AppDatabase["provider"]): Db {
  const options = { log: [{ emit: "event" as const, level: "query" as const }] };
  return provider === "sqlite"
    ? new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: sqlitePath(url) }), ...options })
    : (new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }), ...options }) as unknown as Db);
}

export async function explainLookups(database: AppDatabase, url: string, probes: readonly ExplainProbe[]): Promise<string[]> {
  const db = loggingClient(url, database.provider);
  const captured: Captured[] = [];
  (db as unknown as { $on(event: "query", cb: (e: { query: string; params: string }) => void): void }).$on("query", (e) => {
    captured.push({ query: e.query, params: JSON.parse(e.params) as unknown[] });
  });
  const deps = { db, regulations: loadRegulations(), productionYears: loadProductionYears(), now: () => new Date() };
  const lines: string[] = [];
  try {
    const seen = new Set<string>();
    const runs: { title: string; statements: Captured[] }[] = [];
    for (const probe of probes) {
      const title = `${probe.label}, ${probe.kind} «${probe.query}»`;
      const key = `${probe.label}/${probe.kind === "first name" ? "word" : "prefix"}`;
      if (seen.has(key)) continue;
      seen.add(key);
      captured.length = 0;
      await searchStudents(deps, probe);
      runs.push({ title, statements: captured.splice(0) });
    }
    const senderLookup = createSenderLookup(db);
    await identifySender({ senderLookup, adminIds: [] }, { telegramId: probes[0]!.actor.telegramId });
    runs.push({ title: "per-update sender lookup", statements: captured.splice(0) });

    for (const run of runs) {
      lines.push(`EXPLAIN ${run.title}:`);
      for (const statement of run.statements.filter((s) => /^\s*SELECT/i.test(s.query))) {
        lines.push(`  ${statement.query.replace(/\s+/g, " ").slice(0, 400)}`);
        for (const line of await explain(url, database.provider, statement)) lines.push(`    ${line}`);
      }
    }
  } finally {
    await db.$disconnect();
  }
  return lines;
}

async function explain(url: string, provider: AppDatabase["provider"], { query, params }: Captured): Promise<string[]> {
  if (provider === "sqlite") {
    const db = new Database(sqlitePath(url), { readonly: true });
    try {
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${query}`).all(...params.map((p) => (typeof p === "boolean" ? Number(p) : p))) as {
        detail: string;
      }[];
      return rows.map((r) => r.detail);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${query}`, params);
    return rows.map((r: Record<string, string>) => r["QUERY PLAN"]!);
  } finally {
    await client.end();
  }
}
