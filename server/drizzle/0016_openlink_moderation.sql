CREATE TABLE "open_bans" (
	"room_id" text NOT NULL,
	"user_id" text NOT NULL,
	"by_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "open_bans_room_id_user_id_pk" PRIMARY KEY("room_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "open_moderation_log" (
	"id" text PRIMARY KEY NOT NULL,
	"room_id" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" text NOT NULL,
	"target_id" text,
	"detail" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "open_members" ADD COLUMN "rights" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "open_members" ADD COLUMN "last_post_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "open_rooms" ADD COLUMN "slow_mode_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "open_rooms" ADD COLUMN "read_only" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "open_rooms" ADD COLUMN "pinned_notice" text;--> statement-breakpoint
ALTER TABLE "open_rooms" ADD COLUMN "banned_words" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "open_rooms" ADD COLUMN "word_match" text DEFAULT 'contains' NOT NULL;--> statement-breakpoint
ALTER TABLE "open_bans" ADD CONSTRAINT "open_bans_room_id_open_rooms_room_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."open_rooms"("room_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_moderation_log" ADD CONSTRAINT "open_moderation_log_room_id_open_rooms_room_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."open_rooms"("room_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "open_moderation_log_room_idx" ON "open_moderation_log" USING btree ("room_id","at");