CREATE TABLE `customer_revenue` (
	`customer_id` text NOT NULL,
	`currency` text NOT NULL,
	`revenue_12m` integer NOT NULL,
	`purchases_12m` integer NOT NULL,
	`tier` text,
	`latest_class` integer,
	PRIMARY KEY(`customer_id`, `currency`),
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_revenue_rank_idx` ON `customer_revenue` (`currency`,`revenue_12m`);--> statement-breakpoint
CREATE INDEX `customer_revenue_at_risk_idx` ON `customer_revenue` (`currency`,`latest_class`,`revenue_12m`,`customer_id`);--> statement-breakpoint
CREATE TABLE `customer_values` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`purchases_12m` integer NOT NULL,
	`has_revenue` integer NOT NULL,
	`first_at` integer,
	`last_at` integer,
	`expires_at` integer,
	`last_currency` text,
	`last_purchases` integer,
	`last_revenue` integer,
	`last_gap_ms` integer,
	`tier` text,
	`latest_score` integer,
	`latest_class` integer,
	`latest_updated_at` integer,
	`latest_answered_at` integer,
	`latest_template_id` text,
	`latest_channel` text,
	`latest_locale` text,
	`latest_category` text,
	`latest_tier` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_values_expires_idx` ON `customer_values` (`expires_at`);--> statement-breakpoint
CREATE INDEX `customer_values_at_risk_idx` ON `customer_values` (`latest_class`,`has_revenue`,`customer_id`);--> statement-breakpoint
CREATE TABLE `tier_thresholds` (
	`currency` text PRIMARY KEY NOT NULL,
	`top_revenue` integer NOT NULL,
	`customers` integer NOT NULL,
	`computed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `value_job` (
	`id` integer PRIMARY KEY NOT NULL,
	`last_run_at` integer,
	`backfill` text,
	`cursor` text
);
--> statement-breakpoint
CREATE TABLE `value_totals` (
	`tier` text NOT NULL,
	`currency` text NOT NULL,
	`customers` integer NOT NULL,
	`revenue` integer NOT NULL,
	`purchases` integer NOT NULL,
	`promoter_revenue` integer NOT NULL,
	`passive_revenue` integer NOT NULL,
	`detractor_revenue` integer NOT NULL,
	`detractor_customers` integer NOT NULL,
	PRIMARY KEY(`tier`, `currency`)
);--> statement-breakpoint
-- Totals per current tier and currency, kept in step with customer_revenue (db/tables/customer-values.ts value_totals): a row that stays
-- in its tier and currency moves its totals by the difference (one upsert), one that moves leaves the old and joins the new.
CREATE TRIGGER `customer_revenue_totals_insert` AFTER INSERT ON `customer_revenue` BEGIN INSERT INTO `value_totals` (`tier`, `currency`, `customers`, `revenue`, `purchases`, `promoter_revenue`, `passive_revenue`, `detractor_revenue`, `detractor_customers`) VALUES (coalesce(NEW.`tier`, ''), NEW.`currency`, 1, NEW.`revenue_12m`, NEW.`purchases_12m`, (CASE WHEN NEW.`latest_class` = 1 THEN NEW.`revenue_12m` ELSE 0 END), (CASE WHEN NEW.`latest_class` = 0 THEN NEW.`revenue_12m` ELSE 0 END), (CASE WHEN NEW.`latest_class` = -1 THEN NEW.`revenue_12m` ELSE 0 END), (CASE WHEN NEW.`latest_class` = -1 AND NEW.`revenue_12m` > 0 THEN 1 ELSE 0 END)) ON CONFLICT (`tier`, `currency`) DO UPDATE SET `customers` = `customers` + excluded.`customers`, `revenue` = `revenue` + excluded.`revenue`, `purchases` = `purchases` + excluded.`purchases`, `promoter_revenue` = `promoter_revenue` + excluded.`promoter_revenue`, `passive_revenue` = `passive_revenue` + excluded.`passive_revenue`, `detractor_revenue` = `detractor_revenue` + excluded.`detractor_revenue`, `detractor_customers` = `detractor_customers` + excluded.`detractor_customers`; END;--> statement-breakpoint
CREATE TRIGGER `customer_revenue_totals_update` AFTER UPDATE ON `customer_revenue` WHEN OLD.`tier` IS NEW.`tier` AND OLD.`currency` = NEW.`currency` BEGIN INSERT INTO `value_totals` (`tier`, `currency`, `customers`, `revenue`, `purchases`, `promoter_revenue`, `passive_revenue`, `detractor_revenue`, `detractor_customers`) VALUES (coalesce(NEW.`tier`, ''), NEW.`currency`, 0, NEW.`revenue_12m` - OLD.`revenue_12m`, NEW.`purchases_12m` - OLD.`purchases_12m`, (CASE WHEN NEW.`latest_class` = 1 THEN NEW.`revenue_12m` ELSE 0 END) - (CASE WHEN OLD.`latest_class` = 1 THEN OLD.`revenue_12m` ELSE 0 END), (CASE WHEN NEW.`latest_class` = 0 THEN NEW.`revenue_12m` ELSE 0 END) - (CASE WHEN OLD.`latest_class` = 0 THEN OLD.`revenue_12m` ELSE 0 END), (CASE WHEN NEW.`latest_class` = -1 THEN NEW.`revenue_12m` ELSE 0 END) - (CASE WHEN OLD.`latest_class` = -1 THEN OLD.`revenue_12m` ELSE 0 END), (CASE WHEN NEW.`latest_class` = -1 AND NEW.`revenue_12m` > 0 THEN 1 ELSE 0 END) - (CASE WHEN OLD.`latest_class` = -1 AND OLD.`revenue_12m` > 0 THEN 1 ELSE 0 END)) ON CONFLICT (`tier`, `currency`) DO UPDATE SET `customers` = `customers` + excluded.`customers`, `revenue` = `revenue` + excluded.`revenue`, `purchases` = `purchases` + excluded.`purchases`, `promoter_revenue` = `promoter_revenue` + excluded.`promoter_revenue`, `passive_revenue` = `passive_revenue` + excluded.`passive_revenue`, `detractor_revenue` = `detractor_revenue` + excluded.`detractor_revenue`, `detractor_customers` = `detractor_customers` + excluded.`detractor_customers`; END;--> statement-breakpoint
CREATE TRIGGER `customer_revenue_totals_move` AFTER UPDATE ON `customer_revenue` WHEN OLD.`tier` IS NOT NEW.`tier` OR OLD.`currency` != NEW.`currency` BEGIN INSERT INTO `value_totals` (`tier`, `currency`, `customers`, `revenue`, `purchases`, `promoter_revenue`, `passive_revenue`, `detractor_revenue`, `detractor_customers`) VALUES (coalesce(OLD.`tier`, ''), OLD.`currency`, -1, -OLD.`revenue_12m`, -OLD.`purchases_12m`, -(CASE WHEN OLD.`latest_class` = 1 THEN OLD.`revenue_12m` ELSE 0 END), -(CASE WHEN OLD.`latest_class` = 0 THEN OLD.`revenue_12m` ELSE 0 END), -(CASE WHEN OLD.`latest_class` = -1 THEN OLD.`revenue_12m` ELSE 0 END), -(CASE WHEN OLD.`latest_class` = -1 AND OLD.`revenue_12m` > 0 THEN 1 ELSE 0 END)) ON CONFLICT (`tier`, `currency`) DO UPDATE SET `customers` = `customers` + excluded.`customers`, `revenue` = `revenue` + excluded.`revenue`, `purchases` = `purchases` + excluded.`purchases`, `promoter_revenue` = `promoter_revenue` + excluded.`promoter_revenue`, `passive_revenue` = `passive_revenue` + excluded.`passive_revenue`, `detractor_revenue` = `detractor_revenue` + excluded.`detractor_revenue`, `detractor_customers` = `detractor_customers` + excluded.`detractor_customers`; INSERT INTO `value_totals` (`tier`, `currency`, `customers`, `revenue`, `purchases`, `promoter_revenue`, `passive_revenue`, `detractor_revenue`, `detractor_customers`) VALUES (coalesce(NEW.`tier`, ''), NEW.`currency`, 1, NEW.`revenue_12m`, NEW.`purchases_12m`, (CASE WHEN NEW.`latest_class` = 1 THEN NEW.`revenue_12m` ELSE 0 END), (CASE WHEN NEW.`latest_class` = 0 THEN NEW.`revenue_12m` ELSE 0 END), (CASE WHEN NEW.`latest_class` = -1 THEN NEW.`revenue_12m` ELSE 0 END), (CASE WHEN NEW.`latest_class` = -1 AND NEW.`revenue_12m` > 0 THEN 1 ELSE 0 END)) ON CONFLICT (`tier`, `currency`) DO UPDATE SET `customers` = `customers` + excluded.`customers`, `revenue` = `revenue` + excluded.`revenue`, `purchases` = `purchases` + excluded.`purchases`, `promoter_revenue` = `promoter_revenue` + excluded.`promoter_revenue`, `passive_revenue` = `passive_revenue` + excluded.`passive_revenue`, `detractor_revenue` = `detractor_revenue` + excluded.`detractor_revenue`, `detractor_customers` = `detractor_customers` + excluded.`detractor_customers`; END;--> statement-breakpoint
CREATE TRIGGER `customer_revenue_totals_delete` AFTER DELETE ON `customer_revenue` BEGIN INSERT INTO `value_totals` (`tier`, `currency`, `customers`, `revenue`, `purchases`, `promoter_revenue`, `passive_revenue`, `detractor_revenue`, `detractor_customers`) VALUES (coalesce(OLD.`tier`, ''), OLD.`currency`, -1, -OLD.`revenue_12m`, -OLD.`purchases_12m`, -(CASE WHEN OLD.`latest_class` = 1 THEN OLD.`revenue_12m` ELSE 0 END), -(CASE WHEN OLD.`latest_class` = 0 THEN OLD.`revenue_12m` ELSE 0 END), -(CASE WHEN OLD.`latest_class` = -1 THEN OLD.`revenue_12m` ELSE 0 END), -(CASE WHEN OLD.`latest_class` = -1 AND OLD.`revenue_12m` > 0 THEN 1 ELSE 0 END)) ON CONFLICT (`tier`, `currency`) DO UPDATE SET `customers` = `customers` + excluded.`customers`, `revenue` = `revenue` + excluded.`revenue`, `purchases` = `purchases` + excluded.`purchases`, `promoter_revenue` = `promoter_revenue` + excluded.`promoter_revenue`, `passive_revenue` = `passive_revenue` + excluded.`passive_revenue`, `detractor_revenue` = `detractor_revenue` + excluded.`detractor_revenue`, `detractor_customers` = `detractor_customers` + excluded.`detractor_customers`; END;--> statement-breakpoint
-- Customers per current tier (currency ''), and the customer's tier and latest answer copied to their revenue rows.
CREATE TRIGGER `customer_values_totals_insert` AFTER INSERT ON `customer_values` BEGIN INSERT INTO `value_totals` (`tier`, `currency`, `customers`, `revenue`, `purchases`, `promoter_revenue`, `passive_revenue`, `detractor_revenue`, `detractor_customers`) VALUES (coalesce(NEW.`tier`, ''), '', 1, 0, NEW.`purchases_12m`, 0, 0, 0, (CASE WHEN NEW.`latest_class` = -1 AND NEW.`has_revenue` = 1 THEN 1 ELSE 0 END)) ON CONFLICT (`tier`, `currency`) DO UPDATE SET `customers` = `customers` + excluded.`customers`, `purchases` = `purchases` + excluded.`purchases`, `detractor_customers` = `detractor_customers` + excluded.`detractor_customers`; END;--> statement-breakpoint
CREATE TRIGGER `customer_values_totals_update` AFTER UPDATE OF `tier`, `latest_class`, `has_revenue`, `purchases_12m` ON `customer_values` WHEN OLD.`tier` IS NEW.`tier` AND (OLD.`purchases_12m` IS NOT NEW.`purchases_12m` OR (CASE WHEN OLD.`latest_class` = -1 AND OLD.`has_revenue` = 1 THEN 1 ELSE 0 END) != (CASE WHEN NEW.`latest_class` = -1 AND NEW.`has_revenue` = 1 THEN 1 ELSE 0 END)) BEGIN INSERT INTO `value_totals` (`tier`, `currency`, `customers`, `revenue`, `purchases`, `promoter_revenue`, `passive_revenue`, `detractor_revenue`, `detractor_customers`) VALUES (coalesce(NEW.`tier`, ''), '', 0, 0, NEW.`purchases_12m` - OLD.`purchases_12m`, 0, 0, 0, (CASE WHEN NEW.`latest_class` = -1 AND NEW.`has_revenue` = 1 THEN 1 ELSE 0 END) - (CASE WHEN OLD.`latest_class` = -1 AND OLD.`has_revenue` = 1 THEN 1 ELSE 0 END)) ON CONFLICT (`tier`, `currency`) DO UPDATE SET `purchases` = `purchases` + excluded.`purchases`, `detractor_customers` = `detractor_customers` + excluded.`detractor_customers`; END;--> statement-breakpoint
CREATE TRIGGER `customer_values_totals_move` AFTER UPDATE OF `tier` ON `customer_values` WHEN OLD.`tier` IS NOT NEW.`tier` BEGIN INSERT INTO `value_totals` (`tier`, `currency`, `customers`, `revenue`, `purchases`, `promoter_revenue`, `passive_revenue`, `detractor_revenue`, `detractor_customers`) VALUES (coalesce(OLD.`tier`, ''), '', -1, 0, -OLD.`purchases_12m`, 0, 0, 0, -(CASE WHEN OLD.`latest_class` = -1 AND OLD.`has_revenue` = 1 THEN 1 ELSE 0 END)) ON CONFLICT (`tier`, `currency`) DO UPDATE SET `customers` = `customers` + excluded.`customers`, `purchases` = `purchases` + excluded.`purchases`, `detractor_customers` = `detractor_customers` + excluded.`detractor_customers`; INSERT INTO `value_totals` (`tier`, `currency`, `customers`, `revenue`, `purchases`, `promoter_revenue`, `passive_revenue`, `detractor_revenue`, `detractor_customers`) VALUES (coalesce(NEW.`tier`, ''), '', 1, 0, NEW.`purchases_12m`, 0, 0, 0, (CASE WHEN NEW.`latest_class` = -1 AND NEW.`has_revenue` = 1 THEN 1 ELSE 0 END)) ON CONFLICT (`tier`, `currency`) DO UPDATE SET `customers` = `customers` + excluded.`customers`, `purchases` = `purchases` + excluded.`purchases`, `detractor_customers` = `detractor_customers` + excluded.`detractor_customers`; END;--> statement-breakpoint
CREATE TRIGGER `customer_values_copy` AFTER UPDATE OF `tier`, `latest_class` ON `customer_values` WHEN OLD.`tier` IS NOT NEW.`tier` OR OLD.`latest_class` IS NOT NEW.`latest_class` BEGIN UPDATE `customer_revenue` SET `tier` = NEW.`tier`, `latest_class` = NEW.`latest_class` WHERE `customer_id` = NEW.`customer_id`; END;--> statement-breakpoint
CREATE TRIGGER `customer_values_totals_delete` AFTER DELETE ON `customer_values` BEGIN INSERT INTO `value_totals` (`tier`, `currency`, `customers`, `revenue`, `purchases`, `promoter_revenue`, `passive_revenue`, `detractor_revenue`, `detractor_customers`) VALUES (coalesce(OLD.`tier`, ''), '', -1, 0, -OLD.`purchases_12m`, 0, 0, 0, -(CASE WHEN OLD.`latest_class` = -1 AND OLD.`has_revenue` = 1 THEN 1 ELSE 0 END)) ON CONFLICT (`tier`, `currency`) DO UPDATE SET `customers` = `customers` + excluded.`customers`, `purchases` = `purchases` + excluded.`purchases`, `detractor_customers` = `detractor_customers` + excluded.`detractor_customers`; END;--> statement-breakpoint
-- Each customer's latest answer with a score, from every writer of responses (a writer that sets no tier: the tier its trigger gives).
CREATE TRIGGER `responses_latest_answer_insert` AFTER INSERT ON `responses` WHEN NEW.`score` IS NOT NULL BEGIN UPDATE `customer_values` SET `latest_score` = NEW.`score`, `latest_class` = CASE WHEN NEW.`score` >= 9 THEN 1 WHEN NEW.`score` >= 7 THEN 0 ELSE -1 END, `latest_updated_at` = NEW.`updated_at`, `latest_answered_at` = NEW.`answered_at`, `latest_template_id` = NEW.`template_id`, `latest_channel` = NEW.`channel`, `latest_locale` = NEW.`locale`, `latest_category` = NEW.`category`, `latest_tier` = coalesce(NEW.`tier`, (select (case when (count(e."id") + 1) <= 1 or (x."purchased_at" - max(e."purchased_at")) is null then 'new' when (x."purchased_at" - max(e."purchased_at")) > 7776000000 then 'at_risk' when (x."amount" + coalesce(sum(case when e."currency" = x."currency" then e."amount" end), 0)) >= (select th."top_revenue" from "tier_thresholds" th where th."currency" = x."currency") then 'top' when (count(e."id") + 1) >= 3 then 'loyal' else 'occasional' end) from "purchases" x left join "purchases" e on e."customer_id" = x."customer_id" and e."purchased_at" < x."purchased_at" and e."purchased_at" >= x."purchased_at" - 31536000000 where x."id" = (select i."purchase_id" from "invitations" i where i."id" = NEW."invitation_id"))) WHERE `customer_id` = NEW.`customer_id` AND (`latest_updated_at` IS NULL OR `latest_updated_at` <= NEW.`updated_at`); END;--> statement-breakpoint
CREATE TRIGGER `responses_latest_answer_update` AFTER UPDATE OF `score`, `updated_at` ON `responses` WHEN NEW.`score` IS NOT NULL BEGIN UPDATE `customer_values` SET `latest_score` = NEW.`score`, `latest_class` = CASE WHEN NEW.`score` >= 9 THEN 1 WHEN NEW.`score` >= 7 THEN 0 ELSE -1 END, `latest_updated_at` = NEW.`updated_at`, `latest_answered_at` = NEW.`answered_at`, `latest_template_id` = NEW.`template_id`, `latest_channel` = NEW.`channel`, `latest_locale` = NEW.`locale`, `latest_category` = NEW.`category`, `latest_tier` = NEW.`tier` WHERE `customer_id` = NEW.`customer_id` AND (`latest_updated_at` IS NULL OR `latest_updated_at` <= NEW.`updated_at`); END;--> statement-breakpoint
-- The tier at answer time, now with revenue (server/domain/value-tiers.ts tierAtPurchaseSql), for writers that do not set it.
DROP TRIGGER IF EXISTS `responses_tier_at_answer`;--> statement-breakpoint
CREATE TRIGGER `responses_tier_at_answer` AFTER INSERT ON `responses` WHEN NEW.`tier` IS NULL BEGIN UPDATE `responses` SET `tier` = (select (case when (count(e."id") + 1) <= 1 or (x."purchased_at" - max(e."purchased_at")) is null then 'new' when (x."purchased_at" - max(e."purchased_at")) > 7776000000 then 'at_risk' when (x."amount" + coalesce(sum(case when e."currency" = x."currency" then e."amount" end), 0)) >= (select th."top_revenue" from "tier_thresholds" th where th."currency" = x."currency") then 'top' when (count(e."id") + 1) >= 3 then 'loyal' else 'occasional' end) from "purchases" x left join "purchases" e on e."customer_id" = x."customer_id" and e."purchased_at" < x."purchased_at" and e."purchased_at" >= x."purchased_at" - 31536000000 where x."id" = (select i."purchase_id" from "invitations" i where i."id" = NEW."invitation_id")) WHERE `rowid` = NEW.`rowid`; END;--> statement-breakpoint
-- An existing database is back-filled by the first start (Node) or npm run db:migrate (server/services/customer-values.ts upgradeCustomerValues): customers, latest answers, thresholds, answers' tiers.
INSERT INTO `value_job` (`id`, `last_run_at`, `backfill`, `cursor`) SELECT 1, NULL, CASE WHEN EXISTS (SELECT 1 FROM `purchases`) THEN 'customers' END, '';
