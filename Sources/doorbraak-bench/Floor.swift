/// The floor of each import: `sqlite3` making the writes that the import makes — the same rows
/// in the same tables with their indexes, constraints, one audit event per change and one
/// `row_binding` per row written (its image a random blob of the size doorbraak's images have in
/// this workload) — set-based in one transaction, without checking a single rule, parsing an
/// amount exactly or hashing anything (a random blob stands in for each SHA-256).
/// `doorbraak-bench --check-floor` compares its row count per table with the import's. No implementation of the import that
/// stores what SPEC §3 asks can be faster than this; the bench sets each import beside it, so
/// that the reader sees how much of the gap to the bare `.import` is the writes themselves.
///
/// Each script runs on a copy of the database taken just before the import (`.backup`).
enum Floor {
    /// The seq of the event that binds a transaction's rows: its last one.
    static let lastEvent = "(SELECT max(seq) FROM audit_event)"

    /// A row key as `RowKey.text` writes one of several parts: `<bytes>:<part>` each.
    static func key(_ parts: String...) -> String {
        parts.map { "length(CAST(\($0) AS BLOB)) || ':' || \($0)" }.joined(separator: " || ")
    }

    /// The applications the import admitted, read from the database it wrote (`outcome`): the
    /// floor checks no rule, so it is told which ones get their coalition and milestones stored.
    static func applications(_ file: String, today: String, outcome: String) -> String {
        """
        ATTACH '\(outcome)' AS outcome;
        CREATE TEMP TABLE admitted AS SELECT id FROM outcome.application WHERE status <> 'inadmissible' AND received_on = '\(today)';
        DETACH outcome;
        BEGIN;
        CREATE TEMP TABLE raw(line TEXT);
        .mode ascii
        .separator "\\037" "\\n"
        .import \(file) raw
        INSERT INTO submission (application_id, version, received_on, received_at, admissible, codes, content_sha256, document)
          SELECT json_extract(line, '$.id'), 1, '\(today)', '\(today)T00:00:00Z', json_extract(line, '$.id') IN admitted, '', hex(randomblob(32)), json(line) FROM raw;
        CREATE TEMP TABLE a AS SELECT s.seq, s.application_id AS app, s.document AS d, p.theme, s.application_id IN admitted AS ok
          FROM submission s LEFT JOIN plan p ON p.id = json_extract(s.document, '$.plan') WHERE s.received_on = '\(today)';
        INSERT INTO application (id, plan, theme, sector, coordinating, second, requested_cents, fte_tenths, track, deviations, codes, status, received_on, content_sha256, submission_seq)
          SELECT app, json_extract(d, '$.plan'), coalesce(theme, 'ai'), json_extract(d, '$.sector'), json_extract(d, '$.insurers.coordinating'), json_extract(d, '$.insurers.second'),
            CAST(round(json_extract(d, '$.requested') * 100) AS INTEGER), CAST(round(json_extract(d, '$.impact.fte_saved') * 10) AS INTEGER), 'limited', '',
            CASE WHEN ok THEN '' ELSE 'E-PLAN' END, CASE WHEN ok THEN 'submitted' ELSE 'inadmissible' END, '\(today)', hex(randomblob(32)), seq FROM a;
        INSERT OR IGNORE INTO application_provider (application_id, agb, name, amount_cents)
          SELECT a.app, json_extract(c.value, '$.agb'), json_extract(c.value, '$.name'), CAST(round(json_extract(c.value, '$.amount') * 100) AS INTEGER)
          FROM a, json_each(a.d, '$.coalition') c WHERE a.ok;
        INSERT OR IGNORE INTO application_milestone (application_id, code, tariff_cents, due)
          SELECT a.app, json_extract(m.value, '$.code'), CAST(round(json_extract(m.value, '$.tariff') * 100) AS INTEGER), json_extract(m.value, '$.due')
          FROM a, json_each(a.d, '$.milestones') m WHERE a.ok;
        \(events("'submit'", subject: "app", before: "'-'", after: "'version 1 submitted, track limited, requested € ' || json_extract(d, '$.requested') || ', sha256 ' || lower(hex(randomblob(8)))", from: "a", today: today))
        INSERT INTO row_binding (tbl, key, seq, image)
          SELECT 'submission', CAST(seq AS TEXT), \(lastEvent), randomblob(195) FROM a
          UNION ALL SELECT 'application', app, \(lastEvent), randomblob(263) FROM a
          UNION ALL SELECT 'application_provider', \(key("p.application_id", "p.agb")), \(lastEvent), randomblob(72)
            FROM application_provider p WHERE p.application_id IN (SELECT app FROM a WHERE ok)
          UNION ALL SELECT 'application_milestone', \(key("m.application_id", "m.code")), \(lastEvent), randomblob(73)
            FROM application_milestone m WHERE m.application_id IN (SELECT app FROM a WHERE ok);
        COMMIT;
        """
    }

    static func reviews(_ file: String, today: String) -> String {
        """
        BEGIN;
        CREATE TEMP TABLE t(application_id TEXT, insurer TEXT, decision TEXT, reason TEXT, accepted_deviations TEXT, note TEXT);
        .import --csv --skip 1 \(file) t
        CREATE TEMP TABLE decided AS SELECT id FROM application WHERE status IN ('submitted', 'in-review') AND id IN (SELECT application_id FROM t);
        INSERT OR IGNORE INTO review (application_id, insurer, decision, reason, accepted, rejected, note, decided_on)
          SELECT application_id, insurer, decision, NULLIF(reason, ''), CASE WHEN decision = 'approve' THEN replace(accepted_deviations, '|', ' ') ELSE '' END,
            '', note, '\(today)' FROM t WHERE application_id IN decided;
        UPDATE application SET status = 'approved' WHERE id IN decided;
        \(events("'review'", subject: "application_id", before: "'submitted'", after: """
            'in-review (' || decision || CASE WHEN reason <> '' THEN ' ' || reason ELSE '' END
              || CASE WHEN accepted_deviations <> '' THEN CASE WHEN decision = 'approve' THEN ' accepting [' ELSE ' [' END || replace(accepted_deviations, '|', ' ') || ']' ELSE '' END
              || ' on version 1)' || CASE WHEN decision = 'reject' THEN ' — ' || note ELSE '' END
            """, from: "t", today: today))
        INSERT INTO row_binding (tbl, key, seq, image)
          SELECT 'review', \(key("application_id", "insurer")), \(lastEvent), randomblob(83) FROM t WHERE application_id IN decided
          UNION ALL SELECT 'application', id, \(lastEvent), randomblob(262) FROM decided;
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
            application_id || milestone || provider || insurer || CAST(round(amount * 100) AS INTEGER) || date || status || evidence, '\(today)' FROM t;
        UPDATE application_milestone SET status = 'paid', paid_cents = tariff_cents WHERE (application_id, code) IN (SELECT application_id, milestone FROM t);
        UPDATE beschikking SET paid_cents = bovengrens_cents - released_cents, final_on = '\(today)' WHERE application_id IN (SELECT application_id FROM t);
        UPDATE ledger SET paid_cents = paid_cents + (SELECT sum(CAST(round(amount * 100) AS INTEGER)) FROM t) WHERE id = 1;
        \(events("'payout'", subject: "application_id", before: "milestone || ' expected'", after: """
            milestone || ' paid: part € ' || amount || ' to provider ' || provider || ' (claim ' || claim_id || ', ' || date || ', evidence ' || evidence
              || '), € ' || amount || ' of its tariff € ' || amount || '; paid in total € ' || amount || ' of bovengrens € ' || amount
            """, from: "t", today: today))
        \(events("'final'", subject: "application_id", before: "'granted, bovengrens € ' || amount", after: """
            'final: every milestone settled (claim ' || claim_id || '); bovengrens € ' || amount || ' = paid in total'
            """, from: "t", today: today))
        INSERT INTO row_binding (tbl, key, seq, image)
          SELECT 'claim', claim_id, \(lastEvent), randomblob(222) FROM t
          UNION ALL SELECT 'application_milestone', \(key("application_id", "milestone")), \(lastEvent), randomblob(63) FROM t
          UNION ALL SELECT 'beschikking', application_id, \(lastEvent), randomblob(118) FROM t
          UNION ALL SELECT 'ledger', '1', \(lastEvent), randomblob(54);
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
            application_id || provider || year || category || kind || amount || description, '', '\(today)' FROM t;
        \(events("'cost'", subject: "application_id", before: "'-'", after: """
            'cost line ' || line_id || ': ' || year || ' ' || category || ' ' || kind || ' € ' || amount || ', provider ' || provider
            """, from: "t", today: today))
        INSERT INTO row_binding (tbl, key, seq, image) SELECT 'cost_line', line_id, \(lastEvent), randomblob(211) FROM t;
        COMMIT;
        """
    }

    static func monitoring(_ file: String, today: String) -> String {
        """
        BEGIN;
        CREATE TEMP TABLE t(application_id TEXT, peildatum TEXT, kpi TEXT, value TEXT);
        .import --csv --skip 1 \(file) t
        INSERT INTO measurement (application_id, peildatum, kpi, value_units, imported_on)
          SELECT application_id, peildatum, kpi, CAST(round(value * 10000) AS INTEGER), '\(today)' FROM t;
        \(events("'measurement'", subject: "application_id", before: "'-'", after: "kpi || ' = ' || value || ' on peildatum ' || peildatum", from: "t", today: today))
        INSERT INTO row_binding (tbl, key, seq, image)
          SELECT 'measurement', \(key("application_id", "peildatum", "kpi")), \(lastEvent), randomblob(61) FROM t;
        COMMIT;
        """
    }

    /// The writes of `nza decide --all` granting every pending request: the beschikking and the
    /// application set to granted, a prestatie per milestone, the kept totals (ledger, theme,
    /// spending year), one event per decision and a binding per row written — in one transaction
    /// with the page cache `decide --all` uses (64 MB). doorbraak commits in batches of 5,000 and
    /// binds the kept totals' rows (the ledger, the themes and spending years the batch changed)
    /// once per batch; the floor binds them as often, on each batch's last event. Nothing is
    /// checked, ranked or hashed. It writes in the order the import writes its decisions, by
    /// application id (`decide --all` ranks to decide who is granted, then writes the grants in
    /// the order of their keys, `DecisionPlan.writeOrder`): both insert the same keys in the same
    /// order. (In a random order, as before, the floor changed 271–301 pages of `row_binding`
    /// from run to run against the import's 271, and `--check-floor`'s 10% failed at random.)
    static func decideAll(today: String) -> String {
        """
        PRAGMA cache_size = -65536;
        BEGIN;
        CREATE TEMP TABLE t AS SELECT b.application_id AS id, b.bovengrens_cents AS g, a.theme AS theme, p.code AS plan
          FROM beschikking b JOIN application a ON a.id = b.application_id JOIN plan p ON p.id = a.plan WHERE b.status = 'pending' ORDER BY b.application_id;
        CREATE TEMP TABLE years AS SELECT DISTINCT CAST(substr(m.due, 1, 4) AS INTEGER) AS year FROM t JOIN application_milestone m ON m.application_id = t.id;
        UPDATE beschikking SET status = 'granted', decided_on = '\(today)' WHERE application_id IN (SELECT id FROM t);
        UPDATE application SET status = 'granted' WHERE id IN (SELECT id FROM t);
        INSERT INTO prestatie (application_id, milestone, code, tariff_cents)
          SELECT m.application_id, m.code, t.plan || '-' || m.code, m.tariff_cents FROM t JOIN application_milestone m ON m.application_id = t.id;
        UPDATE ledger SET granted_cents = granted_cents + (SELECT sum(g) FROM t), pending_cents = pending_cents - (SELECT sum(g) FROM t) WHERE id = 1;
        UPDATE theme SET granted_cents = granted_cents + coalesce((SELECT sum(g) FROM t WHERE t.theme = theme.theme), 0) WHERE theme IN (SELECT theme FROM t);
        UPDATE ledger_year SET granted_cents = granted_cents + 1 WHERE year IN years;
        CREATE TEMP TABLE mark AS SELECT max(seq) AS s FROM audit_event;
        \(events("'nza-decide'", subject: "id", before: "'requested'", after: "'granted, bovengrens ' || g || ', 1 prestaties ' || plan || '-M…; committed 123456789.00 of 600000000.00'", from: "t", today: today))
        CREATE TEMP TABLE batch_end AS SELECT seq FROM audit_event, mark
          WHERE seq > mark.s AND ((seq - mark.s) % 5000 = 0 OR seq = (SELECT max(seq) FROM audit_event));
        INSERT INTO row_binding (tbl, key, seq, image)
          SELECT 'beschikking', id, \(lastEvent), randomblob(118) FROM t
          UNION ALL SELECT 'application', id, \(lastEvent), randomblob(221) FROM t
          UNION ALL SELECT 'prestatie', \(key("m.application_id", "m.code")), \(lastEvent), randomblob(70) FROM t JOIN application_milestone m ON m.application_id = t.id
          UNION ALL SELECT 'ledger', '1', seq, randomblob(54) FROM batch_end
          UNION ALL SELECT 'theme', theme, seq, randomblob(46) FROM batch_end, (SELECT DISTINCT theme FROM t)
          UNION ALL SELECT 'ledger_year', CAST(year AS TEXT), seq, randomblob(18) FROM batch_end, years;
        COMMIT;
        """
    }

    /// One audit event per row of `from`, its texts as long as the import's (the same words with
    /// the amounts as written in the file), the import's millisecond timestamp, and random hex
    /// where the import hashes: the hash and the previous hash of every event, and the
    /// commitment over the rows a transaction bound on its last event only, as the import keeps it.
    private static func events(_ action: String, subject: String, before: String, after: String, from: String, today: String) -> String {
        """
        INSERT INTO audit_event (at, on_day, actor, action, subject, before, after, rows_sha256, prev_hash, hash)
          SELECT '\(today)T00:00:00.000Z', '\(today)', 'bench', \(action), \(subject), \(before), coalesce(\(after), ''), NULL, hex(randomblob(32)), hex(randomblob(32)) FROM \(from);
        UPDATE audit_event SET rows_sha256 = hex(randomblob(32)) WHERE seq = \(lastEvent);
        """
    }
}
