import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { redactSecrets } from "../logger.js";
import {
  CLI_PREFIX,
  EXIT_ERROR,
  EXIT_OK,
  EXIT_USAGE,
  processIo,
  UsageError,
  type CliCommand,
  type CliIo,
  type OptionSpec,
  type ParsedArgs,
} from "./command.js";
import { calendarCommands } from "./commands/calendar.js";
import {
  commandsInGroup,
  createHelpCommand,
  HELP_OPTION,
  printCommandHelp,
  printGroupHelp,
  printOverview,
  usageLine,
} from "./commands/help.js";
import { migrateCommands } from "./commands/migrate.js";
import { schoolCommands } from "./commands/school.js";
import { inviteCommands } from "./commands/invite.js";
import { rosterCommands } from "./commands/roster.js";
import { attendanceCommands } from "./commands/attendance.js";
import { exportCommands } from "./commands/export.js";

/**
 * The admin command line: `npm run cli -- <command> ...`. It needs no BOT_TOKEN and opens a
 * database only for the commands that use one.
 *
 * To add a command: write it in commands/<group>.ts (a CliCommand with its options and examples)
 * and add the group's array below; dispatch and help pick it up from this registry.
 */
export const COMMANDS: readonly CliCommand[] = [
  createHelpCommand(() => COMMANDS),
  ...migrateCommands,
  ...calendarCommands,
  ...schoolCommands,
  ...inviteCommands,
  ...rosterCommands,
  ...attendanceCommands,
  ...exportCommands,
];

/** The command whose words are the longest prefix of argv, and the arguments after them. */
export function findCommand(argv: readonly string[], commands: readonly CliCommand[] = COMMANDS): { command?: CliCommand; rest: string[] } {
  let best: CliCommand | undefined;
  let bestLength = 0;
  for (const command of commands) {
    const words = command.name.split(" ");
    if (words.length > bestLength && words.every((word, i) => argv[i] === word)) {
      best = command;
      bestLength = words.length;
    }
  }
  return { command: best, rest: argv.slice(bestLength) };
}

function parseCommandArgs(command: CliCommand, argv: readonly string[]): ParsedArgs {
  const specs: Record<string, OptionSpec> = { ...command.options, help: HELP_OPTION };
  const options: ParseArgsConfig["options"] = Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [
      name,
      {
        type: spec.type,
        ...(spec.multiple ? { multiple: true } : {}),
        ...(spec.short ? { short: spec.short } : {}),
      },
    ]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
      // Node's messages go on with advice about "--"; the first sentence is the point.
      const message = (error as Error).message.split(/\.\s/)[0]!.replace(/\.$/, "");
      throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1));
    }
    throw error;
  }
  if (parsed.values.help === true) return { positionals: parsed.positionals, values: parsed.values };

  const required = command.positionals.filter((p) => !p.startsWith("[")).length;
  const variadic = command.positionals.some((p) => p.endsWith("...]"));
  if (parsed.positionals.length < required) {
    const missing = command.positionals.slice(parsed.positionals.length, required);
    throw new UsageError(`${command.name}: missing ${missing.join(" ")}`);
  }
  if (!variadic && parsed.positionals.length > command.positionals.length) {
    const extra = parsed.positionals.slice(command.positionals.length);
    throw new UsageError(`${command.name}: unexpected argument${extra.length > 1 ? "s" : ""} ${extra.map((a) => `"${a}"`).join(" ")}`);
  }
  return { positionals: parsed.positionals, values: parsed.values };
}

/** Runs one command line; returns the exit code (0 done, 1 error, 2 wrong arguments). */
export async function runCli(argv: readonly string[], io: CliIo, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  let command: CliCommand | undefined;
  let helpTopic = "";
  try {
    if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h") {
      printOverview(commands, io);
      return EXIT_OK;
    }
    const found = findCommand(argv, commands);
    command = found.command;
    if (!command) {
      const group = commandsInGroup(argv[0]!, commands);
      if (group.length === 0) throw new UsageError(`unknown command "${argv[0]}"`);
      helpTopic = argv[0]!;
      if (argv.slice(1).some((a) => a === "--help" || a === "-h")) {
        printGroupHelp(argv[0]!, group, io);
        return EXIT_OK;
      }
      const names = group.map((c) => c.name.slice(argv[0]!.length + 1)).join(", ");
      throw new UsageError(
        argv.length > 1 ? `unknown command "${argv[0]} ${argv[1]}"; ${argv[0]} commands: ${names}` : `${argv[0]} needs a command: ${names}`,
      );
    }
    if (command.name !== "help") helpTopic = command.name;
    const args = parseCommandArgs(command, found.rest);
    if (args.values.help === true) {
      printCommandHelp(command, io);
      return EXIT_OK;
    }
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}`);
      if (command && command.name !== "help") io.err(`usage: ${usageLine(command)}`);
      io.err(`run \`${CLI_PREFIX} help${helpTopic ? ` ${helpTopic}` : ""}\` for details`);
      return EXIT_USAGE;
    }
    // One line, never a stack trace: the admin reads this in a terminal or a CI log.
    const message = error instanceof Error ? error.message : String(error);
    io.err(
      `error: ${redactSecrets(message)
        .trim()
        .replace(/\s*\n\s*/g, "; ")}`,
    );
    return EXIT_ERROR;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  runCli(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = EXIT_ERROR;
    },
  );
}
