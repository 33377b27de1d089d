import DoorbraakCore

/// One command of the CLI: its name, its help, and what it does.
protocol Command: Sendable {
    /// The words that name it, e.g. `plans list`.
    static var name: String { get }
    /// One line for the overview.
    static var summary: String { get }
    /// The full help text after the usage line.
    static var help: String { get }
    /// `doorbraak <name> <usage>`.
    static var usage: String { get }
    /// Runs with the global options resolved; returns the exit code.
    static func run(_ arguments: inout ArgumentList, _ context: Context) throws(DoorbraakError) -> Int32
}

/// All commands, in the order the overview lists them.
enum Commands {
    static let all: [any Command.Type] = [
        InitCommand.self,
        PartyListCommand.self, PartyAddCommand.self, PartyKeyCommand.self,
        PlansListCommand.self, PlansShowCommand.self, PlansTemplateCommand.self,
        ApplicationCheckCommand.self, ApplicationSubmitCommand.self, ApplicationListCommand.self, ApplicationShowCommand.self,
        ApplicationWithdrawCommand.self, ImportApplicationsCommand.self,
        ReviewCommand.self, ImportReviewsCommand.self,
        RoundReportCommand.self, RoundWhatifCommand.self, RoundAllocateCommand.self, RoundReallocateCommand.self, RoundBarCommand.self, RoundCloseCommand.self,
        NZaRequestCommand.self, NZaDecideCommand.self, NZaRegisterCommand.self,
        CeilingCommand.self,
        ImportClaimsCommand.self, PayoutsCommand.self,
        ImportCostsCommand.self, CostListCommand.self, CostRejectCommand.self, ImportRejectionsCommand.self, PlausibilityCommand.self, ImportMonitoringCommand.self, MonitoringCommand.self,
        ReportCommand.self, ReportVereveningCommand.self,
        AuditVerifyCommand.self, AuditHeadCommand.self, AuditLogCommand.self,
        GenerateCommand.self, GenerateContractsCommand.self, GenerateClaimsCommand.self, GenerateCostsCommand.self,
        DemoCommand.self,
    ]

    /// The command named by the first one or two operands of `tokens`, and how many words it took.
    static func find(_ words: [String]) -> (any Command.Type)? {
        if words.count >= 2, let c = all.first(where: { $0.name == "\(words[0]) \(words[1])" }) { return c }
        if let first = words.first { return all.first { $0.name == first } }
        return nil
    }

    /// `doorbraak --help`.
    static var overview: String {
        let width = all.map { $0.name.count }.max() ?? 0
        let lines = all.map { "  \($0.name)\(String(repeating: " ", count: width - $0.name.count))  \($0.summary)" }
        return """
        doorbraak — runs the AZWA doorbraakmiddelen: model plans, applications, review, round
        steering, NZa beschikking under the €600 mln macro ceiling, payouts and verantwoording.

        usage: doorbraak [global options] <command> [arguments]

        global options:
          --db PATH        the round's database (default ./doorbraak.sqlite, or DOORBRAAK_DB)
          --today DATE     the business date YYYY-MM-DD (default DOORBRAAK_TODAY, else the system date)
          --json           machine output on stdout (errors too, as {"error": {…}})
          --actor NAME     who makes the changes, for the audit trail (default DOORBRAAK_ACTOR,
                           else the login name)
          -h, --help       help for doorbraak or for one command

        commands:
        \(lines.joined(separator: "\n"))

        exit codes: 0 done, 1 refused by a rule, 64 usage, 65 bad input data, 66 input missing,
        70 internal error, 74 I/O error, 75 database busy after the timeout.
        """
    }

    /// `doorbraak plans --help`: the commands of one group with their summaries.
    static func help(ofGroup group: String) -> String {
        let members = all.filter { $0.name.hasPrefix(group + " ") }
        let width = members.map { $0.name.count }.max() ?? 0
        let lines = members.map { "  doorbraak \($0.name)\(String(repeating: " ", count: width - $0.name.count))  \($0.summary)" }
        return "usage: doorbraak \(group) <command> [arguments]\n\n" + lines.joined(separator: "\n")
            + "\n\nrun `doorbraak \(group) <command> --help` for the options of one."
    }

    /// The help of one command.
    static func help(of command: any Command.Type) -> String {
        "usage: doorbraak \(command.name)\(command.usage.isEmpty ? "" : " " + command.usage)\n\n\(command.summary)\n\n\(command.help)"
    }
}
