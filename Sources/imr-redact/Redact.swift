import ArgumentParser
import Foundation
import IMRRedactKit

extension IMRRedact {
    struct Redact: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mask the identifiers of letters (files, or stdin when none).",
            discussion: """
                The redacted letters (or JSON Lines) go to stdout or to --out; the summary and every \
                message go to stderr. A document that cannot be read, parsed or fully scanned is \
                reported and not written, and the exit status is 1.
                """)

        enum Style: String, ExpressibleByArgument, CaseIterable {
            case placeholder, blank
        }

        @Argument(help: ArgumentHelp("Letters to redact; none or '-' reads stdin.", valueName: "file"))
        var files: [String] = []

        @Flag(help: "Each input line is a JSON object with \"id\" and \"text\"; write one JSON object per line.")
        var jsonl = false

        @Option(help: ArgumentHelp("Write one file per input (same name) into this existing folder.", valueName: "dir"))
        var out: String?

        @Option(help: ArgumentHelp(
            "text: the redacted text; pdf: each letter as a new PDF typeset from the redacted text (needs --out; no metadata, images or fonts of the original carried over).",
            valueName: "text|pdf"))
        var format: OutputFormat?

        @Option(help: "placeholder: typed placeholders ([PROVIDER], [DATE] ...); blank: remove person names as the published letters do, placeholders for the rest.")
        var style: Style = .placeholder

        @OptionGroup var policyOptions: PolicyOptions

        @Option(help: ArgumentHelp(
            "Keep pseudonyms, surrogates and date shifts in this SQLite vault (created owner-only), so that runs agree.",
            valueName: "file"))
        var vault: String?

        @Flag(help: "Verify each redacted letter against its original (as imr-redact verify does); a letter that does not pass is not written.")
        var verify = false

        @Option(help: ArgumentHelp("Write the audit log (JSON Lines) to this file.", valueName: "file"))
        var audit: String?

        @Option(name: .customLong("key-file"), help: ArgumentHelp("Key for the audit's HMAC-SHA256 digests (else $IMR_REDACT_KEY).", valueName: "file"))
        var keyFile: String?

        @Flag(help: "Name outputs 000001.txt, 000002.txt ... and documents by that number in the audit and messages.")
        var rename = false

        @Option(name: .customLong("read-buffer"), help: ArgumentHelp("Bytes per read(2) call.", visibility: .hidden))
        var readBuffer: Int = 1 << 16

        @Flag(name: .shortAndLong, help: "No progress line on a terminal (the closing summary is always printed).")
        var quiet = false

        @OptionGroup var jobsOptions: JobsOptions

        @Option(help: ArgumentHelp(
            "Identifiers you already hold, masked wherever they occur: JSON Lines of {\"id\": DOCUMENT, \"identifiers\": [{\"category\": ..., \"value\": ...}]} (no id: every document).",
            valueName: "file"))
        var known: String?

        @Flag(help: "Do not write a letter with residue (tokens no safe lexicon knows, left after redaction): it is named on stderr as needing review and counted as rejected; the rest are written.")
        var strict = false

        @Flag(name: .customLong("no-parse"), help: ArgumentHelp("Patterns only: no header labels, copy lists or propagation (to measure what they add).", visibility: .hidden))
        var noParse = false

        @OptionGroup var patterns: PatternOptions

        /// `--out NAME.pdf` (not a folder): one PDF written to that file.
        var outputFile: String? {
            guard let out, RedactRunner.namesOutputFile(out) else { return nil }
            return out
        }

        func validate() throws {
            if readBuffer < 1 { throw ValidationError("--read-buffer must be at least 1") }
            if let outputFile {
                if format == .text { throw ValidationError("--out \(outputFile) names a PDF; --format text writes text") }
                if jsonl { throw ValidationError("--out FILE.pdf cannot be used with --jsonl") }
                if files.count != 1 || files == ["-"] {
                    throw ValidationError("--out \(outputFile) names one output file: give exactly one input file (or --out a folder)")
                }
                if let problem = RedactRunner.checkOutputFile(outputFile) { throw ValidationError(problem) }
            } else if let out, let problem = RedactRunner.checkOutputDirectory(out) {
                throw ValidationError(problem)
            }
            if format == .pdf {
                if jsonl { throw ValidationError("--format pdf cannot be used with --jsonl") }
                if out == nil { throw ValidationError("--format pdf needs --out DIR (or --out FILE.pdf): a PDF is not written to stdout") }
            }
        }

        /// `; PDF metadata: 150 identifiers in 150 documents (PERSON 150), none carried over`, or
        /// nothing when no PDF's metadata held one.
        func metadataSummary(_ summary: RunSummary) -> String {
            guard summary.documentsWithMetadataFindings > 0 else { return "" }
            let count = summary.metadataFindings.values.reduce(0, +)
            let perCategory = Category.allCases.compactMap { category -> String? in
                guard let count = summary.metadataFindings[category], count > 0 else { return nil }
                return "\(category.rawValue) \(count)"
            }.joined(separator: ", ")
            return "; PDF metadata: \(count) identifiers in \(summary.documentsWithMetadataFindings) documents (\(perCategory)), none carried over"
        }

        func run() throws {
            let ruleSet = try patterns.load()
            var options = RedactOptions()
            options.strict = strict
            options.jsonl = jsonl
            if let outputFile {
                options.outputFile = outputFile
                options.format = .pdf
            } else {
                options.outputDirectory = out
                options.format = format ?? .text
            }
            // --policy wins over --style.
            options.policy = try policyOptions.load() ?? (style == .blank ? .blank : .placeholders)
            options.verify = verify
            options.rename = rename
            options.auditPath = audit
            options.readChunkSize = readBuffer
            options.usesStructure = !noParse
            options.jobs = jobsOptions.jobs
            if let known {
                do {
                    options.known = try KnownIdentifiers.load(path: known)
                } catch {
                    Diagnostics.error("--known: \(error)")
                    throw ExitCode(ExitStatus.usage)
                }
            }
            do {
                options.key = try DigestKey.load(keyFile: keyFile)
            } catch {
                Diagnostics.error("--key-file: \(error)")
                throw ExitCode(ExitStatus.usage)
            }
            if let vault {
                do {
                    let key = try PseudonymVault.key(forVault: vault, given: options.key) { Diagnostics.error($0) }
                    options.store = try PseudonymVault(path: vault, key: key)
                    // The audit's digests use the vault's key when no other is given.
                    if options.key == nil { options.key = key }
                } catch {
                    Diagnostics.error("--vault: \(error)")
                    throw ExitCode(ExitStatus.usage)
                }
            }
            let start = Date()
            let progress = ProgressLine.forTerminal(quiet: quiet, totalBytes: ProgressLine.totalSize(of: files))
            let runner = RedactRunner(ruleSet: ruleSet, options: options) { message in
                progress?.finish()
                Diagnostics.error(message)
            }
            Interruption.install()
            let summary: RunSummary
            do {
                summary = try runner.run(paths: files) { progress?.update(documents: $0.documentsIn, bytes: $1) }
            } catch {
                progress?.finish()
                Diagnostics.error("\(error)")
                throw ExitCode(ExitStatus.failure)
            }
            progress?.finish()
            if let signal = summary.interruptedBy {
                // Always said, --quiet or not: the output is not complete.
                Diagnostics.error("interrupted by \(signal); stopped reading after \(summary.documentsIn) documents (they are finished)")
            }
            // The closing summary is always printed.
            let seconds = Date().timeIntervalSince(start)
            let megabytes = Double(summary.bytesIn) / 1_000_000
            let perCategory = Category.allCases.compactMap { category -> String? in
                guard let count = summary.perCategory[category], count > 0 else { return nil }
                return "\(category.rawValue) \(count)"
            }.joined(separator: ", ")
            Diagnostics.write(
                "imr-redact: \(summary.documentsIn) documents in, \(summary.written) written, \(summary.rejected) rejected; "
                    + "\(summary.substitutions) substitutions" + (perCategory.isEmpty ? "" : " (\(perCategory))")
                    + "; \(summary.residue) residue tokens in \(summary.needsReview) documents"
                    + metadataSummary(summary)
                    + String(format: "; %.2f MB in %.2f s", megabytes, seconds))
            if summary.interruptedBy != nil, let signo = Interruption.received {
                throw ExitCode(Interruption.exitStatus(for: signo))
            }
            if summary.rejected > 0 { throw ExitCode(ExitStatus.failure) }
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}
