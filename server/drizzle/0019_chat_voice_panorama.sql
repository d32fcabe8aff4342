ALTER TABLE "media" ADD COLUMN "waveform" jsonb;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "panorama" boolean DEFAULT false NOT NULL;