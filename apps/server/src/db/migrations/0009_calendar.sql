CREATE TABLE "calendar_days" (
	"calendar_id" uuid NOT NULL,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "calendar_days_calendar_id_date_pk" PRIMARY KEY("calendar_id","date")
);
--> statement-breakpoint
CREATE TABLE "calendars" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"timezone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	"weekly" jsonb NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"follows_official" boolean DEFAULT false NOT NULL,
	"official_years" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_calendar_id_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."calendars"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendars_code_key" ON "calendars" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "calendars_one_default" ON "calendars" USING btree ("is_default") WHERE "calendars"."is_default";--> statement-breakpoint
CREATE TRIGGER calendars_mark_write AFTER INSERT OR UPDATE OR DELETE ON calendars FOR EACH ROW EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
CREATE TRIGGER calendars_mark_truncate AFTER TRUNCATE ON calendars FOR EACH STATEMENT EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
CREATE TRIGGER calendar_days_mark_write AFTER INSERT OR UPDATE OR DELETE ON calendar_days FOR EACH ROW EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
CREATE TRIGGER calendar_days_mark_truncate AFTER TRUNCATE ON calendar_days FOR EACH STATEMENT EXECUTE FUNCTION henji_mark_write();
