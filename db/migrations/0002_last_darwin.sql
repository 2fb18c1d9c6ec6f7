CREATE TABLE `link_clicks` (
	`id` text PRIMARY KEY NOT NULL,
	`invitation_id` text NOT NULL,
	`score` integer,
	`automated` integer DEFAULT false NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `link_clicks_invitation_idx` ON `link_clicks` (`invitation_id`,`at`);--> statement-breakpoint
CREATE INDEX `link_clicks_automated_idx` ON `link_clicks` (`automated`,`at`);--> statement-breakpoint
ALTER TABLE `invitations` ADD `scanned_at` integer;