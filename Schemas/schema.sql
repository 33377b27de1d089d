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
    code            TEXT NOT NULL,
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

-- migration 2: applications with their providers and milestones
CREATE TABLE application (
    id              TEXT PRIMARY KEY,
    plan            TEXT NOT NULL REFERENCES plan(id),
    theme           TEXT NOT NULL REFERENCES theme(theme),
    sector          TEXT NOT NULL,
    coordinating    TEXT NOT NULL,
    second          TEXT NOT NULL CHECK (second <> coordinating),
    requested_cents INTEGER NOT NULL CHECK (requested_cents > 0),
    fte_tenths      INTEGER NOT NULL CHECK (fte_tenths >= 0),
    track           TEXT NOT NULL CHECK (track IN ('limited', 'extended')),
    deviations      TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('submitted', 'in-review', 'approved', 'rejected',
                        'allocated', 'not-allocated', 'requested', 'granted', 'refused')),
    received_on     TEXT NOT NULL,
    content_sha256  TEXT NOT NULL,
    document        TEXT NOT NULL
) STRICT;
CREATE INDEX application_theme_status ON application(theme, status);
CREATE TABLE application_provider (
    application_id  TEXT NOT NULL REFERENCES application(id),
    agb             TEXT NOT NULL,
    name            TEXT NOT NULL,
    amount_cents    INTEGER NOT NULL CHECK (amount_cents >= 0),
    PRIMARY KEY (application_id, agb)
) STRICT, WITHOUT ROWID;
CREATE TABLE application_milestone (
    application_id  TEXT NOT NULL REFERENCES application(id),
    code            TEXT NOT NULL,
    tariff_cents    INTEGER NOT NULL CHECK (tariff_cents >= 0),
    due             TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'expected' CHECK (status IN ('expected', 'paid', 'released')),
    paid_cents      INTEGER NOT NULL DEFAULT 0 CHECK (paid_cents >= 0),
    PRIMARY KEY (application_id, code)
) STRICT, WITHOUT ROWID;

-- migration 3: insurer decisions and the round allocation
CREATE TABLE review (
    application_id  TEXT NOT NULL REFERENCES application(id),
    insurer         TEXT NOT NULL,
    decision        TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
    reason          TEXT CHECK (reason IN ('R1', 'R2', 'R3', 'R4', 'R5', 'R9')),
    accepted        TEXT NOT NULL,
    rejected        TEXT NOT NULL,
    note            TEXT NOT NULL,
    decided_on      TEXT NOT NULL,
    PRIMARY KEY (application_id, insurer),
    CHECK ((decision = 'approve') = (reason IS NULL))
) STRICT, WITHOUT ROWID;
CREATE TABLE allocation_run (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    run_on          TEXT NOT NULL,
    transfer        INTEGER NOT NULL CHECK (transfer IN (0, 1)),
    settings        TEXT NOT NULL
) STRICT;
CREATE TABLE allocation (
    application_id  TEXT PRIMARY KEY REFERENCES application(id),
    allocated       INTEGER NOT NULL CHECK (allocated IN (0, 1)),
    theme_rank      INTEGER NOT NULL CHECK (theme_rank > 0),
    pass            TEXT NOT NULL CHECK (pass IN ('theme', 'transfer', 'none')),
    room_before_cents INTEGER NOT NULL,
    reason          TEXT NOT NULL
) STRICT;

-- migration 4: NZa requests and beschikkingen with their prestaties
CREATE TABLE beschikking (
    application_id  TEXT PRIMARY KEY REFERENCES application(id),
    contract        TEXT NOT NULL CHECK (length(trim(contract)) > 0),
    bovengrens_cents INTEGER NOT NULL CHECK (bovengrens_cents > 0),
    status          TEXT NOT NULL CHECK (status IN ('pending', 'granted', 'refused')),
    requested_on    TEXT NOT NULL,
    decided_on      TEXT,
    refusal_code    TEXT,
    refusal_reason  TEXT,
    CHECK ((status = 'pending') = (decided_on IS NULL))
) STRICT;
-- Pending requests by size: refusing those that no longer fit is a range read, not a scan.
CREATE INDEX beschikking_pending_size ON beschikking(bovengrens_cents) WHERE status = 'pending';
CREATE TABLE prestatie (
    application_id  TEXT NOT NULL REFERENCES beschikking(application_id),
    milestone       TEXT NOT NULL,
    code            TEXT NOT NULL,
    tariff_cents    INTEGER NOT NULL CHECK (tariff_cents >= 0),
    PRIMARY KEY (application_id, milestone)
) STRICT, WITHOUT ROWID;

-- migration 5: the submission register (every version, admissible or not, with its codes);
-- applications may be inadmissible or withdrawn; the document lives in the register;
-- the board's lottery seed for ties in the ranking
CREATE TABLE submission (
    seq             INTEGER PRIMARY KEY,
    application_id  TEXT NOT NULL,
    version         INTEGER NOT NULL CHECK (version > 0),
    received_on     TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    admissible      INTEGER NOT NULL CHECK (admissible IN (0, 1)),
    codes           TEXT NOT NULL,
    content_sha256  TEXT NOT NULL,
    document        TEXT NOT NULL,
    UNIQUE (application_id, version)
) STRICT;
INSERT INTO submission (application_id, version, received_on, received_at, admissible, codes, content_sha256, document)
    SELECT id, 1, received_on, received_on, 1, '', content_sha256, document FROM application ORDER BY rowid;
CREATE TABLE application_new (
    id              TEXT PRIMARY KEY,
    plan            TEXT NOT NULL,
    theme           TEXT REFERENCES theme(theme),
    sector          TEXT NOT NULL,
    coordinating    TEXT NOT NULL,
    second          TEXT NOT NULL,
    requested_cents INTEGER NOT NULL CHECK (requested_cents >= 0),
    fte_tenths      INTEGER NOT NULL CHECK (fte_tenths >= 0),
    track           TEXT NOT NULL CHECK (track IN ('limited', 'extended')),
    deviations      TEXT NOT NULL,
    codes           TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('inadmissible', 'submitted', 'in-review', 'approved', 'rejected',
                        'allocated', 'not-allocated', 'requested', 'granted', 'refused', 'withdrawn')),
    received_on     TEXT NOT NULL,
    content_sha256  TEXT NOT NULL,
    submission_seq  INTEGER NOT NULL REFERENCES submission(seq),
    -- Only a registered refusal may lack what admission guarantees.
    CHECK (status IN ('inadmissible', 'withdrawn') OR (codes = '' AND theme IS NOT NULL AND requested_cents > 0 AND second <> coordinating))
) STRICT;
INSERT INTO application_new (id, plan, theme, sector, coordinating, second, requested_cents, fte_tenths, track, deviations,
                             codes, status, received_on, content_sha256, submission_seq)
    SELECT a.id, a.plan, a.theme, a.sector, a.coordinating, a.second, a.requested_cents, a.fte_tenths, a.track, a.deviations,
           '', a.status, a.received_on, a.content_sha256, s.seq
    FROM application a JOIN submission s ON s.application_id = a.id AND s.version = 1;
DROP TABLE application;
ALTER TABLE application_new RENAME TO application;
CREATE INDEX application_theme_status ON application(theme, status);
CREATE INDEX application_status ON application(status);
ALTER TABLE allocation_run ADD COLUMN seed TEXT NOT NULL DEFAULT '';

-- migration 6: milestone claims, payouts, releases (amendments of the bovengrens) and final
-- beschikkingen (SPEC §3.7); reallocation of freed room (SPEC §3.5)
CREATE TABLE claim (
    claim_id        TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL REFERENCES beschikking(application_id),
    milestone       TEXT NOT NULL,
    provider        TEXT NOT NULL,
    insurer         TEXT NOT NULL,
    amount_cents    INTEGER NOT NULL CHECK (amount_cents >= 0),
    claim_date      TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('reached', 'missed')),
    evidence        TEXT NOT NULL,
    content         TEXT NOT NULL,
    imported_on     TEXT NOT NULL,
    CHECK ((status = 'missed') = (amount_cents = 0))
) STRICT;
-- One claim settles a milestone: the last line of defence against paying it twice.
CREATE UNIQUE INDEX claim_milestone ON claim(application_id, milestone);
CREATE INDEX claim_insurer_date ON claim(insurer, claim_date);
-- Every lowering of a bovengrens: a missed milestone, or the rest when the beschikking became final.
CREATE TABLE bovengrens_release (
    id              INTEGER PRIMARY KEY,
    application_id  TEXT NOT NULL REFERENCES beschikking(application_id),
    kind            TEXT NOT NULL CHECK (kind IN ('missed', 'final')),
    milestone       TEXT,
    claim_id        TEXT NOT NULL REFERENCES claim(claim_id),
    insurer         TEXT NOT NULL,
    year            INTEGER NOT NULL CHECK (year BETWEEN 2027 AND 2029),
    amount_cents    INTEGER NOT NULL CHECK (amount_cents > 0),
    released_on     TEXT NOT NULL
) STRICT;
CREATE INDEX bovengrens_release_application ON bovengrens_release(application_id);
CREATE INDEX bovengrens_release_insurer_year ON bovengrens_release(insurer, year);
-- Kept per beschikking: the current bovengrens is bovengrens_cents − released_cents.
ALTER TABLE beschikking ADD COLUMN released_cents INTEGER NOT NULL DEFAULT 0 CHECK (released_cents >= 0);
ALTER TABLE beschikking ADD COLUMN paid_cents INTEGER NOT NULL DEFAULT 0
    CHECK (paid_cents >= 0 AND paid_cents + released_cents <= bovengrens_cents);
ALTER TABLE beschikking ADD COLUMN final_on TEXT;
ALTER TABLE allocation ADD COLUMN reallocated_on TEXT;

-- migration 7: verantwoording: the providers' actual cost lines and the monitoring of the
-- realised impact (SPEC §3.8)
-- One row per cost line id; a line with a finding (P2, P3, P4, P6) is stored with it, P7 never.
CREATE TABLE cost_line (
    line_id         TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL REFERENCES beschikking(application_id),
    provider        TEXT NOT NULL,
    year            INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    category        TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('incidental', 'structural')),
    amount_cents    INTEGER NOT NULL CHECK (amount_cents >= 0),
    description     TEXT NOT NULL,
    content         TEXT NOT NULL,
    findings        TEXT NOT NULL,
    imported_on     TEXT NOT NULL
) STRICT;
CREATE INDEX cost_line_application ON cost_line(application_id, provider, year);
-- Realised fte (kpi 'fte', tenths x 1000) and plan KPIs (K1, K2, ...) per peildatum, in ten-thousandths.
CREATE TABLE measurement (
    application_id  TEXT NOT NULL REFERENCES beschikking(application_id),
    peildatum       TEXT NOT NULL,
    kpi             TEXT NOT NULL,
    value_units     INTEGER NOT NULL,
    imported_on     TEXT NOT NULL,
    PRIMARY KEY (application_id, peildatum, kpi)
) STRICT, WITHOUT ROWID;

-- migration 8 (trust): the newest event of each action in one index lookup, so the check of
-- the kept totals against the seal in the newest money event stays flat (see LedgerSeal)
CREATE INDEX audit_event_action ON audit_event(action, seq);

-- migration 9: claims a payout rule refused, kept so that importing the same file again
-- refuses them again instead of paying one that later happens to fit (the insurer sends a
-- corrected claim under a new id)
CREATE TABLE claim_refusal (
    claim_id        TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL,
    content         TEXT NOT NULL,
    code            TEXT NOT NULL,
    message         TEXT NOT NULL,
    refused_on      TEXT NOT NULL
) STRICT;

-- migration 10 (speed): a CHECK listing three or more values made SQLite build a temporary
-- b-tree on every insert or update of that column (17% of a reviews import, measured with
-- callgrind). The same constraints as OR chains. Only the text of a constraint changes,
-- not its meaning nor the stored rows, so the schema is edited in place as SQLite documents
-- for constraint changes (ALTER TABLE, "making other kinds of table schema changes");
-- `migrate()` then raises the schema version so that every connection reads it anew.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'bar_scenario IN (''A'', ''B'', ''C'')', '(bar_scenario = ''A'' OR bar_scenario = ''B'' OR bar_scenario = ''C'')') WHERE type = 'table' AND name = 'round';
UPDATE sqlite_schema SET sql = replace(sql, 'status IN (''expected'', ''paid'', ''released'')', '(status = ''expected'' OR status = ''paid'' OR status = ''released'')') WHERE type = 'table' AND name = 'application_milestone';
UPDATE sqlite_schema SET sql = replace(sql, 'reason IN (''R1'', ''R2'', ''R3'', ''R4'', ''R5'', ''R9'')', '(reason = ''R1'' OR reason = ''R2'' OR reason = ''R3'' OR reason = ''R4'' OR reason = ''R5'' OR reason = ''R9'')') WHERE type = 'table' AND name = 'review';
UPDATE sqlite_schema SET sql = replace(sql, 'pass IN (''theme'', ''transfer'', ''none'')', '(pass = ''theme'' OR pass = ''transfer'' OR pass = ''none'')') WHERE type = 'table' AND name = 'allocation';
UPDATE sqlite_schema SET sql = replace(sql, 'status IN (''pending'', ''granted'', ''refused'')', '(status = ''pending'' OR status = ''granted'' OR status = ''refused'')') WHERE type = 'table' AND name = 'beschikking';
UPDATE sqlite_schema SET sql = replace(sql, 'status IN (''inadmissible'', ''submitted'', ''in-review'', ''approved'', ''rejected'',' || char(10) || '                        ''allocated'', ''not-allocated'', ''requested'', ''granted'', ''refused'', ''withdrawn'')', '(status = ''inadmissible'' OR status = ''submitted'' OR status = ''in-review'' OR status = ''approved'' OR status = ''rejected'' OR status = ''allocated'' OR status = ''not-allocated'' OR status = ''requested'' OR status = ''granted'' OR status = ''refused'' OR status = ''withdrawn'')') WHERE type = 'table' AND name = 'application';
PRAGMA writable_schema = OFF;

-- migration 11 (trust): every row bound to the chain (SPEC §3.9). An event records its
-- business date and a commitment to the rows its transaction wrote; row_binding holds, per
-- table and key, the image of each row as each event left it (NULL: deleted), so that
-- `audit verify` can rebuild the expected state and a money command can check a row in one
-- lookup. The kept totals are bound like any row, so the seals in the event text go, and
-- with them the index that found the newest seal.
ALTER TABLE audit_event ADD COLUMN on_day TEXT;
ALTER TABLE audit_event ADD COLUMN rows_sha256 TEXT;
CREATE TABLE row_binding (
    tbl             TEXT NOT NULL,
    key             TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    image           BLOB,
    PRIMARY KEY (tbl, key, seq)
) STRICT, WITHOUT ROWID;
DROP INDEX audit_event_action;
-- The current bovengrenzen recounted before money moves: a covering range, not the table.
CREATE INDEX beschikking_granted ON beschikking(bovengrens_cents, released_cents) WHERE status = 'granted';

-- migration 12 (time and identity, SPEC §3.2, §3.10): the register of parties with their
-- OpenSSH keys; per submitted version its penvoerder (`lead`, the owner), the business date
-- it was entered (a late entry keeps its receipt date apart) and the party that signed it;
-- whether the round demands signed party files. A database from before gets its versions'
-- penvoerder from their documents (the first coalition member) and, in Swift, the Dutch
-- insurers registered; the upgrade then binds every row anew.
CREATE TABLE party (
    role            TEXT NOT NULL CHECK (role = 'insurer' OR role = 'provider' OR role = 'nza' OR role = 'board'),
    id              TEXT NOT NULL,
    name            TEXT NOT NULL,
    public_key      TEXT,
    PRIMARY KEY (role, id)
) STRICT, WITHOUT ROWID;
ALTER TABLE submission ADD COLUMN lead TEXT;
ALTER TABLE submission ADD COLUMN entered_on TEXT;
ALTER TABLE submission ADD COLUMN signed_by TEXT;
UPDATE submission SET lead = json_extract(document, '$.coalition[0].agb'), entered_on = received_on;
ALTER TABLE round ADD COLUMN require_signatures INTEGER NOT NULL DEFAULT 0 CHECK (require_signatures = 0 OR require_signatures = 1);

-- migration 13 (the money after the beschikking, issue 19): a milestone is paid in parts,
-- each by a coalition member under its own claim (004 lines 238, 286, 2700), so one claim
-- per milestone gives way to: the parts never above the tariff (a trigger, the last line of
-- defence), status `reached` at the first part and `paid` when the parts reach the tariff.
-- `round close` releases what is unpaid without a claim (kind `close`). The region is kept
-- per application for the spreiding (004 line 219). Constraints are widened in place as
-- migration 10 did (no stored row changes meaning).
DROP INDEX claim_milestone;
CREATE INDEX claim_application_milestone ON claim(application_id, milestone);
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '(status = ''expected'' OR status = ''paid'' OR status = ''released'')', '(status = ''expected'' OR status = ''reached'' OR status = ''paid'' OR status = ''released'')') WHERE type = 'table' AND name = 'application_milestone';
UPDATE sqlite_schema SET sql = replace(replace(sql, 'kind IN (''missed'', ''final'')', '(kind = ''missed'' OR kind = ''final'' OR kind = ''close'')'), 'claim_id        TEXT NOT NULL REFERENCES claim(claim_id)', 'claim_id        TEXT REFERENCES claim(claim_id)') WHERE type = 'table' AND name = 'bovengrens_release';
PRAGMA writable_schema = OFF;
CREATE TRIGGER milestone_within_tariff BEFORE UPDATE OF paid_cents ON application_milestone
    WHEN NEW.paid_cents > NEW.tariff_cents BEGIN SELECT RAISE(ABORT, 'a milestone paid above its tariff'); END;
ALTER TABLE application ADD COLUMN region TEXT;
UPDATE application SET region = (SELECT json_extract(s.document, '$.region') FROM submission s WHERE s.seq = application.submission_seq);
ALTER TABLE round ADD COLUMN closed_on TEXT;
-- A milestone paid below its tariff by one claim was settled before parts existed: on a
-- final beschikking the rest was released with it; on a running one it is reached, and
-- the rest may now be claimed in parts.
UPDATE application_milestone SET status = CASE
        WHEN (SELECT final_on FROM beschikking b WHERE b.application_id = application_milestone.application_id) IS NOT NULL THEN 'released'
        ELSE 'reached' END
    WHERE status = 'paid' AND paid_cents < tariff_cents;

-- migration 14 (issue 21): the recount of the committed amount before money moves reads
-- the partial index alone. Without `status` in it SQLite did not take it as covering and
-- sought every granted beschikking in its table: 17 ms of one `nza decide` at 100,000.
DROP INDEX beschikking_granted;
CREATE INDEX beschikking_granted ON beschikking(status, bovengrens_cents, released_cents) WHERE status = 'granted';

-- migration 15 (issue 21): the same index with `status` last. With it first, SQLite read
-- the recount as a range on status and compared every entry with the range's end; with it
-- last the recount scans the partial index whole (in `sqlite3` at 100,000 granted
-- beschikkingen: 88 → 62 million instructions).
DROP INDEX beschikking_granted;
CREATE INDEX beschikking_granted ON beschikking(bovengrens_cents, released_cents, status) WHERE status = 'granted';

-- migration 16 (issue 21): no table changes. `nza decide --all` writes its decisions by
-- application id, in batches, under a lock beside the database (`<db>-decisions`) that
-- every request, withdrawal, single decision and release takes; a doorbraak before it
-- takes no such lock and could come between two batches, so it must not open this
-- database: the schema version tells it so.
SELECT 1;

-- migration 17 (the insurers' plausibility test, 004 lines 272 and 2868): an insurer that
-- paid the line's provider judges a stored cost line not plausible above a plausible part
-- (zero: none of it), saying why; once every insurer that paid the provider did, the rest
-- of the line is not eligible (P8). One row per line and insurer, written once: final.
CREATE TABLE cost_rejection (
    line_id         TEXT NOT NULL REFERENCES cost_line(line_id),
    insurer         TEXT NOT NULL,
    plausible_cents INTEGER NOT NULL CHECK (plausible_cents >= 0),
    note            TEXT NOT NULL CHECK (length(note) > 0),
    rejected_on     TEXT NOT NULL,
    PRIMARY KEY (line_id, insurer)
) STRICT, WITHOUT ROWID;

-- migration 18 (an attacker's review of the eighteenth landing): a `nza decide --all` of
-- more than one transaction, from its first commit to its end, as a row the chain binds
-- (its guard read the run's newest event as written: edited for the length of one
-- command, a single decision was taken while the run was unfinished).
CREATE TABLE decide_all_run (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    begun_on TEXT NOT NULL,
    planned  INTEGER NOT NULL CHECK (planned > 0)
) STRICT;
