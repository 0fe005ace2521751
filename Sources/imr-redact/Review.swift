import ArgumentParser
import Foundation
import IMRRedactKit

extension IMRRedact {
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a review report of letters: static HTML, every redaction in place, for the person who signs off.",
            discussion: """
                Redacts the letters as `redact` does (same rules, policy and options; each letter verified \
                unless --no-verify) and writes DIR/index.html (the batch: every letter's state, layout, items \
                and decisions, substitutions by category, residue, verification, and the SHA-256 of each \
                output and of the batch), DIR/letters/NNNNNN.html (each redacted letter with its \
                highlights) and DIR/SHA256SUMS. The report loads nothing from anywhere: it opens from a \
                file URL and can be zipped and mailed. By default it holds only the redacted text; \
                --with-original adds the originals (every page then says it holds identifiers, and the \
                folder is owner-only). The redacted letters themselves are written by \
                `redact --out DIR --review REPORT`, which gives them and the report from one run.
                """)

        @Argument(help: ArgumentHelp("Letters to review; none or '-' reads stdin.", valueName: "file"))
        var files: [String] = []

        @Option(help: ArgumentHelp("Write the report into this folder (created when missing; its parent must exist).", valueName: "dir"))
        var out: String

        @Flag(name: .customLong("with-original"), help: "Show each original beside its redacted letter (the report then holds identifiers; its folder is made owner-only, 0700, files 0600).")
        var withOriginal = false

        @Flag(name: .customLong("no-verify"), help: "Do not verify each redacted letter against its original (verification is on by default here).")
        var noVerify = false

        @Flag(help: "Each input line is a JSON object with \"id\" and \"text\" (as redact --jsonl reads).")
        var jsonl = false

        @Option(help: "placeholder or blank, as for redact.")
        var style: Redact.Style = .placeholder

        @OptionGroup var policyOptions: PolicyOptions

        @Option(help: ArgumentHelp("The pseudonym vault, as for redact (so that the report shows what redact writes).", valueName: "file"))
        var vault: String?

        @Option(help: ArgumentHelp("Write the audit log (JSON Lines) to this file.", valueName: "file"))
        var audit: String?

        @Option(name: .customLong("key-file"), help: ArgumentHelp("Key for the audit's HMAC-SHA256 digests (else $IMR_REDACT_KEY).", valueName: "file"))
        var keyFile: String?

        @Flag(help: "Name documents by their number (000001 ...) in the report, the audit and messages.")
        var rename = false

        @Option(help: ArgumentHelp("Identifiers you already hold, as for redact --known.", valueName: "file"))
        var known: String?

        @Flag(help: "Count a letter with residue as rejected, as redact --strict does (the report still shows it).")
        var strict = false

        @Flag(name: .shortAndLong, help: "No progress line on a terminal (the closing summary is always printed).")
        var quiet = false

        @OptionGroup var jobsOptions: JobsOptions

        @OptionGroup var patterns: PatternOptions

        func validate() throws {
            if let problem = ReviewReport.checkDirectory(out) { throw ValidationError(problem) }
        }

        func run() throws {
            let ruleSet = try patterns.load()
            var options = RedactOptions()
            options.writesOutput = false
            options.jsonl = jsonl
            options.strict = strict
            options.policy = try policyOptions.load() ?? (style == .blank ? .blank : .placeholders)
            options.verify = !noVerify
            options.rename = rename
            options.auditPath = audit
            options.jobs = jobsOptions.jobs
            try IMRRedact.loadRunInputs(into: &options, known: known, keyFile: keyFile, vault: vault)
            var context = ReviewHTML.Context()
            context.withOriginal = withOriginal
            context.policy = options.policy.name
            context.verify = options.verify
            context.rules = ruleSet.digest
            context.format = jsonl ? "jsonl" : "text"
            try IMRRedact.runRedaction(ruleSet: ruleSet, options: options, files: files, quiet: quiet, review: (out, context))
        }
    }
}
