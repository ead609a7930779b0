-- Rooms, movable equipment and bookings (R3; issue 11). A room or a piece of equipment is never double-booked: every
-- booking claims its room and each piece of equipment as a row of booking_resources, and an exclusion constraint
-- (btree_gist: uuid equality with tstzrange overlap) refuses two unreleased claims of one resource that overlap.
-- PGlite loads the same btree_gist extension (db/client.ts), so both databases enforce it identically.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
CREATE TABLE "rooms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"capacity" integer NOT NULL,
	"fixed_equipment" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"bookable_by" text DEFAULT 'everyone' NOT NULL,
	"department_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"approval_required" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "rooms_name_unique" ON "rooms" USING btree ("name");
--> statement-breakpoint
CREATE TABLE "equipment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"kind" text DEFAULT 'other' NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "equipment_code_unique" ON "equipment" USING btree ("code");
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"room_id" uuid NOT NULL,
	"booker_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"attendee_count" integer,
	"equipment_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"capacity_overridden" boolean DEFAULT false NOT NULL,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"decision_comment" text,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bookings_ends_after_start" CHECK ("ends_at" > "starts_at")
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_booker_id_users_id_fk" FOREIGN KEY ("booker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "bookings_starts_idx" ON "bookings" USING btree ("starts_at","room_id");
--> statement-breakpoint
CREATE INDEX "bookings_room_idx" ON "bookings" USING btree ("room_id","starts_at");
--> statement-breakpoint
CREATE INDEX "bookings_booker_idx" ON "bookings" USING btree ("booker_id","starts_at");
--> statement-breakpoint
CREATE INDEX "bookings_pending_idx" ON "bookings" USING btree ("starts_at") WHERE "status" = 'pending';
--> statement-breakpoint
CREATE TABLE "booking_resources" (
	"booking_id" uuid NOT NULL,
	"resource_type" text NOT NULL,
	"resource_id" uuid NOT NULL,
	"during" tstzrange NOT NULL,
	"released" boolean DEFAULT false NOT NULL,
	CONSTRAINT "booking_resources_pk" PRIMARY KEY ("booking_id","resource_id")
);
--> statement-breakpoint
ALTER TABLE "booking_resources" ADD CONSTRAINT "booking_resources_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "booking_resources" ADD CONSTRAINT "booking_resources_no_overlap" EXCLUDE USING gist ("resource_id" WITH =, "during" WITH &&) WHERE (NOT "released");
--> statement-breakpoint
CREATE INDEX "booking_resources_resource_idx" ON "booking_resources" USING btree ("resource_id");
--> statement-breakpoint
CREATE TRIGGER rooms_mark_write AFTER INSERT OR UPDATE OR DELETE ON rooms FOR EACH ROW EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
CREATE TRIGGER rooms_mark_truncate AFTER TRUNCATE ON rooms FOR EACH STATEMENT EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
CREATE TRIGGER equipment_mark_write AFTER INSERT OR UPDATE OR DELETE ON equipment FOR EACH ROW EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
CREATE TRIGGER equipment_mark_truncate AFTER TRUNCATE ON equipment FOR EACH STATEMENT EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
CREATE TRIGGER bookings_mark_write AFTER INSERT OR UPDATE OR DELETE ON bookings FOR EACH ROW EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
CREATE TRIGGER bookings_mark_truncate AFTER TRUNCATE ON bookings FOR EACH STATEMENT EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
CREATE TRIGGER booking_resources_mark_write AFTER INSERT OR UPDATE OR DELETE ON booking_resources FOR EACH ROW EXECUTE FUNCTION henji_mark_write();
--> statement-breakpoint
CREATE TRIGGER booking_resources_mark_truncate AFTER TRUNCATE ON booking_resources FOR EACH STATEMENT EXECUTE FUNCTION henji_mark_write();
