-- Version 2: free-form comments on findings, and fuzz crashes
-- (deduplicated by target + crash state; see db/crash.h).
CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  finding_id INTEGER NOT NULL REFERENCES findings(id),
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  at REAL NOT NULL
);
CREATE INDEX comments_by_finding ON comments(finding_id, id);

CREATE TABLE crashes (
  id INTEGER PRIMARY KEY,
  target TEXT NOT NULL,
  crash_type TEXT NOT NULL,
  crash_state TEXT NOT NULL,
  reproducer_path TEXT,
  reproducer BLOB,
  reliable INTEGER NOT NULL CHECK (reliable IN (0, 1)),
  first_seen REAL NOT NULL,
  last_seen REAL NOT NULL,
  count INTEGER NOT NULL DEFAULT 1,
  timeline TEXT,
  UNIQUE (target, crash_state)
);

PRAGMA user_version = 2;
