/*
 * Values as raw SQL returns them on either provider: PostgreSQL gives booleans and (for int8
 * columns) bigints, SQLite gives 0/1 and numbers.
 */

/** A flag: PostgreSQL's boolean, SQLite's 0 or 1. */
export const truthy = (value: unknown): boolean => value === true || value === 1 || value === 1n;

/** An integer column that may be null (a bigint on PostgreSQL for int8). */
export const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
