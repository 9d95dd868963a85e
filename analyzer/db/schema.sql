-- The ffi-lint audit database (design.md §6), current version.
--
-- A fresh database is created from this file alone; an older one is brought
-- here by migrations/NNN_*.sql, each run in its own transaction. The test
-- suite checks that both paths end in the same schema, so a change here
-- always comes with a new migration and a bump of user_version below.
--
-- Identity: a finding is its fingerprint (rule + file + enclosing symbol +
-- normalised flagged text + ordinal; computed by ffi-lint's output layer).
-- Detection status is per run (occurrences), review status per fingerprint
-- (reviews, with every change kept in triage_history).

-- One ffi-lint (or imported SARIF) run over one source tree.
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  tool TEXT NOT NULL DEFAULT 'ffi-lint',
  tool_version TEXT NOT NULL,
  rule_set TEXT,
  config_hash TEXT,
  arguments TEXT,
  source_root TEXT NOT NULL,
  git_commit TEXT,
  started_at REAL NOT NULL,
  finished_at REAL NOT NULL
);
CREATE INDEX runs_by_root ON runs(source_root, tool, id);

-- One row per fingerprint; location and text are those of the latest run
-- that saw it. flow is a JSON array of {file,line,col,end_line,end_col,message}.
CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  fingerprint TEXT NOT NULL UNIQUE,
  rule_id TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  end_line INTEGER NOT NULL,
  end_col INTEGER NOT NULL,
  symbol TEXT,
  message TEXT NOT NULL,
  excerpt TEXT,
  excerpt_line INTEGER,
  flow TEXT,
  line_hash TEXT,
  first_run INTEGER NOT NULL REFERENCES runs(id),
  last_run INTEGER NOT NULL REFERENCES runs(id)
);
CREATE INDEX findings_by_rule ON findings(rule_id);
CREATE INDEX findings_by_file ON findings(file, line);

-- Detection status of a finding in a run, against the previous run of the
-- same source root and tool. A 'resolved' row means: present in the previous
-- run, absent from this one (the finding is not present in this run).
CREATE TABLE occurrences (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  finding_id INTEGER NOT NULL REFERENCES findings(id),
  detection TEXT NOT NULL CHECK (detection IN ('new', 'unresolved', 'resolved', 'reopened')),
  PRIMARY KEY (run_id, finding_id)
) WITHOUT ROWID;
CREATE INDEX occurrences_by_finding ON occurrences(finding_id, run_id);

-- Current review status; no row means 'unreviewed'. source = 'suppression'
-- marks a status set from an in-source `ffi-lint: ignore[...]` comment,
-- which a human triage always overrides and never the other way round.
CREATE TABLE reviews (
  finding_id INTEGER PRIMARY KEY REFERENCES findings(id),
  status TEXT NOT NULL CHECK (status IN ('unreviewed', 'confirmed', 'false_positive',
                                         'intentional', 'fixed', 'deferred')),
  author TEXT NOT NULL,
  reason TEXT,
  at REAL NOT NULL,
  source TEXT NOT NULL DEFAULT 'human' CHECK (source IN ('human', 'suppression'))
);
CREATE INDEX reviews_by_status ON reviews(status);

-- A human's severity in place of the rule's, always with a reason.
CREATE TABLE severity_overrides (
  finding_id INTEGER PRIMARY KEY REFERENCES findings(id),
  severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
  reason TEXT NOT NULL,
  author TEXT NOT NULL,
  at REAL NOT NULL
);

-- Every review-status and severity change ever made, oldest first.
CREATE TABLE triage_history (
  id INTEGER PRIMARY KEY,
  finding_id INTEGER NOT NULL REFERENCES findings(id),
  field TEXT NOT NULL CHECK (field IN ('status', 'severity')),
  old_value TEXT,
  new_value TEXT NOT NULL,
  author TEXT NOT NULL,
  reason TEXT,
  at REAL NOT NULL
);
CREATE INDEX triage_history_by_finding ON triage_history(finding_id, id);

-- Since version 2.
CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  finding_id INTEGER NOT NULL REFERENCES findings(id),
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  at REAL NOT NULL
);
CREATE INDEX comments_by_finding ON comments(finding_id, id);

-- Fuzz crashes, one row per (target, crash state); see db/crash.h for the
-- crash state and the race timeline format.
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
