import DoorbraakCore
import Foundation

/// Parses the command line, runs one command and maps any error to its exit code (SPEC §5).
func runCommandLine(_ argv: [String]) -> Int32 {
    // `audit log --actor A` filters by actor: a read-only command records no actor of its own.
    let isAuditLog = zip(argv, argv.dropFirst()).contains { $0 == "audit" && $1 == "log" }
    var arguments = ArgumentList(isAuditLog ? argv.map { $0 == "--actor" ? AuditLogCommand.actorFilter : $0 } : argv)
    let wantsHelp = arguments.flag("-h", "--help")
    let wantsJSON = argv.prefix { $0 != "--" }.contains("--json")
    // The command found, so that a usage error shows its usage line (a newcomer gave an import
    // two files and read only "unexpected argument").
    var found: (any Command.Type)?
    do throws(DoorbraakError) {
        let context = try Context.take(from: &arguments, environment: ProcessInfo.processInfo.environment)
        let words = arguments.tokens.prefix { !$0.hasPrefix("-") }
        if words.first == "help" || (words.isEmpty && wantsHelp) {
            Output.line(words.count > 1 ? Commands.find(Array(words.dropFirst())).map(Commands.help(of:)) ?? Commands.overview : Commands.overview)
            return ExitCode.done
        }
        guard let command = Commands.find(Array(words)) else {
            if let group = words.first, Commands.all.contains(where: { $0.name.hasPrefix(group + " ") }) {
                let subs = Commands.all.filter { $0.name.hasPrefix(group + " ") }.map { $0.name }
                if wantsHelp, words.count == 1 {
                    Output.line(Commands.help(ofGroup: group))
                    return ExitCode.done
                }
                let near = words.count > 1 ? NearestName.suggestion(for: "\(group) \(words[1])", among: subs).map { "did you mean \"\($0)\"? " } ?? "" : ""
                throw DoorbraakError(.usage, words.count > 1 ? "unknown command \"\(words.prefix(2).joined(separator: " "))\"; \(near)use one of: \(subs.joined(separator: ", "))" : "\(group) needs a subcommand: \(subs.joined(separator: ", "))")
            }
            if words.isEmpty {
                Output.error(Commands.overview)
                return ExitCode.usage
            }
            let names = Set(Commands.all.map { String($0.name.split(separator: " ")[0]) })
            // A command is a short word: half of it may be mistyped and still be recognised.
            let near = NearestName.closest(to: words[0], among: names.sorted()).flatMap { NearestName.distance(words[0].lowercased(), $0) <= max(2, words[0].count / 2) ? $0 : nil }
            let hint = near.map { "; did you mean \"\($0)\"?" } ?? "; run `doorbraak --help` for the list"
            throw DoorbraakError(.usage, "unknown command \"\(words[0])\"\(hint)")
        }
        found = command
        for _ in command.name.split(separator: " ") { _ = arguments.operand() }
        if wantsHelp {
            Output.line(Commands.help(of: command))
            return ExitCode.done
        }
        do {
            return try command.run(&arguments, context)
        } catch where error.code == .usage && error.message.hasPrefix("unknown option ") {
            // Name the nearest option of this command (its usage lists them) or a global one.
            let option = String(error.message.dropFirst("unknown option ".count))
            let known = (command.usage + " --db --today --json --actor --help").split(whereSeparator: { " []|()…".contains($0) })
                .filter { $0.hasPrefix("--") }.map(String.init)
            var hinted = error
            if let near = NearestName.suggestion(for: option, among: known) { hinted.message += "; did you mean \(near)?" }
            throw hinted
        }
    } catch {
        if wantsJSON { Output.json(ErrorView.json(error)) }
        for each in error.all { Output.error("error: \(each)") }
        if error.code.kind == .usage {
            Output.error(found.map { "usage: doorbraak \($0.name) \($0.usage)".trimmingSpaces + " (`doorbraak \($0.name) --help` says more)" }
                         ?? "run `doorbraak --help` or `doorbraak <command> --help` for usage")
        }
        return ExitCode.of(error)
    }
}

let status = runCommandLine(Array(CommandLine.arguments.dropFirst()))
exit(status)
