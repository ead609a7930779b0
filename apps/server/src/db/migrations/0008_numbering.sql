CREATE TABLE "issued_numbers" (
	"number" text PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"seq" bigint NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"voided_at" timestamp with time zone,
	"void_reason" text
);
--> statement-breakpoint
CREATE TABLE "number_sequences" (
	"scope" text PRIMARY KEY NOT NULL,
	"next_value" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "issued_numbers_subject_idx" ON "issued_numbers" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "issued_numbers_scope_seq_idx" ON "issued_numbers" USING btree ("scope","seq");--> statement-breakpoint
CREATE TRIGGER number_sequences_mark_write AFTER INSERT OR UPDATE OR DELETE ON number_sequences FOR EACH ROW EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
CREATE TRIGGER number_sequences_mark_truncate AFTER TRUNCATE ON number_sequences FOR EACH STATEMENT EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
CREATE TRIGGER issued_numbers_mark_write AFTER INSERT OR UPDATE OR DELETE ON issued_numbers FOR EACH ROW EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
CREATE TRIGGER issued_numbers_mark_truncate AFTER TRUNCATE ON issued_numbers FOR EACH STATEMENT EXECUTE FUNCTION henji_mark_write();
