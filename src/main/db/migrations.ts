/** Versioned schema migrations, applied in order inside one transaction each. Never edit a published one; add a new version. */
export interface Migration {
  version: number
  name: string
  sql: string
  /**
   * The migration rebuilds a table other tables reference (SQLite cannot drop a NOT NULL in place): foreign keys are
   * off while it runs, so dropping the old table does not cascade into its children, and checked before it commits.
   */
  rebuildsTables?: boolean
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'foundation: users, characters, chats, messages, settings',
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      -- The profile lives in one JSON column so new profile fields need no migration; name is a column for sorting/search.
      CREATE TABLE characters (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        name TEXT NOT NULL,
        data TEXT NOT NULL,
        avatar_file TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX characters_user ON characters(user_id, name);
      CREATE TABLE chats (
        id TEXT PRIMARY KEY,
        character_id TEXT NOT NULL REFERENCES characters(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id),
        title TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX chats_character ON chats(character_id, updated_at);
      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        chat_id TEXT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
        content TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('streaming', 'complete', 'cancelled', 'error')),
        swipes TEXT NOT NULL DEFAULT '[]',
        swipe_index INTEGER NOT NULL DEFAULT 0,
        emotion TEXT,
        memory_ids TEXT NOT NULL DEFAULT '[]',
        -- Context injected next to this user message (memories, tone), kept so later prompts repeat it verbatim
        -- and the KV cache prefix stays valid.
        injected_context TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (chat_id, seq)
      );
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `
  },
  {
    version: 2,
    name: 'long-term memory (canonical rows; the LanceDB index is rebuilt from these)',
    sql: `
      CREATE TABLE memories (
        id TEXT PRIMARY KEY,
        character_id TEXT NOT NULL REFERENCES characters(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id),
        chat_id TEXT,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        subject TEXT,
        importance REAL NOT NULL,
        is_pinned INTEGER NOT NULL DEFAULT 0,
        valid_from TEXT NOT NULL,
        valid_to TEXT,
        superseded_by TEXT,
        source_message_ids TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX memories_owner ON memories(character_id, user_id, valid_to);
      CREATE INDEX memories_subject ON memories(character_id, user_id, subject);
    `
  },
  {
    version: 3,
    name: 'memory speakers and turn order (recall favours the named speaker and the turns around a strong match)',
    sql: `
      ALTER TABLE memories ADD COLUMN speaker TEXT;
      CREATE INDEX memories_turns ON memories(character_id, user_id, kind, chat_id, valid_from);
    `
  },
  {
    version: 4,
    name: 'memories shared from another character (the character they came from)',
    sql: `
      ALTER TABLE memories ADD COLUMN shared_from TEXT;
    `
  },
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
  },
  {
    version: 9,
    name: 'durable memory work (a kill -9 loses no ingestion or extraction) and memories kept from deleted messages',
    sql: `
      -- Memory work waiting for an idle chat: drained in the background, resumed at start, retried when pre-empted.
      -- A job goes with its message (a deleted message is not remembered).
      CREATE TABLE memory_jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('ingest', 'extract')),
        chat_id TEXT NOT NULL,
        message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        UNIQUE (kind, message_id)
      );
      CREATE INDEX memory_jobs_message ON memory_jobs(message_id);
      -- Set when the user deleted every message a memory came from but chose to keep the memory.
      ALTER TABLE memories ADD COLUMN orphaned_at TEXT;
    `
  },
  {
    version: 10,
    name: "lore entries' timed effects (sticky, cooldown) per chat, so they survive a restart",
    sql: `
      -- SillyTavern keeps these in chat_metadata.timedWorldInfo; counted in messages of the chat.
      CREATE TABLE lore_timed_effects (
        chat_id TEXT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
        entry_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('sticky', 'cooldown')),
        start_at INTEGER NOT NULL,
        end_at INTEGER NOT NULL,
        is_protected INTEGER NOT NULL,
        PRIMARY KEY (chat_id, kind, entry_id)
      );
    `
  },
  {
    version: 11,
    name: 'group chats: groups with ordered members, chats of a group (no single character), the speaker of each message, memories marked with their group',
    rebuildsTables: true,
    sql: `
      CREATE TABLE groups (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        name TEXT NOT NULL,
        scenario TEXT NOT NULL DEFAULT '',
        talk_mode TEXT NOT NULL CHECK (talk_mode IN ('natural', 'in-order', 'manual')),
        prompt_mode TEXT NOT NULL CHECK (prompt_mode IN ('join', 'swap')),
        is_auto_mode INTEGER NOT NULL DEFAULT 0,
        auto_mode_max_replies INTEGER NOT NULL,
        -- Foreign fields of an imported group (SillyTavern's group JSON), kept for export.
        metadata TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      -- A deleted character leaves its groups (its group chats' messages keep its id and name).
      CREATE TABLE group_members (
        group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        character_id TEXT NOT NULL REFERENCES characters(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        muted_until TEXT,
        PRIMARY KEY (group_id, character_id)
      );
      CREATE INDEX group_members_character ON group_members(character_id);
      -- A chat belongs to one character or to one group: character_id becomes nullable, which needs a rebuild.
      CREATE TABLE chats_new (
        id TEXT PRIMARY KEY,
        character_id TEXT REFERENCES characters(id) ON DELETE CASCADE,
        group_id TEXT REFERENCES groups(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id),
        title TEXT NOT NULL,
        metadata TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((character_id IS NULL) <> (group_id IS NULL))
      );
      INSERT INTO chats_new (id, character_id, group_id, user_id, title, metadata, created_at, updated_at)
        SELECT id, character_id, NULL, user_id, title, metadata, created_at, updated_at FROM chats;
      DROP TABLE chats;
      ALTER TABLE chats_new RENAME TO chats;
      CREATE INDEX chats_character ON chats(character_id, updated_at);
      CREATE INDEX chats_group ON chats(group_id, updated_at);
      -- Who said a reply in a group chat; no foreign key, so the history stays readable after the character goes.
      ALTER TABLE messages ADD COLUMN character_id TEXT;
      ALTER TABLE messages ADD COLUMN speaker_name TEXT;
      -- A memory learned in a group chat is marked with its group (the Memories panel shows it).
      ALTER TABLE memories ADD COLUMN group_id TEXT;
    `
  },
  {
    version: 12,
    name: "scale: a chat's message count kept by triggers, so reading a chat never counts its messages",
    sql: `
      -- COUNT(*) over a chat's rows took ~4 ms at 100,000 messages, paid by every chats.get and every reply.
      ALTER TABLE chats ADD COLUMN message_count INTEGER NOT NULL DEFAULT 0;
      UPDATE chats SET message_count = (SELECT COUNT(*) FROM messages WHERE chat_id = chats.id);
      CREATE TRIGGER messages_count_insert AFTER INSERT ON messages BEGIN
        UPDATE chats SET message_count = message_count + 1 WHERE id = new.chat_id;
      END;
      CREATE TRIGGER messages_count_delete AFTER DELETE ON messages BEGIN
        UPDATE chats SET message_count = message_count - 1 WHERE id = old.chat_id;
      END;
    `
  },
  {
    version: 13,
    name: 'durable session summaries: summarising the history cut from the prompt is a memory job, so a restart resumes it',
    sql: `
      -- SQLite cannot widen a CHECK in place; nothing references memory_jobs, so a plain rebuild keeps every job.
      CREATE TABLE memory_jobs_new (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('ingest', 'extract', 'summarize')),
        chat_id TEXT NOT NULL,
        -- For 'summarize', the cut's last message; the job goes when that message is deleted.
        message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        -- For 'summarize', the cut's first message.
        from_message_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        UNIQUE (kind, message_id)
      );
      INSERT INTO memory_jobs_new (id, kind, chat_id, message_id, attempts, created_at)
        SELECT id, kind, chat_id, message_id, attempts, created_at FROM memory_jobs;
      DROP TABLE memory_jobs;
      ALTER TABLE memory_jobs_new RENAME TO memory_jobs;
      CREATE INDEX memory_jobs_message ON memory_jobs(message_id);
    `
  }
]
