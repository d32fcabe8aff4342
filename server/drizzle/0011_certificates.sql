CREATE TABLE "certificate_events" (
	"certificate_id" text NOT NULL,
	"log_index" bigint NOT NULL,
	"kind" text NOT NULL,
	"from_pseudonym" text,
	"to_pseudonym" text,
	"reason" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "certificate_events_certificate_id_log_index_pk" PRIMARY KEY("certificate_id","log_index")
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"product_name" text NOT NULL,
	"image_id" text,
	"seller_id" text NOT NULL,
	"seller_name" text NOT NULL,
	"serial" text NOT NULL,
	"owner_id" text,
	"owner_pseudonym" text NOT NULL,
	"status" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certification_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"seller_id" text NOT NULL,
	"seller_name" text NOT NULL,
	"product_id" text NOT NULL,
	"product_name" text NOT NULL,
	"evidence_image_ids" jsonb NOT NULL,
	"note" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" text
);
--> statement-breakpoint
ALTER TABLE "certificate_events" ADD CONSTRAINT "certificate_events_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_serial_key" ON "certificates" USING btree ("product_id","serial");--> statement-breakpoint
CREATE INDEX "certificates_owner_idx" ON "certificates" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "certificates_seller_idx" ON "certificates" USING btree ("seller_id","product_id");--> statement-breakpoint
CREATE INDEX "certification_requests_product_idx" ON "certification_requests" USING btree ("product_id","status");--> statement-breakpoint
CREATE INDEX "certification_requests_status_idx" ON "certification_requests" USING btree ("status","created_at");