CREATE TABLE `alert_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`max_score` integer,
	`keyword` text,
	`recipients` text NOT NULL,
	`locale` text DEFAULT 'en' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`rule_id` text NOT NULL,
	`response_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`emailed_at` integer,
	FOREIGN KEY (`rule_id`) REFERENCES `alert_rules`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `alerts_response_idx` ON `alerts` (`response_id`);--> statement-breakpoint
CREATE INDEX `alerts_created_idx` ON `alerts` (`created_at`);--> statement-breakpoint
CREATE INDEX `alerts_unsent_idx` ON `alerts` (`emailed_at`);--> statement-breakpoint
CREATE TABLE `response_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`response_id` text NOT NULL,
	`author_id` text,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `response_notes_response_idx` ON `response_notes` (`response_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `score_rollups` (
	`combo` integer NOT NULL,
	`grain` text NOT NULL,
	`bucket` integer NOT NULL,
	`template_id` text NOT NULL,
	`channel` text NOT NULL,
	`locale` text NOT NULL,
	`category` text NOT NULL,
	`responses` integer NOT NULL,
	`promoters` integer NOT NULL,
	`passives` integer NOT NULL,
	`detractors` integer NOT NULL,
	`csat_responses` integer NOT NULL,
	`csat_satisfied` integer NOT NULL,
	`benefit_functional_sum` integer NOT NULL,
	`benefit_functional_count` integer NOT NULL,
	`benefit_social_sum` integer NOT NULL,
	`benefit_social_count` integer NOT NULL,
	`benefit_emotional_sum` integer NOT NULL,
	`benefit_emotional_count` integer NOT NULL,
	`benefit_monetary_sum` integer NOT NULL,
	`benefit_monetary_count` integer NOT NULL,
	`cost_money_sum` integer NOT NULL,
	`cost_money_count` integer NOT NULL,
	`cost_time_sum` integer NOT NULL,
	`cost_time_count` integer NOT NULL,
	`cost_effort_sum` integer NOT NULL,
	`cost_effort_count` integer NOT NULL,
	`cost_risk_sum` integer NOT NULL,
	`cost_risk_count` integer NOT NULL,
	PRIMARY KEY(`combo`, `grain`, `bucket`, `template_id`, `channel`, `locale`, `category`)
);
--> statement-breakpoint
ALTER TABLE `responses` ADD `category` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `status` text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE `responses` ADD `assignee_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `responses` ADD `closed_at` integer;--> statement-breakpoint
CREATE INDEX `responses_status_idx` ON `responses` (`status`,`answered_at`);