CREATE TABLE "subscriber_posts" (
	"id" text PRIMARY KEY NOT NULL,
	"room_id" text NOT NULL,
	"author_id" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscription_payments" (
	"id" text PRIMARY KEY NOT NULL,
	"subscription_id" text NOT NULL,
	"room_id" text NOT NULL,
	"period" integer NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"payee_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscription_rooms" (
	"room_id" text PRIMARY KEY NOT NULL,
	"subscribers_only" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscription_tiers" (
	"id" text PRIMARY KEY NOT NULL,
	"room_id" text NOT NULL,
	"name" text NOT NULL,
	"price" bigint NOT NULL,
	"next_price" bigint,
	"next_price_from" timestamp with time zone,
	"perks" text NOT NULL,
	"closed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subscription_tiers_price_positive" CHECK ("subscription_tiers"."price" > 0)
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"room_id" text NOT NULL,
	"user_id" text NOT NULL,
	"tier_id" text NOT NULL,
	"status" text NOT NULL,
	"period" integer NOT NULL,
	"anchor_at" timestamp with time zone NOT NULL,
	"anchor_period" integer NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"period_price" bigint NOT NULL,
	"grace_until" timestamp with time zone,
	"retry_at" timestamp with time zone,
	"first_paid_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "room_members" ADD COLUMN "suspended_seq" integer;--> statement-breakpoint
ALTER TABLE "open_rooms" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "subscriber_posts_room_idx" ON "subscriber_posts" USING btree ("room_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "subscription_payments_period_key" ON "subscription_payments" USING btree ("subscription_id","period","kind");--> statement-breakpoint
CREATE INDEX "subscription_payments_room_idx" ON "subscription_payments" USING btree ("room_id","created_at");--> statement-breakpoint
CREATE INDEX "subscription_tiers_room_idx" ON "subscription_tiers" USING btree ("room_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_room_user_key" ON "subscriptions" USING btree ("room_id","user_id");--> statement-breakpoint
CREATE INDEX "subscriptions_user_idx" ON "subscriptions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "subscriptions_due_idx" ON "subscriptions" USING btree ("status","period_end");--> statement-breakpoint
CREATE INDEX "subscriptions_retry_idx" ON "subscriptions" USING btree ("status","retry_at");--> statement-breakpoint
CREATE INDEX "subscriptions_room_status_idx" ON "subscriptions" USING btree ("room_id","status");