CREATE TABLE `bank_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`customer_id` text NOT NULL,
	`bank` text NOT NULL,
	`account_name` text NOT NULL,
	`account_number` text NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `bank_accounts_customer_idx` ON `bank_accounts` (`customer_id`);--> statement-breakpoint
CREATE TABLE `customer_merges` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`survivor_id` text NOT NULL,
	`merged_id` text NOT NULL,
	`moved` text NOT NULL,
	`undone` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `customer_phones` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`customer_id` text NOT NULL,
	`number` text NOT NULL,
	`kind` text NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	`reversed` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customer_phones_customer_idx` ON `customer_phones` (`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_phones_reversed_idx` ON `customer_phones` (`reversed`);--> statement-breakpoint
CREATE INDEX `customer_phones_number_idx` ON `customer_phones` (`number`);--> statement-breakpoint
CREATE TABLE `customer_resources` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`customer_id` text NOT NULL,
	`resource_id` text NOT NULL,
	`role` text NOT NULL,
	`share` real,
	`start_date` text NOT NULL,
	`end_date` text,
	`remark` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customer_resources_customer_idx` ON `customer_resources` (`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_resources_resource_idx` ON `customer_resources` (`resource_id`,`end_date`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`id_type` text NOT NULL,
	`id_number` text NOT NULL,
	`id_key` text DEFAULT '' NOT NULL,
	`gender` text DEFAULT 'unknown' NOT NULL,
	`birth_date` text,
	`email` text DEFAULT '' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`source_id` text,
	`intention_id` text,
	`status_id` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`remark` text DEFAULT '' NOT NULL,
	`custom` text DEFAULT '{}' NOT NULL,
	`name_initials` text DEFAULT '' NOT NULL,
	`name_pinyin` text DEFAULT '' NOT NULL,
	`name_reversed` text DEFAULT '' NOT NULL,
	`id_reversed` text DEFAULT '' NOT NULL,
	`merged_into` text
);
--> statement-breakpoint
CREATE INDEX `customers_id_key_idx` ON `customers` (`id_key`);--> statement-breakpoint
CREATE INDEX `customers_name_idx` ON `customers` (`name`);--> statement-breakpoint
CREATE INDEX `customers_name_rev_idx` ON `customers` (`name_reversed`);--> statement-breakpoint
CREATE INDEX `customers_initials_idx` ON `customers` (`name_initials`);--> statement-breakpoint
CREATE INDEX `customers_pinyin_idx` ON `customers` (`name_pinyin`);--> statement-breakpoint
CREATE INDEX `customers_id_rev_idx` ON `customers` (`id_reversed`);--> statement-breakpoint
CREATE TABLE `employees` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`account` text NOT NULL,
	`name` text NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`department` text DEFAULT '' NOT NULL,
	`all_projects` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `employees_account_idx` ON `employees` (`account`);--> statement-breakpoint
CREATE TABLE `family_members` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`customer_id` text NOT NULL,
	`member_id` text NOT NULL,
	`relation_id` text
);
--> statement-breakpoint
CREATE INDEX `family_members_customer_idx` ON `family_members` (`customer_id`);--> statement-breakpoint
CREATE INDEX `family_members_member_idx` ON `family_members` (`member_id`);--> statement-breakpoint
CREATE TABLE `project_grants` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`employee_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `project_grants_employee_idx` ON `project_grants` (`employee_id`);--> statement-breakpoint
CREATE TABLE `projects` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`region_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `projects_region_idx` ON `projects` (`region_id`,`sort_order`);--> statement-breakpoint
CREATE TABLE `regions` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `resource_lineage` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`operation_id` text NOT NULL,
	`op` text NOT NULL,
	`from_id` text NOT NULL,
	`to_id` text NOT NULL,
	`effective_on` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `resource_lineage_from_idx` ON `resource_lineage` (`from_id`);--> statement-breakpoint
CREATE INDEX `resource_lineage_to_idx` ON `resource_lineage` (`to_id`);--> statement-breakpoint
CREATE TABLE `resources` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`parent_id` text,
	`path` text DEFAULT '/' NOT NULL,
	`kind` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`floor_no` integer,
	`build_area` real,
	`inner_area` real,
	`house_type` text DEFAULT '' NOT NULL,
	`orientation` text DEFAULT '' NOT NULL,
	`use` text,
	`status` text,
	`zone` text DEFAULT '' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`custom` text DEFAULT '{}' NOT NULL,
	`valid_from` text NOT NULL,
	`ended_on` text,
	`search_code` text DEFAULT '' NOT NULL,
	`short_code` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `resources_parent_idx` ON `resources` (`project_id`,`parent_id`,`sort_order`);--> statement-breakpoint
CREATE INDEX `resources_path_idx` ON `resources` (`path`);--> statement-breakpoint
CREATE INDEX `resources_code_idx` ON `resources` (`project_id`,`code`);--> statement-breakpoint
CREATE INDEX `resources_search_idx` ON `resources` (`search_code`);--> statement-breakpoint
CREATE INDEX `resources_short_idx` ON `resources` (`short_code`);--> statement-breakpoint
CREATE TABLE `vehicles` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`deleted_at` text,
	`customer_id` text NOT NULL,
	`plate` text NOT NULL,
	`plate_reversed` text NOT NULL,
	`new_energy` integer DEFAULT false NOT NULL,
	`model` text DEFAULT '' NOT NULL,
	`color` text DEFAULT '' NOT NULL,
	`parking_id` text
);
--> statement-breakpoint
CREATE INDEX `vehicles_customer_idx` ON `vehicles` (`customer_id`);--> statement-breakpoint
CREATE INDEX `vehicles_plate_idx` ON `vehicles` (`plate`);--> statement-breakpoint
CREATE INDEX `vehicles_plate_rev_idx` ON `vehicles` (`plate_reversed`);--> statement-breakpoint
CREATE INDEX `change_log_record_idx` ON `change_log` (`entity_id`,`seq`);