CREATE TABLE `rollup_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`utc_offset_ms` integer NOT NULL
);
