CREATE TABLE "open_join_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"room_id" text NOT NULL,
	"user_id" text NOT NULL,
	"profile_kind" text NOT NULL,
	"nickname" text,
	"lang" text NOT NULL,
	"answer" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "open_profiles" (
	"member_id" text PRIMARY KEY NOT NULL,
	"room_id" text NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"nickname" text,
	"avatar_url" text,
	"lang" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "open_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"room_id" text NOT NULL,
	"reporter_id" text NOT NULL,
	"member_id" text NOT NULL,
	"seq" integer,
	"reason" text NOT NULL,
	"detail" text NOT NULL,
	"text" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "open_translations" (
	"room_id" text NOT NULL,
	"seq" integer NOT NULL,
	"lang" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "open_translations_room_id_seq_lang_pk" PRIMARY KEY("room_id","seq","lang")
);
--> statement-breakpoint
ALTER TABLE "room_members" ADD COLUMN "face_id" text;--> statement-breakpoint
ALTER TABLE "room_members" ADD COLUMN "face_name" text;--> statement-breakpoint
ALTER TABLE "room_members" ADD COLUMN "face_avatar_url" text;--> statement-breakpoint
-- Everyone already in a room, kept out of it or named in its log gets a profile: their main one, with a member id
-- made from the room and the account, so each table below names them alike.
INSERT INTO "open_profiles" ("member_id", "room_id", "user_id", "kind", "lang", "created_at")
  SELECT 'opm_' || substr(md5(who.room_id || ':' || who.user_id), 1, 26), who.room_id, who.user_id, 'main', (SELECT r.languages[1] FROM "open_rooms" r WHERE r.room_id = who.room_id), now()
  FROM (
    SELECT "room_id", "user_id" FROM "open_members"
    UNION SELECT "room_id", "user_id" FROM "open_bans"
    UNION SELECT "room_id", "by_id" FROM "open_bans"
    UNION SELECT "room_id", "actor_id" FROM "open_moderation_log"
    UNION SELECT "room_id", "target_id" FROM "open_moderation_log" WHERE "target_id" IS NOT NULL
  ) AS who;--> statement-breakpoint
ALTER TABLE "open_bans" ADD COLUMN "member_id" text;--> statement-breakpoint
UPDATE "open_bans" SET "member_id" = 'opm_' || substr(md5("room_id" || ':' || "user_id"), 1, 26), "by_id" = 'opm_' || substr(md5("room_id" || ':' || "by_id"), 1, 26);--> statement-breakpoint
ALTER TABLE "open_bans" ALTER COLUMN "member_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "open_members" ADD COLUMN "member_id" text;--> statement-breakpoint
UPDATE "open_members" SET "member_id" = 'opm_' || substr(md5("room_id" || ':' || "user_id"), 1, 26);--> statement-breakpoint
ALTER TABLE "open_members" ALTER COLUMN "member_id" SET NOT NULL;--> statement-breakpoint
UPDATE "open_moderation_log" SET "actor_id" = 'opm_' || substr(md5("room_id" || ':' || "actor_id"), 1, 26), "target_id" = CASE WHEN "target_id" IS NULL THEN NULL ELSE 'opm_' || substr(md5("room_id" || ':' || "target_id"), 1, 26) END;--> statement-breakpoint
UPDATE "room_members" SET "face_id" = 'opm_' || substr(md5("room_members"."room_id" || ':' || "room_members"."user_id"), 1, 26) FROM "rooms" WHERE "rooms"."id" = "room_members"."room_id" AND "rooms"."kind" = 'open';--> statement-breakpoint
ALTER TABLE "open_rooms" ADD COLUMN "question" text;--> statement-breakpoint
ALTER TABLE "open_rooms" ADD COLUMN "glossary" jsonb DEFAULT '{"keep":[],"terms":[]}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "open_join_requests" ADD CONSTRAINT "open_join_requests_room_id_open_rooms_room_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."open_rooms"("room_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_profiles" ADD CONSTRAINT "open_profiles_room_id_open_rooms_room_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."open_rooms"("room_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_reports" ADD CONSTRAINT "open_reports_room_id_open_rooms_room_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."open_rooms"("room_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_translations" ADD CONSTRAINT "open_translations_room_id_open_rooms_room_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."open_rooms"("room_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "open_join_requests_room_user_key" ON "open_join_requests" USING btree ("room_id","user_id");--> statement-breakpoint
CREATE INDEX "open_profiles_room_user_idx" ON "open_profiles" USING btree ("room_id","user_id");--> statement-breakpoint
CREATE INDEX "open_reports_room_idx" ON "open_reports" USING btree ("room_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "open_reports_once_key" ON "open_reports" USING btree ("room_id","reporter_id","member_id","seq");--> statement-breakpoint
ALTER TABLE "open_members" ADD CONSTRAINT "open_members_member_id_open_profiles_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."open_profiles"("member_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "open_members_member_key" ON "open_members" USING btree ("member_id");