ALTER TABLE "notification_preferences" ADD COLUMN "dingtalk_user_id" text;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD COLUMN "wecom_user_id" text;