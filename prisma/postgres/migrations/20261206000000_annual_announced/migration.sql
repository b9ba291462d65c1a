-- AlterEnum: an annual task announced ahead in the teacher's digest.
ALTER TYPE "NotificationKind" ADD VALUE 'announced' AFTER 'windowOpens';
