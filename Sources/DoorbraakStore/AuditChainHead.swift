import DoorbraakCore

/// The audit chain head (seq, hash) as one write transaction has it, so that a batch of events
/// does not read and rewrite the ledger row once per event. Valid only in the transaction it was
/// read in (`Database.transactionNumber`); the ledger row is brought up to date before COMMIT
/// (`Database.execute`) and before anything inside the transaction reads it (`AuditLog.head`,
/// `AuditLog.verify`). A ROLLBACK drops it with the transaction; a transaction SQLite ended by
/// itself (an I/O error) drops it too, so no head is ever written outside the events' transaction.
struct AuditChainHead {
    /// The transaction it belongs to.
    var transaction: Int
    /// The seq of the last event.
    var seq: Int64
    /// The hash of the last event.
    var hash: String
    /// Whether the ledger row still holds an older head.
    var dirty: Bool
}

extension Database {
    /// The cached head of this transaction, or nil (read it from the ledger).
    func currentChainHead() -> AuditChainHead? {
        guard let head = chainHead, inTransaction, head.transaction == transactionNumber else { return nil }
        return head
    }

    /// Writes a dirty cached head to the ledger row, inside its own transaction only.
    public func flushChainHead() throws(DoorbraakError) {
        guard var head = chainHead, head.dirty else { return }
        guard inTransaction, head.transaction == transactionNumber else {
            chainHead = nil
            return
        }
        try cached("UPDATE ledger SET audit_seq = ?, audit_head = ? WHERE id = 1").run([.integer(head.seq), .text(head.hash)])
        head.dirty = false
        chainHead = head
    }
}
