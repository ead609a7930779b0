CREATE TABLE "user_phrases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"text" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_signatures" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"image" text NOT NULL,
	"sha256" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "user_phrases" ADD CONSTRAINT "user_phrases_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "user_signatures" ADD CONSTRAINT "user_signatures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "user_phrases_user" ON "user_phrases" USING btree ("user_id","position");
--> statement-breakpoint
CREATE TRIGGER user_phrases_mark_write AFTER INSERT OR UPDATE OR DELETE ON user_phrases FOR EACH ROW EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
CREATE TRIGGER user_phrases_mark_truncate AFTER TRUNCATE ON user_phrases FOR EACH STATEMENT EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
CREATE TRIGGER user_signatures_mark_write AFTER INSERT OR UPDATE OR DELETE ON user_signatures FOR EACH ROW EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
CREATE TRIGGER user_signatures_mark_truncate AFTER TRUNCATE ON user_signatures FOR EACH STATEMENT EXECUTE FUNCTION henji_mark_write();
