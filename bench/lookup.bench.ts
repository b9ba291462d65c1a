import type { Provider } from "../src/db/database-url.js";
import { openDatabase, type Database } from "../src/db/open-database.js";
import { loadProductionYears } from "../src/calendar/load-production-calendar.js";
import { createSenderLookup, identifySender } from "../src/app/people/identify-sender.js";
import type { Actor } from "../src/app/actor.js";
import { searchStudents, type StudentPurpose } from "../src/app/students/search-students.js";
import { loadRegulations } from "../src/regulations/load-regulations.js";
import { benchDatabaseUrl, readMarker } from "./support/bench-database.js";
import { random32 } from "./support/case-states.js";
import { SCALES, type ScaleName } from "./support/city-data.js";
import { explainLookups } from "./support/explain.js";

/*
 * Lookups on the seeded city (or district) database, one at a time as a user's typing makes them:
 * - a student by surname through the bot's own use case (searchStudents, as /lookup and «новый
 *   случай» call it), as a deputy (the whole school) and as a class teacher (their classes and the
 *   students of their cases), with prefixes, full surnames, «е» for «ё» and the reverse;
 * - the sender, their memberships and the chat's dialogue row that every update reads first.
 */

const SCHOOLS_SAMPLED = 60;
const LOOKUPS_PER_ACTOR = 8;
const UPDATE_LOOKUPS = 3_000;

type Row = { name: string; figure: string; goal: string };

interface Probe {
  label: "deputy, school" | "class teacher, lookup" | "class teacher, new case";
  kind: "prefix" | "surname" | "е for ё" | "ё for е" | "surname + name" | "first name";
  actor: Actor;
  purpose: StudentPurpose;
  query: string;
  /** The student the query was made from (checked to be found when the query is that specific). */
  expect?: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

function stats(times: number[]): { p50: number; p99: number; max: number; n: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0, n: sorted.length };
}

export async function benchLookup(options: { scale?: ScaleName; provider?: Provider } = {}): Promise<Row[]> {
  const scale = options.scale ?? "city";
  const provider = options.provider ?? SCALES[scale].provider;
  const url = benchDatabaseUrl(scale, provider);
  const marker = await readMarker(url);
  const where = `${scale}, ${provider === "sqlite" ? "SQLite" : "PostgreSQL"}`;
  if (!marker) {
    return [{ name: `student lookup, ${where}`, figure: `skipped: run npm run bench -- seed --scale ${scale}`, goal: "p99 ≤ 20 ms" }];
  }
  const students = marker.counts.Student ?? 0;
  console.log(`lookup on ${where}: ${students.toLocaleString("en-US")} students, seeded ${marker.seededAt}`);
  // Opening applies pending migrations (e.g. a new index) to a database seeded before them.
  const database = await openDatabase({ url, poolSize: 4 });
  try {
    const probes = await makeProbes(database);
    const deps = { db: database.prisma, regulations: loadRegulations(), productionYears: loadProductionYears(), now: () => new Date() };

    // Warm-up: the statement caches and the pages of the sampled schools.
    for (const probe of probes.slice(0, 100)) await searchStudents(deps, probe);
    const byLabel = new Map<string, number[]>();
    const byKind = new Map<string, number[]>();
    const all: number[] = [];
    const expected = new Map<Probe["kind"], { asked: number; found: number }>();
    for (const probe of probes) {
      const t = performance.now();
      const found = await searchStudents(deps, probe);
      const took = performance.now() - t;
      all.push(took);
      byLabel.set(probe.label, [...(byLabel.get(probe.label) ?? []), took]);
      byKind.set(probe.kind, [...(byKind.get(probe.kind) ?? []), took]);
      if (probe.expect !== undefined) {
        const tally = expected.get(probe.kind) ?? { asked: 0, found: 0 };
        tally.asked++;
        if (found.students.some((s) => s.id === probe.expect)) tally.found++;
        expected.set(probe.kind, tally);
      }
    }

    const senderLookup = createSenderLookup(database.prisma);
    const users = await sampleUsers(database, UPDATE_LOOKUPS);
    for (const telegramId of users.slice(0, 200)) await identifySender({ senderLookup, adminIds: [] }, { telegramId });
    const updateTimes: number[] = [];
    for (const telegramId of users) {
      const t = performance.now();
      const actor = await identifySender({ senderLookup, adminIds: [] }, { telegramId });
      updateTimes.push(performance.now() - t);
      if (!actor) throw new Error(`user ${telegramId} was not identified`);
    }

    const explained = await explainLookups(database, url, probes);
    for (const line of explained) console.log(line);

    const rows: Row[] = [];
    const total = stats(all);
    rows.push({
      name: `student lookup, ${where}, ${total.n} lookups`,
      figure: `p50 ${fmt(total.p50)} ms, p99 ${fmt(total.p99)} ms, max ${fmt(total.max)} ms`,
      goal: "p99 ≤ 20 ms",
    });
    for (const [label, times] of [...byLabel, ...byKind]) {
      const s = stats(times);
      rows.push({ name: `  ${label} (${s.n})`, figure: `p50 ${fmt(s.p50)} ms, p99 ${fmt(s.p99)} ms`, goal: "p99 ≤ 20 ms" });
    }
    for (const [kind, { asked, found }] of expected) {
      rows.push({ name: `  ${kind}: the student typed is among those found`, figure: `${found} of ${asked}`, goal: "all" });
    }
    const update = stats(updateTimes);
    rows.push({
      name: `per-update sender lookup, ${where}, ${update.n} users`,
      figure: `p50 ${fmt(update.p50)} ms, p99 ${fmt(update.p99)} ms`,
      goal: "a small part of an update",
    });
    return rows;
  } finally {
    await database.close();
  }
}

/** Random users of the city (staff of every kind, some in two schools), as Telegram ids. */
async function sampleUsers(database: Database, count: number): Promise<number[]> {
  const max = (await database.prisma.user.aggregate({ _max: { id: true } }))._max.id ?? 0;
  const rnd = random32(11);
  const ids = Array.from({ length: count }, () => 1 + Math.floor(rnd() * Number(max)));
  const rows = await database.prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, telegramId: true } });
  const byId = new Map(rows.map((r) => [r.id, Number(r.telegramId)]));
  return ids.map((id) => byId.get(id)).filter((t): t is number => t !== undefined);
}

/**
 * Who looks up whom: in each sampled school its deputy for upbringing and a few class teachers
 * (identified the way an update identifies them); what they type is made from the names of
 * students they may see.
 */
export async function makeProbes(database: Database): Promise<Probe[]> {
  const db = database.prisma;
  const rnd = random32(2026);
  const schools = await db.school.count();
  const senderLookup = createSenderLookup(db);
  const actorOf = async (telegramId: bigint) => {
    const actor = await identifySender({ senderLookup, adminIds: [] }, { telegramId: Number(telegramId) });
    if (!actor) throw new Error(`no actor for ${telegramId}`);
    return actor;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const probes: Probe[] = [];
  const chosen = new Set<number>();
  while (chosen.size < Math.min(SCHOOLS_SAMPLED, schools)) chosen.add(1 + Math.floor(rnd() * schools));
  for (const schoolId of chosen) {
    const deputy = await db.member.findFirst({
      where: { schoolId, upbringingDeputy: true },
      select: { user: { select: { telegramId: true } } },
    });
    const classes = await db.schoolClass.findMany({
      where: { schoolId },
      select: { id: true, teacher: { select: { id: true, user: { select: { telegramId: true } } } } },
    });
    const schoolStudents = await db.student.findMany({
      where: { schoolId },
      select: { id: true, fullName: true, classId: true, leftOn: true },
    });
    if (!deputy) continue;
    const actors: { label: Probe["label"]; actor: Actor; purpose: StudentPurpose; pool: typeof schoolStudents }[] = [
      { label: "deputy, school", actor: await actorOf(deputy.user.telegramId), purpose: "lookup", pool: schoolStudents },
    ];
    for (let k = 0; k < 4; k++) {
      const cls = pick(classes);
      if (!cls.teacher) continue;
      const actor = await actorOf(cls.teacher.user.telegramId);
      const led = new Set(classes.filter((c) => c.teacher?.id === cls.teacher!.id).map((c) => c.id));
      const purpose: StudentPurpose = k % 2 === 0 ? "lookup" : "openCase";
      // A new case is opened only for students still at the school; a lookup finds those who left too.
      const own = schoolStudents.filter((s) => led.has(s.classId) && (purpose === "lookup" || s.leftOn === null));
      actors.push({
        label: purpose === "lookup" ? "class teacher, lookup" : "class teacher, new case",
        actor,
        purpose,
        pool: own,
      });
    }
    for (const { label, actor, purpose, pool } of actors) {
      for (let i = 0; i < LOOKUPS_PER_ACTOR; i++) {
        const student = pick(pool);
        const [surname = "", first = ""] = student.fullName.split(" ");
        const roll = rnd();
        const withYo = pool.filter((s) => s.fullName.split(" ")[0]!.includes("ё"));
        if (roll < 0.35) {
          probes.push({ label, kind: "prefix", actor, purpose, query: surname.slice(0, 2 + Math.floor(rnd() * 4)) });
        } else if (roll < 0.6) {
          probes.push({ label, kind: "surname", actor, purpose, query: rnd() < 0.5 ? surname : surname.toLowerCase() });
        } else if (roll < 0.75 && withYo.length > 0) {
          // Typed without «ё» (as most people type): «Семенова Анна» must find «Семёнова Анна».
          const s = pick(withYo);
          const [sur = "", name = ""] = s.fullName.split(" ");
          probes.push({ label, kind: "е for ё", actor, purpose, query: `${sur.replace(/ё/g, "е")} ${name}`, expect: s.id });
        } else if (roll < 0.8 && /е/.test(surname)) {
          // The list says «Семенов», the user types «Семёнов» (any «е» typed as «ё» reads the same).
          probes.push({ label, kind: "ё for е", actor, purpose, query: `${surname.replace("е", "ё")} ${first}`, expect: student.id });
        } else if (roll < 0.92) {
          probes.push({ label, kind: "surname + name", actor, purpose, query: `${surname} ${first}`, expect: student.id });
        } else {
          probes.push({ label, kind: "first name", actor, purpose, query: first });
        }
      }
    }
  }
  // Shuffled, so that no school's pages stay warm for a run of lookups.
  for (let i = probes.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [probes[i], probes[j]] = [probes[j]!, probes[i]!];
  }
  return probes;
}
