CREATE TABLE `change_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`change_id` text NOT NULL,
	`tx_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`project_id` text,
	`op` text NOT NULL,
	`changes` text NOT NULL,
	`actor_id` text NOT NULL,
	`actor_name` text NOT NULL,
	`device_id` text NOT NULL,
	`at` text NOT NULL,
	`hlc` text NOT NULL,
	`pushed_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `change_log_change_id_unique` ON `change_log` (`change_id`);--> statement-breakpoint
CREATE INDEX `change_log_entity_idx` ON `change_log` (`entity`,`entity_id`,`seq`);--> statement-breakpoint
CREATE INDEX `change_log_outbox_idx` ON `change_log` (`seq`) WHERE "change_log"."pushed_at" IS NULL;--> statement-breakpoint
CREATE TABLE `custom_field_defs` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`target` text NOT NULL,
	`title` text NOT NULL,
	`field_type` text NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`sort_order` integer NOT NULL,
	`remark` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `custom_field_defs_target_idx` ON `custom_field_defs` (`target`,`sort_order`);--> statement-breakpoint
CREATE TABLE `custom_field_options` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`def_id` text NOT NULL,
	`name` text NOT NULL,
	`sort_order` integer NOT NULL,
	`invalid` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`def_id`) REFERENCES `custom_field_defs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `custom_field_options_def_idx` ON `custom_field_options` (`def_id`,`sort_order`);--> statement-breakpoint
CREATE TABLE `dict_items` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`type_code` text NOT NULL,
	`name` text NOT NULL,
	`remark` text DEFAULT '' NOT NULL,
	`sort_order` integer NOT NULL,
	`invalid` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dict_items_type_idx` ON `dict_items` (`type_code`,`sort_order`);--> statement-breakpoint
CREATE INDEX `dict_items_name_idx` ON `dict_items` (`type_code`,`name`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
