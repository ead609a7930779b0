CREATE TABLE "task_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"acted_by_id" uuid,
	"kind" text NOT NULL,
	"work_done" text NOT NULL,
	"problems" text DEFAULT '' NOT NULL,
	"next_steps" text DEFAULT '' NOT NULL,
	"file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracked_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"source_ref" text,
	"department_id" uuid,
	"owner_id" uuid,
	"assigner_id" uuid NOT NULL,
	"deadline" timestamp with time zone,
	"cross_department" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"overdue" boolean DEFAULT false NOT NULL,
	"owner_due_at" timestamp with time zone NOT NULL,
	"owner_overdue" boolean DEFAULT false NOT NULL,
	"last_report_at" timestamp with time zone,
	"created_by_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"timer_generation" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "task_reports" ADD CONSTRAINT "task_reports_task_id_tracked_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tracked_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_reports" ADD CONSTRAINT "task_reports_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_reports" ADD CONSTRAINT "task_reports_acted_by_id_users_id_fk" FOREIGN KEY ("acted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_tasks" ADD CONSTRAINT "tracked_tasks_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_tasks" ADD CONSTRAINT "tracked_tasks_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_tasks" ADD CONSTRAINT "tracked_tasks_assigner_id_users_id_fk" FOREIGN KEY ("assigner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_tasks" ADD CONSTRAINT "tracked_tasks_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "task_reports_task_idx" ON "task_reports" USING btree ("task_id","created_at");--> statement-breakpoint
CREATE INDEX "tracked_tasks_owner_idx" ON "tracked_tasks" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "tracked_tasks_assigner_idx" ON "tracked_tasks" USING btree ("assigner_id");--> statement-breakpoint
CREATE INDEX "tracked_tasks_department_idx" ON "tracked_tasks" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "tracked_tasks_status_idx" ON "tracked_tasks" USING btree ("status","deadline");--> statement-breakpoint
CREATE TRIGGER tracked_tasks_mark_write AFTER INSERT OR UPDATE OR DELETE ON tracked_tasks FOR EACH ROW EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
CREATE TRIGGER tracked_tasks_mark_truncate AFTER TRUNCATE ON tracked_tasks FOR EACH STATEMENT EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
CREATE TRIGGER task_reports_mark_write AFTER INSERT OR UPDATE OR DELETE ON task_reports FOR EACH ROW EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
CREATE TRIGGER task_reports_mark_truncate AFTER TRUNCATE ON task_reports FOR EACH STATEMENT EXECUTE FUNCTION henji_mark_write();
