import { ROLES, type Role } from "../../app/actor.js";
import { createInvite, DEFAULT_INVITE_DAYS, MAX_INVITE_DAYS } from "../../app/invites/create-invite.js";
import { inviteLink } from "../../app/invites/invite-link.js";
import { listOpenInvites } from "../../app/invites/list-invites.js";
import { revokeInvite } from "../../app/invites/revoke-invite.js";
import { localDateIn } from "../../domain/dates.js";
import type { InviteRecord } from "../../repositories/invite-repository.js";
import { EXIT_ERROR, EXIT_OK, positional, stringOption, UsageError, type CliCommand, type CliIo, type ParsedArgs } from "../command.js";
import { databaseUrlOption, resolveDatabaseUrl, withDatabase } from "../database.js";
import { parseSchoolOption } from "./school.js";

function parseRole(text: string | undefined): Role {
  if (text === undefined) throw new UsageError(`--role is required: ${ROLES.join(", ")}`);
  const role = ROLES.find((r) => r === text.trim().toLowerCase());
  if (!role) throw new UsageError(`--role must be one of ${ROLES.join(", ")}, got "${text}"`);
  return role;
}

function parseDays(text: string | undefined): number {
  if (text === undefined) return DEFAULT_INVITE_DAYS;
  const days = Number(text);
  if (!/^\d{1,3}$/.test(text.trim()) || days < 1 || days > MAX_INVITE_DAYS) {
    throw new UsageError(`--days must be a whole number from 1 to ${MAX_INVITE_DAYS}, got "${text}"`);
  }
  return days;
}

/** The bot's username for links: --bot, else BOT_USERNAME. */
function botUsername(args: ParsedArgs, io: CliIo): string {
  const name = (stringOption(args, "bot") ?? io.env.BOT_USERNAME)?.trim().replace(/^@/, "");
  if (!name) throw new UsageError("the link needs the bot's username: pass --bot <username> or set BOT_USERNAME");
  if (!/^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(name)) throw new UsageError(`"${name}" is not a Telegram bot username`);
  return name;
}

function describe(invite: InviteRecord): string {
  const who = invite.classLabel ? `${invite.roles.join(",")} ${invite.classLabel}` : invite.roles.join(",");
  return `${who}, school ${invite.schoolId} (${invite.schoolName}), expires ${localDateIn(invite.expiresAt, invite.schoolTimezone)}`;
}

/** `invite create`: prints the single-use deep link on stdout, what it grants on stderr. */
export async function inviteCreate(args: ParsedArgs, io: CliIo): Promise<number> {
  const schoolId = parseSchoolOption(args);
  const role = parseRole(stringOption(args, "role"));
  const classLabel = stringOption(args, "class");
  if (role === "teacher" && classLabel === undefined) throw new UsageError("a teacher's invitation needs --class, e.g. --class 7Б");
  if (role !== "teacher" && classLabel !== undefined) throw new UsageError("--class is only for --role teacher");
  const days = parseDays(stringOption(args, "days"));
  const bot = botUsername(args, io);
  const url = resolveDatabaseUrl(args, io);
  const invite = await withDatabase(url, ({ prisma }) =>
    createInvite({ db: prisma, now: () => io.now() }, { by: "cli", schoolId, role, classLabel, days }),
  );
  io.out(inviteLink(bot, invite.token));
  io.err(`invite ${invite.id}: ${describe(invite)}; single use`);
  return EXIT_OK;
}

/** `invite revoke <token>` */
export async function inviteRevoke(args: ParsedArgs, io: CliIo): Promise<number> {
  // The whole link may be pasted instead of the token.
  const token = positional(args, 0, "<token>")
    .trim()
    .replace(/^.*[?&]start=/, "");
  const url = resolveDatabaseUrl(args, io);
  const result = await withDatabase(url, ({ prisma }) => revokeInvite({ db: prisma, now: () => io.now() }, { by: "cli", token }));
  if (!result.revoked) {
    io.err(`error: invite ${result.invite.id} was already ${result.reason === "used" ? "used" : "revoked"}; nothing changed`);
    return EXIT_ERROR;
  }
  io.out(`revoked invite ${result.invite.id}: ${describe(result.invite)}`);
  return EXIT_OK;
}

/** `invite list --school <id>`: the invitations that can still be used. */
export async function inviteList(args: ParsedArgs, io: CliIo): Promise<number> {
  const schoolId = parseSchoolOption(args);
  const url = resolveDatabaseUrl(args, io);
  const invites = await withDatabase(url, ({ prisma }) => listOpenInvites({ db: prisma, now: () => io.now() }, { by: "cli", schoolId }));
  if (invites.length === 0) io.err(`no open invitations in school ${schoolId}`);
  for (const invite of invites) io.out(`${invite.id}\t${invite.token}\t${describe(invite)}`);
  return EXIT_OK;
}

const botOption = {
  type: "string" as const,
  placeholder: "USERNAME",
  description: "the bot's Telegram username for the link (default: the BOT_USERNAME variable)",
};

export const inviteCommands: CliCommand[] = [
  {
    name: "invite create",
    positionals: [],
    summary: "a single-use invitation link to a school for a role (and a class for a teacher)",
    details: [
      `Roles: ${ROLES.join(", ")}. The link is https://t.me/<bot>?start=<token>; it works once and expires after --days.`,
      "The bot's username comes from --bot or the BOT_USERNAME variable.",
    ],
    options: {
      school: { type: "string", placeholder: "ID", description: "the school (see `school list`)" },
      role: { type: "string", placeholder: "ROLE", description: ROLES.join("|") },
      class: { type: "string", placeholder: "LABEL", description: "the class a teacher will lead, e.g. 7Б (created if missing)" },
      days: { type: "string", placeholder: "N", description: `days the link stays valid (default ${DEFAULT_INVITE_DAYS})` },
      bot: botOption,
      "database-url": databaseUrlOption,
    },
    examples: ["invite create --school 1 --role teacher --class 7Б --bot klassruk_bot", "invite create --school 1 --role admin --days 3"],
    run: inviteCreate,
  },
  {
    name: "invite revoke",
    positionals: ["<token>"],
    summary: "revoke an unused invitation (the token, or the whole link)",
    options: { "database-url": databaseUrlOption },
    examples: ["invite revoke Qm9vX2Jhcl9iYXpfcXV4XzEy"],
    run: inviteRevoke,
  },
  {
    name: "invite list",
    positionals: [],
    summary: "the school's invitations that can still be used: id, token, role, expiry",
    options: {
      school: { type: "string", placeholder: "ID", description: "the school (see `school list`)" },
      "database-url": databaseUrlOption,
    },
    examples: ["invite list --school 1"],
    run: inviteList,
  },
];
