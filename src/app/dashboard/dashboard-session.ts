import { createHash, randomBytes } from "node:crypto";
import { isValid, parse } from "@telegram-apps/init-data-node";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createWebSessionRepository } from "../../repositories/web-session-repository.js";
import { can } from "../access-policy.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import type { CaseServiceDeps } from "../cases/case-service.js";
import { identifyMember, type IdentifySenderDeps } from "../people/identify-sender.js";
import { refuse, type PeopleDeps } from "../people/operator.js";
import { pickLanguage, type Language } from "../../i18n.js";

/*
 * Signing in to the dashboard (issue 16, decision 021). The Mini App sends Telegram's `initData`,
 * checked with the bot's token (HMAC) and at most a day old; a desktop browser opens a one-time
 * link the bot sent (/dashboard), valid 10 minutes. Either way the session is bound to one member
 * of one school, and every request resolves the actor again as the bot does: a member who left
 * or lost the role is out at once.
 */

export interface DashboardDeps extends CaseServiceDeps, IdentifySenderDeps {
  botToken: string;
}

/** How long a session lasts, and a link. */
export const SESSION_HOURS = 12;
export const LINK_MINUTES = 10;
/** initData older than this is refused (Telegram's own advice: a day at most). */
export const INIT_DATA_MAX_AGE_SECONDS = 24 * 60 * 60;

export interface SignedIn {
  /** Goes in the cookie; never stored. */
  token: string;
  csrf: string;
  expiresAt: Date;
}

const newToken = () => randomBytes(32).toString("base64url");
const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

async function openSession(
  deps: DashboardDeps,
  member: { schoolId: number; memberId: number },
  telegramId: number,
  how: string,
): Promise<SignedIn> {
  const actor = await identifyMember(deps, { telegramId, memberId: member.memberId });
  if (!actor || !can(actor, "useDashboard")) {
    if (actor) await refuse(deps, actor, "useDashboard", "dashboard");
    throw new AppError("forbidden", `member ${member.memberId} may not use the dashboard`);
  }
  const token = newToken();
  const csrf = newToken();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  // The session and its audit row together, or neither.
  await deps.db.$transaction(async (tx) => {
    await createWebSessionRepository(deps.db).createSession({ tokenHash: hashOf(token), ...member, csrf, createdAt: now, expiresAt }, tx);
    await recordAudit(tx, {
      schoolId: member.schoolId,
      actorId: actor.userId ?? null,
      action: "dashboard.signedIn",
      subject: `member:${member.memberId}`,
      detail: { how },
      at: now,
    });
  });
  return { token, csrf, expiresAt };
}

/** The Mini App's sign-in: a forged, foreign or stale `initData` is refused. */
export async function signInWithInitData(deps: DashboardDeps, options: { initData: string }): Promise<SignedIn> {
  if (options.initData.length > 4096 || !isValid(options.initData, deps.botToken, { expiresIn: INIT_DATA_MAX_AGE_SECONDS })) {
    throw new AppError("forbidden", "initData is not valid");
  }
  const telegramId = parse(options.initData).user?.id;
  if (telegramId === undefined) throw new AppError("forbidden", "initData names no user");
  const member = await createWebSessionRepository(deps.db).memberByTelegramId(telegramId);
  if (!member) throw new AppError("forbidden", `no member with Telegram id ${telegramId}`);
  return openSession(deps, member, telegramId, "miniApp");
}

/** /dashboard in the bot: a link for a desktop browser, bound to the member; the token goes in the link. */
export async function createDashboardLink(deps: PeopleDeps, options: { actor: Actor }): Promise<{ token: string; expiresAt: Date }> {
  const { actor } = options;
  if (actor.schoolId === undefined || actor.memberId === undefined || !can(actor, "useDashboard")) {
    return refuse(deps, actor, "useDashboard", "dashboard:link");
  }
  const token = newToken();
  const expiresAt = new Date(deps.now().getTime() + LINK_MINUTES * 60_000);
  await createWebSessionRepository(deps.db).createLink({
    tokenHash: hashOf(token),
    schoolId: actor.schoolId,
    memberId: actor.memberId,
    expiresAt,
  });
  return { token, expiresAt };
}

/** Opens the link once, while it is fresh. */
export async function signInWithLink(deps: DashboardDeps, options: { token: string }): Promise<SignedIn> {
  if (!/^[\w-]{20,100}$/.test(options.token)) throw new AppError("forbidden", "not a link token");
  const sessions = createWebSessionRepository(deps.db);
  const member = await sessions.useLink(hashOf(options.token), deps.now());
  if (!member) throw new AppError("forbidden", "the link is used, expired or unknown");
  const telegramId = await sessions.telegramIdOf(member.memberId);
  if (telegramId === undefined) throw new AppError("forbidden", `no member ${member.memberId}`);
  return openSession(deps, member, telegramId, "link");
}

/** The actor of a request's session cookie, with the session's CSRF token; undefined when signed out. */
export async function dashboardActor(
  deps: DashboardDeps,
  options: { token: string | undefined },
): Promise<{ actor: Actor; csrf: string } | undefined> {
  if (!options.token || options.token.length > 100) return undefined;
  const session = await createWebSessionRepository(deps.db).findSession(hashOf(options.token));
  if (!session || session.expiresAt <= deps.now()) return undefined;
  const actor = await identifyMember(deps, { telegramId: session.telegramId, memberId: session.memberId });
  if (!actor || !can(actor, "useDashboard")) return undefined;
  return { actor, csrf: session.csrf };
}

export async function signOut(deps: DashboardDeps, options: { token: string | undefined }): Promise<void> {
  if (options.token) await createWebSessionRepository(deps.db).deleteSession(hashOf(options.token));
}

/**
 * Chats that should show the dashboard's Mini App as their menu button and do not yet (deputies and
 * directors; class teachers where the school turned it on in /admin); one person's when `userId` is
 * given. Recorded once set, so a restart or a second instance sets nothing twice.
 */
export async function menuButtonsDue(
  deps: PeopleDeps,
  options: { url: string; limit?: number; userId?: number },
): Promise<{ userId: number; chatId: number; language: Language }[]> {
  const due = await createWebSessionRepository(deps.db).menuButtonsDue(options.url, options.limit ?? 1000, options.userId);
  return due.map((d) => ({ ...d, language: pickLanguage(d.language, undefined) }));
}

export async function recordMenuButton(deps: PeopleDeps, options: { userId: number; url: string }): Promise<void> {
  await createWebSessionRepository(deps.db).recordMenuButton(options.userId, options.url);
}

/** Sessions and sign-in links past their time go (nightly, with the retention sweep). */
export async function forgetExpiredSessions(deps: PeopleDeps): Promise<number> {
  return createWebSessionRepository(deps.db).deleteExpired(deps.now());
}
