-- Issue 14: any file of a case, with its size and type as Telegram reported them.
ALTER TABLE "CaseAttachment" ADD COLUMN "size" INTEGER;
ALTER TABLE "CaseAttachment" ADD COLUMN "mimeType" TEXT;
