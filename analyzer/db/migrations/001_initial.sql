-- Audit database, version 1: runs, findings, per-run detection, review.
-- Kept byte-for-byte as it shipped: tests build a real v1 database from it
-- and migrate it forward. Never edit a released migration; add a new one.
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

CREATE TABLE occurrences (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  finding_id INTEGER NOT NULL REFERENCES findings(id),
  detection TEXT NOT NULL CHECK (detection IN ('new', 'unresolved', 'resolved', 'reopened')),
  PRIMARY KEY (run_id, finding_id)
) WITHOUT ROWID;
CREATE INDEX occurrences_by_finding ON occurrences(finding_id, run_id);

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

CREATE TABLE severity_overrides (
  finding_id INTEGER PRIMARY KEY REFERENCES findings(id),
  severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
  reason TEXT NOT NULL,
  author TEXT NOT NULL,
  at REAL NOT NULL
);

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

PRAGMA user_version = 1;
