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

        @Flag(help: "Print where the run's time went, stage by stage (milliseconds, per MB of input, share), to stderr at the end.")
        var profile = false

        @Flag(name: .customLong("no-parse"), help: ArgumentHelp("Patterns only: no header labels, copy lists or propagation (to measure what they add).", visibility: .hidden))
        var noParse = false

        @Option(help: ArgumentHelp(
            "Also write a review report (static HTML: index.html and a page per letter, every redaction in place) into this folder (created when missing).",
            valueName: "dir"))
        var review: String?

        @Flag(name: .customLong("with-original"), help: "With --review: show each original beside its redacted letter (the report then holds identifiers; its folder is made owner-only).")
        var withOriginal = false

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
            if withOriginal && review == nil { throw ValidationError("--with-original needs --review DIR") }
            if let review, let problem = ReviewReport.checkDirectory(review) { throw ValidationError(problem) }
            if format == .pdf {
                if jsonl { throw ValidationError("--format pdf cannot be used with --jsonl") }
                if out == nil { throw ValidationError("--format pdf needs --out DIR (or --out FILE.pdf): a PDF is not written to stdout") }
            }
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
            if profile { options.stageTimes = StageTimesSink() }
            try IMRRedact.loadRunInputs(into: &options, known: known, keyFile: keyFile, vault: vault)
            var reviewContext: ReviewHTML.Context?
            if review != nil {
                var context = ReviewHTML.Context()
                context.withOriginal = withOriginal
                context.policy = options.policy.name
                context.verify = verify
                context.rules = ruleSet.digest
                context.format = jsonl ? "jsonl" : options.format.rawValue
                reviewContext = context
            }
            try IMRRedact.runRedaction(
                ruleSet: ruleSet, options: options, files: files, quiet: quiet,
                review: review.flatMap { folder in reviewContext.map { (folder, $0) } })
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}
