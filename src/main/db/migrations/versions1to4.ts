import type { Migration } from '../migrations'

/** Schema versions 1 to 4: foundation (users, characters, chats, messages, settings) and long-term memory. */
export const versions1to4: Migration[] = [
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
  }
]
