-- CreateTable
CREATE TABLE "WebSession" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "csrf" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebSession_pkey" PRIMARY KEY ("id")
);


-- CreateTable
CREATE TABLE "WebLoginLink" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "WebLoginLink_pkey" PRIMARY KEY ("id")
);


CREATE UNIQUE INDEX "WebSession_tokenHash_key" ON "WebSession"("tokenHash");

CREATE INDEX "WebSession_expiresAt_idx" ON "WebSession"("expiresAt");

CREATE UNIQUE INDEX "WebLoginLink_tokenHash_key" ON "WebLoginLink"("tokenHash");

ALTER TABLE "WebSession" ADD CONSTRAINT "WebSession_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "WebSession" ADD CONSTRAINT "WebSession_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "WebLoginLink" ADD CONSTRAINT "WebLoginLink_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "WebLoginLink" ADD CONSTRAINT "WebLoginLink_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
