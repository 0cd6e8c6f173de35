import type { Migration } from '../migrations'

/** Schema versions 5 to 8: chats and lorebooks from other apps, and the first scale indexes (interrupted replies, search, memory pages). */
export const versions5to8: Migration[] = [
  {
    version: 5,
    name: 'chats and lorebooks from other apps: foreign message/chat fields kept as metadata, lorebooks with entries and attachments, lore entries a reply used',
    sql: `
      -- Fields of an imported message or chat we do not model (SillyTavern's extra, swipe_info, chat_metadata...),
      -- kept so an export gives them back.
      ALTER TABLE messages ADD COLUMN metadata TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE messages ADD COLUMN lore_entry_ids TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE chats ADD COLUMN metadata TEXT NOT NULL DEFAULT '{}';
      CREATE TABLE lorebooks (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        name TEXT NOT NULL,
        -- Book-level settings and foreign fields (scan depth, budget, recursion, originalData...) as JSON.
        data TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE lorebook_entries (
        id TEXT PRIMARY KEY,
        lorebook_id TEXT NOT NULL REFERENCES lorebooks(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX lorebook_entries_book ON lorebook_entries(lorebook_id, idx);
      -- Where a lorebook applies: one character, one chat, or every chat (target_id '' for global).
      CREATE TABLE lorebook_links (
        lorebook_id TEXT NOT NULL REFERENCES lorebooks(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('character', 'chat', 'global')),
        target_id TEXT NOT NULL,
        PRIMARY KEY (lorebook_id, kind, target_id)
      );
      CREATE INDEX lorebook_links_target ON lorebook_links(kind, target_id);
    `
  },
  {
    version: 6,
    name: 'scale: start-up finds interrupted replies without reading every message',
    sql: `
      -- markInterrupted runs at every start; with this partial index it touches only the streaming rows, not 100k.
      CREATE INDEX messages_streaming ON messages(status) WHERE status = 'streaming';
    `
  },
  {
    version: 7,
    name: 'search all chats: a full-text index over messages, kept in sync by triggers, backfilled',
    sql: `
      -- External content: the index stores no second copy of the text, only its terms, keyed by the messages rowid
      -- (stable: the app never VACUUMs, the one thing that could renumber it).
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        content,
        content = 'messages',
        content_rowid = 'rowid',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      INSERT INTO messages_fts(messages_fts) VALUES ('rebuild');
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts(rowid, content) VALUES (new.rowid, new.content);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.rowid, old.content);
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages WHEN old.content IS NOT new.content BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.rowid, old.content);
        INSERT INTO messages_fts(rowid, content) VALUES (new.rowid, new.content);
      END;
    `
  },
  {
    version: 8,
    name: 'scale: the Memories panel pages newest first, and every prompt reads pinned memories, without a full scan',
    sql: `
      CREATE INDEX memories_browse ON memories(character_id, user_id, valid_from DESC, created_at DESC);
      CREATE INDEX memories_pinned ON memories(character_id, user_id) WHERE is_pinned = 1;
    `
  }
]
