ALTER TABLE `templates` ADD `rules` text;--> statement-breakpoint
ALTER TABLE `templates` ADD `has_draft` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `templates` ADD `updated_at` integer;--> statement-breakpoint
ALTER TABLE `templates` ADD `published_at` integer;