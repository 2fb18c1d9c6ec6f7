ALTER TABLE `templates` DROP COLUMN `delay_hours`;--> statement-breakpoint
ALTER TABLE `templates` DROP COLUMN `throttle_days`;--> statement-breakpoint
ALTER TABLE `templates` DROP COLUMN `close_after_days`;