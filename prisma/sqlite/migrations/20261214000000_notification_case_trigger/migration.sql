-- A notification names its case without a foreign key (decision 025), as on PostgreSQL, where the
-- key locked every case a new row names. Erasing a case still erases its rows: the trigger below.
-- SQLite drops a key by rebuilding the table (the migrator runs this with foreign keys off).
CREATE TABLE "new_Notification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "caseId" INTEGER,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "notBefore" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedBy" TEXT,
    "leaseUntil" DATETIME,
    "sentAt" DATETIME,
    "messageId" BIGINT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notification_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Notification" ("attempts", "caseId", "claimedBy", "createdAt", "id", "key", "kind", "lastError", "leaseUntil", "messageId", "notBefore", "payload", "schoolId", "sentAt", "status", "urgent", "userId") SELECT "attempts", "caseId", "claimedBy", "createdAt", "id", "key", "kind", "lastError", "leaseUntil", "messageId", "notBefore", "payload", "schoolId", "sentAt", "status", "urgent", "userId" FROM "Notification";
DROP TABLE "Notification";
ALTER TABLE "new_Notification" RENAME TO "Notification";
CREATE UNIQUE INDEX "Notification_key_key" ON "Notification"("key");
CREATE INDEX "Notification_status_notBefore_idx" ON "Notification"("status", "notBefore");
CREATE INDEX "Notification_userId_status_idx" ON "Notification"("userId", "status");
CREATE INDEX "Notification_status_sentAt_idx" ON "Notification"("status", "sentAt");
CREATE INDEX "Notification_caseId_idx" ON "Notification"("caseId");

-- Dropped with "Case" should a migration rebuild that table: test/db/cascades.test.ts checks it is here.
CREATE TRIGGER "Case_erases_notifications" AFTER DELETE ON "Case"
BEGIN
  DELETE FROM "Notification" WHERE "caseId" = OLD."id";
END;
