CREATE TABLE `theme_lexicon` (
	`phrase` text PRIMARY KEY NOT NULL,
	`target` text NOT NULL,
	`updated_at` integer NOT NULL
);
