CREATE TABLE "profile_celebrations" (
	"event_id" text NOT NULL,
	"occurs_on" text NOT NULL,
	"visitor_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"reaction" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "profile_celebrations_event_id_occurs_on_visitor_id_pk" PRIMARY KEY("event_id","occurs_on","visitor_id")
);
--> statement-breakpoint
CREATE TABLE "profile_event_cards" (
	"event_id" text NOT NULL,
	"occurs_on" text NOT NULL,
	"follower_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "profile_event_cards_event_id_occurs_on_follower_id_pk" PRIMARY KEY("event_id","occurs_on","follower_id")
);
--> statement-breakpoint
CREATE TABLE "profile_event_gifts" (
	"gift_id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"occurs_on" text NOT NULL,
	"owner_id" text NOT NULL,
	"sender_id" text NOT NULL,
	"product_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "profile_events" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"date" text NOT NULL,
	"month_day" text NOT NULL,
	"yearly" boolean NOT NULL,
	"audience" jsonb NOT NULL,
	"gifts_allowed" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "profile_follows" (
	"follower_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "profile_follows_follower_id_owner_id_pk" PRIMARY KEY("follower_id","owner_id")
);
--> statement-breakpoint
CREATE TABLE "profile_guestbook" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"writer_id" text NOT NULL,
	"text" text NOT NULL,
	"secret" boolean NOT NULL,
	"event_id" text,
	"occurs_on" text,
	"reply_text" text,
	"reply_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "profile_lists" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"name" text NOT NULL,
	"member_ids" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "profile_notices" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"kind" text NOT NULL,
	"from_id" text NOT NULL,
	"event_id" text,
	"reaction" text,
	"entry_id" text,
	"secret" boolean DEFAULT false NOT NULL,
	"product_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "profile_photos" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"key" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "profile_spaces" (
	"user_id" text PRIMARY KEY NOT NULL,
	"theme" text NOT NULL,
	"cover_key" text,
	"background" jsonb NOT NULL,
	"stickers" jsonb NOT NULL,
	"blocks" jsonb NOT NULL,
	"music" jsonb,
	"show_visitors" boolean DEFAULT true NOT NULL,
	"feeling_emoji" text,
	"feeling_text" text,
	"feeling_pinned" boolean DEFAULT false NOT NULL,
	"feeling_set_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "profile_visits" (
	"owner_id" text NOT NULL,
	"day" text NOT NULL,
	"visitor_id" text NOT NULL,
	CONSTRAINT "profile_visits_owner_id_day_visitor_id_pk" PRIMARY KEY("owner_id","day","visitor_id")
);
--> statement-breakpoint
CREATE INDEX "profile_celebrations_owner_idx" ON "profile_celebrations" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "profile_event_gifts_event_idx" ON "profile_event_gifts" USING btree ("event_id","occurs_on");--> statement-breakpoint
CREATE INDEX "profile_event_gifts_owner_idx" ON "profile_event_gifts" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "profile_events_owner_idx" ON "profile_events" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "profile_events_month_day_idx" ON "profile_events" USING btree ("month_day");--> statement-breakpoint
CREATE INDEX "profile_events_date_idx" ON "profile_events" USING btree ("date");--> statement-breakpoint
CREATE INDEX "profile_follows_owner_idx" ON "profile_follows" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "profile_guestbook_owner_idx" ON "profile_guestbook" USING btree ("owner_id","id");--> statement-breakpoint
CREATE INDEX "profile_guestbook_event_idx" ON "profile_guestbook" USING btree ("event_id","occurs_on");--> statement-breakpoint
CREATE INDEX "profile_lists_owner_idx" ON "profile_lists" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "profile_notices_owner_idx" ON "profile_notices" USING btree ("owner_id","id");--> statement-breakpoint
CREATE INDEX "profile_photos_owner_idx" ON "profile_photos" USING btree ("owner_id","id");