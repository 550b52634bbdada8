ALTER TABLE "award_types" DROP CONSTRAINT "award_types_criteria_positive";--> statement-breakpoint
ALTER TABLE "award_types" ADD COLUMN "min_placements" integer;--> statement-breakpoint
ALTER TABLE "award_types" ADD COLUMN "min_retained30" integer;--> statement-breakpoint
ALTER TABLE "award_types" ADD COLUMN "min_retained90" integer;--> statement-breakpoint
ALTER TABLE "award_types" ADD COLUMN "min_retained180" integer;--> statement-breakpoint
ALTER TABLE "award_types" ADD COLUMN "min_consultations" integer;--> statement-breakpoint
ALTER TABLE "award_types" ADD COLUMN "min_referrals_resolved" integer;--> statement-breakpoint
ALTER TABLE "nomination_objections" ADD COLUMN "submission_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "nomination_objections_submission_unique" ON "nomination_objections" USING btree ("nomination_id","submission_key");--> statement-breakpoint
ALTER TABLE "award_types" ADD CONSTRAINT "award_types_criteria_of_kind" CHECK (("award_types"."nominee_kind" in ('volunteer', 'social_org') or ("award_types"."min_minutes" is null and "award_types"."min_activities" is null))
        and ("award_types"."nominee_kind" = 'enterprise' or ("award_types"."min_placements" is null and "award_types"."min_retained30" is null
             and "award_types"."min_retained90" is null and "award_types"."min_retained180" is null))
        and ("award_types"."nominee_kind" = 'law_firm' or "award_types"."min_consultations" is null));--> statement-breakpoint
ALTER TABLE "award_types" ADD CONSTRAINT "award_types_criteria_positive" CHECK (coalesce("award_types"."min_minutes", 1) > 0 and coalesce("award_types"."min_activities", 1) > 0
        and coalesce("award_types"."min_placements", 1) > 0 and coalesce("award_types"."min_retained30", 1) > 0
        and coalesce("award_types"."min_retained90", 1) > 0 and coalesce("award_types"."min_retained180", 1) > 0
        and coalesce("award_types"."min_consultations", 1) > 0 and coalesce("award_types"."min_referrals_resolved", 1) > 0);