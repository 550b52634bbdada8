CREATE TYPE "public"."award_period_kind" AS ENUM('year', 'half_year');--> statement-breakpoint
CREATE TYPE "public"."nomination_status" AS ENUM('submitted', 'returned', 'rejected', 'in_notice', 'final', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."nominee_kind" AS ENUM('volunteer', 'social_org', 'enterprise', 'law_firm');--> statement-breakpoint
CREATE TYPE "public"."objection_status" AS ENUM('open', 'upheld', 'dismissed');--> statement-breakpoint
CREATE TABLE "award_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"nominee_kind" "nominee_kind" NOT NULL,
	"period_kind" "award_period_kind" NOT NULL,
	"min_minutes" integer,
	"min_activities" integer,
	"notice_working_days" smallint DEFAULT 5 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "award_types_notice_days" CHECK ("award_types"."notice_working_days" between 5 and 30),
	CONSTRAINT "award_types_criteria_positive" CHECK (coalesce("award_types"."min_minutes", 1) > 0 and coalesce("award_types"."min_activities", 1) > 0)
);
--> statement-breakpoint
CREATE TABLE "nomination_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"nomination_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" "nomination_status",
	"to_status" "nomination_status" NOT NULL,
	"actor_id" uuid,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nomination_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"nomination_id" uuid NOT NULL,
	"filer_name" text NOT NULL,
	"filer_contact" text NOT NULL,
	"body" text NOT NULL,
	"status" "objection_status" DEFAULT 'open' NOT NULL,
	"resolved_by" uuid,
	"resolution" text,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nomination_objections_resolved" CHECK (("nomination_objections"."status" = 'open') = ("nomination_objections"."resolved_at" is null))
);
--> statement-breakpoint
CREATE TABLE "nominations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"award_type_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"nominee_kind" "nominee_kind" NOT NULL,
	"nominee_user_id" uuid,
	"nominee_organization_id" uuid,
	"nominee_name" text NOT NULL,
	"publish_full_name" boolean DEFAULT false NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"statement" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" "nomination_status" DEFAULT 'submitted' NOT NULL,
	"nominated_by" uuid NOT NULL,
	"reviewed_by" uuid,
	"review_comment" text,
	"notice_starts_on" date,
	"notice_ends_on" date,
	"finalized_at" timestamp with time zone,
	"certificate_number" text,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nominations_one_nominee" CHECK (("nominations"."nominee_kind" = 'volunteer' and "nominations"."nominee_user_id" is not null and "nominations"."nominee_organization_id" is null)
        or ("nominations"."nominee_kind" <> 'volunteer' and "nominations"."nominee_organization_id" is not null and "nominations"."nominee_user_id" is null)),
	CONSTRAINT "nominations_period" CHECK ("nominations"."period_end" >= "nominations"."period_start"),
	CONSTRAINT "nominations_no_self_review" CHECK ("nominations"."reviewed_by" is null or "nominations"."reviewed_by" <> "nominations"."nominated_by"),
	CONSTRAINT "nominations_notice_dates" CHECK ("nominations"."status" not in ('in_notice', 'final', 'revoked') or ("nominations"."notice_starts_on" is not null and "nominations"."notice_ends_on" >= "nominations"."notice_starts_on")),
	CONSTRAINT "nominations_final_has_certificate" CHECK ("nominations"."status" not in ('final', 'revoked') or ("nominations"."certificate_number" is not null and "nominations"."finalized_at" is not null)),
	CONSTRAINT "nominations_revoked_has_reason" CHECK ("nominations"."status" <> 'revoked' or ("nominations"."revoked_at" is not null and length("nominations"."revoke_reason") > 0))
);
--> statement-breakpoint
ALTER TABLE "award_types" ADD CONSTRAINT "award_types_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nomination_events" ADD CONSTRAINT "nomination_events_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nomination_events" ADD CONSTRAINT "nomination_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nomination_objections" ADD CONSTRAINT "nomination_objections_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nomination_objections" ADD CONSTRAINT "nomination_objections_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_award_type_id_award_types_id_fk" FOREIGN KEY ("award_type_id") REFERENCES "public"."award_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_office_id_organizations_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_nominee_user_id_users_id_fk" FOREIGN KEY ("nominee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_nominee_organization_id_organizations_id_fk" FOREIGN KEY ("nominee_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_nominated_by_users_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "award_types_name_unique" ON "award_types" USING btree ("district_id","name_zh");--> statement-breakpoint
CREATE INDEX "nomination_events_nomination_idx" ON "nomination_events" USING btree ("nomination_id","created_at");--> statement-breakpoint
CREATE INDEX "nomination_objections_nomination_idx" ON "nomination_objections" USING btree ("nomination_id","status");--> statement-breakpoint
CREATE INDEX "nominations_district_status_idx" ON "nominations" USING btree ("district_id","status");--> statement-breakpoint
CREATE INDEX "nominations_office_idx" ON "nominations" USING btree ("office_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "nominations_certificate_number_unique" ON "nominations" USING btree ("certificate_number");--> statement-breakpoint
CREATE UNIQUE INDEX "nominations_one_live_per_nominee" ON "nominations" USING btree ("award_type_id","period_start",coalesce("nominee_user_id", "nominee_organization_id")) WHERE "nominations"."status" not in ('rejected', 'revoked');