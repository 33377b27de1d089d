-- doorbraak database schema. Generated from Sources/DoorbraakStore/Schema.swift;
-- a test keeps this file identical to the migrations the engine applies.

-- migration 1: round settings, model plans, kept totals, audit chain
CREATE TABLE round (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    bar_hundredths  INTEGER NOT NULL CHECK (bar_hundredths > 0),
    bar_scenario    TEXT CHECK (bar_scenario IN ('A', 'B', 'C')),
    deadline        TEXT NOT NULL,
    created_on      TEXT NOT NULL
) STRICT;
CREATE TABLE theme (
    theme           TEXT PRIMARY KEY,
    amount_cents    INTEGER NOT NULL CHECK (amount_cents >= 0),
    granted_cents   INTEGER NOT NULL DEFAULT 0 CHECK (granted_cents >= 0),
    released_cents  INTEGER NOT NULL DEFAULT 0 CHECK (released_cents >= 0)
) STRICT;
-- Planned spending per year of the granted beschikkingen (their budget lines), kept total.
CREATE TABLE ledger_year (
    year            INTEGER PRIMARY KEY CHECK (year BETWEEN 2027 AND 2029),
    granted_cents   INTEGER NOT NULL DEFAULT 0 CHECK (granted_cents >= 0)
) STRICT;
CREATE TABLE plan (
    id              TEXT PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    version         TEXT NOT NULL,
    theme           TEXT NOT NULL REFERENCES theme(theme),
    title           TEXT NOT NULL,
    document        TEXT NOT NULL
) STRICT;
-- One row of kept totals, changed only in the transaction that changes the rows they sum.
-- The CHECK is the last line of defence for the ceiling invariant (SPEC §3.6).
CREATE TABLE ledger (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    ceiling_cents   INTEGER NOT NULL CHECK (ceiling_cents > 0),
    granted_cents   INTEGER NOT NULL DEFAULT 0 CHECK (granted_cents >= 0),
    released_cents  INTEGER NOT NULL DEFAULT 0 CHECK (released_cents >= 0),
    pending_cents   INTEGER NOT NULL DEFAULT 0 CHECK (pending_cents >= 0),
    paid_cents      INTEGER NOT NULL DEFAULT 0 CHECK (paid_cents >= 0),
    audit_seq       INTEGER NOT NULL DEFAULT 0,
    audit_head      TEXT NOT NULL,
    CHECK (granted_cents - released_cents <= ceiling_cents)
) STRICT;
CREATE TABLE audit_event (
    seq             INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    actor           TEXT NOT NULL,
    action          TEXT NOT NULL,
    subject         TEXT NOT NULL,
    before          TEXT NOT NULL,
    after           TEXT NOT NULL,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL
) STRICT;
CREATE INDEX audit_event_subject ON audit_event(subject, seq);
