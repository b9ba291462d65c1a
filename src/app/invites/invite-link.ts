import { randomBytes } from "node:crypto";

/**
 * 18 random bytes: 24 URL-safe characters, fits Telegram's 64-character start parameter. Never
 * with a leading "-": `invite revoke <token>` at the command line would read it as an option.
 */
export function newInviteToken(): string {
  for (;;) {
    const token = randomBytes(18).toString("base64url");
    if (!token.startsWith("-")) return token;
  }
}

/** What `/start <payload>` may carry as an invitation token (shorter payloads belong to others). */
export const INVITE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** The deep link that opens the bot with the token. */
export function inviteLink(botUsername: string, token: string): string {
  return `https://t.me/${botUsername.replace(/^@/, "")}?start=${token}`;
}
