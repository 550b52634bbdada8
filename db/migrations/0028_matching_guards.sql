-- Matching: the service taxonomy, the grants, and the invariants no application race may break.
-- Hand-written and self-contained (app/domains/matching/{taxonomy,permissions}.ts are the same lists in code).

-- 1. The two-level service taxonomy (tests/integration/matching.test.ts checks it equals taxonomy.ts).
INSERT INTO "service_categories" ("id", "level", "parent_id", "parent_level", "label_zh", "label_en", "provider_kinds", "sort_order") VALUES
  ('psychological', 1, NULL, NULL, '心理辅导', 'Psychological counselling', ARRAY['social_org', 'volunteer']::text[], 10),
  ('psychological.assessment', 2, 'psychological', 1, '心理评估', 'Psychological assessment', ARRAY['social_org', 'volunteer']::text[], 20),
  ('psychological.individual', 2, 'psychological', 1, '个体心理咨询', 'Individual counselling', ARRAY['social_org', 'volunteer']::text[], 30),
  ('psychological.crisis', 2, 'psychological', 1, '心理危机干预', 'Crisis intervention', ARRAY['social_org', 'volunteer']::text[], 40),
  ('psychological.addiction', 2, 'psychological', 1, '成瘾行为矫治', 'Addiction support', ARRAY['social_org', 'volunteer']::text[], 50),
  ('family', 1, NULL, NULL, '家庭关系修复', 'Family-relationship repair', ARRAY['social_org', 'volunteer']::text[], 60),
  ('family.mediation', 2, 'family', 1, '家庭矛盾调解', 'Family mediation', ARRAY['social_org', 'volunteer']::text[], 70),
  ('family.parenting', 2, 'family', 1, '亲子关系辅导', 'Parent–child support', ARRAY['social_org', 'volunteer']::text[], 80),
  ('family.marriage', 2, 'family', 1, '婚姻关系辅导', 'Couple counselling', ARRAY['social_org', 'volunteer']::text[], 90),
  ('hardship', 1, NULL, NULL, '临时救助', 'Hardship aid', ARRAY['social_org', 'volunteer']::text[], 100),
  ('hardship.living', 2, 'hardship', 1, '生活困难救助', 'Living-costs aid', ARRAY['social_org', 'volunteer']::text[], 110),
  ('hardship.housing', 2, 'hardship', 1, '临时住所', 'Temporary housing', ARRAY['social_org', 'volunteer']::text[], 120),
  ('hardship.medical', 2, 'hardship', 1, '医疗救助', 'Medical aid', ARRAY['social_org', 'volunteer']::text[], 130),
  ('schooling', 1, NULL, NULL, '就学', 'Schooling', ARRAY['social_org', 'volunteer']::text[], 140),
  ('schooling.return', 2, 'schooling', 1, '复学安置', 'Return to school', ARRAY['social_org', 'volunteer']::text[], 150),
  ('schooling.tutoring', 2, 'schooling', 1, '学业辅导', 'Tutoring', ARRAY['social_org', 'volunteer']::text[], 160),
  ('schooling.adult', 2, 'schooling', 1, '成人学历教育', 'Adult education', ARRAY['social_org', 'volunteer']::text[], 170),
  ('employment', 1, NULL, NULL, '就业', 'Employment', ARRAY['social_org', 'volunteer', 'enterprise']::text[], 180),
  ('employment.placement', 2, 'employment', 1, '岗位推荐', 'Job placement', ARRAY['social_org', 'volunteer', 'enterprise']::text[], 190),
  ('employment.coaching', 2, 'employment', 1, '求职辅导', 'Job-search coaching', ARRAY['social_org', 'volunteer', 'enterprise']::text[], 200),
  ('employment.self', 2, 'employment', 1, '创业扶持', 'Self-employment support', ARRAY['social_org', 'volunteer', 'enterprise']::text[], 210),
  ('skills', 1, NULL, NULL, '技能培训', 'Skills training', ARRAY['social_org', 'volunteer', 'enterprise']::text[], 220),
  ('skills.vocational', 2, 'skills', 1, '职业技能培训', 'Vocational training', ARRAY['social_org', 'volunteer', 'enterprise']::text[], 230),
  ('skills.digital', 2, 'skills', 1, '数字技能', 'Digital skills', ARRAY['social_org', 'volunteer', 'enterprise']::text[], 240),
  ('skills.life', 2, 'skills', 1, '生活技能', 'Life skills', ARRAY['social_org', 'volunteer', 'enterprise']::text[], 250),
  ('legal', 1, NULL, NULL, '法律援助', 'Legal aid', ARRAY['law_firm', 'volunteer', 'social_org']::text[], 260),
  ('legal.consultation', 2, 'legal', 1, '法律咨询', 'Legal consultation', ARRAY['law_firm', 'volunteer', 'social_org']::text[], 270),
  ('legal.labour', 2, 'legal', 1, '劳动争议', 'Labour disputes', ARRAY['law_firm', 'volunteer', 'social_org']::text[], 280),
  ('legal.family', 2, 'legal', 1, '婚姻家事', 'Family law', ARRAY['law_firm', 'volunteer', 'social_org']::text[], 290),
  ('legal.representation', 2, 'legal', 1, '诉讼代理', 'Representation', ARRAY['law_firm', 'volunteer', 'social_org']::text[], 300),
  ('social_security', 1, NULL, NULL, '社会保障', 'Social-security applications', ARRAY['social_org', 'volunteer']::text[], 310),
  ('social_security.subsistence', 2, 'social_security', 1, '最低生活保障申请', 'Minimum living allowance', ARRAY['social_org', 'volunteer']::text[], 320),
  ('social_security.insurance', 2, 'social_security', 1, '社会保险接续', 'Social-insurance continuation', ARRAY['social_org', 'volunteer']::text[], 330),
  ('social_security.household', 2, 'social_security', 1, '户籍证件办理', 'Household registration and papers', ARRAY['social_org', 'volunteer']::text[], 340),
  ('other', 1, NULL, NULL, '其他', 'Other', ARRAY['social_org', 'volunteer', 'enterprise', 'law_firm']::text[], 350),
  ('other.general', 2, 'other', 1, '其他帮扶', 'Other help', ARRAY['social_org', 'volunteer', 'enterprise', 'law_firm']::text[], 360);
--> statement-breakpoint
-- 2. Grants.
INSERT INTO "permissions" ("key", "description") VALUES
  ('create:help-need:office', 'Register help needs of one''s office''s subjects (form or CSV import)'),
  ('read:help-need:office', 'See the help needs and referrals of one''s office'),
  ('read:help-need:district', 'See the help needs and referrals of the district'),
  ('refer:help-need:office', 'Rank providers, send and cancel referrals of one''s office''s needs'),
  ('manage:provider-profile:organization', 'Declare the services, areas and capacity of one''s (verified) organization'),
  ('manage:provider-profile:own', 'Declare the services, areas and capacity one offers as a volunteer'),
  ('respond:referral:organization', 'Answer and follow the referrals sent to one''s (verified) organization'),
  ('respond:referral:own', 'Answer and follow the referrals sent to oneself as a volunteer');
--> statement-breakpoint
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('office_staff', 'create:help-need:office'),
  ('office_staff', 'read:help-need:office'),
  ('bureau_admin', 'read:help-need:district'),
  ('office_staff', 'refer:help-need:office'),
  ('provider_member', 'manage:provider-profile:organization'),
  ('enterprise_member', 'manage:provider-profile:organization'),
  ('law_firm_admin', 'manage:provider-profile:organization'),
  ('volunteer', 'manage:provider-profile:own'),
  ('provider_member', 'respond:referral:organization'),
  ('enterprise_member', 'respond:referral:organization'),
  ('law_firm_admin', 'respond:referral:organization'),
  ('lawyer', 'respond:referral:organization'),
  ('volunteer', 'respond:referral:own');
--> statement-breakpoint
-- 3. A provider is the organization of its kind, or a volunteer's account.
CREATE OR REPLACE FUNCTION assert_provider_party() RETURNS trigger AS $$
BEGIN
  IF NEW.kind = 'volunteer' THEN
    IF NOT EXISTS (SELECT 1 FROM users WHERE id = NEW.volunteer_user_id AND role = 'volunteer') THEN
      RAISE EXCEPTION 'a volunteer provider must be a volunteer''s account'
        USING ERRCODE = '23514', CONSTRAINT = 'providers_party_kind';
    END IF;
  ELSIF NOT EXISTS (
    SELECT 1 FROM organizations
    WHERE id = NEW.organization_id AND kind::text = NEW.kind::text AND district_id = NEW.district_id
  ) THEN
    RAISE EXCEPTION 'a provider must be an organization of its kind in its district'
      USING ERRCODE = '23514', CONSTRAINT = 'providers_party_kind';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER providers_party_kind BEFORE INSERT OR UPDATE OF kind, organization_id, volunteer_user_id, district_id ON providers
  FOR EACH ROW EXECUTE FUNCTION assert_provider_party();
--> statement-breakpoint
-- 4. A provider declares only categories its kind may serve (enterprises: employment and skills; law firms: legal).
CREATE OR REPLACE FUNCTION assert_provider_category_kind() RETURNS trigger AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM providers p JOIN service_categories c ON c.id = NEW.category_id
    WHERE p.id = NEW.provider_id AND p.kind::text = ANY (c.provider_kinds)
  ) THEN
    RAISE EXCEPTION 'this kind of provider cannot serve category %', NEW.category_id
      USING ERRCODE = '23514', CONSTRAINT = 'provider_categories_kind_allowed';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER provider_categories_kind_allowed BEFORE INSERT OR UPDATE ON provider_categories
  FOR EACH ROW EXECUTE FUNCTION assert_provider_category_kind();
--> statement-breakpoint
CREATE TRIGGER provider_offices_office_is_office BEFORE INSERT OR UPDATE OF office_id ON provider_offices
  FOR EACH ROW EXECUTE FUNCTION assert_office_column('office_id');
--> statement-breakpoint
CREATE TRIGGER help_needs_office_is_office BEFORE INSERT OR UPDATE OF office_id ON help_needs
  FOR EACH ROW EXECUTE FUNCTION assert_office_column('office_id');
--> statement-breakpoint
-- 5. A need belongs to a subject of its office; a female subject's need asks for a woman (社区矫正法 art. 25).
CREATE OR REPLACE FUNCTION assert_help_need_subject() RETURNS trigger AS $$
DECLARE
  subject record;
BEGIN
  SELECT office_id, gender INTO subject FROM subjects WHERE id = NEW.subject_id;
  IF subject.office_id IS DISTINCT FROM NEW.office_id THEN
    RAISE EXCEPTION 'a help need belongs to a subject of its office'
      USING ERRCODE = '23514', CONSTRAINT = 'help_needs_subject_of_office';
  END IF;
  IF subject.gender = 'female' AND NEW.gender_requirement <> 'female' THEN
    RAISE EXCEPTION 'a female subject''s need requires a woman on the provider''s team'
      USING ERRCODE = '23514', CONSTRAINT = 'help_needs_female_subject_needs_woman';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER help_needs_subject BEFORE INSERT OR UPDATE OF subject_id, office_id, gender_requirement ON help_needs
  FOR EACH ROW EXECUTE FUNCTION assert_help_need_subject();
--> statement-breakpoint
-- 6. Referrals move only along the lifecycle (app/domains/matching/referral-status.ts), never change
--    need or provider, and hold one place of the provider's capacity while accepted or in progress:
--    the CHECK providers_active_cases_within_capacity then refuses the acceptance that would overfill it.
CREATE OR REPLACE FUNCTION guard_referral() RETURNS trigger AS $$
DECLARE
  held_before boolean := TG_OP = 'UPDATE' AND OLD.status IN ('accepted', 'in_progress');
  held_after boolean := NEW.status IN ('accepted', 'in_progress');
BEGIN
  IF TG_OP = 'INSERT' AND NEW.status NOT IN ('draft', 'sent') THEN
    RAISE EXCEPTION 'a referral starts as a draft or sent'
      USING ERRCODE = '23514', CONSTRAINT = 'referrals_transition_allowed';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF NEW.need_id <> OLD.need_id OR NEW.provider_id <> OLD.provider_id THEN
      RAISE EXCEPTION 'a referral keeps its need and provider'
        USING ERRCODE = '23514', CONSTRAINT = 'referrals_parties_fixed';
    END IF;
    IF NEW.status <> OLD.status AND NOT ((OLD.status::text, NEW.status::text) IN (
      ('draft', 'sent'), ('sent', 'accepted'), ('sent', 'declined'), ('sent', 'expired'),
      ('accepted', 'in_progress'), ('in_progress', 'resolved'), ('in_progress', 'not_resolved'),
      ('draft', 'cancelled'), ('sent', 'cancelled'), ('accepted', 'cancelled'), ('in_progress', 'cancelled')
    )) THEN
      RAISE EXCEPTION 'a referral cannot go from % to %', OLD.status, NEW.status
        USING ERRCODE = '23514', CONSTRAINT = 'referrals_transition_allowed';
    END IF;
  END IF;
  IF held_after AND NOT held_before THEN
    UPDATE providers SET active_cases = active_cases + 1 WHERE id = NEW.provider_id;
  ELSIF held_before AND NOT held_after THEN
    UPDATE providers SET active_cases = active_cases - 1 WHERE id = NEW.provider_id;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER referrals_guard AFTER INSERT OR UPDATE ON referrals
  FOR EACH ROW EXECUTE FUNCTION guard_referral();
--> statement-breakpoint
-- 7. The history of a referral is append-only.
CREATE OR REPLACE FUNCTION refuse_referral_event_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'referral events are append-only'
    USING ERRCODE = '23514', CONSTRAINT = 'referral_events_append_only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER referral_events_append_only BEFORE UPDATE OR DELETE ON referral_events
  FOR EACH ROW EXECUTE FUNCTION refuse_referral_event_change();
