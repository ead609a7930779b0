-- Meetings (M1): an occurrence replaced by a new series when "this and following" changed the rule. The old rows stay
-- (their traces and notices refer to them), hidden from lists and cancelled in attendees' calendars.
ALTER TABLE "meetings" ADD COLUMN "replaced_by_series_id" uuid REFERENCES "meeting_series"("id");
