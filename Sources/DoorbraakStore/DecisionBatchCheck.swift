import DoorbraakCore
import Foundation

/// The row check of one batch of `nza decide --all`, on a second connection beside the batch's
/// writes (issue 21): every row the batch's requests rest on against the newest binding of its
/// key (`Store.requireDecidable(requests:…)`). It reads the state the batch's transaction began
/// with: it begins while the batch holds the write lock (no commit can come between) and the
/// batch's own writes are not committed, so invisible to it. The batch waits for it before it
/// commits, and commits only when every row passed; a finding rolls the batch back.
final class DecisionBatchCheck: @unchecked Sendable {
    private let store: Store
    private let done = DispatchSemaphore(value: 0)
    private var refusal: DoorbraakError?

    /// A check on `store`, a read-only connection to the batch's database.
    init(on store: Store) { self.store = store }

    /// Starts checking the rows of `requests`, their registered submissions and their plans.
    func start(requests: [String], submissions: [Int64], plans: [String]) {
        let thread = Thread { [self] in
            do throws(DoorbraakError) {
                try store.db.readTransaction { () throws(DoorbraakError) in
                    try store.requireDecidable(requests: requests, submissions: submissions, plans: plans)
                }
            } catch {
                refusal = error
            }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the check: its refusal (E-LEDGER naming the row), or nil when every row passed.
    func result() -> DoorbraakError? {
        done.wait()
        return refusal
    }
}
