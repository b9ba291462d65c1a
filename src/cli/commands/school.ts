import { eraseSchool } from "../../app/admin/erase-school.js";
import { createSchool } from "../../app/people/create-school.js";
import type { WeekLength } from "../../domain/calendar/school-calendar.js";
import { createInviteRepository } from "../../repositories/invite-repository.js";
import {
  CLI_PREFIX,
  EXIT_OK,
  flag,
  positional,
  stringOption,
  UsageError,
  type CliCommand,
  type CliIo,
  type ParsedArgs,
} from "../command.js";
import { databaseUrlOption, resolveDatabaseUrl, withDatabase } from "../database.js";
import exampleNames from "./example-names.json" with { type: "json" };
import { plural } from "../plural.js";

const FALLBACK_TIMEZONE = "Europe/Moscow";

/** A --school value: a positive whole number. */
export function parseSchoolOption(args: ParsedArgs): number {
  const text = stringOption(args, "school");
  if (text === undefined) throw new UsageError("--school is required (see `school list`)");
  if (!/^\d{1,9}$/.test(text.trim()) || Number(text) < 1) {
    throw new UsageError(`--school must be a school id (a positive whole number), got "${text}"`);
  }
  return Number(text);
}

function parseWeek(text: string | undefined): WeekLength | undefined {
  if (text === undefined) return undefined;
  if (text.trim() === "5") return 5;
  if (text.trim() === "6") return 6;
  throw new UsageError(`--week must be 5 or 6, got "${text}"`);
}

/** `school create <name>`: a school without members; invite its administrator next. */
export async function schoolCreate(args: ParsedArgs, io: CliIo): Promise<number> {
  const name = positional(args, 0, "<name>");
  const timezone = stringOption(args, "timezone")?.trim() || io.env.DEFAULT_TIMEZONE?.trim() || FALLBACK_TIMEZONE;
  const weekLength = parseWeek(stringOption(args, "week"));
  const url = resolveDatabaseUrl(args, io);
  const school = await withDatabase(url, ({ prisma }) =>
    createSchool({ db: prisma, now: () => io.now() }, { by: "cli", name, timezone, weekLength }),
  );
  io.out(`school ${school.schoolId} created: ${school.name} (${school.timezone}, ${school.weekLength}-day week)`);
  io.err(`next: ${CLI_PREFIX} invite create --school ${school.schoolId} --role admin --bot <bot username>`);
  return EXIT_OK;
}

/** `school list`: id, name, timezone, week, members and classes of every school. */
export async function schoolList(args: ParsedArgs, io: CliIo): Promise<number> {
  const url = resolveDatabaseUrl(args, io);
  const schools = await withDatabase(url, ({ prisma }) => createInviteRepository(prisma).listSchools());
  if (schools.length === 0) {
    io.err(`no schools yet; create one with \`${CLI_PREFIX} school create "<name>"\``);
    return EXIT_OK;
  }
  for (const s of schools) {
    io.out(
      `${s.id}\t${s.name}\t${s.timezone}\t${s.weekLength}-day week\t${plural(s.members, "member")}\t${plural(s.classes, "class", "classes")}`,
    );
  }
  return EXIT_OK;
}

/** `school erase --school N --yes`: the school and everything it holds, for good (an audit row stays). */
export async function schoolErase(args: ParsedArgs, io: CliIo): Promise<number> {
  const schoolId = parseSchoolOption(args);
  if (!flag(args, "yes")) throw new UsageError("erasing a school cannot be undone: add --yes to confirm");
  const url = resolveDatabaseUrl(args, io);
  await withDatabase(url, ({ prisma }) => eraseSchool({ db: prisma, now: () => io.now() }, { by: "cli", schoolId }));
  io.out(`school ${schoolId} erased with its people's memberships, classes, students, cases and outbox`);
  return EXIT_OK;
}

export const schoolCommands: CliCommand[] = [
  {
    name: "school create",
    positionals: ["<name>"],
    summary: "create a school (then invite its administrator with `invite create --role admin`)",
    options: {
      timezone: { type: "string", placeholder: "TZ", description: "IANA timezone (default: DEFAULT_TIMEZONE, else Europe/Moscow)" },
      week: { type: "string", placeholder: "5|6", description: "working days in the school's week (default 5)" },
      "database-url": databaseUrlOption,
    },
    examples: [
      `school create "${exampleNames.schoolNames[0]}"`,
      `school create "${exampleNames.schoolNames[1]}" --week 6 --timezone Europe/Samara`,
    ],
    run: schoolCreate,
  },
  {
    name: "school list",
    positionals: [],
    summary: "the schools: id, name, timezone, week, members, classes",
    options: { "database-url": databaseUrlOption },
    examples: ["school list"],
    run: schoolList,
  },
  {
    name: "school erase",
    positionals: [],
    summary: "erase a school and everything it holds, for good (user accounts and the audit trail stay)",
    options: {
      school: { type: "string", placeholder: "ID", description: "the school's id (see `school list`)" },
      yes: { type: "boolean", description: "confirm: this cannot be undone" },
      "database-url": databaseUrlOption,
    },
    examples: ["school erase --school 3 --yes"],
    run: schoolErase,
  },
];
