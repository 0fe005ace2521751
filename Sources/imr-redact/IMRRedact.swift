import ArgumentParser
import IMRRedactKit

#if canImport(Glibc)
import Glibc
#endif

/// The `imr-redact` command: de-identifies IMR determination letters.
@main
struct IMRRedact: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imr-redact",
        abstract: "De-identify California workers' compensation IMR determination letters.",
        discussion: """
            Exit status: 0 success or clean; 1 a document rejected (redact, parse), violations (verify), \
            findings (check), a rule example failed (patterns test), a bar missed (eval); 2 a usage error, \
            an unreadable rule file or configuration, unreadable input (check), or an unreadable gold or \
            prediction file (eval).
            """,
        version: RedactRunner.version,
        subcommands: [
            Redact.self, Review.self, Verify.self, Vault.self, Parse.self, Check.self, Eval.self, Synth.self, Patterns.self,
        ],
        defaultSubcommand: nil
    )

    /// Runs the command and maps argument-parser's usage errors (64 by default) to exit status 2,
    /// as grep and ripgrep do.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { Diagnostics.write(message) }
            if code == ExitCode(64) || error is ValidationError {
                Glibc.exit(ExitStatus.usage)
            }
            Glibc.exit(code.rawValue)
        }
    }
}

/// The exit statuses, one table for every subcommand.
enum ExitStatus {
    static let success: Int32 = 0
    /// A document rejected, findings, violations, or a bar missed.
    static let failure: Int32 = 1
    /// A usage error, an unreadable rule file or configuration, or unreadable input (`check`).
    static let usage: Int32 = 2
}

/// Messages on stderr, one line each, prefixed with the tool's name. Never letter text.
enum Diagnostics {
    static func write(_ message: String) {
        var text = message
        if !text.hasSuffix("\n") { text += "\n" }
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in _ = Glibc.write(2, raw.baseAddress, raw.count) }
    }

    static func error(_ message: String) { write("imr-redact: " + message) }
}

/// Exits with a status after the command has printed what it needs to.
struct Exit: Error {
    let status: Int32
}

extension IMRRedact {
    /// Options shared by every subcommand that loads rules.
    struct PatternOptions: ParsableArguments {
        @Option(name: .customLong("patterns"), help: ArgumentHelp("Add the rule files of this folder to the defaults (repeatable).", valueName: "dir"))
        var extra: [String] = []

        @Option(name: .customLong("only-patterns"), help: ArgumentHelp("Use only the rule files of this folder (repeatable).", valueName: "dir"))
        var only: [String] = []

        /// Loads the rule set or exits with status 2 and the loader's message.
        func load() throws -> RuleSet {
            do {
                if !only.isEmpty { return try RuleSet.load(extraDirectories: only + extra, replaceDefaults: true) }
                return try RuleSet.load(extraDirectories: extra)
            } catch {
                Diagnostics.error(error.description)
                throw ExitCode(ExitStatus.usage)
            }
        }
    }
}

extension IMRRedact {
    /// `--policy NAME|FILE`, shared by the subcommands that transform (and by verify).
    struct PolicyOptions: ParsableArguments {
        @Option(help: ArgumentHelp(
            "A policy: placeholder, blank, public-release, safe-harbor, research, surrogate, or a policy file (YAML). Wins over --style.",
            valueName: "name|file"))
        var policy: String?

        /// The policy named, nil when none is, or exits with status 2 and the loader's message.
        func load() throws -> RedactionPolicy? {
            guard let policy else { return nil }
            do {
                return try PolicyLoader.load(policy)
            } catch {
                Diagnostics.error("--policy: " + error.description)
                throw ExitCode(ExitStatus.usage)
            }
        }
    }
}

extension IMRRedact {
    /// `--jobs N`, shared by the subcommands that work through many documents.
    struct JobsOptions: ParsableArguments {
        @Option(name: [.customShort("j"), .long], help: ArgumentHelp(
            "Worker threads (default: the number of processors). Output order never depends on it.", valueName: "n"))
        var jobs: Int = OrderedWorkers.processorCount

        func validate() throws {
            if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
            if jobs > 256 { throw ValidationError("--jobs must be at most 256") }
        }
    }
}
