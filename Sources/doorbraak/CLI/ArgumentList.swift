import DoorbraakCore

/// The command line as a list of tokens that commands take options and operands from;
/// whatever is left at `finish()` is a usage error, so a typo never passes silently.
struct ArgumentList {
    private(set) var tokens: [String]
    /// Operands after a `--` token: never read as options.
    private var literal: [String] = []

    init(_ tokens: [String]) {
        if let dashes = tokens.firstIndex(of: "--") {
            self.tokens = Array(tokens[..<dashes])
            literal = Array(tokens[(dashes + 1)...])
        } else {
            self.tokens = tokens
        }
    }

    /// Removes every `name` (or alias) and says whether one was there.
    mutating func flag(_ names: String...) -> Bool {
        let before = tokens.count
        tokens.removeAll { names.contains($0) }
        return tokens.count != before
    }

    /// Takes `--name VALUE` or `--name=VALUE`; giving it twice is an error.
    mutating func value(_ name: String) throws(DoorbraakError) -> String? {
        let all = try values(name)
        if all.count > 1 { throw DoorbraakError(.usage, "\(name) is given more than once") }
        return all.first
    }

    /// Takes every `--name VALUE` (for repeatable options).
    mutating func values(_ name: String) throws(DoorbraakError) -> [String] {
        var found: [String] = []
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            if token == name {
                guard i + 1 < tokens.count else { throw DoorbraakError(.usage, "\(name) needs a value") }
                found.append(tokens[i + 1])
                tokens.removeSubrange(i...(i + 1))
            } else if token.hasPrefix(name + "=") {
                found.append(String(token.dropFirst(name.count + 1)))
                tokens.remove(at: i)
            } else {
                i += 1
            }
        }
        return found
    }

    /// Takes every value following `name` up to the next option (`--accept K1 K2`), repeatable.
    mutating func list(_ name: String) throws(DoorbraakError) -> [String] {
        var found: [String] = []
        var i = 0
        while i < tokens.count {
            if tokens[i] == name {
                tokens.remove(at: i)
                var taken = 0
                while i < tokens.count, !tokens[i].hasPrefix("-") {
                    found.append(tokens.remove(at: i))
                    taken += 1
                }
                if taken == 0 { throw DoorbraakError(.usage, "\(name) needs at least one value") }
            } else if tokens[i].hasPrefix(name + "=") {
                found.append(String(tokens.remove(at: i).dropFirst(name.count + 1)))
            } else {
                i += 1
            }
        }
        return found
    }

    /// Takes the next operand (a token that is not an option), or nil.
    mutating func operand() -> String? {
        if let i = tokens.firstIndex(where: { !$0.hasPrefix("-") || $0 == "-" }) {
            return tokens.remove(at: i)
        }
        return literal.isEmpty ? nil : literal.removeFirst()
    }

    /// Takes the next operand; missing is a usage error naming it.
    mutating func requiredOperand(_ what: String) throws(DoorbraakError) -> String {
        guard let value = operand() else { throw DoorbraakError(.usage, "missing \(what)") }
        return value
    }

    /// Refuses anything not taken.
    func finish() throws(DoorbraakError) {
        if let extra = tokens.first {
            throw DoorbraakError(.usage, extra.hasPrefix("-") ? "unknown option \(extra)" : "unexpected argument \"\(extra)\"")
        }
        if let extra = literal.first { throw DoorbraakError(.usage, "unexpected argument \"\(extra)\"") }
    }
}
