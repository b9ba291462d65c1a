import { setImmediate as yieldToIo } from "node:timers/promises";
import { describeDatabase, type Provider } from "../src/db/database-url.js";
import { openDatabase } from "../src/db/open-database.js";
import {
  benchDatabaseUrl,
  databaseBytes,
  dropBenchDatabase,
  postgresWriter,
  readMarker,
  sqliteWriter,
  type RowWriter,
  type SeedMarker,
} from "./support/bench-database.js";
import { createCityGenerator, SCALES, SEED_VERSION, TABLE_ORDER, type Batch, type ScaleName } from "./support/city-data.js";

/*
 * `npm run bench -- seed --scale city|district [--provider postgresql|sqlite] [--fresh]`: builds
 * the bench database of a city (PostgreSQL, klassruk_bench_city) or of a district (SQLite,
 * bench/.data/district.db), migrated by the app's own migrator and filled in bulk. A second run
 * finds the marker and only applies new migrations; --fresh rebuilds.
 */

export interface SeedOptions {
  scale: ScaleName;
  provider?: Provider;
  fresh?: boolean;
}

/** Schools generated before their rows go to the database, while the previous group is written. */
const GROUP = 10;

const ms = (from: number) => Math.round(performance.now() - from);
const number = (n: number) => n.toLocaleString("en-US");

export async function seedBench({ scale, provider = SCALES[scale].provider, fresh = false }: SeedOptions): Promise<SeedMarker> {
  const url = benchDatabaseUrl(scale, provider);
  console.log(`seed ${scale} → ${describeDatabase(url)}`);
  const existing = await readMarker(url);
  if (existing && !fresh && existing.scale === scale && existing.version === SEED_VERSION) {
    // Newer migrations (columns, indexes) still reach a database seeded before them.
    const db = await openDatabase({ url, poolSize: 1 });
    await db.close();
    if (db.migration.applied.length > 0) console.log(`  applied ${db.migration.applied.join(", ")}`);
    console.log(`  already seeded on ${existing.seededAt} in ${existing.seconds} s (--fresh rebuilds)`);
    printCounts(existing.counts);
    return existing;
  }
  if (existing && !fresh) console.log(`  seeded by version ${existing.version} of ${existing.scale}: rebuilding`);

  const started = performance.now();
  const phases: [string, number][] = [];
  let t = performance.now();
  await dropBenchDatabase(url);
  phases.push(["create database", ms(t)]);

  t = performance.now();
  const db = await openDatabase({ url, poolSize: 1 });
  await db.close();
  phases.push([`migrate (${db.migration.applied.length} migrations)`, ms(t)]);

  t = performance.now();
  const writer = provider === "sqlite" ? await sqliteWriter(url) : await postgresWriter(url);
  try {
    const { generateMs, waitMs } = await load(scale, writer);
    phases.push([`generate + insert (generating ${number(generateMs)} ms, waiting for the database ${number(waitMs)} ms)`, ms(t)]);

    t = performance.now();
    await writer.finish();
    phases.push([provider === "sqlite" ? "commit + ANALYZE" : "sequences + VACUUM ANALYZE", ms(t)]);

    t = performance.now();
    const counts = await countRows(writer);
    counts.bytes = await databaseBytes(url, writer);
    phases.push(["count", ms(t)]);

    const marker: SeedMarker = {
      scale,
      version: SEED_VERSION,
      seededAt: new Date().toISOString(),
      seconds: Math.round(ms(started) / 100) / 10,
      counts,
    };
    await writer.writeMarker(marker);
    for (const [phase, took] of phases) console.log(`  ${phase.padEnd(90)} ${number(took).padStart(8)} ms`);
    console.log(`  total ${marker.seconds} s`);
    printCounts(counts);
    return marker;
  } finally {
    await writer.close();
  }
}

/** Generates groups of schools and writes each while the next one is generated. */
async function load(scale: ScaleName, writer: RowWriter): Promise<{ generateMs: number; waitMs: number }> {
  const generator = createCityGenerator(scale);
  const schools = generator.shapes.length;
  let generateMs = 0;
  let waitMs = 0;
  let pending: Promise<void> = Promise.resolve();
  for (let from = 0; from < schools; from += GROUP) {
    const group: Batch[] = [];
    for (let i = from; i < Math.min(from + GROUP, schools); i++) {
      const t = performance.now();
      group.push(generator.batch(i, i + 1));
      generateMs += performance.now() - t;
      // Lets the driver send the previous group's next statement while this one is generated.
      await yieldToIo();
    }
    const t = performance.now();
    await pending;
    waitMs += performance.now() - t;
    pending = write(writer, group);
    if ((from / GROUP) % 10 === 9) process.stdout.write(`  ${from + GROUP} of ${schools} schools\n`);
  }
  const t = performance.now();
  await pending;
  waitMs += performance.now() - t;
  return { generateMs: Math.round(generateMs), waitMs: Math.round(waitMs) };
}

async function write(writer: RowWriter, group: Batch[]) {
  for (const table of TABLE_ORDER)
    await writer.insert(
      table,
      group.flatMap((batch) => batch[table]),
    );
}

async function countRows(writer: RowWriter): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const count = async (label: string, sql: string) => {
    const [row] = await writer.query<{ n: number | string }>(sql);
    counts[label] = Number(row?.n ?? 0);
  };
  for (const table of TABLE_ORDER) await count(table, `SELECT count(*) AS n FROM "${table}"`);
  await count("openCases", `SELECT count(*) AS n FROM "Case" WHERE "status" = 'open'`);
  await count("closedCases", `SELECT count(*) AS n FROM "Case" WHERE "status" = 'closed'`);
  await count("classTeachers", `SELECT count(DISTINCT "teacherId") AS n FROM "SchoolClass"`);
  await count("deputies", `SELECT count(*) AS n FROM "MemberRole" WHERE "role" = 'deputy'`);
  await count("directors", `SELECT count(*) AS n FROM "MemberRole" WHERE "role" = 'director'`);
  await count("studentsWithYo", `SELECT count(*) AS n FROM "Student" WHERE "fullName" LIKE '%ё%'`);
  return counts;
}

function printCounts(counts: Record<string, number>) {
  const { bytes = 0, ...rest } = counts;
  console.log(
    `  ${Object.entries(rest)
      .map(([k, v]) => `${k} ${number(v)}`)
      .join(", ")}`,
  );
  console.log(`  size ${number(Math.round(bytes / 2 ** 20))} MiB`);
}
