import DoorbraakCore
import Foundation

/// Parses the command line, runs one command and maps any error to its exit code (SPEC §5).
func runCommandLine(_ argv: [String]) -> Int32 {
    var arguments = ArgumentList(argv)
    let wantsHelp = arguments.flag("-h", "--help")
    let wantsJSON = argv.prefix { $0 != "--" }.contains("--json")
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
                throw DoorbraakError(.usage, words.count > 1 ? "unknown command \"\(words.prefix(2).joined(separator: " "))\"; use one of: \(subs.joined(separator: ", "))" : "\(group) needs a subcommand: \(subs.joined(separator: ", "))")
            }
            if words.isEmpty {
                Output.error(Commands.overview)
                return ExitCode.usage
            }
            throw DoorbraakError(.usage, "unknown command \"\(words[0])\"; run `doorbraak --help` for the list")
        }
        for _ in command.name.split(separator: " ") { _ = arguments.operand() }
        if wantsHelp {
            Output.line(Commands.help(of: command))
            return ExitCode.done
        }
        return try command.run(&arguments, context)
    } catch {
        if wantsJSON { Output.json(ErrorView.json(error)) }
        for each in error.all { Output.error("error: \(each)") }
        if error.code.kind == .usage { Output.error("run `doorbraak --help` or `doorbraak <command> --help` for usage") }
        return ExitCode.of(error)
    }
}

let status = runCommandLine(Array(CommandLine.arguments.dropFirst()))
exit(status)
