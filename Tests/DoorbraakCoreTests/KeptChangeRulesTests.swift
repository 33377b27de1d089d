import DoorbraakCore
import Testing

/// Which events may change a kept value that money rests on (`KeptChangeRules`): both sides of
/// each kind of rule.
@Suite struct KeptChangeRulesTests {
    @Test(arguments: [
        // A guarded column: the actions that make the change, and one that does not.
        ("application", "fte_tenths", ["replace"], true),
        ("application", "fte_tenths", ["bar"], true),
        ("application", "fte_tenths", ["nza-decide"], false),
        ("application", "requested_cents", ["review", "nza-request"], false),
        ("beschikking", "bovengrens_cents", ["nza-request"], true),
        ("beschikking", "bovengrens_cents", ["final"], false),
        ("review", "decision", ["revise"], true),
        ("review", "decision", ["allocate"], false),
        ("party", "public_key", ["party-key"], true),
        ("party", "public_key", ["party"], false),
        ("party", "name", ["party"], true),
        // A table written once: no command changes any column, the upgrade may.
        ("claim", "amount_cents", ["payout", "refuse-claim", "release"], false),
        ("submission", "content_sha256", ["replace"], false),
        ("submission", "content_sha256", ["bind"], true),
        // A transaction of several events: one of them may make it.
        ("prestatie", "tariff_cents", ["nza-decide", "nza-request"], true),
        // Set by init and never changed: the macro ceiling and the themes' budgets.
        ("ledger", "ceiling_cents", ["nza-decide", "payout"], false),
        ("theme", "amount_cents", ["allocate", "reallocate"], false),
        // Not guarded: statuses, amounts paid, kept totals (recounted instead), other tables.
        ("application", "status", ["nza-decide"], true),
        ("beschikking", "paid_cents", ["payout"], true),
        ("theme", "granted_cents", ["nza-decide"], true),
        ("ledger", "granted_cents", ["nza-decide"], true),
    ] as [(String, String, Set<String>, Bool)])
    func allows(table: String, column: String, actions: Set<String>, allowed: Bool) {
        #expect(KeptChangeRules.allows(table: table, column: column, actions: actions) == allowed)
    }

    @Test(arguments: [
        // One step, and a path of steps of the same transaction's commands.
        ("application", "requested", "granted", ["nza-decide"], true),
        ("application", "submitted", "approved", ["review"], true),
        ("application", "inadmissible", "approved", ["bar", "review"], true),
        ("application", "allocated", "granted", ["nza-request", "nza-decide"], true),
        // Not a step of these commands.
        ("application", "allocated", "granted", ["nza-decide"], false),
        ("application", "rejected", "granted", ["nza-decide"], false),
        ("application", "rejected", "approved", ["review"], false),
        ("application", "not-allocated", "allocated", ["allocate"], false),
        ("application", "granted", "withdrawn", ["withdraw"], false),
        ("beschikking", "refused", "granted", ["nza-decide"], false),
        ("beschikking", "pending", "granted", ["nza-decide"], true),
        // Unchanged, the upgrade, a table without steps.
        ("application", "granted", "granted", ["payout"], true),
        ("application", "rejected", "granted", ["bind"], true),
        ("claim", "reached", "missed", ["payout"], true),
    ] as [(String, String, String, Set<String>, Bool)])
    func statusSteps(table: String, from: String, to: String, actions: Set<String>, allowed: Bool) {
        #expect(KeptChangeRules.allowsStatus(table: table, from: from, to: to, actions: actions) == allowed)
    }

    @Test func theUpgradeMayChangeAnything() {
        for (table, guards) in KeptChangeRules.guards {
            for column in guards.compactMap(\.columns).flatMap({ $0 }) + ["any"] {
                #expect(KeptChangeRules.allows(table: table, column: column, actions: ["bind"]))
            }
        }
    }
}
