CREATE TABLE `audit_chain_heads` (
	`seq` integer PRIMARY KEY NOT NULL,
	`hash` text NOT NULL,
	`signed_at` text NOT NULL,
	`jws` text NOT NULL,
	`key_id` text NOT NULL
);
