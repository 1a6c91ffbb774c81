// The inbox schema, as the steps that built it. PRAGMA user_version counts the steps applied, so an upgrade
// appends one step here and every existing inbox is brought up to date on its next open.
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE messages (
     -- AUTOINCREMENT: an id is never handed out twice, even after the newest message was deleted at its
     -- source (ntfy message_delete); the UI, keyset paging and exports rely on ids that only grow.
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     source_id TEXT NOT NULL,
     source_name TEXT NOT NULL,
     topic TEXT NOT NULL,
     title TEXT,
     preview TEXT NOT NULL,
     body TEXT NOT NULL,
     body_kind TEXT NOT NULL,
     raw BLOB,
     priority INTEGER NOT NULL,
     received_at INTEGER NOT NULL,
     read INTEGER NOT NULL DEFAULT 0,
     truncated INTEGER NOT NULL DEFAULT 0,
     size INTEGER NOT NULL,
     properties TEXT,
     dedupe_key TEXT
   );
   -- Partial: messages without a dedupe key (most of them) cost no index write at all.
   CREATE UNIQUE INDEX messages_dedupe ON messages (source_id, dedupe_key) WHERE dedupe_key IS NOT NULL;`,
  // Push servers: extras (click URL, tags, actions...), entries that later versions replace (fold_key), and
  // each source's resume position, written in the same transaction as the message it belongs to.
  `ALTER TABLE messages ADD COLUMN extras TEXT;
   ALTER TABLE messages ADD COLUMN fold_key TEXT;
   CREATE INDEX messages_fold ON messages (source_id, fold_key) WHERE fold_key IS NOT NULL;
   CREATE TABLE cursors (source_id TEXT PRIMARY KEY, cursor TEXT NOT NULL);
   -- MQTT QoS 2 messages between PUBREC and PUBREL; the row goes in the transaction that stores the message.
   CREATE TABLE mqtt_inflight (source_id TEXT NOT NULL, message_id INTEGER NOT NULL, packet BLOB NOT NULL,
     PRIMARY KEY (source_id, message_id));`,
  // Rules: what was decided for each message, and the rules' own state (for/limit/changed, drop counts). The
  // defaults make every older message read as notified by no rule, without rewriting a single row.
  `ALTER TABLE messages ADD COLUMN notified INTEGER NOT NULL DEFAULT 1;
   ALTER TABLE messages ADD COLUMN rule TEXT;
   ALTER TABLE messages ADD COLUMN rule_action TEXT NOT NULL DEFAULT 'notify';
   ALTER TABLE messages ADD COLUMN rule_reason TEXT;
   CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // Search: a contentless FTS5 index (unicode61, CJK spaced out per character: search-index.ts) of title, the
  // head of the body, topic and source name in one column, rowid = message id, written in the same transaction
  // as the message. Messages stored before this step are indexed in the background, newest first
  // (search-backfill.ts): search_backfill holds the next id to index and how many are left. One index for the
  // topic filter; source and priority are tokens in the FTS index (each index costs ~2 µs per message stored).
  `CREATE VIRTUAL TABLE messages_fts USING fts5(fts_text, content='', contentless_delete=1,
     tokenize='unicode61 remove_diacritics 2');
   -- Merge index segments less eagerly than the default (4): ingest writes ~15 % faster, queries read a few
   -- more segments, which at our sizes costs well under a millisecond.
   INSERT INTO messages_fts (messages_fts, rank) VALUES ('automerge', 16);
   CREATE TABLE search_backfill (one INTEGER PRIMARY KEY CHECK (one = 1), next_id INTEGER NOT NULL,
     pending INTEGER NOT NULL);
   INSERT INTO search_backfill SELECT 1, max(id), count(*) FROM messages HAVING count(*) > 0;
   CREATE INDEX messages_topic ON messages (topic, id);`,
  // Read state at any size (read-state.ts): "mark all read" moves a watermark instead of rewriting rows. A
  // message at or below it is read unless listed in read_exceptions (marked unread since); above it, its own
  // read column counts. Watermark 0 keeps every existing row's read column as it was. Pinned messages stay on
  // top of the list; the partial index holds only them, so storing an unpinned message costs nothing more.
  // Retention deletes in bulk (deletemerge below). Unread counts per source and topic for the sidebar.
  `CREATE TABLE read_watermark (one INTEGER PRIMARY KEY CHECK (one = 1), id INTEGER NOT NULL);
   INSERT INTO read_watermark VALUES (1, 0);
   CREATE TABLE read_exceptions (id INTEGER PRIMARY KEY);
   ALTER TABLE messages ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
   CREATE INDEX messages_pinned ON messages (id) WHERE pinned = 1;
   -- Deleting from the search index leaves tombstones, dropped when ingest merges segments anyway. By default
   -- FTS5 rewrites a whole segment once a tenth of it is deleted, which made a retention step of a few hundred
   -- deletions on a large inbox hold the writer for ~350 ms instead of ~20 ms.
   INSERT INTO messages_fts (messages_fts, rank) VALUES ('deletemerge', 0);
   -- Unread and total per source and topic for the sidebar, kept in the transactions that change them
   -- (topic-counts.ts), so the sidebar never groups the inbox. Counted once here, on upgrade.
   CREATE TABLE topic_counts (source_id TEXT NOT NULL, topic TEXT NOT NULL, total INTEGER NOT NULL,
     unread INTEGER NOT NULL, PRIMARY KEY (source_id, topic)) WITHOUT ROWID;
   INSERT INTO topic_counts SELECT source_id, topic, count(*), sum(read = 0) FROM messages GROUP BY source_id, topic;`,
  // Pinned messages carry a token in the search index, so a search lists its pinned matches on top with one
  // index query (search-index.ts). The pins indexed so far are written again with it (herald_indexed_text, the
  // entry's text, is defined by database.ts); those the background indexing has yet to reach get it from there.
  `DELETE FROM messages_fts WHERE rowid IN
     (SELECT id FROM messages WHERE pinned = 1 AND id > coalesce((SELECT next_id FROM search_backfill), 0));
   INSERT INTO messages_fts (rowid, fts_text)
     SELECT id, herald_indexed_text(source_id, priority, title, body, body_kind, topic, source_name, pinned)
     FROM messages WHERE pinned = 1 AND id > coalesce((SELECT next_id FROM search_backfill), 0);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
