CREATE TYPE "public"."job_offer_status" AS ENUM('draft', 'open', 'closed', 'filled');--> statement-breakpoint
CREATE TYPE "public"."job_referral_status" AS ENUM('referred', 'interview_scheduled', 'hired', 'not_hired');--> statement-breakpoint
CREATE TYPE "public"."placement_status" AS ENUM('employed', 'ended');--> statement-breakpoint
CREATE TYPE "public"."retention_checkin_status" AS ENUM('pending', 'still_employed', 'ended', 'void');--> statement-breakpoint
CREATE TYPE "public"."training_enrollment_status" AS ENUM('enrolled', 'attending', 'completed', 'dropped');--> statement-breakpoint
CREATE TYPE "public"."training_offer_status" AS ENUM('draft', 'open', 'closed');--> statement-breakpoint
CREATE TABLE "candidate_profiles" (
	"subject_id" uuid PRIMARY KEY NOT NULL,
	"office_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"education_level" text NOT NULL,
	"work_history_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"desired_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"availability" text NOT NULL,
	"preferred_district_id" uuid,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "candidate_profiles_education" CHECK ("candidate_profiles"."education_level" in ('primary', 'junior_secondary', 'senior_secondary', 'vocational', 'college', 'bachelor', 'postgraduate')),
	CONSTRAINT "candidate_profiles_availability" CHECK ("candidate_profiles"."availability" in ('full_time', 'part_time', 'shifts', 'weekends')),
	CONSTRAINT "candidate_profiles_categories" CHECK ("candidate_profiles"."work_history_categories" <@ array['manufacturing', 'construction', 'logistics', 'catering', 'retail', 'cleaning', 'agriculture', 'services', 'office', 'other']::text[] and "candidate_profiles"."desired_categories" <@ array['manufacturing', 'construction', 'logistics', 'catering', 'retail', 'cleaning', 'agriculture', 'services', 'office', 'other']::text[])
);
--> statement-breakpoint
CREATE TABLE "enterprise_profiles" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"district_id" uuid NOT NULL,
	"industry" text NOT NULL,
	"size" text NOT NULL,
	"hiring_district_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"contact_email" text,
	"description" text DEFAULT '' NOT NULL,
	"pledge_version" text NOT NULL,
	"pledge_signed_at" timestamp with time zone NOT NULL,
	"pledge_signed_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_profiles_industry" CHECK ("enterprise_profiles"."industry" in ('manufacturing', 'construction', 'logistics', 'catering', 'retail', 'services', 'agriculture', 'technology', 'other')),
	CONSTRAINT "enterprise_profiles_size" CHECK ("enterprise_profiles"."size" in ('micro', 'small', 'medium', 'large')),
	CONSTRAINT "enterprise_profiles_contact_not_blank" CHECK (length(trim("enterprise_profiles"."contact_name")) > 0 and length(trim("enterprise_profiles"."contact_phone")) > 0)
);
--> statement-breakpoint
CREATE TABLE "job_offer_versions" (
	"job_offer_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"edited_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_offer_versions_job_offer_id_version_pk" PRIMARY KEY("job_offer_id","version"),
	CONSTRAINT "job_offer_versions_positive" CHECK ("job_offer_versions"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "job_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"status" "job_offer_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"openings" integer NOT NULL,
	"hired_count" integer DEFAULT 0 NOT NULL,
	"wage_min" integer NOT NULL,
	"wage_max" integer NOT NULL,
	"work_district_id" uuid NOT NULL,
	"work_address" text NOT NULL,
	"hours" text NOT NULL,
	"requirements" text DEFAULT '' NOT NULL,
	"benefits" text DEFAULT '' NOT NULL,
	"accommodation" boolean DEFAULT false NOT NULL,
	"starts_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closing_notice_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_offers_title_not_blank" CHECK (length(trim("job_offers"."title")) > 0),
	CONSTRAINT "job_offers_category" CHECK ("job_offers"."category" in ('manufacturing', 'construction', 'logistics', 'catering', 'retail', 'cleaning', 'agriculture', 'services', 'office', 'other')),
	CONSTRAINT "job_offers_openings" CHECK ("job_offers"."openings" between 1 and 1000),
	CONSTRAINT "job_offers_hired_within_openings" CHECK ("job_offers"."hired_count" between 0 and "job_offers"."openings"),
	CONSTRAINT "job_offers_wage_range" CHECK ("job_offers"."wage_min" >= 0 and "job_offers"."wage_max" >= "job_offers"."wage_min"),
	CONSTRAINT "job_offers_published" CHECK (("job_offers"."status" = 'draft') = ("job_offers"."published_at" is null) and ("job_offers"."status" = 'draft') = ("job_offers"."version" = 0)),
	CONSTRAINT "job_offers_filled" CHECK ("job_offers"."status" <> 'filled' or "job_offers"."hired_count" = "job_offers"."openings")
);
--> statement-breakpoint
CREATE TABLE "job_referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job_offer_id" uuid NOT NULL,
	"offer_version" integer NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"status" "job_referral_status" DEFAULT 'referred' NOT NULL,
	"shared_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"respond_by" date NOT NULL,
	"interview_at" timestamp with time zone,
	"interview_place" text,
	"not_hired_reason" text,
	"not_hired_note" text,
	"hired_on" date,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"referred_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_referrals_shared_fields" CHECK ("job_referrals"."shared_fields" <@ array['name', 'phone', 'id_number', 'address']::text[]),
	CONSTRAINT "job_referrals_not_hired_reason" CHECK ("job_referrals"."not_hired_reason" is null or "job_referrals"."not_hired_reason" in ('skills_mismatch', 'position_filled', 'candidate_declined', 'no_show', 'schedule_mismatch', 'other')),
	CONSTRAINT "job_referrals_not_hired_has_reason" CHECK (("job_referrals"."status" = 'not_hired') = ("job_referrals"."not_hired_reason" is not null)),
	CONSTRAINT "job_referrals_hired_on" CHECK (("job_referrals"."status" = 'hired') = ("job_referrals"."hired_on" is not null)),
	CONSTRAINT "job_referrals_interview" CHECK ("job_referrals"."status" <> 'interview_scheduled' or "job_referrals"."interview_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "placements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"job_offer_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"work_district_id" uuid NOT NULL,
	"started_on" date NOT NULL,
	"status" "placement_status" DEFAULT 'employed' NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"end_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placements_referral_unique" UNIQUE("referral_id"),
	CONSTRAINT "placements_end_reason" CHECK ("placements"."end_reason" is null or "placements"."end_reason" in ('resigned', 'dismissed', 'contract_ended', 'moved', 'other')),
	CONSTRAINT "placements_ended" CHECK (("placements"."status" = 'ended') = ("placements"."ended_on" is not null and "placements"."end_reason" is not null)),
	CONSTRAINT "placements_period" CHECK ("placements"."ended_on" is null or "placements"."ended_on" >= "placements"."started_on")
);
--> statement-breakpoint
CREATE TABLE "retention_checkins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"placement_id" uuid NOT NULL,
	"day_mark" smallint NOT NULL,
	"due_on" date NOT NULL,
	"status" "retention_checkin_status" DEFAULT 'pending' NOT NULL,
	"reminded_at" timestamp with time zone,
	"recorded_at" timestamp with time zone,
	"recorded_by" uuid,
	CONSTRAINT "retention_checkins_placement_mark_unique" UNIQUE("placement_id","day_mark"),
	CONSTRAINT "retention_checkins_day_mark" CHECK ("retention_checkins"."day_mark" in (30, 90, 180)),
	CONSTRAINT "retention_checkins_recorded" CHECK (("retention_checkins"."status" in ('still_employed', 'ended')) = ("retention_checkins"."recorded_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "training_enrollments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"training_offer_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"status" "training_enrollment_status" DEFAULT 'enrolled' NOT NULL,
	"shared_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"completed_on" date,
	"dropped_reason" text,
	"enrolled_by" uuid NOT NULL,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_enrollments_shared_fields" CHECK ("training_enrollments"."shared_fields" <@ array['name', 'phone', 'id_number', 'address']::text[]),
	CONSTRAINT "training_enrollments_completed_on" CHECK (("training_enrollments"."status" = 'completed') = ("training_enrollments"."completed_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "training_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"status" "training_offer_status" DEFAULT 'draft' NOT NULL,
	"course" text NOT NULL,
	"category" text NOT NULL,
	"provider" text NOT NULL,
	"district_id" uuid NOT NULL,
	"place" text NOT NULL,
	"capacity" integer NOT NULL,
	"enrolled_count" integer DEFAULT 0 NOT NULL,
	"certificate" text DEFAULT '' NOT NULL,
	"cost_yuan" integer DEFAULT 0 NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"closes_on" date NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_offers_course_not_blank" CHECK (length(trim("training_offers"."course")) > 0),
	CONSTRAINT "training_offers_category" CHECK ("training_offers"."category" in ('manufacturing', 'construction', 'logistics', 'catering', 'retail', 'cleaning', 'agriculture', 'services', 'office', 'other')),
	CONSTRAINT "training_offers_capacity" CHECK ("training_offers"."capacity" between 1 and 500),
	CONSTRAINT "training_offers_enrolled_within_capacity" CHECK ("training_offers"."enrolled_count" between 0 and "training_offers"."capacity"),
	CONSTRAINT "training_offers_cost" CHECK ("training_offers"."cost_yuan" >= 0),
	CONSTRAINT "training_offers_published" CHECK (("training_offers"."status" = 'draft') = ("training_offers"."published_at" is null))
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"training_offer_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"topic" text DEFAULT '' NOT NULL,
	CONSTRAINT "training_sessions_period" CHECK ("training_sessions"."ends_at" > "training_sessions"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "candidate_profiles" ADD CONSTRAINT "candidate_profiles_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_profiles" ADD CONSTRAINT "candidate_profiles_office_id_organizations_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_profiles" ADD CONSTRAINT "candidate_profiles_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_profiles" ADD CONSTRAINT "candidate_profiles_preferred_district_id_organizations_id_fk" FOREIGN KEY ("preferred_district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_profiles" ADD CONSTRAINT "candidate_profiles_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_profiles" ADD CONSTRAINT "candidate_profiles_office_district_fk" FOREIGN KEY ("office_id","district_id") REFERENCES "public"."organizations"("id","district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_profiles" ADD CONSTRAINT "enterprise_profiles_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_profiles" ADD CONSTRAINT "enterprise_profiles_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_profiles" ADD CONSTRAINT "enterprise_profiles_pledge_signed_by_users_id_fk" FOREIGN KEY ("pledge_signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_profiles" ADD CONSTRAINT "enterprise_profiles_organization_district_fk" FOREIGN KEY ("organization_id","district_id") REFERENCES "public"."organizations"("id","district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_offer_versions" ADD CONSTRAINT "job_offer_versions_job_offer_id_job_offers_id_fk" FOREIGN KEY ("job_offer_id") REFERENCES "public"."job_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_offer_versions" ADD CONSTRAINT "job_offer_versions_edited_by_users_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_offers" ADD CONSTRAINT "job_offers_enterprise_id_enterprise_profiles_organization_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprise_profiles"("organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_offers" ADD CONSTRAINT "job_offers_work_district_id_organizations_id_fk" FOREIGN KEY ("work_district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_offers" ADD CONSTRAINT "job_offers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_referrals" ADD CONSTRAINT "job_referrals_job_offer_id_job_offers_id_fk" FOREIGN KEY ("job_offer_id") REFERENCES "public"."job_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_referrals" ADD CONSTRAINT "job_referrals_enterprise_id_organizations_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_referrals" ADD CONSTRAINT "job_referrals_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_referrals" ADD CONSTRAINT "job_referrals_office_id_organizations_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_referrals" ADD CONSTRAINT "job_referrals_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_referrals" ADD CONSTRAINT "job_referrals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_referrals" ADD CONSTRAINT "job_referrals_referred_by_users_id_fk" FOREIGN KEY ("referred_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_referrals" ADD CONSTRAINT "job_referrals_office_district_fk" FOREIGN KEY ("office_id","district_id") REFERENCES "public"."organizations"("id","district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_referral_id_job_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."job_referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_job_offer_id_job_offers_id_fk" FOREIGN KEY ("job_offer_id") REFERENCES "public"."job_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_enterprise_id_organizations_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_office_id_organizations_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_work_district_id_organizations_id_fk" FOREIGN KEY ("work_district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_office_district_fk" FOREIGN KEY ("office_id","district_id") REFERENCES "public"."organizations"("id","district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_checkins" ADD CONSTRAINT "retention_checkins_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_checkins" ADD CONSTRAINT "retention_checkins_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrollments" ADD CONSTRAINT "training_enrollments_training_offer_id_training_offers_id_fk" FOREIGN KEY ("training_offer_id") REFERENCES "public"."training_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrollments" ADD CONSTRAINT "training_enrollments_enterprise_id_organizations_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrollments" ADD CONSTRAINT "training_enrollments_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrollments" ADD CONSTRAINT "training_enrollments_office_id_organizations_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrollments" ADD CONSTRAINT "training_enrollments_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrollments" ADD CONSTRAINT "training_enrollments_enrolled_by_users_id_fk" FOREIGN KEY ("enrolled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrollments" ADD CONSTRAINT "training_enrollments_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrollments" ADD CONSTRAINT "training_enrollments_office_district_fk" FOREIGN KEY ("office_id","district_id") REFERENCES "public"."organizations"("id","district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_offers" ADD CONSTRAINT "training_offers_enterprise_id_enterprise_profiles_organization_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprise_profiles"("organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_offers" ADD CONSTRAINT "training_offers_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_offers" ADD CONSTRAINT "training_offers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_training_offer_id_training_offers_id_fk" FOREIGN KEY ("training_offer_id") REFERENCES "public"."training_offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "candidate_profiles_office_idx" ON "candidate_profiles" USING btree ("office_id");--> statement-breakpoint
CREATE INDEX "enterprise_profiles_hiring_districts_gin" ON "enterprise_profiles" USING gin ("hiring_district_ids");--> statement-breakpoint
CREATE INDEX "job_offers_enterprise_idx" ON "job_offers" USING btree ("enterprise_id","status");--> statement-breakpoint
CREATE INDEX "job_offers_open_idx" ON "job_offers" USING btree ("status","work_district_id","category","closes_on");--> statement-breakpoint
CREATE INDEX "job_offers_title_trgm" ON "job_offers" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "job_referrals_offer_idx" ON "job_referrals" USING btree ("job_offer_id","status");--> statement-breakpoint
CREATE INDEX "job_referrals_enterprise_idx" ON "job_referrals" USING btree ("enterprise_id","status");--> statement-breakpoint
CREATE INDEX "job_referrals_office_idx" ON "job_referrals" USING btree ("office_id","status");--> statement-breakpoint
CREATE INDEX "job_referrals_subject_idx" ON "job_referrals" USING btree ("subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "job_referrals_one_live_per_offer" ON "job_referrals" USING btree ("job_offer_id","subject_id") WHERE "job_referrals"."status" <> 'not_hired';--> statement-breakpoint
CREATE INDEX "placements_enterprise_idx" ON "placements" USING btree ("enterprise_id","started_on");--> statement-breakpoint
CREATE INDEX "placements_office_idx" ON "placements" USING btree ("office_id","status");--> statement-breakpoint
CREATE INDEX "retention_checkins_due_idx" ON "retention_checkins" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "training_enrollments_offer_idx" ON "training_enrollments" USING btree ("training_offer_id","status");--> statement-breakpoint
CREATE INDEX "training_enrollments_enterprise_idx" ON "training_enrollments" USING btree ("enterprise_id","status");--> statement-breakpoint
CREATE INDEX "training_enrollments_office_idx" ON "training_enrollments" USING btree ("office_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "training_enrollments_one_live_per_offer" ON "training_enrollments" USING btree ("training_offer_id","subject_id") WHERE "training_enrollments"."status" <> 'dropped';--> statement-breakpoint
CREATE INDEX "training_offers_enterprise_idx" ON "training_offers" USING btree ("enterprise_id","status");--> statement-breakpoint
CREATE INDEX "training_offers_open_idx" ON "training_offers" USING btree ("status","district_id","closes_on");--> statement-breakpoint
CREATE INDEX "training_sessions_offer_idx" ON "training_sessions" USING btree ("training_offer_id","starts_at");