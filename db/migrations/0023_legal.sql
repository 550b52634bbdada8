CREATE TYPE "public"."consultation_booking_status" AS ENUM('booked', 'cancelled', 'attended', 'subject_no_show', 'lawyer_no_show');--> statement-breakpoint
CREATE TYPE "public"."office_hour_override_kind" AS ENUM('cancelled', 'extra', 'reopened');--> statement-breakpoint
CREATE TABLE "consultation_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" uuid NOT NULL,
	"lawyer_id" uuid NOT NULL,
	"law_firm_id" uuid NOT NULL,
	"service_point_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"subject_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"seat" smallint NOT NULL,
	"capacity" smallint NOT NULL,
	"topic" text NOT NULL,
	"note" text,
	"status" "consultation_booking_status" DEFAULT 'booked' NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"booked_by" uuid NOT NULL,
	"cancel_reason" text,
	"cancelled_by" uuid,
	"cancelled_at" timestamp with time zone,
	"advice_category" text,
	"follow_up_legal_aid" boolean,
	"outcome_recorded_by" uuid,
	"outcome_recorded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_bookings_period" CHECK ("consultation_bookings"."ends_at" > "consultation_bookings"."starts_at"),
	CONSTRAINT "consultation_bookings_seat" CHECK ("consultation_bookings"."capacity" between 1 and 20 and "consultation_bookings"."seat" between 1 and "consultation_bookings"."capacity"),
	CONSTRAINT "consultation_bookings_topic" CHECK ("consultation_bookings"."topic" in ('labour', 'family', 'debt', 'housing', 'social_security', 'administrative', 'criminal_procedure', 'other')),
	CONSTRAINT "consultation_bookings_note_length" CHECK ("consultation_bookings"."note" is null or length("consultation_bookings"."note") <= 500),
	CONSTRAINT "consultation_bookings_sequence" CHECK ("consultation_bookings"."sequence" >= 0),
	CONSTRAINT "consultation_bookings_cancellation" CHECK (("consultation_bookings"."status" = 'cancelled') = ("consultation_bookings"."cancelled_at" is not null)
        and ("consultation_bookings"."status" <> 'cancelled' or length(trim("consultation_bookings"."cancel_reason")) > 0)),
	CONSTRAINT "consultation_bookings_outcome" CHECK (("consultation_bookings"."status" in ('attended', 'subject_no_show', 'lawyer_no_show')) = ("consultation_bookings"."outcome_recorded_at" is not null)
        and ("consultation_bookings"."status" <> 'attended' or ("consultation_bookings"."advice_category" is not null and "consultation_bookings"."follow_up_legal_aid" is not null))),
	CONSTRAINT "consultation_bookings_advice_category" CHECK ("consultation_bookings"."advice_category" is null or "consultation_bookings"."advice_category" in ('information', 'rights_explained', 'document_help', 'mediation_suggested', 'litigation_suggested', 'referred_elsewhere', 'other'))
);
--> statement-breakpoint
CREATE TABLE "lawyers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"law_firm_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"practice_licence" text NOT NULL,
	"specialties" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"feed_token_hash" text NOT NULL,
	"feed_token_ciphertext" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lawyers_id_firm_unique" UNIQUE("id","law_firm_id"),
	CONSTRAINT "lawyers_practice_licence_shape" CHECK ("lawyers"."practice_licence" ~ '^[0-9]{17}$'),
	CONSTRAINT "lawyers_name_not_blank" CHECK (length(trim("lawyers"."name")) between 1 and 50),
	CONSTRAINT "lawyers_specialties" CHECK ("lawyers"."specialties" <@ array['labour', 'family', 'debt', 'housing', 'social_security', 'administrative', 'criminal_procedure', 'other']::text[])
);
--> statement-breakpoint
CREATE TABLE "office_hour_overrides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" "office_hour_override_kind" NOT NULL,
	"start_minute" smallint,
	"end_minute" smallint,
	"reason" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_hour_overrides_range" CHECK (("office_hour_overrides"."kind" = 'extra') = ("office_hour_overrides"."start_minute" is not null and "office_hour_overrides"."end_minute" is not null)
        and ("office_hour_overrides"."start_minute" is null or ("office_hour_overrides"."start_minute" >= 0 and "office_hour_overrides"."end_minute" <= 1440 and "office_hour_overrides"."start_minute" < "office_hour_overrides"."end_minute"))),
	CONSTRAINT "office_hour_overrides_reason" CHECK (length(trim("office_hour_overrides"."reason")) between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "office_hour_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"law_firm_id" uuid NOT NULL,
	"lawyer_id" uuid NOT NULL,
	"service_point_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"rrule" text NOT NULL,
	"start_minute" smallint NOT NULL,
	"end_minute" smallint NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"slot_minutes" smallint DEFAULT 30 NOT NULL,
	"buffer_minutes" smallint DEFAULT 0 NOT NULL,
	"capacity" smallint DEFAULT 1 NOT NULL,
	"min_notice_minutes" integer DEFAULT 120 NOT NULL,
	"horizon_days" smallint DEFAULT 60 NOT NULL,
	"cancel_cutoff_minutes" integer DEFAULT 720 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_hour_rules_id_lawyer_unique" UNIQUE("id","lawyer_id"),
	CONSTRAINT "office_hour_rules_rrule_shape" CHECK ("office_hour_rules"."rrule" ~ ('^FREQ=(WEEKLY|MONTHLY)' || chr(59)) and "office_hour_rules"."rrule" !~ ('[^A-Z0-9=,+' || chr(59) || '-]') and length("office_hour_rules"."rrule") <= 200),
	CONSTRAINT "office_hour_rules_time_range" CHECK ("office_hour_rules"."start_minute" >= 0 and "office_hour_rules"."end_minute" <= 1440 and "office_hour_rules"."start_minute" < "office_hour_rules"."end_minute"),
	CONSTRAINT "office_hour_rules_validity" CHECK ("office_hour_rules"."valid_to" is null or "office_hour_rules"."valid_to" >= "office_hour_rules"."valid_from"),
	CONSTRAINT "office_hour_rules_slot_minutes" CHECK ("office_hour_rules"."slot_minutes" between 10 and 240),
	CONSTRAINT "office_hour_rules_buffer_minutes" CHECK ("office_hour_rules"."buffer_minutes" between 0 and 120),
	CONSTRAINT "office_hour_rules_capacity" CHECK ("office_hour_rules"."capacity" between 1 and 20),
	CONSTRAINT "office_hour_rules_policy" CHECK ("office_hour_rules"."min_notice_minutes" between 0 and 20160 and "office_hour_rules"."horizon_days" between 1 and 365 and "office_hour_rules"."cancel_cutoff_minutes" between 0 and 20160)
);
--> statement-breakpoint
CREATE TABLE "service_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"office_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"room" text DEFAULT '' NOT NULL,
	"directions" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_points_id_office_unique" UNIQUE("id","office_id","district_id"),
	CONSTRAINT "service_points_name_not_blank" CHECK (length(trim("service_points"."name")) between 1 and 80),
	CONSTRAINT "service_points_address_not_blank" CHECK (length(trim("service_points"."address")) between 1 and 200)
);
--> statement-breakpoint
ALTER TABLE "dev_mailbox" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "consultation_bookings" ADD CONSTRAINT "consultation_bookings_rule_id_office_hour_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."office_hour_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_bookings" ADD CONSTRAINT "consultation_bookings_lawyer_id_lawyers_id_fk" FOREIGN KEY ("lawyer_id") REFERENCES "public"."lawyers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_bookings" ADD CONSTRAINT "consultation_bookings_law_firm_id_organizations_id_fk" FOREIGN KEY ("law_firm_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_bookings" ADD CONSTRAINT "consultation_bookings_service_point_id_service_points_id_fk" FOREIGN KEY ("service_point_id") REFERENCES "public"."service_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_bookings" ADD CONSTRAINT "consultation_bookings_office_id_organizations_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_bookings" ADD CONSTRAINT "consultation_bookings_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_bookings" ADD CONSTRAINT "consultation_bookings_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_bookings" ADD CONSTRAINT "consultation_bookings_booked_by_users_id_fk" FOREIGN KEY ("booked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_bookings" ADD CONSTRAINT "consultation_bookings_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_bookings" ADD CONSTRAINT "consultation_bookings_outcome_recorded_by_users_id_fk" FOREIGN KEY ("outcome_recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_bookings" ADD CONSTRAINT "consultation_bookings_rule_lawyer_fk" FOREIGN KEY ("rule_id","lawyer_id") REFERENCES "public"."office_hour_rules"("id","lawyer_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_bookings" ADD CONSTRAINT "consultation_bookings_lawyer_firm_fk" FOREIGN KEY ("lawyer_id","law_firm_id") REFERENCES "public"."lawyers"("id","law_firm_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_bookings" ADD CONSTRAINT "consultation_bookings_point_office_fk" FOREIGN KEY ("service_point_id","office_id","district_id") REFERENCES "public"."service_points"("id","office_id","district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lawyers" ADD CONSTRAINT "lawyers_law_firm_id_organizations_id_fk" FOREIGN KEY ("law_firm_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lawyers" ADD CONSTRAINT "lawyers_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lawyers" ADD CONSTRAINT "lawyers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lawyers" ADD CONSTRAINT "lawyers_firm_district_fk" FOREIGN KEY ("law_firm_id","district_id") REFERENCES "public"."organizations"("id","district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_hour_overrides" ADD CONSTRAINT "office_hour_overrides_rule_id_office_hour_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."office_hour_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_hour_overrides" ADD CONSTRAINT "office_hour_overrides_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_hour_rules" ADD CONSTRAINT "office_hour_rules_law_firm_id_organizations_id_fk" FOREIGN KEY ("law_firm_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_hour_rules" ADD CONSTRAINT "office_hour_rules_lawyer_id_lawyers_id_fk" FOREIGN KEY ("lawyer_id") REFERENCES "public"."lawyers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_hour_rules" ADD CONSTRAINT "office_hour_rules_service_point_id_service_points_id_fk" FOREIGN KEY ("service_point_id") REFERENCES "public"."service_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_hour_rules" ADD CONSTRAINT "office_hour_rules_office_id_organizations_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_hour_rules" ADD CONSTRAINT "office_hour_rules_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_hour_rules" ADD CONSTRAINT "office_hour_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_hour_rules" ADD CONSTRAINT "office_hour_rules_lawyer_firm_fk" FOREIGN KEY ("lawyer_id","law_firm_id") REFERENCES "public"."lawyers"("id","law_firm_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_hour_rules" ADD CONSTRAINT "office_hour_rules_point_office_fk" FOREIGN KEY ("service_point_id","office_id","district_id") REFERENCES "public"."service_points"("id","office_id","district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_points" ADD CONSTRAINT "service_points_office_id_organizations_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_points" ADD CONSTRAINT "service_points_district_id_organizations_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_points" ADD CONSTRAINT "service_points_office_district_fk" FOREIGN KEY ("office_id","district_id") REFERENCES "public"."organizations"("id","district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_bookings_lawyer_idx" ON "consultation_bookings" USING btree ("lawyer_id","starts_at");--> statement-breakpoint
CREATE INDEX "consultation_bookings_point_idx" ON "consultation_bookings" USING btree ("service_point_id","starts_at");--> statement-breakpoint
CREATE INDEX "consultation_bookings_office_idx" ON "consultation_bookings" USING btree ("office_id","starts_at");--> statement-breakpoint
CREATE INDEX "consultation_bookings_firm_idx" ON "consultation_bookings" USING btree ("law_firm_id","starts_at");--> statement-breakpoint
CREATE INDEX "consultation_bookings_subject_idx" ON "consultation_bookings" USING btree ("subject_id","status") WHERE "consultation_bookings"."subject_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "lawyers_practice_licence_unique" ON "lawyers" USING btree ("practice_licence");--> statement-breakpoint
CREATE UNIQUE INDEX "lawyers_user_unique" ON "lawyers" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lawyers_feed_token_unique" ON "lawyers" USING btree ("feed_token_hash");--> statement-breakpoint
CREATE INDEX "lawyers_firm_idx" ON "lawyers" USING btree ("law_firm_id","active");--> statement-breakpoint
CREATE INDEX "office_hour_overrides_rule_idx" ON "office_hour_overrides" USING btree ("rule_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "office_hour_overrides_one_closure" ON "office_hour_overrides" USING btree ("rule_id","day") WHERE "office_hour_overrides"."kind" in ('cancelled', 'reopened');--> statement-breakpoint
CREATE INDEX "office_hour_rules_point_idx" ON "office_hour_rules" USING btree ("service_point_id","active");--> statement-breakpoint
CREATE INDEX "office_hour_rules_office_idx" ON "office_hour_rules" USING btree ("office_id","active");--> statement-breakpoint
CREATE INDEX "office_hour_rules_lawyer_idx" ON "office_hour_rules" USING btree ("lawyer_id","active");--> statement-breakpoint
CREATE INDEX "service_points_office_idx" ON "service_points" USING btree ("office_id");--> statement-breakpoint
CREATE INDEX "service_points_district_idx" ON "service_points" USING btree ("district_id");