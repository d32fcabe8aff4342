CREATE TABLE "certificate_log_outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"entry" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"log_size_before" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "certificate_log_outbox_at_idx" ON "certificate_log_outbox" USING btree ("at");