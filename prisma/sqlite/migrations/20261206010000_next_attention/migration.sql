-- The planner reads only the cases with something due: each case keeps the first date it needs
-- attention (null until the planner computes it), and a school counts the changes of its calendar.
ALTER TABLE "Case" ADD COLUMN "nextAttentionOn" TEXT;
CREATE INDEX "Case_status_nextAttentionOn_idx" ON "Case"("status", "nextAttentionOn");
ALTER TABLE "School" ADD COLUMN "planningRevision" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "School" ADD COLUMN "attentionRevision" INTEGER NOT NULL DEFAULT 0;
CREATE TABLE "PlanningBasis" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "fingerprint" TEXT NOT NULL
);
