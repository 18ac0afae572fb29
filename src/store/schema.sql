-- meyasu schema, version 1. Dates are ISO text (YYYY-MM-DD), times local `YYYY-MM-DD HH:MM:SS`.

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE section (
    code          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    name_en       TEXT NOT NULL DEFAULT '',
    department    TEXT NOT NULL DEFAULT '',
    department_en TEXT NOT NULL DEFAULT '',
    active        INTEGER NOT NULL DEFAULT 1,
    sort          INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE floor (
    code    TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    active  INTEGER NOT NULL DEFAULT 1,
    sort    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE kind (
    code    TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    active  INTEGER NOT NULL DEFAULT 1,
    sort    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE slip (
    id           INTEGER PRIMARY KEY,
    received_on  TEXT NOT NULL CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    floor        TEXT NOT NULL REFERENCES floor(code) ON UPDATE CASCADE,
    kind         TEXT NOT NULL REFERENCES kind(code) ON UPDATE CASCADE,
    body         TEXT NOT NULL CHECK (length(trim(body)) > 0),
    summary      TEXT,
    status       TEXT NOT NULL DEFAULT 'new'
                 CHECK (status IN ('new', 'assigned', 'answered', 'published', 'no_reply')),
    due_on       TEXT,
    duplicate_of INTEGER REFERENCES slip(id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX slip_by_received ON slip(received_on, id);
CREATE INDEX slip_by_status ON slip(status, received_on, id);
CREATE INDEX slip_by_due ON slip(status, due_on);

CREATE TABLE slip_section (
    slip_id INTEGER NOT NULL REFERENCES slip(id) ON DELETE CASCADE,
    section TEXT NOT NULL REFERENCES section(code) ON UPDATE CASCADE,
    PRIMARY KEY (slip_id, section)
) WITHOUT ROWID;
CREATE INDEX slip_section_by_section ON slip_section(section, slip_id);

CREATE TABLE reply (
    slip_id    INTEGER NOT NULL REFERENCES slip(id) ON DELETE CASCADE,
    section    TEXT NOT NULL REFERENCES section(code) ON UPDATE CASCADE,
    text       TEXT NOT NULL,
    replied_on TEXT NOT NULL,
    by         TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    PRIMARY KEY (slip_id, section)
) WITHOUT ROWID;

CREATE TABLE event (
    id      INTEGER PRIMARY KEY,
    slip_id INTEGER NOT NULL REFERENCES slip(id) ON DELETE CASCADE,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    old     TEXT,
    new     TEXT,
    note    TEXT
);
CREATE INDEX event_by_slip ON event(slip_id, id);
