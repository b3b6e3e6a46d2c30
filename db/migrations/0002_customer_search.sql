-- Any part of a name of three or more characters, through an FTS5 trigram index kept by
-- triggers (derived data, rebuilt from customers.name, never written by the app itself).
CREATE VIRTUAL TABLE `customers_fts` USING fts5(name, content='customers', content_rowid='rowid', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER `customers_fts_insert` AFTER INSERT ON `customers` BEGIN
  INSERT INTO customers_fts (rowid, name) VALUES (new.rowid, new.name);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_fts_delete` AFTER DELETE ON `customers` BEGIN
  INSERT INTO customers_fts (customers_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_fts_update` AFTER UPDATE OF `name` ON `customers` BEGIN
  INSERT INTO customers_fts (customers_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
  INSERT INTO customers_fts (rowid, name) VALUES (new.rowid, new.name);
END;
--> statement-breakpoint
INSERT INTO customers_fts (customers_fts) VALUES ('rebuild');
