import ArgumentParser
import Foundation
import IMRRedactKit

extension IMRRedact {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find identifiers in files before they are committed (fixtures, letters).",
            discussion: """
                Folders are searched recursively (inside a git work tree through git ls-files, so \
                .gitignore is honoured); files named on the command line are always read. One line \
                per finding on stdout: path:line:column: CATEGORY rule-id MASKED. Binary files are \
                skipped; text that is not UTF-8 is read as Windows-1252. The tool's placeholders \
                ([PATIENT] ...), lines carrying imr-redact:allow (or after imr-redact:allow-next-line) \
                and findings in the baseline are not reported. Settings: .imr-redact.toml at the \
                repository root ([check] exclude, baseline, key-file). Exit status: 0 clean, 1 \
                findings, 2 a usage error, a bad configuration or baseline, or unreadable input.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json, sarif
        }

        @Argument(help: ArgumentHelp("Files and folders to check (default: the current folder).", valueName: "path"))
        var paths: [String] = []

        @Option(help: "text: one line per finding; json: one JSON object; sarif: a SARIF 2.1.0 log.")
        var format: Format = .text

        @Option(
            help: ArgumentHelp(
                "Skip files matching this pattern, relative to the repository root (repeatable).",
                valueName: "glob"
            )
        )
        var exclude: [String] = []

        @Option(
            help: ArgumentHelp("Report only findings this baseline does not hold (needs a key).", valueName: "file")
        )
        var baseline: String?

        @Option(
            name: .customLong("write-baseline"),
            help: ArgumentHelp(
                "Record every current finding in this baseline and exit 0 (needs a key).",
                valueName: "file"
            )
        )
        var writeBaseline: String?

        @Option(
            name: .customLong("key-file"),
            help: ArgumentHelp(
                "Key for the value digests (else $IMR_REDACT_KEY, else key-file in .imr-redact.toml).",
                valueName: "file"
            )
        )
        var keyFile: String?

        @Option(
            help: ArgumentHelp("Settings file (default: .imr-redact.toml at the repository root).", valueName: "file")
        )
        var config: String?

        @Flag(name: .shortAndLong, help: "Print no summary and no progress line.")
        var quiet = false

        @OptionGroup var jobsOptions: JobsOptions

        @OptionGroup var patterns: PatternOptions

        func validate() throws {
            if baseline != nil && writeBaseline != nil {
                throw ValidationError("--baseline and --write-baseline cannot be used together")
            }
        }

        func run() throws {
            let currentDirectory = FileManager.default.currentDirectoryPath
            let root = InputLister.repositoryRoot(containing: currentDirectory)
            let settings = try usage { () throws(CheckError) in
                if let config { return try CheckConfiguration.load(path: config) }
                return try CheckConfiguration.discover(root: root)
            }
            var options = CheckOptions(root: root, currentDirectory: currentDirectory)
            options.paths = paths
            options.jobs = jobsOptions.jobs
            options.excludes = try usage { () throws(CheckError) in try (settings.exclude + exclude).map(Glob.init) }
            options.key = try loadKey(settings: settings)
            let baselinePath = writeBaseline == nil ? baseline ?? settings.baseline : nil
            if let path = writeBaseline ?? baselinePath, options.key == nil {
                Diagnostics.error(
                    "baseline \(path): a baseline holds keyed digests and needs a key: pass --key-file FILE, set "
                        + "\(DigestKey.environmentVariable), or set key-file in \(CheckConfiguration.fileName) (keep the key "
                        + "out of the repository)"
                )
                throw ExitCode(ExitStatus.usage)
            }
            if let baselinePath, let key = options.key {
                options.baseline = try usage { () throws(CheckError) in
                    try Baseline.load(path: baselinePath, key: key)
                }
            }
            let ruleSet = try patterns.load()
            let progress = ProgressLine.forTerminal(quiet: quiet, totalBytes: nil, noun: "file")
            let report = CheckRunner(ruleSet: ruleSet, options: options).run(
                failure: { error in
                    progress?.finish()
                    Diagnostics.error(error.description)
                },
                progress: { files, bytes in progress?.update(documents: files, bytes: bytes) })
            progress?.finish()
            let failed = report.summary.errors > 0
            for folder in report.ignoredFolders {
                Diagnostics.error("\(folder): ignored by git (.gitignore), so nothing in it was checked; name its files to check them")
            }

            if let writeBaseline, let key = options.key {
                // Fail closed: a baseline of a partial scan is not the one asked for.
                if failed {
                    Diagnostics.error("baseline \(writeBaseline) not written: \(report.summary.errors) inputs could not be checked")
                    throw ExitCode(ExitStatus.usage)
                }
                try usage { () throws(CheckError) in
                    try Baseline(findings: report.findings, key: key).write(to: writeBaseline)
                }
                if !quiet {
                    Diagnostics.error("wrote \(report.findings.count) findings to the baseline \(writeBaseline)")
                }
                return
            }

            let output: Data
            switch format {
            case .text: output = Data(report.findings.map { $0.line + "\n" }.joined().utf8)
            case .json: output = report.jsonData(version: RedactRunner.version)
            case .sarif: output = report.sarifData(ruleSet: ruleSet, version: RedactRunner.version)
            }
            FileHandle.standardOutput.write(output)
            if !quiet { Diagnostics.error(summaryLine(report.summary)) }
            if failed { throw ExitCode(ExitStatus.usage) }
            if !report.findings.isEmpty { throw ExitCode(ExitStatus.failure) }
        }

        /// --key-file, else $IMR_REDACT_KEY, else the settings' key-file.
        private func loadKey(settings: CheckConfiguration) throws -> DigestKey? {
            var source = keyFile.map { "--key-file \($0)" } ?? DigestKey.environmentVariable
            do {
                if let key = try DigestKey.load(keyFile: keyFile) { return key }
                guard let file = settings.keyFile else { return nil }
                source = "key-file \(file) (\(settings.file ?? CheckConfiguration.fileName))"
                return try DigestKey.load(keyFile: file, environment: [:])
            } catch {
                Diagnostics.error("\(source): \(error)")
                throw ExitCode(ExitStatus.usage)
            }
        }

        private func summaryLine(_ summary: CheckSummary) -> String {
            var line = "\(summary.files) files checked"
            if summary.windows1252 > 0 { line += " (\(summary.windows1252) read as Windows-1252)" }
            line += ", \(summary.binary) binary skipped; \(summary.findings) findings"
            line +=
                " (set aside: \(summary.placeholders) placeholders, \(summary.allowed) allowed, \(summary.baselined) in the baseline)"
            if summary.errors > 0 { line += "; \(summary.errors) inputs not checked" }
            if summary.findings > 0 {
                line +=
                    ". Redact them (imr-redact redact), mark a fictional value with imr-redact:allow, or record it with --write-baseline."
            }
            return line
        }
    }
}

/// Runs `body`; a `CheckError` is reported on stderr and ends the command with status 2.
private func usage<T>(_ body: () throws(CheckError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        Diagnostics.error(error.description)
        throw ExitCode(ExitStatus.usage)
    }
}
