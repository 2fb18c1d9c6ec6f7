CREATE TABLE `email_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`email_id` text,
	`recipient` text,
	`detail` text,
	`occurred_at` integer NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `email_events_email_idx` ON `email_events` (`email_id`);--> statement-breakpoint
CREATE TABLE `reminders` (
	`id` text PRIMARY KEY NOT NULL,
	`invitation_id` text NOT NULL,
	`status` text NOT NULL,
	`due_at` integer NOT NULL,
	`batch_id` text,
	`lease_until` integer,
	`sent_at` integer,
	`provider_message_id` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reminders_invitation_id_unique` ON `reminders` (`invitation_id`);--> statement-breakpoint
CREATE INDEX `reminders_due_idx` ON `reminders` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `reminders_batch_idx` ON `reminders` (`batch_id`);--> statement-breakpoint
CREATE INDEX `reminders_message_idx` ON `reminders` (`provider_message_id`);--> statement-breakpoint
CREATE TABLE `suppressions` (
	`email` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`detail` text,
	`event_id` text,
	`created_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `invitations_message_idx` ON `invitations` (`provider_message_id`);