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
        for key in a.deviations { lines.append("deviation    \(key): \(app.deviations[key] ?? "(not explained)")") }
        lines.append(a.isAdmissible ? "admissible   yes" : "admissible   no: \(a.errors.count) check\(a.errors.count == 1 ? "" : "s") failed (\(Array(Set(a.errors.map(\.code.rawValue))).sorted().joined(separator: ", ")))")
        return lines.joined(separator: "\n")
    }

    typealias Reviews = [(insurer: String, decision: String, reason: String?, accepted: String, rejected: String, note: String, on: String)]

    /// The bovengrens as it stands now (lowered by releases); nil unless granted.
    static func bovengrensJSON(_ b: BeschikkingRecord?) -> JSONValue {
        guard let b, b.status == "granted" else { return .null }
        return .string(b.current.description)
    }

    static func milestoneJSON(_ m: ApplicationRecord.MilestoneState) -> JSONValue {
        let claim: JSONValue = m.claim.map { .string($0) } ?? .null
        let evidence: JSONValue = m.evidence.map { .string($0) } ?? .null
        return .object([("code", .string(m.code)), ("tariff", .string(m.tariff.description)), ("due", .string(m.due)),
                        ("status", .string(m.status)), ("paid", .string(m.paid.description)), ("released", .string(m.released.description)),
                        ("claim", claim), ("evidence", evidence)])
    }

    static func finalJSON(_ b: BeschikkingRecord?) -> JSONValue { .bool(b?.finalOn != nil) }

    /// The bovengrens as the NZa granted it.
    static func bovengrensGrantedJSON(_ b: BeschikkingRecord?) -> JSONValue {
        guard let b, b.status == "granted" else { return .null }
        return .string(b.bovengrens.description)
    }

    static func beschikkingJSON(_ b: BeschikkingRecord) -> JSONValue {
        let prestaties: [JSONValue] = b.prestaties.map { .object([("code", .string($0.code)), ("tariff", .string($0.tariff.description))]) }
        let decided: JSONValue = b.decidedOn.map { .string($0) } ?? .null
        let refusal: JSONValue = b.refusal.map { .string($0) } ?? .null
        return .object([("status", .string(b.status)), ("contract", .string(b.contract)), ("bovengrens", .string(b.current.description)),
                        ("bovengrens_granted", .string(b.bovengrens.description)), ("released", .string(b.released.description)),
                        ("paid", .string(b.paid.description)), ("final_on", b.finalOn.map { .string($0) } ?? .null),
                        ("requested_on", .string(b.requestedOn)), ("decided_on", decided), ("refusal", refusal), ("prestaties", .array(prestaties))])
    }

    static func showJSON(_ r: ApplicationRecord, audit: [AuditEvent], reviews: Reviews, allocation: AllocationRecord?, beschikking: BeschikkingRecord?) -> JSONValue {
        .object([
            ("id", .string(r.id.rawValue)),
            ("status", .string(r.status)),
            ("track", .string(r.track.rawValue)),
            ("plan", .string(r.plan)),
            ("theme", .string(r.theme.rawValue)),
            ("sector", .string(r.sector)),
            ("insurers", .object([("coordinating", .string(r.coordinating)), ("second", .string(r.second))])),
            ("requested", .string(r.requested.description)),
            ("fte_saved", .string(r.fte.description)),
            ("fte_per_mln", .string(r.impact.description)),
            ("deviations", .array(r.deviations.map { .string($0) })),
            ("received", .string(r.received.description)),
            ("reviews", .array(reviews.map { v in
                .object([("insurer", .string(v.insurer)), ("decision", .string(v.decision)), ("reason", v.reason.map { .string($0) } ?? .null),
                         ("accepted_deviations", .array(v.accepted.split(separator: " ").map { .string(String($0)) })),
                         ("rejected_deviations", .array(v.rejected.split(separator: " ").map { .string(String($0)) })),
                         ("note", .string(v.note)), ("date", .string(v.on))])
            })),
            ("allocation", allocation.map { a in
                .object([("allocated", .bool(a.allocated)), ("rank", .number(String(a.rank))), ("pass", .string(a.pass)),
                         ("room_before", .string(a.roomBefore.description)), ("reason", .string(a.reason))])
            } ?? .null),
            ("bovengrens", bovengrensJSON(beschikking)),
            ("bovengrens_granted", bovengrensGrantedJSON(beschikking)),
            ("final", finalJSON(beschikking)),
            ("beschikking", beschikking.map(beschikkingJSON) ?? .null),
            ("milestones", .array(r.milestones.map(milestoneJSON))),
            ("audit", .array(audit.map(AuditView.json))),
        ])
    }

    static func showText(_ r: ApplicationRecord, audit: [AuditEvent], reviews: Reviews, allocation: AllocationRecord?, beschikking: BeschikkingRecord?) -> String {
        let beschikkingText = beschikking.map { b in
            "\(b.status)\(b.finalOn.map { " (final since \($0))" } ?? ""), contract \(b.contract), bovengrens \(b.current.dutch)"
                + (b.released > .zero ? " (granted \(b.bovengrens.dutch), released \(b.released.dutch))" : "")
                + (b.paid > .zero ? ", paid \(b.paid.dutch)" : "") + ", requested \(b.requestedOn)"
                + (b.decidedOn.map { ", decided \($0)" } ?? "") + (b.refusal.map { " — \($0)" } ?? "")
                + (b.prestaties.isEmpty ? "" : "; prestaties " + b.prestaties.map { "\($0.code) \($0.tariff.dutch)" }.joined(separator: ", "))
        } ?? "not requested"

        var decisions = reviews.map { v in
            "  \(v.on)  insurer \(v.insurer): \(v.decision)\(v.reason.map { " \($0) (\(RejectionReason(rawValue: $0)?.meaning ?? ""))" } ?? "")"
                + (v.accepted.isEmpty ? "" : ", accepts \(v.accepted)") + (v.rejected.isEmpty ? "" : ", rejects \(v.rejected)") + (v.note.isEmpty ? "" : " — \(v.note)")
        }
        if decisions.isEmpty { decisions = ["  none yet"] }
        let allocationText = allocation.map { "\($0.allocated ? "allocated" : "not allocated"): \($0.reason)" } ?? "not yet run"
        var milestones = Table([("milestone", .left), ("tariff", .right), ("due", .left), ("status", .left), ("paid", .right), ("released", .right), ("claim", .left), ("evidence", .left)])
        for m in r.milestones { milestones.add([m.code, m.tariff.dutch, m.due, m.status, m.paid.dutch, m.released.dutch, m.claim ?? "-", m.evidence.map { $0.isEmpty ? "-" : $0 } ?? "-"]) }
        return """
        application  \(r.id)
        status       \(r.status)
        plan         \(r.plan) (\(r.theme.rawValue)), sector \(r.sector)
        insurers     coordinating \(r.coordinating), second \(r.second)
        requested    \(r.requested.dutch)
        impact       \(r.impact) fte per €mln (\(r.fte) fte)
        track        \(r.track.rawValue)\(r.deviations.isEmpty ? "" : " — deviations: " + r.deviations.joined(separator: ", "))
        received     \(r.received)
        allocation   \(allocationText)
        beschikking  \(beschikkingText)

        decisions
        \(decisions.joined(separator: "\n"))

        \(milestones.text)

        audit trail
        \(AuditView.table(audit))
        """
    }
}

/// How an import report is shown.
enum ImportView {
    /// 0 all rows new or unchanged, 65 a row was malformed, 1 a rule refused a row.
    static func exitCode(_ report: ImportReport) -> Int32 {
        switch report.worstKind {
        case nil: return ExitCode.done
        case .badInput?: return ExitCode.badInput
        default: return ExitCode.refused
        }
    }

    static func print(_ report: ImportReport, json: Bool) {
        if json {
            Output.json(.object([
                ("new", .number(String(report.new))),
                ("unchanged", .number(String(report.unchanged))),
                ("rejected", .number(String(report.rejected))),
                ("committed", .bool(report.committed)),
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
            ]))
        } else {
            for name in report.skipped { Output.error("skipped \(name): not a .json file") }
            for row in report.errors { Output.error("error: \(row.error)\(row.id.map { " [id \($0)]" } ?? "")") }
            if !report.committed {
                Output.line("nothing stored: \(report.rejected) row\(report.rejected == 1 ? "" : "s") failed (\(report.wouldBeNew) would have been new, \(report.unchanged) unchanged); fix them or use --partial")
            } else {
                Output.line("\(report.new) new, \(report.unchanged) unchanged, \(report.rejected) rejected")
            }
        }
    }
}
