-- NotificationKind gains "announced" (an annual task announced ahead in the teacher's digest).
-- SQLite keeps the enum as text that Prisma checks: no change to the tables.
SELECT 1;
