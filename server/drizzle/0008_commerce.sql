CREATE TABLE "channel_conversations" (
	"room_id" text PRIMARY KEY NOT NULL,
	"channel_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"status" text NOT NULL,
	"assignee_id" text,
	"resolved_seq" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_follows" (
	"channel_id" text NOT NULL,
	"user_id" text NOT NULL,
	"notify" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "channel_follows_channel_id_user_id_pk" PRIMARY KEY("channel_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "channel_posts" (
	"id" text PRIMARY KEY NOT NULL,
	"channel_id" text NOT NULL,
	"text" text NOT NULL,
	"image_ids" jsonb NOT NULL,
	"deal_product_ids" jsonb,
	"deal_starts_at" timestamp with time zone,
	"deal_ends_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "channels" (
	"id" text PRIMARY KEY NOT NULL,
	"seller_id" text NOT NULL,
	"account_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"category" text NOT NULL,
	"profile_image" text,
	"cover_image" text,
	"followers" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commerce_images" (
	"id" text PRIMARY KEY NOT NULL,
	"seller_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coupon_code_uses" (
	"coupon_id" text NOT NULL,
	"user_id" text NOT NULL,
	"uses" integer NOT NULL,
	CONSTRAINT "coupon_code_uses_coupon_id_user_id_pk" PRIMARY KEY("coupon_id","user_id"),
	CONSTRAINT "coupon_code_uses_check" CHECK ("coupon_code_uses"."uses" >= 0)
);
--> statement-breakpoint
CREATE TABLE "coupon_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"seller_id" text NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"value" integer NOT NULL,
	"min_order" bigint NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"total_limit" integer,
	"per_user_limit" integer,
	"uses" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "coupon_codes_uses_check" CHECK ("coupon_codes"."uses" >= 0 and ("coupon_codes"."total_limit" is null or "coupon_codes"."uses" <= "coupon_codes"."total_limit"))
);
--> statement-breakpoint
CREATE TABLE "seller_staff" (
	"seller_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "seller_staff_seller_id_user_id_pk" PRIMARY KEY("seller_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "sellers" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"kind" text NOT NULL,
	"business_name" text NOT NULL,
	"registration_number" text NOT NULL,
	"contact_email" text NOT NULL,
	"contact_phone" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" text,
	"last_settled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "settlements" (
	"id" text PRIMARY KEY NOT NULL,
	"seller_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"provider" text NOT NULL,
	"payout_reference" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shop_order_lines" (
	"order_id" text NOT NULL,
	"position" integer NOT NULL,
	"variant_id" text NOT NULL,
	"product_id" text NOT NULL,
	"product_name" text NOT NULL,
	"variant_name" text NOT NULL,
	"image_id" text,
	"unit_price" bigint NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "shop_order_lines_order_id_position_pk" PRIMARY KEY("order_id","position")
);
--> statement-breakpoint
CREATE TABLE "shop_orders" (
	"id" text PRIMARY KEY NOT NULL,
	"buyer_id" text NOT NULL,
	"seller_id" text NOT NULL,
	"status" text NOT NULL,
	"subtotal" bigint NOT NULL,
	"discount" bigint NOT NULL,
	"total" bigint NOT NULL,
	"coupon_id" text,
	"coupon_code" text,
	"address" jsonb,
	"gift_recipient_id" text,
	"gift_card" jsonb,
	"carrier" text,
	"tracking_number" text,
	"reserved_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"shipped_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "shop_products" (
	"id" text PRIMARY KEY NOT NULL,
	"seller_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"image_ids" jsonb NOT NULL,
	"gift_listing" text NOT NULL,
	"active" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shop_variants" (
	"id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"name" text NOT NULL,
	"price" bigint NOT NULL,
	"position" integer NOT NULL,
	"on_hand" integer NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"sold" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "shop_variants_stock_check" CHECK ("shop_variants"."reserved" >= 0 and "shop_variants"."reserved" <= "shop_variants"."on_hand" and "shop_variants"."sold" >= 0)
);
--> statement-breakpoint
ALTER TABLE "channel_conversations" ADD CONSTRAINT "channel_conversations_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_follows" ADD CONSTRAINT "channel_follows_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_posts" ADD CONSTRAINT "channel_posts_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupon_code_uses" ADD CONSTRAINT "coupon_code_uses_coupon_id_coupon_codes_id_fk" FOREIGN KEY ("coupon_id") REFERENCES "public"."coupon_codes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupon_codes" ADD CONSTRAINT "coupon_codes_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_staff" ADD CONSTRAINT "seller_staff_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_order_lines" ADD CONSTRAINT "shop_order_lines_order_id_shop_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."shop_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_order_lines" ADD CONSTRAINT "shop_order_lines_variant_id_shop_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."shop_variants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_orders" ADD CONSTRAINT "shop_orders_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_products" ADD CONSTRAINT "shop_products_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_variants" ADD CONSTRAINT "shop_variants_product_id_shop_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."shop_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "channel_conversations_customer_key" ON "channel_conversations" USING btree ("channel_id","customer_id");--> statement-breakpoint
CREATE INDEX "channel_follows_user_idx" ON "channel_follows" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "channel_posts_channel_idx" ON "channel_posts" USING btree ("channel_id","created_at");--> statement-breakpoint
CREATE INDEX "channel_posts_undelivered_idx" ON "channel_posts" USING btree ("delivered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "channels_seller_key" ON "channels" USING btree ("seller_id");--> statement-breakpoint
CREATE UNIQUE INDEX "channels_account_key" ON "channels" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "coupon_codes_code_key" ON "coupon_codes" USING btree ("seller_id","code");--> statement-breakpoint
CREATE INDEX "seller_staff_user_idx" ON "seller_staff" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sellers_owner_key" ON "sellers" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "sellers_status_idx" ON "sellers" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "settlements_seller_idx" ON "settlements" USING btree ("seller_id","created_at");--> statement-breakpoint
CREATE INDEX "shop_orders_buyer_idx" ON "shop_orders" USING btree ("buyer_id","created_at");--> statement-breakpoint
CREATE INDEX "shop_orders_recipient_idx" ON "shop_orders" USING btree ("gift_recipient_id");--> statement-breakpoint
CREATE INDEX "shop_orders_seller_idx" ON "shop_orders" USING btree ("seller_id","created_at");--> statement-breakpoint
CREATE INDEX "shop_orders_reserved_idx" ON "shop_orders" USING btree ("status","reserved_until");--> statement-breakpoint
CREATE INDEX "shop_products_seller_idx" ON "shop_products" USING btree ("seller_id","created_at");--> statement-breakpoint
CREATE INDEX "shop_products_gift_idx" ON "shop_products" USING btree ("gift_listing");--> statement-breakpoint
CREATE INDEX "shop_variants_product_idx" ON "shop_variants" USING btree ("product_id","position");