-- The planner lists the due cases every five minutes: from an index holding every column it reads,
-- so that the list is an index-only scan instead of a pass over the cases' wide rows (their steps).
DROP INDEX "Case_status_nextAttentionOn_idx";
CREATE INDEX "Case_due_idx" ON "Case"("status", "nextAttentionOn", "id", "schoolId", "teacherId", "deputyMemberId", "revision");
