CREATE TABLE "pin_lookups" (
	"id" text PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"staff_id" text,
	"coupon_id" text,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "coupons" ADD COLUMN "last_notice_days" integer;--> statement-breakpoint
ALTER TABLE "pin_lookups" ADD CONSTRAINT "pin_lookups_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pin_lookups_store_idx" ON "pin_lookups" USING btree ("store_id","created_at");--> statement-breakpoint
CREATE INDEX "coupons_status_expiry_idx" ON "coupons" USING btree ("status","expires_at");