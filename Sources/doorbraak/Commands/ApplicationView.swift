import DoorbraakCore
import DoorbraakImport
import DoorbraakStore

/// How applications and imports are shown.
enum ApplicationView {
    static func errorJSON(_ e: DoorbraakError) -> JSONValue {
        .object([("code", .string(e.code.rawValue)), ("message", .string(e.message)), ("field", e.field.map { .string($0) } ?? .null)])
    }

    static func checkJSON(_ a: Admission) -> JSONValue {
        .object([
            ("admissible", .bool(a.isAdmissible)),
            ("track", .string(a.track.rawValue)),
            ("fte_per_mln", .string(a.impact.description)),
            ("deviations", .array(a.deviations.map { .string($0) })),
            ("errors", .array(a.errors.map(errorJSON))),
        ])
    }

    static func checkText(_ app: Application, _ a: Admission) -> String {
        var lines = [
            "application  \(app.id) (\(app.plan), \(app.sector))",
            "requested    \(app.requested.dutch)",
            "impact       \(a.impact) fte per €mln (\(app.impact.fteSaved) fte)",
            "track        \(a.track.rawValue)\(a.deviations.isEmpty ? " (follows the model plan)" : "")",
        ]
        for key in a.deviations { lines.append("deviation    \(key): \((app.deviations[key] ?? "(not explained)").replacingOccurrences(of: "\n", with: "\n             "))") }
        lines.append(a.isAdmissible ? "admissible   yes" : "admissible   no: \(a.errors.count) check\(a.errors.count == 1 ? "" : "s") failed (\(Array(Set(a.errors.map(\.code.rawValue))).sorted().joined(separator: ", ")))")
        return lines.joined(separator: "\n")
    }

    typealias Reviews = [(insurer: String, decision: String, reason: String?, accepted: String, rejected: String, note: String, on: String)]
    typealias Versions = [(version: Int, received: String, receivedAt: String, admissible: Bool, codes: String, sha256: String)]

    /// Why an application without an allocation record has none: only an approved one takes part
    /// (a newcomer read "not yet allocated" on a rejected application after the allocation).
    static func notInTheAllocation(_ status: String) -> String {
        switch ApplicationStatus(rawValue: status) {
        case .inadmissible?: return "not in the allocation: inadmissible at the register"
        case .rejected?: return "not in the allocation: rejected by an insurer"
        case .withdrawn?: return "not in the allocation: withdrawn"
        default: return "not yet allocated"
        }
    }

    /// Everything `application show` shows, read once.
    struct Shown {
        var record: ApplicationRecord
        /// The version that counts, parsed; nil only if the stored document no longer parses.
        var application: Application?
        var plan: ModelPlan?
        var audit: [AuditEvent]
        var reviews: Reviews
        var allocation: AllocationRecord?
        var beschikking: BeschikkingRecord?
        /// The claims a payout rule refused on it.
        var refusedClaims: [RefusedClaim] = []
        var versions: Versions
        /// The round's settings (bar, deadline), as the admission checks used them.
        var settings: RoundSettings? = nil
        /// The registered insurers' UZOVI codes.
        var insurers: Set<String> = []
        /// The registered name of each coalition member the application names otherwise, by AGB.
        var registeredNames: [String: String] = [:]
        /// The round's submission deadline.
        var deadline: Day? { settings?.deadline }

        /// Entered after the deadline by the wall clock while the receipt date (`--today`) says it
        /// was on time. Flagged, not refused: `--today` is also how a submission that arrived on
        /// time by post is registered late, so only the assessor can judge it; hiding it is what
        /// must not happen, so the real receipt time is shown beside the date and flagged.
        var enteredAfterDeadline: Bool {
            guard let deadline else { return false }
            return record.received <= deadline && String(record.receivedAt.prefix(10)) > deadline.description
        }
    }

    /// The bovengrens as it stands now (lowered by releases); nil unless granted.
    static func bovengrensJSON(_ b: BeschikkingRecord?) -> JSONValue {
        guard let b, b.status == .granted else { return .null }
        return .string(b.current.description)
    }

    static func milestoneJSON(_ m: ApplicationRecord.MilestoneState) -> JSONValue {
        .object([("code", .string(m.code)), ("tariff", .string(m.tariff.description)), ("due", .string(m.due)),
                 ("status", .string(m.status)), ("paid", .string(m.paid.description)), ("released", .string(m.released.description)),
                 ("parts", .array(m.parts.map { p in
                     .object([("claim", .string(p.claim)), ("provider", .string(p.provider)), ("insurer", .string(p.insurer)),
                              ("amount", .string(p.amount.description)), ("date", .string(p.date)), ("status", .string(p.status)),
                              ("evidence", .string(p.evidence))])
                 }))])
    }

    static func finalJSON(_ b: BeschikkingRecord?) -> JSONValue { .bool(b?.finalOn != nil) }

    /// The bovengrens as the NZa granted it.
    static func bovengrensGrantedJSON(_ b: BeschikkingRecord?) -> JSONValue {
        guard let b, b.status == .granted else { return .null }
        return .string(b.bovengrens.description)
    }

    static func beschikkingJSON(_ b: BeschikkingRecord) -> JSONValue {
        let prestaties: [JSONValue] = b.prestaties.map { .object([("code", .string($0.code)), ("tariff", .string($0.tariff.description))]) }
        let decided: JSONValue = b.decidedOn.map { .string($0) } ?? .null
        let refusal: JSONValue = b.refusal.map { .string($0) } ?? .null
        return .object([("status", .string(b.status.rawValue)), ("contract", .string(b.contract)), ("bovengrens", .string(b.current.description)),
                        ("bovengrens_granted", .string(b.bovengrens.description)), ("released", .string(b.released.description)),
                        ("paid", .string(b.paid.description)), ("final_on", b.finalOn.map { .string($0) } ?? .null),
                        ("requested_on", .string(b.requestedOn)), ("decided_on", decided), ("refusal", refusal), ("prestaties", .array(prestaties))])
    }

    private static func reviewJSON(_ v: Reviews.Element) -> JSONValue {
        .object([("insurer", .string(v.insurer)), ("decision", .string(v.decision)), ("reason", v.reason.map { .string($0) } ?? .null),
                 ("accepted_deviations", .array(v.accepted.split(separator: " ").map { .string(String($0)) })),
                 ("rejected_deviations", .array(v.rejected.split(separator: " ").map { .string(String($0)) })),
                 ("note", .string(v.note)), ("date", .string(v.on))])
    }

    private static func allocationJSON(_ a: AllocationRecord?) -> JSONValue {
        guard let a else { return .null }
        return .object([("allocated", .bool(a.allocated)), ("rank", .number(String(a.rank))), ("pass", .string(a.pass)),
                        ("room_before", .string(a.roomBefore.description)), ("reason", .string(a.reason))])
    }

    static func showJSON(_ s: Shown) -> JSONValue {
        let r = s.record
        let app = s.application
        let coalition: [JSONValue] = (app?.coalition ?? []).map { member in
            let registered: JSONValue = s.registeredNames[member.agb.rawValue].map { .string($0) } ?? .null
            return .object([("agb", .string(member.agb.rawValue)), ("name", .string(member.name)), ("registered_name", registered), ("amount", .string(member.amount.description))])
        }
        var members: [(String, JSONValue)] = [
            ("id", .string(r.id.rawValue)),
            ("status", .string(r.status)),
            ("track", .string(r.track.rawValue)),
            ("codes", .array(r.codes.map { .string($0) })),
            ("title", app.map { .string($0.title) } ?? .null),
            ("region", app.map { .string($0.region) } ?? .null),
            ("plan", .string(r.plan)),
            ("theme", r.theme.map { .string($0.rawValue) } ?? .null),
            ("sector", .string(r.sector)),
            ("insurers", .object([("coordinating", .string(r.coordinating)), ("second", .string(r.second))])),
            ("requested", .string(r.requested.description)),
        ]
        members += [
            ("coalition", .array(coalition)),
            ("budget", .array((app?.budget ?? []).map { .object([("year", .number(String($0.year))), ("category", .string($0.category.rawValue)), ("kind", .string($0.kind.rawValue)), ("amount", .string($0.amount.description))]) })),
            ("impact", .object([
                ("fte_saved", .string(r.fte.description)),
                ("fte_per_mln", .string(r.impact.description)),
                ("structural_costs_per_year", app.map { .string($0.impact.structuralCostsPerYear.description) } ?? .null),
                ("structural_savings_per_year", app.map { .string($0.impact.structuralSavingsPerYear.description) } ?? .null),
            ])),
            ("fte_saved", .string(r.fte.description)),
            ("fte_per_mln", .string(r.impact.description)),
            ("other_funding", .array((app?.otherFunding ?? []).map { .object([("source", .string($0.source)), ("reference", .string($0.reference)), ("same_scope", .bool($0.sameScope))]) })),
            ("basiseisen", .object((app?.basiseisen ?? [:]).sorted { (Int($0.key) ?? 99, $0.key) < (Int($1.key) ?? 99, $1.key) }.map { ($0.key, .string($0.value)) })),
            ("deviations", .object(r.deviations.map { ($0, .string(app?.deviations[$0] ?? "")) })),
        ]
        members += [
            ("received", .string(r.received.description)),
            ("entered", r.entered.map { .string($0) } ?? .null),
            ("lead", r.lead.map { .string($0) } ?? .null),
            ("signed_by", r.signedBy.map { .string($0) } ?? .null),
            ("received_at", .string(r.receivedAt)),
            ("entered_after_deadline", .bool(s.enteredAfterDeadline)),
            ("version", .number(String(r.version))),
            ("versions", .array(s.versions.map { v in
                .object([("version", .number(String(v.version))), ("received", .string(v.received)), ("received_at", .string(v.receivedAt)),
                         ("admissible", .bool(v.admissible)), ("codes", .array(v.codes.split(separator: " ").map { .string(String($0)) })), ("sha256", .string(v.sha256))])
            })),
            ("reviews", .array(s.reviews.map(reviewJSON))),
            ("allocation", allocationJSON(s.allocation)),
            ("bovengrens", bovengrensJSON(s.beschikking)),
            ("bovengrens_granted", bovengrensGrantedJSON(s.beschikking)),
            ("final", finalJSON(s.beschikking)),
            ("beschikking", s.beschikking.map(beschikkingJSON) ?? .null),
        ]
        members += [
            ("milestones", .array(r.milestones.map(milestoneJSON))),
            ("refused_claims", .array(s.refusedClaims.map { c in
                .object([("claim_id", .string(c.claim)), ("code", .string(c.code)), ("message", .string(c.message)), ("refused_on", .string(c.refusedOn))])
            })),
            ("audit", .array(s.audit.map { AuditView.json($0) })),
        ]
        return .object(members)
    }

    /// The application as an assessor reads it, in the order of the model plan: who and what,
    /// coalition, money, milestones against the plan's norms, impact, basiseisen, deviations with
    /// their explanations, then what happened to it.
    static func showText(_ s: Shown) -> String {
        let r = s.record
        var out: [String] = []
        // An item's later lines (prose with line feeds) are indented under it, so none reads as
        // an item of its own (an attacker's review forged a basiseis line).
        func section(_ title: String, _ body: [String]) {
            out.append(""); out.append(title); out += body.map { "  " + $0.replacingOccurrences(of: "\n", with: "\n      ") }
        }

        out.append("application  \(r.id)\(s.application.map { " — \($0.title)" } ?? "")")
        out.append("status       \(r.status)\(r.codes.isEmpty ? "" : " (\(r.codes.joined(separator: ", ")))")")
        out.append("plan         \(r.plan)\(s.plan.map { " — \($0.title), version \($0.version)" } ?? "")\(r.theme.map { " (theme \($0.rawValue))" } ?? "")")
        out.append("sector       \(r.sector)\(s.application.map { ", region \($0.region)" } ?? "")")
        out.append("insurers     coordinating \(r.coordinating), second \(r.second)")
        let late = r.entered.map { $0 > r.received.description ? ", a late entry on \($0)" : "" } ?? ""
        out.append("received     \(r.received) (version \(r.version), entered at \(r.receivedAt)\(late)\(r.signedBy.map { ", signed by \($0)" } ?? ""))")
        if let lead = r.lead { out.append("penvoerder   \(lead) (owns the application: only it replaces or withdraws)") }
        if s.enteredAfterDeadline, let deadline = s.deadline {
            out.append("WARNING      entered at \(r.receivedAt), after the deadline \(deadline), with a receipt date of \(r.received) (--today): check the proof of timely receipt")
        }
        out.append("track        \(r.track.rawValue)\(r.deviations.isEmpty ? " — follows the model plan in every normative point" : " — \(r.deviations.count) deviation\(r.deviations.count == 1 ? "" : "s") to judge")")

        guard let app = s.application else {
            out.append("(the stored document could not be read)")
            return out.joined(separator: "\n")
        }
        if !r.codes.isEmpty {
            let check = AdmissionCheck.run(app, plan: s.plan, settings: s.settings ?? .standard, received: r.received, insurers: s.insurers)
            section("why it is not admissible", check.errors.filter { r.codes.contains($0.code.rawValue) }.map { "\($0.code): \($0.message)\($0.field.map { " (\($0))" } ?? "")" })
        }

        var coalition = Table([("AGB", .left), ("provider", .left), ("share", .right)])
        for p in app.coalition {
            coalition.add([p.agb.rawValue, p.name + (s.registeredNames[p.agb.rawValue].map { " (registered as \($0))" } ?? ""), p.amount.dutch])
        }
        coalition.add(["", "requested", app.requested.dutch])
        section("coalition", coalition.text.split(separator: "\n").map(String.init))

        var budget = Table([("year", .left), ("category", .left), ("kind", .left), ("amount", .right)])
        for b in app.budget { budget.add([String(b.year), b.category.rawValue, b.kind.rawValue, b.amount.dutch]) }
        section("budget", budget.text.split(separator: "\n").map(String.init))

        var milestones = Table([("milestone", .left), ("title", .left), ("tariff", .right), ("share", .right), ("plan", .right), ("due", .left), ("plan latest", .left),
                                ("status", .left), ("paid", .right), ("released", .right)])
        let states = Dictionary(uniqueKeysWithValues: r.milestones.map { ($0.code, $0) })
        for m in app.milestones {
            let norm = s.plan?.milestones.first { $0.code == m.code }
            let share = m.tariff.percent(of: app.requested)
            let state = states[m.code.description]
            milestones.add([m.code.description, norm?.title ?? "(not in the plan)", m.tariff.dutch, share, norm.map { "\($0.share)%" } ?? "-",
                            m.due.description, norm?.latest.description ?? "-", state?.status ?? "-", state?.paid.dutch ?? "-",
                            state?.released.dutch ?? "-"])
        }
        section("milestones (prestaties)", milestones.text.split(separator: "\n").map(String.init))
        let claimed = r.milestones.flatMap { m in m.parts.map { (m.code, $0) } }
        if !claimed.isEmpty {
            var parts = Table([("milestone", .left), ("claim", .left), ("provider", .left), ("insurer", .left), ("date", .left), ("claimed", .left), ("paid", .right), ("evidence", .left)])
            for (code, p) in claimed {
                parts.add([code, p.claim, p.provider, p.insurer, p.date, p.status, p.amount.dutch, p.evidence.isEmpty ? "-" : p.evidence])
            }
            section("claims: the parts paid per coalition member", parts.text.split(separator: "\n").map(String.init))
        }
        if !s.refusedClaims.isEmpty {
            section("claims refused (a corrected claim needs a new id)", s.refusedClaims.map { "\($0.refusedOn)  \($0.claim)  \($0.code): \($0.message)" })
        }

        var impact = ["fte saved            \(app.impact.fteSaved) fte, \(r.impact) fte per €mln",
                      "structural costs     \(app.impact.structuralCostsPerYear) per year",
                      "structural savings   \(app.impact.structuralSavingsPerYear) per year"]
        if let plan = s.plan { impact.append("plan's plausible max \(plan.norms.plausibleMaxFtePerMln) fte per €mln") }
        section("impact and business case", impact)

        section("other funding", app.otherFunding.isEmpty ? ["none declared"] : app.otherFunding.map {
            "\($0.source) \($0.reference): \($0.sameScope ? "SAME scope (double funding)" : "other scope")"
        })

        section("basiseisen", (1...14).map { n in "\(n < 10 ? " " : "")\(n). \(app.basiseisen[String(n)] ?? "(no answer)")" })

        section("deviations from the model plan (pas toe of leg uit)", r.deviations.isEmpty ? ["none: limited review"] : r.deviations.map { key in
            "\(key): \(app.deviations[key].map { "\"\($0)\"" } ?? "(not explained)")"
        })

        var decisions = s.reviews.map { v in
            "\(v.on)  insurer \(v.insurer): \(v.decision)\(v.reason.map { " \($0) (\(RejectionReason(rawValue: $0)?.meaning ?? ""))" } ?? "")"
                + (v.accepted.isEmpty ? "" : ", accepts \(v.accepted)") + (v.rejected.isEmpty ? "" : ", rejects \(v.rejected)") + (v.note.isEmpty ? "" : " — \(v.note)")
        }
        if decisions.isEmpty { decisions = ["none yet"] }
        section("review decisions", decisions)

        section("round", [s.allocation.map { "\($0.allocated ? "allocated" : "not allocated"): \($0.reason)" } ?? notInTheAllocation(s.record.status)])
        let beschikking = s.beschikking.map { b in
            "\(b.status)\(b.finalOn.map { " (final since \($0))" } ?? ""), contract \(b.contract), bovengrens \(b.current.dutch)"
                + (b.released > .zero ? " (granted \(b.bovengrens.dutch), released \(b.released.dutch))" : "")
                + (b.paid > .zero ? ", paid \(b.paid.dutch)" : "") + ", requested \(b.requestedOn)"
                + (b.decidedOn.map { ", decided \($0)" } ?? "") + (b.refusal.map { " — \($0)" } ?? "")
        } ?? "not requested"
        section("NZa beschikking", [beschikking])

        if s.versions.count > 1 {
            section("versions", s.versions.map { v in
                "version \(v.version), received \(v.received) at \(v.receivedAt): \(v.admissible ? "admissible" : "inadmissible (\(v.codes))"), sha256 \(v.sha256.prefix(16))"
            })
        }
        out.append("")
        out.append("audit trail")
        out.append(AuditView.table(s.audit))
        return out.joined(separator: "\n")
    }
}

/// How an import report is shown.
enum ImportView {
    /// 0 all rows new or unchanged, 65 a row was malformed, 1 a rule refused a row.
    static func exitCode(_ report: ImportReport) -> Int32 {
        // A file that did not read cleanly is bad input, whatever its rows' codes (a newcomer's
        // try: a reason "R7" is E-REASON, a rule's code, and the import said "malformed" with exit 1).
        if report.stoppedAtMalformedRows { return ExitCode.badInput }
        switch report.worstKind {
        case nil: return ExitCode.done
        case .badInput?: return ExitCode.badInput
        case .missing?: return ExitCode.missing
        default: return ExitCode.refused
        }
    }

    /// `extra` adds members to the JSON object (after the SPEC's ones).
    static func print(_ report: ImportReport, json: Bool, extra: [(String, JSONValue)] = []) {
        if json {
            Output.json(.object([
                ("new", .number(String(report.new))),
                ("unchanged", .number(String(report.unchanged))),
                ("rejected", .number(String(report.rejected))),
                ("committed", .bool(report.committed)),
            ] + (report.registeredInadmissible.map { [("registered_inadmissible", JSONValue.number(String($0)))] } ?? [])
              + (report.chunksCheckedBesideWriter.map { [("chunks_checked_beside_writer", JSONValue.number(String($0)))] } ?? []) + [
                ("error_count", .number(String(report.errorCount))),
                ("errors", .array(report.errors.map { row in
                    .object([
                        ("line", row.line.map { .number(String($0)) } ?? .null),
                        ("file", row.file.map { .string($0) } ?? .null),
                        ("id", row.id.map { .string($0) } ?? .null),
                        ("code", .string(row.error.code.rawValue)),
                        ("message", .string(row.error.message)),
                        ("field", row.error.field.map { .string($0) } ?? .null),
                    ])
                })),
            ] + extra))
        } else {
            for name in report.skipped { Output.error("skipped \(name): not a .json file") }
            for row in report.errors { Output.error("error: \(row.error)\(row.id.map { " [id \($0)]" } ?? "")") }
            if report.errorCount > report.errors.count {
                Output.error("… and \(report.errorCount - report.errors.count) more errors (\(report.codes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")) in all)")
            }
            if report.stoppedAtMalformedRows {
                Output.line("nothing stored: \(report.rejected) malformed row\(report.rejected == 1 ? "" : "s"); the rules run once the file reads cleanly — fix \(report.rejected == 1 ? "it" : "them"), or use --partial to store the good rows")
            } else if !report.committed {
                Output.line("nothing stored: \(report.rejected) row\(report.rejected == 1 ? "" : "s") failed (\(report.wouldBeNew) would have been new, \(report.unchanged) unchanged); fix \(report.rejected == 1 ? "it" : "them") or use --partial")
            } else {
                let registered = report.registeredInadmissible.map { n in
                    n == 0 ? "" : " (\(n == report.rejected ? "all" : String(n)) registered as inadmissible with their codes: `doorbraak application list --status inadmissible`)"
                } ?? ""
                Output.line("\(report.new) new, \(report.unchanged) unchanged, \(report.rejected) rejected\(registered)")
            }
        }
    }
}
