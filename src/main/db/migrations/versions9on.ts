import type { Migration } from '../migrations'

/**
 * Schema versions 9 and later: durable memory work, timed lore effects, group chats, kept message counts, durable
 * summaries. New versions go at the end.
 */
export const versions9on: Migration[] = [
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
