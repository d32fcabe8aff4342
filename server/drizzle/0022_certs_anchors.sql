CREATE TABLE "log_anchors" (
	"tx_hash" text PRIMARY KEY NOT NULL,
	"chain_id" integer NOT NULL,
	"contract" text NOT NULL,
	"origin" text NOT NULL,
	"tree_size" bigint NOT NULL,
	"root_hash" "bytea" NOT NULL,
	"raw_tx" text NOT NULL,
	"status" text NOT NULL,
	"block_number" bigint,
	"error" text,
	"sent_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "log_anchors_status_size" ON "log_anchors" USING btree ("status","tree_size");