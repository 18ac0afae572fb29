//! The schema's history: one migration per version, oldest first. The schema version is
//! their count; each says what it changes and how an older database is brought along.

use rusqlite_migration::{M, Migrations};

/// The migrations, oldest first. The schema version is their count.
pub(super) fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("schema.sql")),
        // 2: indexes for the monthly reply figures in reports.
        M::up(
            "CREATE INDEX slip_by_due_on ON slip(due_on) WHERE due_on IS NOT NULL;
             CREATE INDEX reply_by_date ON reply(replied_on);",
        ),
        // 3: publication: slips kept off the public list, and text marked private.
        M::up(
            "ALTER TABLE slip ADD COLUMN no_publish INTEGER NOT NULL DEFAULT 0;
             ALTER TABLE slip ADD COLUMN private_spans TEXT NOT NULL DEFAULT '[]';",
        ),
        // 4: voided slips (entered by mistake) leave every list and count. The indexes
        // the lists and counts read become partial indexes over the slips that count, so
        // every query stays covered by its index; a small one finds the voided ones.
        M::up(
            "ALTER TABLE slip ADD COLUMN voided INTEGER NOT NULL DEFAULT 0;
             DROP INDEX slip_by_received;
             DROP INDEX slip_by_status;
             DROP INDEX slip_by_due;
             DROP INDEX slip_by_due_on;
             CREATE INDEX slip_by_received ON slip(received_on, id) WHERE voided = 0;
             CREATE INDEX slip_by_status ON slip(status, received_on, id) WHERE voided = 0;
             CREATE INDEX slip_by_due ON slip(status, due_on) WHERE voided = 0;
             CREATE INDEX slip_by_due_on ON slip(due_on) WHERE due_on IS NOT NULL AND voided = 0;
             CREATE INDEX slip_voided ON slip(received_on, id) WHERE voided = 1;",
        ),
        // 5: the audit log of the sections themselves (added, renamed, (de)activated).
        M::up(
            "CREATE TABLE section_event (
                 id      INTEGER PRIMARY KEY,
                 at      TEXT NOT NULL,
                 actor   TEXT NOT NULL,
                 action  TEXT NOT NULL,
                 code    TEXT NOT NULL,
                 old     TEXT,
                 new     TEXT
             );",
        ),
        // 6: the text index (character bigrams, see `search`). Filled by `text_index::rebuild`
        // when an older database is opened, then kept by every write.
        M::up(
            "CREATE VIRTUAL TABLE slip_text USING fts5(
                 grams, content = '', contentless_delete = 1, tokenize = 'ascii'
             );",
        ),
        // 7: the index holds the replies too, in a column of their own (so that a
        // liaison's search and the likeness of slips can leave them out), each part
        // apart, punctuation skipped. Filled by `text_index::rebuild` when a database
        // before 7 is opened.
        M::up(
            "DROP TABLE slip_text;
             CREATE VIRTUAL TABLE slip_text USING fts5(
                 grams, replies, content = '', contentless_delete = 1, tokenize = 'ascii'
             );",
        ),
        // 8: what each reply led to (対応区分), from a ward-editable list seeded from
        // `data/outcomes.toml`. Replies written before keep none: none is invented.
        M::up(
            "CREATE TABLE outcome (
                 code    TEXT PRIMARY KEY,
                 name    TEXT NOT NULL,
                 name_en TEXT NOT NULL DEFAULT '',
                 active  INTEGER NOT NULL DEFAULT 1,
                 sort    INTEGER NOT NULL DEFAULT 0
             ) WITHOUT ROWID;
             ALTER TABLE reply ADD COLUMN outcome TEXT REFERENCES outcome(code) ON UPDATE CASCADE;",
        ),
        // 9: review of replies: a liaison's reply waits for the team (draft) when
        // `review_replies` is on, and may be sent back with a reason. Every reply
        // written before counts (approved), as it did.
        M::up(
            "ALTER TABLE reply ADD COLUMN state TEXT NOT NULL DEFAULT 'approved'
                 CHECK (state IN ('draft', 'approved', 'returned'));
             ALTER TABLE reply ADD COLUMN return_reason TEXT;",
        ),
        // 10: the address a section's requests and reminders are mailed to.
        M::up("ALTER TABLE section ADD COLUMN email TEXT;"),
        // 11: reply templates (定型文) per section.
        M::up(
            "CREATE TABLE template (
                 id         INTEGER PRIMARY KEY,
                 section    TEXT NOT NULL REFERENCES section(code) ON UPDATE CASCADE,
                 title      TEXT NOT NULL,
                 text       TEXT NOT NULL,
                 created_at TEXT NOT NULL,
                 updated_at TEXT NOT NULL
             );
             CREATE INDEX template_by_section ON template(section, title);",
        ),
        // 12: each section's duties (事務分掌), one word or phrase a line; a database from
        // before gets the seed's (`Store::init`).
        M::up("ALTER TABLE section ADD COLUMN duties TEXT NOT NULL DEFAULT '';"),
        // 13: the text index holds each part's last character alone too, so a
        // one-character search is answered by the index; rebuilt by `Store::init`. And
        // replies by state: the header's 承認待ち and 差し戻し counts read an index range,
        // not every reply (0.9 s at a million slips).
        M::up(
            "DELETE FROM slip_text;
             CREATE INDEX IF NOT EXISTS reply_by_state ON reply(state, section);",
        ),
    ])
}
