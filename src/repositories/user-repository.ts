import type { Db } from "../db/open-database.js";
import { rolesOf } from "./member-roles.js";
import type { Role } from "../domain/people/roles.js";
import type { StoredNameForms } from "../domain/people/declension.js";

export interface UserRecord {
  id: number;
  telegramId: number;
  fullName: string;
  language: string | null;
  phone: string | null;
  activeSchoolId: number | null;
  memberships: { id: number; schoolId: number; roles: Role[]; active: boolean }[];
}

const userSelect = {
  id: true,
  telegramId: true,
  fullName: true,
  language: true,
  phone: true,
  activeSchoolId: true,
  memberships: { select: { id: true, schoolId: true, roles: true, active: true } },
} as const;

const settingsSelect = {
  fullName: true,
  phone: true,
  language: true,
  reminderStartHour: true,
  reminderEndHour: true,
  mutedFrom: true,
  mutedUntil: true,
} as const;

export interface UserSettings {
  fullName: string;
  phone: string | null;
  language: string | null;
  /** Personal reminder hours (null: the school's working hours). */
  reminderStartHour: number | null;
  reminderEndHour: number | null;
  /** Vacation mute, both ends inclusive (school-local dates). */
  mutedFrom: string | null;
  mutedUntil: string | null;
  school: { workStartHour: number; workEndHour: number; timezone: string } | null;
}

export type SettingsChange = Partial<Omit<UserSettings, "school" | "fullName"> & { fullName: string }>;

export function createUserRepository(db: Db) {
  /**
   * Sets the person's name. Their own forms of it stay only while the name is the same; the forms
   * kept are returned.
   */
  async function setName(telegramId: number, fullName: string): Promise<StoredNameForms> {
    return db.$transaction(async (tx) => {
      const where = { telegramId: BigInt(telegramId) };
      const before = await tx.user.findUniqueOrThrow({ where, select: { fullName: true, nameDative: true, nameGenitive: true } });
      if (before.fullName === fullName) return { dative: before.nameDative, genitive: before.nameGenitive };
      await tx.user.update({ where, data: { fullName, nameDative: null, nameGenitive: null } });
      return { dative: null, genitive: null };
    });
  }

  return {
    async findByTelegramId(telegramId: number): Promise<UserRecord | undefined> {
      const row = await db.user.findUnique({ where: { telegramId: BigInt(telegramId) }, select: userSelect });
      if (!row) return undefined;
      return {
        ...row,
        telegramId: Number(row.telegramId),
        memberships: row.memberships.map((m) => ({ ...m, roles: rolesOf(m.roles) })),
      };
    },

    /** Creates the user on first contact (installation admins and invitees only). */
    async ensure(telegramId: number, chatId: number, fullName: string): Promise<number> {
      const row = await db.user.upsert({
        where: { telegramId: BigInt(telegramId) },
        create: { telegramId: BigInt(telegramId), chatId: BigInt(chatId), fullName },
        update: { chatId: BigInt(chatId), reachable: true },
        select: { id: true },
      });
      return row.id;
    },

    async updateProfile(telegramId: number, profile: { fullName?: string; language?: string; phone?: string }) {
      await db.user.update({ where: { telegramId: BigInt(telegramId) }, data: profile });
    },

    /** A person's own settings and the working hours of the school they work in. */
    async settingsOf(telegramId: number, schoolId?: number): Promise<UserSettings | undefined> {
      const row = await db.user.findUnique({ where: { telegramId: BigInt(telegramId) }, select: settingsSelect });
      if (!row) return undefined;
      const school =
        schoolId === undefined
          ? null
          : await db.school.findUnique({ where: { id: schoolId }, select: { workStartHour: true, workEndHour: true, timezone: true } });
      return { ...row, school };
    },

    setName,

    /** Stores the person's own forms of their name, if it is still `fullName`. */
    async setNameForms(telegramId: number, fullName: string, forms: { dative: string; genitive: string }): Promise<boolean> {
      const { count } = await db.user.updateMany({
        where: { telegramId: BigInt(telegramId), fullName },
        data: { nameDative: forms.dative, nameGenitive: forms.genitive },
      });
      return count > 0;
    },

    /** The own forms of these users' names, by user id (users without any are left out). */
    async nameForms(userIds: readonly number[]): Promise<Map<number, StoredNameForms>> {
      if (userIds.length === 0) return new Map();
      const rows = await db.user.findMany({
        where: { id: { in: [...new Set(userIds)] } },
        select: { id: true, nameDative: true, nameGenitive: true },
      });
      return new Map(
        rows
          .filter((r) => r.nameDative !== null || r.nameGenitive !== null)
          .map((r) => [r.id, { dative: r.nameDative, genitive: r.nameGenitive }]),
      );
    },

    /** Changes some of a person's settings; null clears one. A new name drops the forms of the old one. */
    async updateSettings(telegramId: number, settings: SettingsChange): Promise<void> {
      const { fullName, ...rest } = settings;
      if (fullName !== undefined) await setName(telegramId, fullName);
      if (Object.keys(rest).length > 0) await db.user.update({ where: { telegramId: BigInt(telegramId) }, data: rest });
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
