-- A person's own forms of their name («кому», «от кого»), asked when the library is not sure.
ALTER TABLE "User" ADD COLUMN "nameDative" TEXT;
ALTER TABLE "User" ADD COLUMN "nameGenitive" TEXT;
