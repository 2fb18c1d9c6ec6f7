CREATE TABLE `template_versions` (
	`template_id` text NOT NULL,
	`version` integer NOT NULL,
	`name` text NOT NULL,
	`content` text NOT NULL,
	`rules` text NOT NULL,
	`published_at` integer NOT NULL,
	`published_by` text NOT NULL,
	PRIMARY KEY(`template_id`, `version`),
	FOREIGN KEY (`template_id`) REFERENCES `templates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `templates` ADD `rules` text;--> statement-breakpoint
ALTER TABLE `templates` ADD `has_draft` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `templates` ADD `updated_at` integer;--> statement-breakpoint
ALTER TABLE `templates` ADD `published_at` integer;