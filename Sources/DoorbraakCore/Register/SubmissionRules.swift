/// The rules of the submission register (SPEC §3.2): who may replace or withdraw, and when.
public enum SubmissionRules {
    /// A replacement of an application in `status`, received on `received`, is allowed until the
    /// deadline (one submission moment, 004 line 212) and until an insurer has decided.
    public static func checkReplacement(of id: String, status: ApplicationStatus, received: Day, deadline: Day) throws(DoorbraakError) {
        if received > deadline {
            throw DoorbraakError(.late, "\(id) cannot be replaced after the submission deadline \(deadline); today is \(received)", field: "id")
        }
        if status == .withdrawn {
            throw DoorbraakError(.state, "\(id) was withdrawn; a withdrawn application cannot be replaced — submit a new one under a new id", field: "id")
        }
        guard status.isReplaceable else {
            throw DoorbraakError(.state, "\(id) is \(status): an insurer has decided, so it can no longer be replaced", field: "id")
        }
    }

    /// A signed replacement is new content: a signed file whose content was registered as an
    /// earlier version (`earlier`, replaced since by `current`) is refused. Its signature stays
    /// valid for ever, so anyone holding the file could roll the application back to it (an
    /// identity review of the twelfth landing: a mailroom clerk sent the penvoerder's signed
    /// version 1 again after version 2, and it was registered as version 3).
    public static func checkNotReplayed(_ id: String, earlier: Int?, current: Int) throws(DoorbraakError) {
        guard let earlier else { return }
        throw DoorbraakError(.signature, "this signed file is version \(earlier) of \(id), replaced since (version \(current) is registered): a signed file sent again would roll the application back; to return to that content, change it (for instance a sentence of the description) and sign it again", field: "id")
    }

    /// Applications are registered, replaced and decided on before the allocation: the round is
    /// allocated once, on every decision (SPEC §3.5). A business-date review of the twelfth
    /// landing registered a new application, back-dated with `--received`, and had both insurers
    /// approve it after the allocation — and after the period was closed. `doing`: what is
    /// refused ("registered", "decided on").
    public static func checkBeforeAllocation(_ id: String, allocatedOn: Day?, doing: String, field: String? = nil) throws(DoorbraakError) {
        guard let allocatedOn else { return }
        throw DoorbraakError(.state, "the round was allocated on \(allocatedOn): \(id) is not \(doing) after it — applications are registered and decided on before the allocation, which runs once", field: field)
    }

    /// An application may be withdrawn from any status before the beschikking is decided.
    /// `E-OWNER` when `actingFor` (the penvoerder a replacement names, or `--lead` of a
    /// withdrawal) is not the registered owner of `id` (SPEC §3.2).
    /// `field` is where `actingFor` came from: `lead`, or the first coalition member of a file
    /// without one (a newcomer was pointed at a `lead` the file did not have).
    public static func checkOwner(of id: String, owner: String?, actingFor: String?, doing: String, field: String = "lead") throws(DoorbraakError) {
        guard let owner, actingFor != owner else { return }
        throw DoorbraakError(.owner, "\(id) is owned by its penvoerder; only the penvoerder may \(doing) it\(actingFor.map { ", not provider \($0)" } ?? "")", field: field)
    }

    /// A second submission under a registered id with other content (SPEC §3.2): the owner is
    /// told to use `--replace`; anyone else that the id is taken (never to replace it).
    public static func duplicate(_ id: String, version: Int, status: ApplicationStatus, owner: String?, penvoerder: String?) -> DoorbraakError {
        if owner == nil || owner == penvoerder {
            // Not sent to `--replace` when that would be refused (a newcomer went in a circle).
            guard status.isReplaceable else {
                return DoorbraakError(.duplicate, "application \(id) was submitted before with other content (version \(version), \(status)); an insurer has decided on it, so it can no longer be replaced — withdraw it (`doorbraak application withdraw`) and submit the new content under a new id", field: "id")
            }
            return DoorbraakError(.duplicate, "application \(id) was submitted before with other content (version \(version), \(status)); to replace it before the deadline use `application submit --replace`", field: "id")
        }
        return DoorbraakError(.duplicate, "application id \(id) is already registered to another coalition; choose an id of your own", field: "id")
    }

    /// A withdrawal is possible until the beschikking is decided.
    public static func checkWithdrawal(of id: String, status: ApplicationStatus) throws(DoorbraakError) {
        if status.isFinal {
            throw DoorbraakError(.state, status == .withdrawn
                                 ? "\(id) was withdrawn already"
                                 : "\(id) is \(status): the NZa has decided on its beschikking, so it can no longer be withdrawn")
        }
    }

    /// The codes of an admission as the register keeps them: distinct, sorted, space-separated.
    public static func codes(of admission: Admission) -> String {
        Set(admission.errors.map(\.code.rawValue)).sorted().joined(separator: " ")
    }
}
