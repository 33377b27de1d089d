/// The floor of each import: `sqlite3` making the writes that the import makes — the same rows
/// in the same tables with their indexes, constraints and one audit event per change — set-based
/// in one transaction, without checking a single rule, parsing an amount exactly or hashing
/// anything (a random blob stands in for each SHA-256). No implementation of the import that
/// stores what SPEC §3 asks can be faster than this; the bench sets each import beside it, so
/// that the reader sees how much of the gap to the bare `.import` is the writes themselves.
///
/// Each script runs on a copy of the database taken just before the import (`.backup`).
enum Floor {
    static func applications(_ file: String, today: String) -> String {
        """
        BEGIN;
        CREATE TEMP TABLE raw(line TEXT);
        .mode ascii
        .separator "\\037" "\\n"
        .import \(file) raw
        INSERT INTO submission (application_id, version, received_on, received_at, admissible, codes, content_sha256, document)
          SELECT json_extract(line, '$.id'), 1, '\(today)', '\(today)T00:00:00Z', 1, '', hex(randomblob(32)), json(line) FROM raw;
        CREATE TEMP TABLE a AS SELECT s.seq, s.application_id AS app, s.document AS d, p.theme,
          p.theme IS NOT NULL AND json_extract(s.document, '$.insurers.coordinating') <> json_extract(s.document, '$.insurers.second')
            AND json_extract(s.document, '$.requested') > 0 AS ok
          FROM submission s LEFT JOIN plan p ON p.id = json_extract(s.document, '$.plan') WHERE s.received_on = '\(today)';
        INSERT INTO application (id, plan, theme, sector, coordinating, second, requested_cents, fte_tenths, track, deviations, codes, status, received_on, content_sha256, submission_seq)
          SELECT app, json_extract(d, '$.plan'), theme, json_extract(d, '$.sector'), json_extract(d, '$.insurers.coordinating'), json_extract(d, '$.insurers.second'),
            CAST(round(json_extract(d, '$.requested') * 100) AS INTEGER), CAST(round(json_extract(d, '$.impact.fte_saved') * 10) AS INTEGER), 'limited', '',
            CASE WHEN ok THEN '' ELSE 'E-PLAN' END, CASE WHEN ok THEN 'submitted' ELSE 'inadmissible' END, '\(today)', hex(randomblob(32)), seq FROM a;
        INSERT OR IGNORE INTO application_provider (application_id, agb, name, amount_cents)
          SELECT a.app, json_extract(c.value, '$.agb'), json_extract(c.value, '$.name'), CAST(round(json_extract(c.value, '$.amount') * 100) AS INTEGER)
          FROM a, json_each(a.d, '$.coalition') c;
        INSERT OR IGNORE INTO application_milestone (application_id, code, tariff_cents, due)
          SELECT a.app, json_extract(m.value, '$.code'), CAST(round(json_extract(m.value, '$.tariff') * 100) AS INTEGER), json_extract(m.value, '$.due')
          FROM a, json_each(a.d, '$.milestones') m;
        \(events("'submit'", subject: "app", before: "'-'", after: "'submitted'", from: "a", today: today))
        COMMIT;
        """
    }

    static func reviews(_ file: String, today: String) -> String {
        """
        BEGIN;
        CREATE TEMP TABLE t(application_id TEXT, insurer TEXT, decision TEXT, reason TEXT, accepted_deviations TEXT, note TEXT);
        .import --csv --skip 1 \(file) t
        INSERT OR IGNORE INTO review (application_id, insurer, decision, reason, accepted, rejected, note, decided_on)
          SELECT application_id, insurer, decision, NULLIF(reason, ''), CASE WHEN decision = 'approve' THEN replace(accepted_deviations, '|', ' ') ELSE '' END,
            '', note, '\(today)' FROM t WHERE application_id IN (SELECT id FROM application WHERE status IN ('submitted', 'in-review'));
        UPDATE application SET status = 'approved' WHERE status IN ('submitted', 'in-review') AND id IN (SELECT application_id FROM t);
        \(events("'review'", subject: "application_id", before: "'submitted'", after: "decision || ' ' || reason", from: "t", today: today))
        COMMIT;
        """
    }

    static func claims(_ file: String, today: String) -> String {
        """
        BEGIN;
        CREATE TEMP TABLE t(claim_id TEXT, application_id TEXT, milestone TEXT, provider TEXT, insurer TEXT, amount TEXT, date TEXT, status TEXT, evidence TEXT);
        .import --csv --skip 1 \(file) t
        INSERT INTO claim (claim_id, application_id, milestone, provider, insurer, amount_cents, claim_date, status, evidence, content, imported_on)
          SELECT claim_id, application_id, milestone, provider, insurer, CAST(round(amount * 100) AS INTEGER), date, status, evidence,
            claim_id || ',' || application_id || ',' || milestone || ',' || amount, '\(today)' FROM t;
        UPDATE application_milestone SET status = 'paid', paid_cents = tariff_cents WHERE (application_id, code) IN (SELECT application_id, milestone FROM t);
        UPDATE beschikking SET paid_cents = bovengrens_cents - released_cents, final_on = '\(today)' WHERE application_id IN (SELECT application_id FROM t);
        UPDATE ledger SET paid_cents = paid_cents + (SELECT sum(CAST(round(amount * 100) AS INTEGER)) FROM t) WHERE id = 1;
        \(events("'payout'", subject: "application_id", before: "'expected'", after: "'paid ' || amount", from: "t", today: today))
        \(events("'final'", subject: "application_id", before: "'granted'", after: "'final'", from: "t", today: today))
        COMMIT;
        """
    }

    static func costs(_ file: String, today: String) -> String {
        """
        BEGIN;
        CREATE TEMP TABLE t(line_id TEXT, application_id TEXT, provider TEXT, year TEXT, category TEXT, kind TEXT, amount TEXT, description TEXT);
        .import --csv --skip 1 \(file) t
        INSERT INTO cost_line (line_id, application_id, provider, year, category, kind, amount_cents, description, content, findings, imported_on)
          SELECT line_id, application_id, provider, CAST(year AS INTEGER), category, kind, CAST(round(amount * 100) AS INTEGER), description,
            line_id || ',' || application_id || ',' || amount, '', '\(today)' FROM t;
        \(events("'cost'", subject: "line_id", before: "'-'", after: "amount", from: "t", today: today))
        COMMIT;
        """
    }

    /// One audit event per row of `from`, with random blobs where the import hashes.
    private static func events(_ action: String, subject: String, before: String, after: String, from: String, today: String) -> String {
        """
        INSERT INTO audit_event (at, actor, action, subject, before, after, prev_hash, hash)
          SELECT '\(today)T00:00:00Z', 'bench', \(action), \(subject), \(before), coalesce(\(after), ''), hex(randomblob(32)), hex(randomblob(32)) FROM \(from);
        """
    }
}
