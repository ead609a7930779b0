CREATE TABLE "application_form_versions" (
	"application_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"form" jsonb NOT NULL,
	"form_hash" text NOT NULL,
	"submitted_by_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "application_form_versions_application_id_version_pk" PRIMARY KEY("application_id","version")
);
--> statement-breakpoint
ALTER TABLE "application_steps" ADD COLUMN "round" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "application_tasks" ADD COLUMN "form_version" integer;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "form_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "round" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "flags" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "application_form_versions" ADD CONSTRAINT "application_form_versions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_form_versions" ADD CONSTRAINT "application_form_versions_submitted_by_id_users_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TRIGGER application_form_versions_mark_write AFTER INSERT OR UPDATE OR DELETE ON application_form_versions FOR EACH ROW EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
CREATE TRIGGER application_form_versions_mark_truncate AFTER TRUNCATE ON application_form_versions FOR EACH STATEMENT EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
-- Applications submitted before versions were kept: their current form is version 1, submitted when they were.
INSERT INTO application_form_versions (application_id, version, form, form_hash, submitted_by_id, submitted_at)
  SELECT id, 1, form, form_hash, initiator_id, coalesce(submitted_at, created_at) FROM applications WHERE submitted_at IS NOT NULL;
--> statement-breakpoint
UPDATE applications SET form_version = 1 WHERE submitted_at IS NOT NULL;
