-- CaseEventType gains "markCorrected" (a step's mark undone or corrected).
-- SQLite keeps the enum as text that Prisma checks: no change to the tables.
SELECT 1;
