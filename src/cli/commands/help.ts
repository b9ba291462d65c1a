import { DEFAULT_SQLITE_URL } from "../../config.js";
import { CLI_PREFIX, EXIT_OK, UsageError, type CliCommand, type CliIo, type OptionSpec, type ParsedArgs } from "../command.js";

export const HELP_OPTION: OptionSpec = { type: "boolean", short: "h", description: "show the help of this command" };

export function usageLine(command: CliCommand): string {
  const parts = [CLI_PREFIX, command.name, ...command.positionals];
  if (command.options && Object.keys(command.options).length) parts.push("[options]");
  return parts.join(" ");
}

function commandTable(commands: readonly CliCommand[]): string[] {
  const heads = commands.map((c) => [c.name, ...c.positionals].join(" "));
  const width = Math.max(...heads.map((h) => h.length));
  return commands.map((c, i) => `  ${heads[i]!.padEnd(width)}   ${c.summary}`);
}

/** `help` with no topic, no command at all, or `--help`: every command with one line and an example. */
export function printOverview(commands: readonly CliCommand[], io: CliIo): void {
  io.out("Klassruk admin command line");
  io.out("");
  io.out(`usage: ${CLI_PREFIX} <command> [arguments] [options]`);
  io.out("");
  io.out("commands:");
  for (const line of commandTable(commands)) io.out(line);
  io.out("");
  io.out("examples:");
  for (const command of commands) {
    const example = command.examples[0];
    if (example !== undefined && command.name !== "help") io.out(`  ${CLI_PREFIX} ${example}`);
  }
  io.out("");
  io.out("Dates are written YYYY-MM-DD or dd.mm.yyyy.");
  io.out(`Database: --database-url, else the DATABASE_URL variable, else ${DEFAULT_SQLITE_URL}.`);
  io.out("Exit codes: 0 done, 1 error, 2 wrong arguments.");
  io.out(`Run \`${CLI_PREFIX} help <command>\` (or <command> --help) for its options.`);
}

/** The usage, details, options and examples of one command. */
export function printCommandHelp(command: CliCommand, io: CliIo): void {
  io.out(`usage: ${usageLine(command)}`);
  io.out("");
  io.out(command.summary);
  for (const line of command.details ?? []) io.out(line);
  const options = Object.entries({ ...command.options, help: HELP_OPTION });
  const heads = options.map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : "";
    const value = spec.type === "string" ? ` ${spec.placeholder ?? "VALUE"}` : "";
    return `${short}--${name}${value}`;
  });
  const width = Math.max(...heads.map((h) => h.length));
  io.out("");
  io.out("options:");
  options.forEach(([, spec], i) => {
    const repeat = spec.multiple ? " (repeatable)" : "";
    io.out(`  ${heads[i]!.padEnd(width)}   ${spec.description}${repeat}`);
  });
  if (command.examples.length) {
    io.out("");
    io.out("examples:");
    for (const example of command.examples) io.out(`  ${CLI_PREFIX} ${example}`);
  }
}

/** The commands of a group such as "calendar". */
export function printGroupHelp(group: string, commands: readonly CliCommand[], io: CliIo): void {
  io.out(`${group} commands:`);
  for (const line of commandTable(commands)) io.out(line);
  io.out("");
  io.out(`Run \`${CLI_PREFIX} help ${group} <command>\` for its options.`);
}

export function commandsInGroup(group: string, commands: readonly CliCommand[]): CliCommand[] {
  return commands.filter((c) => c.name.startsWith(`${group} `));
}

/** `help [<command>...]`; `commands` is read when run, so the registry may include this command. */
export function createHelpCommand(commands: () => readonly CliCommand[]): CliCommand {
  return {
    name: "help",
    positionals: ["[<command>...]"],
    summary: "this list, or the details and options of one command",
    examples: ["help", "help calendar next"],
    async run(args: ParsedArgs, io: CliIo): Promise<number> {
      const all = commands();
      const topic = args.positionals.join(" ").trim();
      if (!topic) {
        printOverview(all, io);
        return EXIT_OK;
      }
      const command = all.find((c) => c.name === topic);
      if (command) {
        printCommandHelp(command, io);
        return EXIT_OK;
      }
      const group = commandsInGroup(topic, all);
      if (group.length) {
        printGroupHelp(topic, group, io);
        return EXIT_OK;
      }
      throw new UsageError(`no command "${topic}"`);
    },
  };
}
