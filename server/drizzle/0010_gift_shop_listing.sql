ALTER TABLE "shop_products" ADD COLUMN "gift_product_id" text;--> statement-breakpoint
ALTER TABLE "gift_products" ADD COLUMN "listed" boolean DEFAULT true NOT NULL;