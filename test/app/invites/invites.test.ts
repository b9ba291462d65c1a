import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../src/app/actor.js";
import { acceptInvite } from "../../../src/app/invites/accept-invite.js";
import { createInvite } from "../../../src/app/invites/create-invite.js";
import { newInviteToken, INVITE_TOKEN_PATTERN } from "../../../src/app/invites/invite-link.js";
import { listOpenInvites } from "../../../src/app/invites/list-invites.js";
import { revokeInvite } from "../../../src/app/invites/revoke-invite.js";
import { createSchool } from "../../../src/app/people/create-school.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { addPerson, refusal, testClock } from "../cases/fixtures.js";

let db: TestDatabase;
const clock = testClock("2026-11-23T09:00:00Z");
const deps = () => ({ db: db.prisma, now: clock.now });

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

function installationAdmin(telegramId: number): Actor {
  return { telegramId, fullName: "", language: "ru", roles: [], installationAdmin: true };
}

let nextTelegramId = 90_000;
function joiner() {
  const telegramId = nextTelegramId++;
  return { telegramId, chatId: telegramId, firstName: "Мария" };
}

async function audit(action: string) {
  return db.prisma.auditEvent.findMany({ where: { action }, orderBy: { id: "asc" } });
}

describe("creating a school", () => {
  it("makes the installation admin who creates it its admin member, working in it", async () => {
    const school = await createSchool(deps(), {
      by: installationAdmin(4001),
      name: "  Школа   № 1 ",
      timezone: "Europe/Moscow",
      fallbackName: "Анна",
    });
    expect(school).toMatchObject({ name: "Школа № 1", timezone: "Europe/Moscow", weekLength: 5 });
    const user = await db.prisma.user.findUniqueOrThrow({
      where: { telegramId: 4001n },
      include: { memberships: { include: { roles: { select: { role: true } } } } },
    });
    expect(user).toMatchObject({ fullName: "Анна", activeSchoolId: school.schoolId });
    expect(user.memberships).toEqual([expect.objectContaining({ schoolId: school.schoolId, roles: [{ role: "admin" }], active: true })]);
    expect((await audit("school.created")).at(-1)).toMatchObject({ schoolId: school.schoolId, actorId: user.id });
  });

  it("is refused to anyone else, and checks the name and timezone", async () => {
    const { schoolId } = await createSchool(deps(), { by: "cli", name: "Школа № 2", timezone: "Europe/Samara", weekLength: 6 });
    const admin = await addPerson(db.prisma, schoolId, "Админ", ["admin"]);
    expect(await refusal(() => createSchool(deps(), { by: admin, name: "Ещё одна", timezone: "Europe/Moscow" }))).toBe("forbidden");
    expect(await refusal(() => createSchool(deps(), { by: "cli", name: " ", timezone: "Europe/Moscow" }))).toBe("invalidInput");
    expect(await refusal(() => createSchool(deps(), { by: "cli", name: "Школа", timezone: "Mars/Olympus" }))).toBe("invalidInput");
    expect(await db.prisma.school.findUniqueOrThrow({ where: { id: schoolId } })).toMatchObject({
      timezone: "Europe/Samara",
      weekLength: 6,
    });
  });
});

describe("invitation tokens", () => {
  it("never start with «-» (the command line would take the token for an option), and fit the start parameter", () => {
    // One base64url character in 64 is «-»: 5,000 draws would show it about 80 times.
    const tokens = Array.from({ length: 5000 }, newInviteToken);
    expect(tokens.filter((token) => token.startsWith("-"))).toEqual([]);
    expect(tokens.every((token) => INVITE_TOKEN_PATTERN.test(token))).toBe(true);
  });
});

describe("invitations", () => {
  let schoolId: number;
  let admin: Actor;
  beforeAll(async () => {
    ({ schoolId } = await createSchool(deps(), { by: "cli", name: "Школа приглашений", timezone: "Europe/Moscow" }));
    admin = await addPerson(db.prisma, schoolId, "Администратор Школы", ["admin"]);
  });

  it("creates a random, URL-safe token that expires in 7 days by default", async () => {
    const a = await createInvite(deps(), { by: admin, role: "teacher", classLabel: "7 б" });
    const b = await createInvite(deps(), { by: admin, role: "deputy", days: 2 });
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(a.token).not.toBe(b.token);
    expect(a).toMatchObject({ schoolId, roles: ["teacher"], classLabel: "7Б", expiresAt: new Date("2026-11-30T09:00:00Z") });
    expect(b).toMatchObject({ roles: ["deputy"], classLabel: null, expiresAt: new Date("2026-11-25T09:00:00Z") });
    expect((await audit("invite.created")).at(-1)).toMatchObject({ schoolId, actorId: admin.userId, subject: `invite:${b.id}` });
  });

  it("needs a class for a teacher and a sensible lifetime", async () => {
    expect(await refusal(() => createInvite(deps(), { by: admin, role: "teacher" }))).toBe("invalidInput");
    expect(await refusal(() => createInvite(deps(), { by: admin, role: "teacher", classLabel: "12Я" }))).toBe("invalidInput");
    expect(await refusal(() => createInvite(deps(), { by: admin, role: "director", days: 0 }))).toBe("invalidInput");
    expect(await refusal(() => createInvite(deps(), { by: "cli", schoolId: 999_999, role: "director" }))).toBe("notFound");
  });

  it("is for administrators of the school only", async () => {
    const teacher = await addPerson(db.prisma, schoolId, "Учитель", ["teacher"]);
    expect(await refusal(() => createInvite(deps(), { by: teacher, role: "teacher", classLabel: "5А" }))).toBe("forbidden");
    const other = await createSchool(deps(), { by: "cli", name: "Чужая школа", timezone: "Europe/Moscow" });
    expect(await refusal(() => createInvite(deps(), { by: admin, schoolId: other.schoolId, role: "director" }))).toBe("forbidden");
    expect((await audit("access.denied")).at(-1)).toMatchObject({ actorId: admin.userId, detail: expect.stringContaining("invite") });
  });

  it("joins a new teacher once: user, membership, class with them as class teacher; the token is used up", async () => {
    const invite = await createInvite(deps(), { by: admin, role: "teacher", classLabel: "8В" });
    const person = joiner();
    const joined = await acceptInvite(deps(), { token: invite.token, ...person });
    expect(joined).toMatchObject({
      ok: true,
      schoolId,
      schoolName: "Школа приглашений",
      roles: ["teacher"],
      classLabel: "8В",
      newUser: true,
    });
    const user = await db.prisma.user.findUniqueOrThrow({
      where: { telegramId: BigInt(person.telegramId) },
      include: { memberships: true },
    });
    expect(user).toMatchObject({ fullName: "Мария", activeSchoolId: schoolId, chatId: BigInt(person.chatId) });
    const memberId = user.memberships[0]!.id;
    expect(await db.prisma.schoolClass.findUniqueOrThrow({ where: { schoolId_label: { schoolId, label: "8В" } } })).toMatchObject({
      teacherId: memberId,
    });
    expect(await db.prisma.invite.findUniqueOrThrow({ where: { id: invite.id } })).toMatchObject({ usedBy: user.id, usedAt: clock.now() });
    expect((await audit("invite.used")).at(-1)).toMatchObject({ schoolId, actorId: user.id, subject: `invite:${invite.id}` });

    expect(await acceptInvite(deps(), { token: invite.token, ...person })).toEqual({ ok: false, reason: "usedByYou" });
    expect(await acceptInvite(deps(), { token: invite.token, ...joiner() })).toEqual({ ok: false, reason: "used" });
    expect(await db.prisma.member.count({ where: { schoolId, userId: user.id } })).toBe(1);
  });

  it("lets only one of two simultaneous acceptances win", async () => {
    const invite = await createInvite(deps(), { by: admin, role: "specialist" });
    const results = await Promise.all([
      acceptInvite(deps(), { token: invite.token, ...joiner() }),
      acceptInvite(deps(), { token: invite.token, ...joiner() }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "used" }]);
    expect(await db.prisma.member.count({ where: { schoolId, roles: { some: { role: "specialist" } } } })).toBe(1);
  });

  it("adds the roles to an existing member and makes them class teacher of a class that already exists", async () => {
    const deputy = await addPerson(db.prisma, schoolId, "Завуч Учитель", ["deputy"]);
    await db.prisma.schoolClass.create({ data: { schoolId, label: "9А" } });
    const invite = await createInvite(deps(), { by: admin, role: "teacher", classLabel: "9А" });
    const joined = await acceptInvite(deps(), {
      token: invite.token,
      telegramId: deputy.telegramId,
      chatId: deputy.telegramId,
      firstName: "X",
    });
    expect(joined).toMatchObject({ ok: true, memberId: deputy.memberId, roles: ["teacher", "deputy"], newUser: false });
    expect(await db.prisma.schoolClass.findUniqueOrThrow({ where: { schoolId_label: { schoolId, label: "9А" } } })).toMatchObject({
      teacherId: deputy.memberId,
    });
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id: deputy.userId } })).toMatchObject({ fullName: "Завуч Учитель" });
  });

  it("refuses unknown, expired and revoked tokens, and writes nothing", async () => {
    const expiring = await createInvite(deps(), { by: admin, role: "director", days: 1 });
    const revoked = await createInvite(deps(), { by: admin, role: "director" });
    expect(await revokeInvite(deps(), { by: admin, inviteId: revoked.id })).toMatchObject({ revoked: true });
    expect((await audit("invite.revoked")).at(-1)).toMatchObject({ schoolId, actorId: admin.userId, subject: `invite:${revoked.id}` });
    const later = testClock("2026-11-24T09:00:01Z");
    const person = joiner();
    expect(await acceptInvite({ db: db.prisma, now: later.now }, { token: expiring.token, ...person })).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(await acceptInvite(deps(), { token: revoked.token, ...person })).toEqual({ ok: false, reason: "revoked" });
    expect(await acceptInvite(deps(), { token: "no-such-token-at-all-123", ...person })).toEqual({ ok: false, reason: "unknown" });
    expect(await db.prisma.user.count({ where: { telegramId: BigInt(person.telegramId) } })).toBe(0);
    expect((await audit("invite.refused")).map((e) => JSON.parse(e.detail).reason).slice(-3)).toEqual(["expired", "revoked", "unknown"]);
  });

  it("revokes only unused invitations of the admin's own school", async () => {
    const used = await createInvite(deps(), { by: admin, role: "director" });
    await acceptInvite(deps(), { token: used.token, ...joiner() });
    expect(await revokeInvite(deps(), { by: "cli", token: used.token })).toMatchObject({ revoked: false, reason: "used" });
    const open = await createInvite(deps(), { by: admin, role: "director" });
    expect(await revokeInvite(deps(), { by: "cli", token: open.token })).toMatchObject({ revoked: true });
    expect(await revokeInvite(deps(), { by: "cli", token: open.token })).toMatchObject({ revoked: false, reason: "revoked" });

    const other = await createSchool(deps(), { by: "cli", name: "Другая", timezone: "Europe/Moscow" });
    const otherAdmin = await addPerson(db.prisma, other.schoolId, "Чужой админ", ["admin"]);
    const mine = await createInvite(deps(), { by: admin, role: "director" });
    expect(await refusal(() => revokeInvite(deps(), { by: otherAdmin, inviteId: mine.id }))).toBe("notFound");
    expect(await refusal(() => revokeInvite(deps(), { by: otherAdmin, token: mine.token }))).toBe("notFound");
    expect((await db.prisma.invite.findUniqueOrThrow({ where: { id: mine.id } })).revokedAt).toBeNull();
    expect((await listOpenInvites(deps(), { by: admin })).map((i) => i.id)).toContain(mine.id);
    expect((await listOpenInvites(deps(), { by: admin })).map((i) => i.id)).not.toContain(open.id);
  });
});
