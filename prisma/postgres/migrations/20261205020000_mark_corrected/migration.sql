-- AlterEnum: a step's mark undone or corrected.
ALTER TYPE "CaseEventType" ADD VALUE 'markCorrected' BEFORE 'comment';
