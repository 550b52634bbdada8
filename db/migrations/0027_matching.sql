CREATE TYPE "public"."need_status" AS ENUM('open', 'referred', 'resolved', 'not_resolved', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."need_urgency" AS ENUM('urgent', 'normal', 'low');--> statement-breakpoint
CREATE TYPE "public"."provider_kind" AS ENUM('social_org', 'volunteer', 'enterprise', 'law_firm');--> statement-breakpoint
CREATE TYPE "public"."provider_status" AS ENUM('active', 'paused');--> statement-breakpoint
CREATE TYPE "public"."referral_status" AS ENUM('draft', 'sent', 'accepted', 'declined', 'expired', 'in_progress', 'resolved', 'not_resolved', 'cancelled');--> statement-breakpoint
CREATE TABLE "help_needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"category_id" text NOT NULL,
	"urgency" "need_urgency" NOT NULL,
	"area" text NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"gender_requirement" text DEFAULT 'none' NOT NULL,
	"description" text NOT NULL,
	"status" "need_status" DEFAULT 'open' NOT NULL,
	"respond_by" timestamp with time zone NOT NULL,
	"outcome_note" text,
	"closed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"import_batch" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_needs_gender_requirement" CHECK ("help_needs"."gender_requirement" in ('none', 'female', 'male')),
	CONSTRAINT "help_needs_description_length" CHECK (length(trim("help_needs"."description")) between 1 and 1000),
	CONSTRAINT "help_needs_area_not_blank" CHECK (length(trim("help_needs"."area")) > 0),
	CONSTRAINT "help_needs_closed" CHECK (("help_needs"."status" in ('resolved', 'not_resolved', 'cancelled')) = ("help_needs"."closed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "provider_categories" (
	"provider_id" uuid NOT NULL,
	"category_id" text NOT NULL,
	CONSTRAINT "provider_categories_provider_id_category_id_pk" PRIMARY KEY("provider_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "provider_offices" (
	"provider_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	CONSTRAINT "provider_offices_provider_id_office_id_pk" PRIMARY KEY("provider_id","office_id")
);
--> statement-breakpoint
CREATE TABLE "providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "provider_kind" NOT NULL,
	"organization_id" uuid,
	"volunteer_user_id" uuid,
	"district_id" uuid NOT NULL,
	"covers_district" boolean DEFAULT false NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"worker_genders" text[] DEFAULT '{}'::text[] NOT NULL,
	"capacity" integer DEFAULT 0 NOT NULL,
	"active_cases" integer DEFAULT 0 NOT NULL,
	"status" "provider_status" DEFAULT 'active' NOT NULL,
	"referrals_answered" integer DEFAULT 0 NOT NULL,
	"referrals_accepted" integer DEFAULT 0 NOT NULL,
	"referrals_expired" integer DEFAULT 0 NOT NULL,
	"cases_resolved" integer DEFAULT 0 NOT NULL,
	"cases_not_resolved" integer DEFAULT 0 NOT NULL,
	"response_minutes_total" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "providers_party" CHECK (("providers"."kind" = 'volunteer') = ("providers"."volunteer_user_id" is not null)
        and ("providers"."kind" <> 'volunteer') = ("providers"."organization_id" is not null)),
	CONSTRAINT "providers_capacity" CHECK ("providers"."capacity" between 0 and 1000),
	CONSTRAINT "providers_active_cases_within_capacity" CHECK ("providers"."active_cases" >= 0 and "providers"."active_cases" <= "providers"."capacity"),
	CONSTRAINT "providers_worker_genders" CHECK ("providers"."worker_genders" <@ array['male', 'female']::text[]),
	CONSTRAINT "providers_stats_nonnegative" CHECK ("providers"."referrals_answered" >= 0 and "providers"."referrals_accepted" between 0 and "providers"."referrals_answered"
        and "providers"."referrals_expired" >= 0 and "providers"."cases_resolved" >= 0 and "providers"."cases_not_resolved" >= 0
        and "providers"."response_minutes_total" >= 0)
);
--> statement-breakpoint
CREATE TABLE "referral_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"from_status" "referral_status",
	"to_status" "referral_status" NOT NULL,
	"actor_id" uuid,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"status" "referral_status" DEFAULT 'draft' NOT NULL,
	"score" integer,
	"score_parts" jsonb,
	"created_by" uuid NOT NULL,
	"sent_at" timestamp with time zone,
	"sent_by" uuid,
	"due_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"decline_reason" text,
	"decline_note" text,
	"started_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"outcome_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_decline_reason" CHECK (("referrals"."status" = 'declined') = ("referrals"."decline_reason" is not null)
        and ("referrals"."decline_reason" is null or "referrals"."decline_reason" in ('no_capacity', 'outside_area', 'not_eligible', 'cannot_contact', 'other'))),
	CONSTRAINT "referrals_decline_other_note" CHECK ("referrals"."decline_reason" is distinct from 'other' or length(trim(coalesce("referrals"."decline_note", ''))) > 0),
	CONSTRAINT "referrals_sent_stamped" CHECK ("referrals"."status" in ('draft', 'cancelled') or ("referrals"."sent_at" is not null and "referrals"."due_at" is not null)),
	CONSTRAINT "referrals_outcome" CHECK ("referrals"."status" not in ('resolved', 'not_resolved') or (length(trim(coalesce("referrals"."outcome_note", ''))) > 0 and "referrals"."closed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "service_categories" (
	"id" text PRIMARY KEY NOT NULL,
	"level" smallint NOT NULL,
	"parent_id" text,
	"parent_level" smallint,
	"label_zh" text NOT NULL,
	"label_en" text NOT NULL,
	"provider_kinds" text[] NOT NULL,
	"sort_order" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "service_categories_id_level_unique" UNIQUE("id","level"),
	CONSTRAINT "service_categories_two_levels" CHECK (("service_categories"."level" = 1 and "service_categories"."parent_id" is null and "service_categories"."parent_level" is null)
        or ("service_categories"."level" = 2 and "service_categories"."parent_id" is not null and "service_categories"."parent_level" = 1)),
	CONSTRAINT "service_categories_id_shape" CHECK ("service_categories"."id" ~ '^[a-z_]+(\.[a-z_]+)?$'),
	CONSTRAINT "service_categories_provider_kinds" CHECK ("service_categories"."provider_kinds" <@ array['social_org', 'volunteer', 'enterprise', 'law_firm']::text[])
);
--> statement-breakpoint
ALTER TABLE "help_needs" ADD CONSTRAINT "help_needs_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_needs" ADD CONSTRAINT "help_needs_office_id_organizations_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_needs" ADD CONSTRAINT "help_needs_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_needs" ADD CONSTRAINT "help_needs_category_id_service_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."service_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_needs" ADD CONSTRAINT "help_needs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_needs" ADD CONSTRAINT "help_needs_office_district_fk" FOREIGN KEY ("office_id","district_id") REFERENCES "public"."organizations"("id","district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_categories" ADD CONSTRAINT "provider_categories_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_categories" ADD CONSTRAINT "provider_categories_category_id_service_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."service_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_offices" ADD CONSTRAINT "provider_offices_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_offices" ADD CONSTRAINT "provider_offices_office_id_organizations_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_volunteer_user_id_users_id_fk" FOREIGN KEY ("volunteer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_need_id_help_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."help_needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_office_id_organizations_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_office_district_fk" FOREIGN KEY ("office_id","district_id") REFERENCES "public"."organizations"("id","district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_categories" ADD CONSTRAINT "service_categories_parent_fk" FOREIGN KEY ("parent_id","parent_level") REFERENCES "public"."service_categories"("id","level") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "help_needs_office_status_idx" ON "help_needs" USING btree ("office_id","status","respond_by");--> statement-breakpoint
CREATE INDEX "help_needs_district_status_idx" ON "help_needs" USING btree ("district_id","status","respond_by");--> statement-breakpoint
CREATE INDEX "help_needs_subject_idx" ON "help_needs" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "provider_categories_category_idx" ON "provider_categories" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "provider_offices_office_idx" ON "provider_offices" USING btree ("office_id");--> statement-breakpoint
CREATE UNIQUE INDEX "providers_organization_unique" ON "providers" USING btree ("organization_id") WHERE "providers"."organization_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "providers_volunteer_unique" ON "providers" USING btree ("volunteer_user_id") WHERE "providers"."volunteer_user_id" is not null;--> statement-breakpoint
CREATE INDEX "providers_district_idx" ON "providers" USING btree ("district_id","status");--> statement-breakpoint
CREATE INDEX "referral_events_referral_idx" ON "referral_events" USING btree ("referral_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_one_live_per_need" ON "referrals" USING btree ("need_id") WHERE "referrals"."status" in ('draft', 'sent', 'accepted', 'in_progress');--> statement-breakpoint
CREATE INDEX "referrals_provider_status_idx" ON "referrals" USING btree ("provider_id","status","due_at");--> statement-breakpoint
CREATE INDEX "referrals_office_status_idx" ON "referrals" USING btree ("office_id","status");--> statement-breakpoint
CREATE INDEX "referrals_due_idx" ON "referrals" USING btree ("due_at") WHERE "referrals"."status" = 'sent';--> statement-breakpoint
CREATE INDEX "referrals_need_idx" ON "referrals" USING btree ("need_id");