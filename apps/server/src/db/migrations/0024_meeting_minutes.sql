-- Minutes and resolutions (M3–M4): the note of a revision under way (修订说明, copied onto the version it submits), and
-- the version whose approval no longer carried a resolution (its task is left as it was, the list flags it).
ALTER TABLE "meeting_minutes" ADD COLUMN "revision_note" text;
--> statement-breakpoint
ALTER TABLE "meeting_resolutions" ADD COLUMN "removed_in_version" integer;
