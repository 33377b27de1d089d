import DoorbraakCore
@testable import DoorbraakStore
import Foundation
import Testing

/// Issue 18 end to end: business dates in order (E-DATE, each at its boundary: the day before
/// refused, the day itself accepted), the register of parties (E-INSURERS with the nearest
/// code), owned applications (E-OWNER, the template's id a placeholder), one insurer's file
/// (`--insurer`), and signed party files (`ssh-keygen -Y sign|verify`).
@Suite struct TimeAndIdentityTests {
    func round(decideOn: String? = nil) throws -> Sandbox {
        let s = try Sandbox()
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("T-1", 1_000_000_00, 5000)], decideOn: decideOn)
        return s
    }

    @Test func noDecisionBeforeTheNZaRulesTakeEffect() throws {
        let s = try round()
        defer { s.remove() }
        let early = try s.run(["nza", "decide", "--all"], today: "2026-12-31")
        #expect(early.status == 1 && early.stderr.contains("E-DATE") && early.stderr.contains("2027-01-01") && early.stderr.contains("004 line 284"), "\(early.stderr)")
        #expect(try s.sql("SELECT status FROM beschikking") == "pending", "nothing was decided")
        let long = try s.run(["nza", "decide", "T-1"], today: "2020-01-01")
        #expect(long.status == 1 && long.stderr.contains("E-DATE"))
        #expect(try s.run(["nza", "decide", "T-1"], today: "2027-01-01").status == 0, "the day the rules take effect")
    }

    @Test func noDecisionBeforeItsRequestAndNoRequestBeforeTheAllocation() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("T-1", 1_000_000_00, 5000)], decideOn: nil)
        // Requested on 2026-12-03 by the support; a second round with a request in January.
        let t = try Sandbox()
        defer { t.remove() }
        let plans = t.folder.appendingPathComponent("plans")
        try FileManager.default.createDirectory(at: plans, withIntermediateDirectories: true)
        try payoutTestPlan.write(to: plans.appendingPathComponent("payout-test.json"), atomically: true, encoding: .utf8)
        #expect(try t.run(["init", "--plans", plans.path, "--bar", "0.01"]).status == 0)
        #expect(try t.run(["import", "applications", try t.file("a.jsonl", payoutApplication("T-2", cents: 1_000_000_00, fteTenths: 5000))]).status == 0)
        #expect(try t.run(["import", "reviews", try t.file("r.csv", "application_id,insurer,decision,reason,accepted_deviations,note\nT-2,3311,approve,,,\nT-2,7029,approve,,,\n")]).status == 0)
        #expect(try t.run(["round", "allocate", "--seed", "s"], today: "2026-12-02").status == 0)
        let before = try t.run(["nza", "request", "T-2", "--contract", "OVK-2"], today: "2026-12-01")
        #expect(before.status == 1 && before.stderr.contains("E-DATE") && before.stderr.contains("2026-12-02"), "\(before.stderr)")
        #expect(try t.run(["nza", "request", "T-2", "--contract", "OVK-2"], today: "2027-01-10").status == 0)
        let early = try t.run(["nza", "decide", "T-2"], today: "2027-01-09")
        #expect(early.status == 1 && early.stderr.contains("E-DATE") && early.stderr.contains("2027-01-10"), "\(early.stderr)")
        let all = try t.run(["nza", "decide", "--all"], today: "2027-01-09")
        #expect(all.status == 1 && all.stderr.contains("E-DATE"), "decide --all does not decide a request filed later: \(all.stderr)")
        #expect(try t.run(["nza", "decide", "T-2"], today: "2027-01-10").status == 0)
    }

    @Test func aClaimDatedBeforeTheGrantIsRefusedNotPaid() throws {
        let s = try round(decideOn: "2027-01-10")
        defer { s.remove() }
        let before = try s.run(["import", "claims", "--json", try s.file("c1.csv", claimHeader + "C-1,T-1,M1,12345678,3311,300000.00,2027-01-09,reached,plan.pdf\n")], today: "2027-06-30")
        let beforeErrors = try json(before.stdout)["errors"] as? [[String: Any]]
        #expect(before.status == 1 && beforeErrors?.first?["code"] as? String == "E-DATE", "\(before.stdout)")
        #expect(try s.sql("SELECT paid_cents FROM ledger") == "0")
        // The issue's example: importing on 2027-01-01 what the NZa granted on 2027-01-10.
        let early = try s.run(["import", "claims", try s.file("c2.csv", claimHeader + "C-2,T-1,M1,12345678,3311,300000.00,2027-01-01,reached,plan.pdf\n")], today: "2027-01-01")
        #expect(early.status == 1 && early.stderr.contains("E-DATE"), "\(early.stderr)")
        let onTheDay = try s.run(["import", "claims", try s.file("c3.csv", claimHeader + "C-3,T-1,M1,12345678,3311,300000.00,2027-01-10,reached,plan.pdf\n")], today: "2027-06-30")
        #expect(onTheDay.status == 0, "\(onTheDay.stderr)")
    }

    @Test func aReviewIsNotDatedBeforeTheReceiptAndALateEntryKeepsItsReceipt() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        #expect(try s.run(["application", "submit", try s.file("a.json", try applicationLine("R-1"))], today: "2026-11-25").status == 0)
        let early = try s.run(["review", "R-1", "--insurer", "3311", "--approve"], today: "2026-11-24")
        #expect(early.status == 1 && early.stderr.contains("E-DATE") && early.stderr.contains("2026-11-25"), "\(early.stderr)")
        #expect(try s.run(["review", "R-1", "--insurer", "3311", "--approve"], today: "2026-11-25").status == 0)
        // Nothing is dated before the round was opened (init on 2026-11-23), a receipt neither.
        let beforeInit = try s.run(["application", "submit", try s.file("z.json", try applicationLine("R-0"))], today: "2026-11-22")
        #expect(beforeInit.status == 1 && beforeInit.stderr.contains("E-DATE") && beforeInit.stderr.contains("opening of the round"), "\(beforeInit.stderr)")
        let ancient = try s.run(["application", "submit", "--received", "0001-01-01", try s.file("y.json", try applicationLine("R-9"))], today: "2026-11-25")
        #expect(ancient.status == 1 && ancient.stderr.contains("E-DATE"), "\(ancient.stderr)")
        // The error names the option the receipt date came from (it named --received when none was given).
        #expect(beforeInit.stderr.contains("z.json: --today") && !beforeInit.stderr.contains("--received"), "\(beforeInit.stderr)")
        #expect(ancient.stderr.contains("y.json: --received"), "\(ancient.stderr)")

        // Received on the deadline by post, entered two days later.
        let late = try s.run(["application", "submit", "--received", "2026-12-01", try s.file("b.json", try applicationLine("R-2"))], today: "2026-12-03")
        #expect(late.status == 0 && late.stdout.contains("received 2026-12-01 (late entry on 2026-12-03)"), "\(late.stdout)\(late.stderr)")
        let log = try json(try s.run(["audit", "log", "R-2", "--json"]).stdout)
        let event = (log["events"] as? [[String: Any]])?.first
        #expect(event?["on"] as? String == "2026-12-03" && (event?["after"] as? String)?.contains("received 2026-12-01 (late entry)") == true, "\(String(describing: event))")
        let future = try s.run(["application", "submit", "--received", "2026-12-04", try s.file("c.json", try applicationLine("R-3"))], today: "2026-12-03")
        #expect(future.status == 1 && future.stderr.contains("E-DATE"))
        let pastDeadline = try s.run(["application", "submit", "--received", "2026-12-02", try s.file("d.json", try applicationLine("R-4"))], today: "2026-12-03")
        #expect(pastDeadline.status == 1 && pastDeadline.stderr.contains("E-LATE"), "the deadline is judged on the receipt: \(pastDeadline.stderr)")
        // Entered without --received after the deadline, then again with the receipt: the refusal
        // stands as registered, judged on its own receipt, and the note says how to correct it.
        let forgotten = try s.file("e.json", try applicationLine("R-5"))
        #expect(try s.run(["application", "submit", forgotten], today: "2026-12-03").stderr.contains("E-LATE"))
        let again = try s.run(["application", "submit", "--received", "2026-12-01", forgotten], today: "2026-12-03")
        #expect(again.status == 1 && again.stdout.contains("nothing changed (it is inadmissible)"), "\(again.stdout)")
        #expect(again.stderr.contains("E-LATE") && again.stderr.contains("1 admission check failed") && !again.stderr.contains("0 admission checks"), "\(again.stderr)")
        // Nothing is registered now: the message says it stays as registered (it said "registered" again).
        #expect(again.stderr.contains("R-5 stays registered as inadmissible, as it was before") && !again.stderr.contains("registered R-5 as"), "\(again.stderr)")
        #expect(again.stderr.contains("registered as received on 2026-12-03") && again.stderr.contains("under a new id with --received"), "\(again.stderr)")
    }

    @Test func aChangeIsNotDatedBeforeTheSubjectsLatestEvent() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        #expect(try s.run(["application", "submit", try s.file("a.json", try applicationLine("G-1"))], today: "2026-11-25").status == 0)
        let back = try s.run(["application", "withdraw", "G-1", "--lead", "12345678"], today: "2026-11-24")
        #expect(back.status == 1 && back.stderr.contains("E-DATE") && back.stderr.contains("2026-11-25"), "\(back.stderr)")
        #expect(try s.run(["application", "withdraw", "G-1", "--lead", "12345678"], today: "2026-11-25").status == 0)
    }

    @Test func theTemplatesIdIsAPlaceholderAndAnotherCoalitionCannotReplace() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        let template = try s.run(["plans", "template", "zorgpad-copd", "--sector", "msz"])
        #expect(template.stdout.contains("\"DBM-2026-XXXX\""))
        let kept = try s.run(["application", "check", try s.file("t.json", template.stdout)])
        #expect(kept.stderr.contains("E-TEMPLATE") && kept.stderr.contains("(") && kept.stderr.contains(": id)"), "\(kept.stderr)")

        #expect(try s.run(["application", "submit", try s.file("a.json", try applicationLine("OWN-1"))]).status == 0)
        let other = try applicationLine("OWN-1") { d in
            d["title"] = "Een andere coalitie"
            d["coalition"] = [["agb": "34567890", "name": "C", "amount": "600000.00"], ["agb": "45678901", "name": "D", "amount": "600000.00"]]
        }
        let plain = try s.run(["application", "submit", try s.file("b.json", other)])
        #expect(plain.status == 1 && plain.stderr.contains("E-DUPLICATE") && !plain.stderr.contains("--replace") && plain.stderr.contains("another coalition"), "\(plain.stderr)")
        let replace = try s.run(["application", "submit", "--replace", try s.file("b.json", other)])
        #expect(replace.status == 1 && replace.stderr.contains("E-OWNER") && !replace.stderr.contains("12345678"), "the owner's code is not given away: \(replace.stderr)")
        #expect(replace.stderr.contains("b.json: coalition[0].agb)"), "a file without lead: its first member is the one named: \(replace.stderr)")
        let member = try s.run(["application", "submit", "--replace", try s.file("c.json", try applicationLine("OWN-1") { d in d["lead"] = "23456789"; d["title"] = "x" })])
        #expect(member.status == 1 && member.stderr.contains("E-OWNER") && member.stderr.contains("c.json: lead)"), "only the registered penvoerder replaces: \(member.stderr)")
        let owner = try s.run(["application", "submit", "--replace", try s.file("d.json", try applicationLine("OWN-1") { d in d["lead"] = "12345678"; d["title"] = "y" })])
        #expect(owner.status == 0, "\(owner.stderr)")
        let outsider = try s.run(["application", "check", try s.file("e.json", try applicationLine("OWN-2") { d in d["lead"] = "99999999" })])
        #expect(outsider.status == 1 && outsider.stderr.contains("E-COALITION") && outsider.stderr.contains("lead"))
    }

    @Test func anUnregisteredInsurerGetsTheNearestRegisteredCode() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        let typo = try applicationLine("INS-1") { d in d["insurers"] = ["coordinating": "3311", "second": "7092"] }
        let checked = try s.run(["application", "check", try s.file("a.json", typo)])
        #expect(checked.status == 1 && checked.stderr.contains("E-INSURERS") && checked.stderr.contains("did you mean 7029?") && checked.stderr.contains("insurers.second"), "\(checked.stderr)")
        // A code two edits from any registered one gets the register, not a guess (9999 was "did you mean 0699?").
        let far = try applicationLine("INS-2") { d in d["insurers"] = ["coordinating": "3311", "second": "9999"] }
        let farChecked = try s.run(["application", "check", try s.file("b.json", far)])
        #expect(farChecked.status == 1 && !farChecked.stderr.contains("did you mean") && farChecked.stderr.contains("party list --role insurer"), "\(farChecked.stderr)")
        let added = try s.run(["party", "add", "insurer", "7092", "Testverzekeraar"])
        #expect(added.status == 0 && added.stdout.contains("registered insurer:7092"))
        #expect(try s.run(["application", "check", try s.file("a.json", typo)]).status == 0, "a registered insurer may assess")
        let list = try json(try s.run(["party", "list", "--role", "insurer", "--json"]).stdout)
        let ids = (list["parties"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(ids.contains("3311") && ids.contains("7029") && ids.contains("7092") && ids.count == 15)
        let log = try json(try s.run(["audit", "log", "insurer:7092", "--json"]).stdout)
        #expect((log["events"] as? [[String: Any]])?.first?["action"] as? String == "party")
        #expect(try s.run(["party", "add", "insurer", "70921", "x"]).status == 64)
        #expect(try s.run(["party", "add", "auditor", "x", "x"]).status == 64)
        // A registered party keeps its name unless --rename says otherwise (a newcomer renamed
        // an insurer by typing `party add` with a code that was taken).
        let taken = try s.run(["party", "add", "insurer", "3311", "CZ"])
        #expect(taken.status == 1 && taken.stderr.contains("E-PARTY") && taken.stderr.contains("--rename"), "\(taken.stderr)")
        #expect(try s.sql("SELECT name FROM party WHERE role = 'insurer' AND id = '3311'") != "CZ")
        #expect(try s.run(["party", "add", "insurer", "7092", "Testverzekeraar"]).stdout.contains("nothing changed"), "the same name again is no change")
        let renamed = try s.run(["party", "add", "insurer", "7092", "Testverzekeraar NV", "--rename"])
        #expect(renamed.status == 0 && renamed.stdout.contains("renamed insurer:7092: Testverzekeraar → Testverzekeraar NV"), "\(renamed.stdout)\(renamed.stderr)")
    }

    /// Rows that decide who may act, edited with `sqlite3`: an insurer inserted into the register
    /// and a penvoerder changed are refused (E-LEDGER) before they assess or replace (found by an
    /// attacker's review).
    @Test func anInsurerOrAPenvoerderWrittenWithSqliteDecidesNothing() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        #expect(try s.run(["application", "submit", try s.file("a.json", try applicationLine("E-1"))]).status == 0)
        let backup = try s.sql("SELECT lead FROM submission")
        _ = try s.sql("UPDATE submission SET lead = '23456789'")
        let hijack = try s.run(["application", "submit", "--replace", try s.file("b.json", try applicationLine("E-1") { d in d["lead"] = "23456789"; d["title"] = "overgenomen" })])
        #expect(hijack.status == 1 && hijack.stderr.contains("E-LEDGER") && hijack.stderr.contains("submission"), "\(hijack.stderr)")
        _ = try s.sql("UPDATE submission SET lead = '\(backup)'")
        _ = try s.sql("INSERT INTO party (role, id, name) VALUES ('insurer', '9999', 'Nep')")
        let fake = try s.run(["application", "submit", try s.file("c.json", try applicationLine("E-2") { d in d["insurers"] = ["coordinating": "3311", "second": "9999"] })])
        #expect(fake.status == 1 && fake.stderr.contains("E-LEDGER") && fake.stderr.contains("party"), "\(fake.stderr)")
        #expect(try s.sql("SELECT count(*) FROM application WHERE id = 'E-2'") == "0")
    }

    /// Nothing in a round is dated before its opening, the register included (a business-date
    /// review: `party add` and `party key` dated 2026-01-01 after an init of 2026-11-20).
    @Test func theRegisterIsNotChangedBeforeTheRoundOpened() throws {
        let s = try Sandbox()
        defer { s.remove() }
        #expect(try s.run(["init", "--plans", packageRoot.appendingPathComponent("ModelPlans").path], today: "2026-11-20").status == 0)
        let early = try s.run(["party", "add", "provider", "12345678", "Test BV"], today: "2026-11-19")
        #expect(early.status == 1 && early.stderr.contains("E-DATE") && early.stderr.contains("the opening of the round (init) on 2026-11-20"), "\(early.stderr)")
        #expect(try s.run(["party", "add", "provider", "12345678", "Test BV"], today: "2026-11-20").status == 0)
    }

    /// A reallocation hands out room that every earlier change left: it is not dated before a
    /// withdrawal that freed room (found by an attacker's review).
    @Test func aReallocationIsNotDatedBeforeTheLatestChange() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "1000000.00", themeAmount: "1000000.00", applications: [("RA-A", 1_000_000_00, 900), ("RA-W", 250_000_00, 100)])
        #expect(try s.run(["import", "claims", try s.file("m.csv", claimHeader + "M-1,RA-A,M1,12345678,3311,0,2027-06-30,missed,\n")], today: "2027-08-01").status == 0)
        let early = try s.run(["round", "reallocate", "--dry-run"], today: "2027-07-31")
        #expect(early.status == 1 && early.stderr.contains("E-DATE") && early.stderr.contains("2027-08-01"), "\(early.stderr)")
        #expect(try s.run(["round", "reallocate", "--dry-run"], today: "2027-08-01").status == 0)
    }

    @Test func oneInsurersFileHoldsThatInsurersRowsOnly() throws {
        let s = try round(decideOn: "2027-01-04")
        defer { s.remove() }
        let rows = claimHeader + "C-1,T-1,M1,12345678,3311,300000.00,2027-06-15,reached,plan.pdf\nC-2,T-1,M2,23456789,7029,300000.00,2027-06-20,reached,verslag.pdf\n"
        let file = try s.file("claims.csv", rows)
        let strict = try s.run(["import", "claims", file, "--insurer", "3311", "--json"], today: "2027-06-30")
        let errors = try json(strict.stdout)["errors"] as? [[String: Any]]
        #expect(strict.status == 1 && errors?.map { $0["code"] as? String } == ["E-CLAIM-INSURER"] && errors?.first?["line"] as? Int == 3, "\(strict.stdout)")
        #expect(try s.sql("SELECT count(*) FROM claim") == "0", "all or nothing")
        #expect(try s.run(["import", "claims", file, "--insurer", "3311", "--partial"], today: "2027-06-30").status == 1)
        #expect(try s.sql("SELECT count(*) || ' ' || (SELECT count(*) FROM claim_refusal) FROM claim") == "1 0", "the other insurer's claim is not kept as refused")
        let actor = try s.sql("SELECT actor FROM audit_event WHERE action = 'payout'")
        #expect(actor.contains("insurer 3311"))
        #expect(try s.run(["import", "claims", file, "--insurer", "7029"], today: "2027-06-30").status == 1, "3311's row is not 7029's")
        #expect(try s.run(["import", "claims", file, "--insurer", "7029", "--partial"], today: "2027-06-30").status == 1)
        #expect(try s.sql("SELECT count(*) FROM claim") == "2", "7029 pays its own claim")

        let reviews = try s.file("reviews.csv", "application_id,insurer,decision,reason,accepted_deviations,note\nT-1,7029,approve,,,\n")
        let other = try s.run(["import", "reviews", reviews, "--insurer", "3311"])
        #expect(other.status == 1 && other.stderr.contains("E-REVIEWER"), "\(other.stderr)")
    }
}

/// Signed party files with OpenSSH keys (skipped where `ssh-keygen` is missing).
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen"))) struct SignedFileTests {
    func keygen(_ s: Sandbox, _ name: String) throws -> String {
        let key = s.folder.appendingPathComponent(name).path
        try shell(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key])
        return key
    }

    func sign(_ file: String, with key: String) throws -> String {
        try? FileManager.default.removeItem(atPath: file + ".sig")
        try shell(["ssh-keygen", "-q", "-Y", "sign", "-n", "doorbraak", "-f", key, file])
        return file + ".sig"
    }

    /// A round that requires signatures, with the penvoerder 12345678 and the insurers 3311 and
    /// 7029 keyed: their private keys.
    func signedRound(_ s: Sandbox) throws -> (lead: String, k3311: String, k7029: String) {
        try s.initRound(["--require-signatures"])
        let lead = try keygen(s, "lead"), k3311 = try keygen(s, "i3311"), k7029 = try keygen(s, "i7029")
        for (agb, name) in [("12345678", "Zorggroep A"), ("23456789", "Zorggroep B")] {
            #expect(try s.run(["party", "add", "provider", agb, name]).status == 0)
        }
        #expect(try s.run(["party", "key", "provider:12345678", lead + ".pub"]).status == 0)
        #expect(try s.run(["party", "key", "insurer:3311", k3311 + ".pub"]).status == 0)
        #expect(try s.run(["party", "key", "insurer:7029", k7029 + ".pub"]).status == 0)
        return (lead, k3311, k7029)
    }

    func shell(_ arguments: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "\(arguments)")
    }

    @Test func aRoundThatRequiresSignaturesTakesOnlyTheLeadsSignedApplication() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound(["--require-signatures"])
        let lead = try keygen(s, "lead"), partner = try keygen(s, "partner"), stranger = try keygen(s, "stranger")
        for (agb, name) in [("12345678", "Zorggroep A"), ("23456789", "Zorggroep B")] {
            #expect(try s.run(["party", "add", "provider", agb, name]).status == 0)
        }
        let keyed = try s.run(["party", "key", "provider:12345678", lead + ".pub"])
        #expect(keyed.status == 0 && keyed.stdout.contains("SHA256:"), "\(keyed.stdout)\(keyed.stderr)")
        #expect(try s.run(["party", "key", "provider:23456789", partner + ".pub"]).status == 0)
        #expect(try s.run(["party", "key", "provider:23456789", partner]).status == 65, "a private key is not a public key")

        let file = try s.file("a.json", try applicationLine("SIG-1"))
        let unsigned = try s.run(["application", "submit", file])
        #expect(unsigned.status == 1 && unsigned.stderr.contains("E-SIGNATURE") && unsigned.stderr.contains("provider:12345678"), "\(unsigned.stderr)")
        let byPartner = try s.run(["application", "submit", file, "--signature", try sign(file, with: partner)])
        #expect(byPartner.status == 1 && byPartner.stderr.contains("E-SIGNATURE") && byPartner.stderr.contains("led by provider:12345678"), "\(byPartner.stderr)")
        let byStranger = try s.run(["application", "submit", file, "--signature", try sign(file, with: stranger)])
        #expect(byStranger.status == 1 && byStranger.stderr.contains("E-SIGNATURE") && byStranger.stderr.contains("register"), "\(byStranger.stderr)")
        let signature = try sign(file, with: lead)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        bytes[bytes.count / 2] ^= 0x01
        let changedFile = try s.file("changed.json", String(decoding: bytes, as: UTF8.self))
        let changed = try s.run(["application", "submit", changedFile, "--signature", signature])
        #expect(changed.status != 0 && changed.stderr.contains("E-SIGNATURE") && changed.stderr.contains("changed"), "\(changed.stderr)")
        let good = try s.run(["application", "submit", file, "--signature", signature])
        #expect(good.status == 0 && good.stdout.contains("signed by provider:12345678"), "\(good.stdout)\(good.stderr)")
        #expect(try s.sql("SELECT signed_by FROM submission WHERE application_id = 'SIG-1'") == "provider:12345678")
        #expect(try s.run(["audit", "verify"]).status == 0)
    }

    /// Who signed a file is not typed: an actor text holding "file signed by provider:…" hid the
    /// real signer of a withdrawal in the audit trail (an identity review of the twelfth landing).
    @Test func theActorCannotNameASigner() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        // Brackets are doorbraak's own (the role, the signer); "signed by" however it is spaced.
        for (arguments, environment, says) in [(["--actor", "clerk (file signed by provider:33718990)"], [String: String](), "\"(\""),
                                               ([], ["DOORBRAAK_ACTOR": "ops File  Signed   By provider 1"], "records who signed a file from its signature"),
                                               (["--actor", "clerk signed\u{00A0}by insurer 3311"], [:], "\\u{00A0}"),
                                               (["--actor", "clerk \u{FF08}file signed by x\u{FF09}"], [:], "\\u{FF08}")] {
            let r = try s.run(arguments + ["party", "list"], environment: environment)
            #expect(r.status == 64 && r.stderr.contains("E-USAGE") && r.stderr.contains(says), "\(arguments) \(environment): \(r.stderr)")
        }
        #expect(try s.run(["--actor", "Zoë  van der Berg-Ölmez", "party", "add", "provider", "12345678", "Zorggroep A"]).status == 0)
        #expect(try s.sql("SELECT actor FROM audit_event WHERE action = 'party'") == "Zoë van der Berg-Ölmez")
    }

    /// A signed file sent again after it was replaced would roll the application back (an
    /// identity review of the twelfth landing: the penvoerder's signed version 1, sent again by
    /// a mailroom clerk after version 2, was registered as version 3).
    @Test func aSignedVersionReplacedSinceIsNotRegisteredAgain() throws {
        let s = try Sandbox()
        defer { s.remove() }
        let lead = try signedRound(s).lead
        let v1 = try s.file("v1.json", try applicationLine("RP-1"))
        let sig1 = try sign(v1, with: lead)
        #expect(try s.run(["application", "submit", v1, "--signature", sig1]).status == 0)
        let v2 = try s.file("v2.json", try applicationLine("RP-1") { d in d["title"] = "tweede versie" })
        let sig2 = try sign(v2, with: lead)
        #expect(try s.run(["application", "submit", "--replace", v2, "--signature", sig2]).status == 0)
        let replay = try s.run(["--actor", "mailroom", "application", "submit", "--replace", v1, "--signature", sig1])
        #expect(replay.status == 1 && replay.stderr.contains("E-SIGNATURE") && replay.stderr.contains("version 1 of RP-1, replaced since (version 2 is registered)"), "\(replay.stderr)")
        #expect(replay.stderr.contains("v1.json: id)"), "the refusal names the file and field: \(replay.stderr)")
        #expect(try s.sql("SELECT max(version) FROM submission WHERE application_id = 'RP-1'") == "2")
        // Version 1 moved to another application for the length of the replay is named, not
        // passed over (an attacker's review of the eighteenth landing).
        _ = try s.sql("UPDATE submission SET application_id = 'RP-9' WHERE application_id = 'RP-1' AND version = 1")
        let moved = try s.run(["--actor", "mailroom", "application", "submit", "--replace", v1, "--signature", sig1])
        #expect(moved.status != 0 && moved.stderr.contains("E-LEDGER") && moved.stderr.contains("submission"), "\(moved.stderr)")
        _ = try s.sql("UPDATE submission SET application_id = 'RP-1' WHERE application_id = 'RP-9'")
        #expect(try s.sql("SELECT max(version) FROM submission WHERE application_id = 'RP-1'") == "2")
        // The current version again changes nothing; new content signed again is a new version.
        #expect(try s.run(["application", "submit", "--replace", v2, "--signature", sig2]).stdout.contains("nothing changed"))
        let v3 = try s.file("v3.json", try applicationLine("RP-1") { d in d["title"] = "terug naar de eerste opzet" })
        #expect(try s.run(["application", "submit", "--replace", v3, "--signature", try sign(v3, with: lead)]).status == 0)
        #expect(try s.sql("SELECT max(version) FROM submission WHERE application_id = 'RP-1'") == "3")
        #expect(try s.run(["audit", "verify"]).status == 0)
    }

    /// The two-sided request (004 line 286) in a signed round: a contracts file signed by the
    /// coordinating insurer; a typed request, an unsigned file, or one signed by the second
    /// insurer is refused (an identity review of the twelfth landing: the request was taken unsigned).
    @Test func aSignedRoundTakesARequestSignedByTheCoordinatingInsurer() throws {
        let s = try Sandbox()
        defer { s.remove() }
        let (lead, k3311, k7029) = try signedRound(s)
        let app = try s.file("a.json", try applicationLine("RQ-1"))
        #expect(try s.run(["application", "submit", app, "--signature", try sign(app, with: lead)]).status == 0)
        for (u, key) in [("3311", k3311), ("7029", k7029)] {
            let r = try s.file("r\(u).csv", "application_id,insurer,decision,reason,accepted_deviations,note,version\nRQ-1,\(u),approve,,,,1\n")
            #expect(try s.run(["import", "reviews", r, "--signature", try sign(r, with: key)]).status == 0)
        }
        #expect(try s.run(["round", "allocate", "--seed", "t"], today: "2026-12-02").status == 0)
        let noKeys = try s.run(["generate", "contracts", "--out", s.folder.appendingPathComponent("g").path, "--sign", "/nonexistent-keys"])
        #expect(noKeys.status == 74 && noKeys.stderr.contains("not a folder of keys"), "\(noKeys.stderr)")
        let someKeys = s.folder.appendingPathComponent("somekeys").path
        try FileManager.default.createDirectory(atPath: someKeys, withIntermediateDirectories: true)
        let unsignedNote = try s.run(["generate", "contracts", "--out", s.folder.appendingPathComponent("g").path, "--sign", someKeys])
        #expect(unsignedNote.status == 0 && unsignedNote.stdout.contains("0 of them signed (no key in \(someKeys) for insurer:3311)"), "\(unsignedNote.stdout)")
        let typed = try s.run(["nza", "request", "RQ-1", "--contract", "OVK-1"])
        #expect(typed.status == 1 && typed.stderr.contains("E-SIGNATURE") && typed.stderr.contains("signed by the coordinating insurer"), "\(typed.stderr)")
        let contracts = try s.file("c.csv", "application_id,contract\nRQ-1,OVK-1\n")
        let unsigned = try s.run(["nza", "request", "--all", "--contracts", contracts])
        #expect(unsigned.status == 1 && unsigned.stderr.contains("E-SIGNATURE"), "\(unsigned.stderr)")
        let bySecond = try s.run(["nza", "request", "--all", "--contracts", contracts, "--signature", try sign(contracts, with: k7029)])
        #expect(bySecond.status == 1 && bySecond.stderr.contains("the request for RQ-1 is its coordinating insurer 3311's; this file is signed by insurer:7029"), "\(bySecond.stderr)")
        #expect(try s.sql("SELECT count(*) FROM beschikking") == "0")
        let good = try s.run(["nza", "request", "--all", "--contracts", contracts, "--signature", try sign(contracts, with: k3311)])
        #expect(good.status == 0 && good.stdout.contains("1 new"), "\(good.stdout)\(good.stderr)")
        #expect(try s.sql("SELECT actor FROM audit_event WHERE action = 'nza-request'").contains("file signed by insurer:3311"))
        #expect(try s.run(["audit", "verify"]).status == 0)
    }

    /// A 1024-bit RSA key does not stand for a party; a 2048-bit one does (an identity review).
    @Test func aWeakKeyIsNotRegistered() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        #expect(try s.run(["party", "add", "provider", "12345678", "Zorggroep A"]).status == 0)
        for (bits, status) in [("1024", Int32(65)), ("2048", 0)] {
            let key = s.folder.appendingPathComponent("rsa\(bits)").path
            try shell(["ssh-keygen", "-q", "-t", "rsa", "-b", bits, "-N", "", "-f", key])
            let r = try s.run(["party", "key", "provider:12345678", key + ".pub"])
            #expect(r.status == status, "\(bits): \(r.stderr)")
            if status != 0 { #expect(r.stderr.contains("RSA key of 1024 bits is too weak")) }
        }
    }

    /// `ssh-keygen` is taken from the system's folders, never from `PATH`: one of anyone's making
    /// early in `PATH` that says every signature is good decides nothing (an identity review of
    /// the twelfth landing).
    @Test func anSshKeygenInPathDecidesNothing() throws {
        let s = try Sandbox()
        defer { s.remove() }
        _ = try signedRound(s)
        let fake = s.folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: fake, withIntermediateDirectories: true)
        let tool = fake.appendingPathComponent("ssh-keygen").path
        try "#!/bin/sh\necho provider:12345678\necho 'Good \"doorbraak\" signature for provider:12345678'\nexit 0\n".write(toFile: tool, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool)
        let file = try s.file("a.json", try applicationLine("PATH-1"))
        let forged = try s.file("forged.sig", "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n")
        let r = try s.run(["application", "submit", file, "--signature", forged], environment: ["PATH": fake.path + ":/usr/bin:/bin"])
        #expect(r.status == 1 && r.stderr.contains("E-SIGNATURE"), "\(r.stdout)\(r.stderr)")
        #expect(try s.sql("SELECT count(*) FROM application") == "0")
    }

    /// An insurer's signed decision holds for the version it assessed (an identity review of the
    /// twelfth landing: a penvoerder replaced its application after both insurers had signed
    /// their files, and the approval counted for the new version, which was granted and paid).
    @Test func aSignedDecisionHoldsForTheVersionItAssessed() throws {
        let s = try Sandbox()
        defer { s.remove() }
        let (lead, k3311, k7029) = try signedRound(s)
        let v1 = try s.file("v1.json", try applicationLine("VS-1"))
        #expect(try s.run(["application", "submit", v1, "--signature", try sign(v1, with: lead)]).status == 0)
        // Both insurers assess version 1 and sign their files; one of them leaves the version out.
        let header = "application_id,insurer,decision,reason,accepted_deviations,note"
        let bare = try s.file("r3311-bare.csv", header + "\nVS-1,3311,approve,,,\n")
        let noVersion = try s.run(["import", "reviews", bare, "--signature", try sign(bare, with: k3311)])
        #expect(noVersion.status == 1 && noVersion.stderr.contains("E-VERSION") && noVersion.stderr.contains("in the column version") && noVersion.stderr.contains("now 1"), "\(noVersion.stderr)")
        let r3311 = try s.file("r3311.csv", header + ",version\nVS-1,3311,approve,,,,1\n")
        let r7029 = try s.file("r7029.csv", header + ",version\nVS-1,7029,approve,,,,1\n")
        let sig3311 = try sign(r3311, with: k3311), sig7029 = try sign(r7029, with: k7029)
        // Before either is imported, the penvoerder replaces the application (a member swapped).
        let v2 = try s.file("v2.json", try applicationLine("VS-1") { d in d["title"] = "met een andere partner" })
        #expect(try s.run(["application", "submit", "--replace", v2, "--signature", try sign(v2, with: lead)]).status == 0)
        for (file, signature) in [(r3311, sig3311), (r7029, sig7029)] {
            let stale = try s.run(["import", "reviews", file, "--signature", signature])
            #expect(stale.status == 1 && stale.stderr.contains("E-VERSION") && stale.stderr.contains("version 1 of VS-1, but version 2 is registered"), "\(stale.stderr)")
        }
        #expect(try s.sql("SELECT status || ' ' || (SELECT count(*) FROM review) FROM application WHERE id = 'VS-1'") == "submitted 0")
        // Assessed again: version 2, decided.
        let again = try s.file("r3311-v2.csv", header + ",version\nVS-1,3311,approve,,,,2\n")
        let decided = try s.run(["import", "reviews", again, "--signature", try sign(again, with: k3311)])
        #expect(decided.status == 0, "\(decided.stderr)")
        #expect(try s.sql("SELECT status FROM application WHERE id = 'VS-1'") == "in-review")
        // Recorded: the same file again is unchanged; the stale one is still refused, not "unchanged".
        #expect(try s.run(["import", "reviews", again, "--signature", again + ".sig"]).stdout.contains("0 new, 1 unchanged"))
        let staleAgain = try s.run(["import", "reviews", r3311, "--signature", sig3311])
        #expect(staleAgain.status == 1 && staleAgain.stderr.contains("E-VERSION"), "\(staleAgain.stdout)\(staleAgain.stderr)")
        #expect(try s.run(["audit", "verify"]).status == 0)
    }

    /// A key written into the register with `sqlite3` (an attacker's own key for a provider) is
    /// not bound to the chain: the signature it would verify is refused, and `audit verify` names it.
    @Test func aKeyEditedOutsideDoorbraakSignsNothing() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        let honest = try keygen(s, "honest"), attacker = try keygen(s, "attacker")
        #expect(try s.run(["party", "add", "provider", "12345678", "Zorggroep A"]).status == 0)
        #expect(try s.run(["party", "key", "provider:12345678", honest + ".pub"]).status == 0)
        let key = try String(contentsOfFile: attacker + ".pub", encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
        _ = try s.sql("UPDATE party SET public_key = '\(key)' WHERE id = '12345678'")
        let file = try s.file("a.json", try applicationLine("K-1"))
        let forged = try s.run(["application", "submit", file, "--signature", try sign(file, with: attacker)])
        #expect(forged.status == 1 && forged.stderr.contains("E-LEDGER") && forged.stderr.contains("party"), "\(forged.stderr)")
        #expect(try s.sql("SELECT count(*) FROM application") == "0")
        let verify = try s.run(["audit", "verify"])
        #expect(verify.status == 1 && verify.stdout.contains("party") && verify.stdout.contains("public_key"), "\(verify.stdout)")
    }

    /// In a round that requires signatures, a decision is not typed but sent signed, and a
    /// withdrawal carries the penvoerder's signature of its statement (found by an attacker's review).
    @Test func aSignedRoundTakesNoTypedDecisionAndNoUnsignedWithdrawal() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound(["--require-signatures"])
        let lead = try keygen(s, "lead"), partner = try keygen(s, "partner")
        for (agb, key) in [("12345678", lead), ("23456789", partner)] {
            #expect(try s.run(["party", "add", "provider", agb, "Zorggroep \(agb)"]).status == 0)
            #expect(try s.run(["party", "key", "provider:\(agb)", key + ".pub"]).status == 0)
        }
        let file = try s.file("a.json", try applicationLine("W-1"))
        #expect(try s.run(["application", "submit", file, "--signature", try sign(file, with: lead)]).status == 0)
        let typed = try s.run(["review", "W-1", "--insurer", "3311", "--approve"])
        #expect(typed.status == 1 && typed.stderr.contains("E-SIGNATURE") && typed.stderr.contains("import reviews"), "\(typed.stderr)")
        let unsigned = try s.run(["application", "withdraw", "W-1", "--lead", "12345678"])
        #expect(unsigned.status == 1 && unsigned.stderr.contains("E-SIGNATURE") && unsigned.stderr.contains("doorbraak withdraw W-1"), "\(unsigned.stderr)")
        let statement = try s.file("w.txt", "doorbraak withdraw W-1\n")
        let byPartner = try s.run(["application", "withdraw", "W-1", "--lead", "23456789", "--signature", try sign(statement, with: partner)])
        #expect(byPartner.status == 1 && byPartner.stderr.contains("E-OWNER"), "\(byPartner.stderr)")
        // The penvoerder's signature with another --lead: the message names the signer and the --lead given, nobody else.
        let mismatch = try s.run(["application", "withdraw", "W-1", "--lead", "23456789", "--signature", try sign(statement, with: lead)])
        #expect(mismatch.status == 1 && mismatch.stderr.contains("signed by provider:12345678, but --lead names 23456789"), "\(mismatch.stderr)")
        let otherStatement = try s.file("v.txt", "doorbraak withdraw W-2\n")
        let wrongText = try s.run(["application", "withdraw", "W-1", "--lead", "12345678", "--signature", try sign(otherStatement, with: lead)])
        #expect(wrongText.status == 1 && wrongText.stderr.contains("E-SIGNATURE"), "a signature of another withdrawal: \(wrongText.stderr)")
        let good = try s.run(["application", "withdraw", "W-1", "--lead", "12345678", "--signature", try sign(statement, with: lead)])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(try s.sql("SELECT actor FROM audit_event WHERE action = 'withdraw'").contains("file signed by provider:12345678"))
    }

    @Test func aSignatureDatedBeforeItsKeyAndAKeyTwiceAreRefused() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.initRound()
        let key = try keygen(s, "k")
        #expect(try s.run(["party", "add", "provider", "12345678", "A"], today: "2026-11-25").status == 0)
        #expect(try s.run(["party", "key", "provider:12345678", key + ".pub"], today: "2026-11-26").status == 0)
        #expect(try s.run(["party", "add", "provider", "23456789", "B"], today: "2026-11-26").status == 0)
        let twice = try s.run(["party", "key", "provider:23456789", key + ".pub"], today: "2026-11-26")
        #expect(twice.status == 1 && twice.stderr.contains("E-PARTY") && twice.stderr.contains("provider:12345678"), "\(twice.stderr)")
        let file = try s.file("a.json", try applicationLine("T-1"))
        let sig = try sign(file, with: key)
        let early = try s.run(["application", "submit", file, "--signature", sig], today: "2026-11-25")
        #expect(early.status == 1 && early.stderr.contains("E-DATE") && early.stderr.contains("2026-11-26"), "\(early.stderr)")
        #expect(try s.run(["application", "submit", file, "--signature", sig], today: "2026-11-26").status == 0)
        // A key file with a tab and a BOM is read as the key it holds.
        let other = try keygen(s, "other")
        let text = try String(contentsOfFile: other + ".pub", encoding: .utf8).replacingOccurrences(of: " ", with: "\t")
        let odd = try s.file("odd.pub", "\u{FEFF}" + text)
        #expect(try s.run(["party", "key", "provider:23456789", odd], today: "2026-11-26").status == 0)
        #expect(try s.sql("SELECT public_key FROM party WHERE id = '23456789'").hasPrefix("ssh-ed25519 AAAA"))
        #expect(!(try s.sql("SELECT public_key FROM party WHERE id = '23456789'")).contains("\t"))
    }

    @Test func aSignedClaimsFileActsForItsInsurerOnly() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.payoutRound(ceiling: "10000000.00", themeAmount: "10000000.00", applications: [("T-1", 1_000_000_00, 5000)])
        let key = try keygen(s, "zk")
        #expect(try s.run(["party", "key", "insurer:3311", key + ".pub"]).status == 0)
        let file = try s.file("claims.csv", claimHeader + "C-1,T-1,M1,12345678,3311,300000.00,2027-06-15,reached,plan.pdf\nC-2,T-1,M2,23456789,7029,300000.00,2027-06-20,reached,v.pdf\n")
        let signature = try sign(file, with: key)
        let mixed = try s.run(["import", "claims", file, "--signature", signature], today: "2027-06-30")
        #expect(mixed.status == 1 && mixed.stderr.contains("E-CLAIM-INSURER"), "\(mixed.stderr)")
        let wrongOption = try s.run(["import", "claims", file, "--signature", signature, "--insurer", "7029"], today: "2027-06-30")
        #expect(wrongOption.status == 1 && wrongOption.stderr.contains("E-SIGNATURE"), "\(wrongOption.stderr)")
        let own = try s.file("own.csv", claimHeader + "C-1,T-1,M1,12345678,3311,300000.00,2027-06-15,reached,plan.pdf\n")
        let paid = try s.run(["import", "claims", own, "--signature", try sign(own, with: key)], today: "2027-06-30")
        #expect(paid.status == 0, "\(paid.stderr)")
        #expect(try s.sql("SELECT actor FROM audit_event WHERE action = 'payout'").contains("file signed by insurer:3311"))
    }
}

extension SignedFileTests {
    /// The key a file's signature was checked with must still be the signer's when the command
    /// writes: one replaced in between (a leaked key the party replaced while the import read
    /// its file) signs nothing more — checked under the write lock of every transaction. Put
    /// back, the same key signs again.
    @Test func aKeyReplacedAfterTheSignatureWasCheckedSignsNothing() throws {
        let s = try Sandbox()
        defer { s.remove() }
        let (lead, _, _) = try signedRound(s)
        let fresh = try keygen(s, "fresh")
        let party = try PartyID(role: .provider, id: "12345678")
        let store = try Store.open(at: s.db)
        let event = AuditContext(actor: "test", at: "2026-12-01T00:00:00Z", today: Day(2026, 12, 1))
        let write = { () throws(DoorbraakError) in
            try store.db.writeTransaction { () throws(DoorbraakError) in
                try AuditLog.append(in: store.db, event, action: "test", subject: "x", before: "-", after: "signed write")
            }
        }
        try store.requireSigner(party, checkedAgainst: try store.allowedSigners(), on: event.today)
        try write()
        #expect(try s.run(["party", "key", "provider:12345678", fresh + ".pub"], today: "2026-12-01").status == 0)
        do throws(DoorbraakError) {
            try write()
            Issue.record("a write signed with a replaced key was taken")
        } catch {
            #expect(error.code == .signature && error.message.contains("provider:12345678 was replaced"), "\(error)")
        }
        #expect(try s.sql("SELECT count(*) FROM audit_event WHERE action = 'test'") == "1")
        #expect(try s.run(["party", "key", "provider:12345678", lead + ".pub"], today: "2026-12-01").status == 0)
        try write()
        #expect(try s.sql("SELECT count(*) FROM audit_event WHERE action = 'test'") == "2")
    }
}

/// Found by an attacker's review of issue 21: an index edited through an imposter table (its SQL
/// text unchanged) can hide a subject's latest event from the date-order check; `audit verify`
/// now checks that every index holds what its table holds.
@Suite struct IndexContentTests {
    @Test func anIndexEditedThroughAnImposterIsNamedByAuditVerify() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.grantedRound()
        #expect(try s.run(["audit", "verify"]).status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", s.db, ".imposter audit_event_subject imp", "PRAGMA writable_schema = ON", "DELETE FROM imp WHERE subject = 'PAY-A'"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(try s.sql("SELECT count(*) FROM audit_event INDEXED BY audit_event_subject WHERE subject = 'PAY-A'") == "0", "the attack must have edited the index")
        let verify = try s.run(["audit", "verify"])
        #expect(verify.status == 1 && verify.stdout.contains("integrity_check") && verify.stdout.contains("schema DIFFERS"), "\(verify.stdout)")
    }
}

extension IndexContentTests {
    /// Pages rewritten in the file itself (an index's root page overwritten): every command gets a
    /// coded error, never exit 70 (found by an attacker's review).
    @Test func pagesRewrittenInTheFileGetACodedError() throws {
        let s = try Sandbox()
        defer { s.remove() }
        try s.grantedRound()
        _ = try s.sql("PRAGMA wal_checkpoint(TRUNCATE)")
        let root = try #require(Int(try s.sql("SELECT rootpage FROM sqlite_schema WHERE name = 'audit_event_subject'")))
        let pageSize = try #require(Int(try s.sql("PRAGMA page_size")))
        let handle = try #require(FileHandle(forUpdatingAtPath: s.db))
        try handle.seek(toOffset: UInt64((root - 1) * pageSize + 12))
        try handle.write(contentsOf: Data(repeating: 0xFF, count: 64))
        try handle.close()
        for command in [["party", "add", "insurer", "1234", "Test"], ["audit", "log", "PAY-A"], ["nza", "decide", "--all"], ["ceiling"]] {
            let r = try s.run(command, today: "2027-07-01")
            #expect(r.status != 70, "\(command): \(r.status) \(r.stderr)")
            if r.status != 0 { #expect(r.stderr.contains("error: E-"), "\(command): \(r.stderr)") }
        }
        // Named either by the structure check or, when a page it reads is unreadable, as E-AUDIT.
        let verify = try s.run(["audit", "verify"])
        #expect(verify.status == 1 && (verify.stdout.contains("integrity_check") || verify.stderr.contains("E-AUDIT: the database file is damaged")),
                "\(verify.stdout)\(verify.stderr)")
    }
}
