CREATE TABLE `erased_opt_outs` (
	`email_digest` text PRIMARY KEY NOT NULL,
	`unsubscribed_at` integer,
	`suppression_reason` text,
	`erased_at` integer NOT NULL
);
