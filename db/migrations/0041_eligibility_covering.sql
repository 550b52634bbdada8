DROP INDEX "referrals_resolved_idx";--> statement-breakpoint
CREATE INDEX "providers_party_idx" ON "providers" USING btree ("id","kind","organization_id");--> statement-breakpoint
CREATE INDEX "referrals_resolved_idx" ON "referrals" USING btree ("district_id","closed_at","provider_id") WHERE "referrals"."status" = 'resolved';