import ArgumentParser
import Foundation
import IMRRedactKit

extension IMRRedact {
    /// Reads what a redaction run takes from files besides the letters: `--known`, the digest key
    /// (`--key-file` or `$IMR_REDACT_KEY`) and the vault; a problem exits with status 2.
    static func loadRunInputs(into options: inout RedactOptions, known: String?, keyFile: String?, vault: String?) throws {
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
    }

    /// Runs `RedactRunner` over `files` (with a progress line on a terminal), and with `review` a
    /// review report into its folder; prints the closing summary (and where the report is), and
    /// exits 1 when a document was rejected, 130/143 after a signal.
    static func runRedaction(
        ruleSet: RuleSet, options: RedactOptions, files: [String], quiet: Bool, review: (folder: String, context: ReviewHTML.Context)?
    ) throws {
        let start = Date()
        let progress = ProgressLine.forTerminal(quiet: quiet, totalBytes: ProgressLine.totalSize(of: files))
        let runner = RedactRunner(ruleSet: ruleSet, options: options) { message in
            progress?.finish()
            Diagnostics.error(message)
        }
        var report: ReviewReport?
        if let review {
            do {
                let made = try ReviewReport(directory: review.folder, context: review.context)
                runner.finished = { document throws(DocumentError) in try made.add(document) }
                report = made
            } catch {
                Diagnostics.error("review report: \(error)")
                throw ExitCode(ExitStatus.usage)
            }
        }
        Interruption.install()
        let summary: RunSummary
        var batchDigest: String?
        var inputBytes = 0
        do {
            summary = try runner.run(paths: files) {
                inputBytes = $1
                progress?.update(documents: $0.documentsIn, bytes: $1)
            }
            batchDigest = try report?.finish(summary: summary)
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
        Diagnostics.write("imr-redact: " + summary.countsDescription + String(format: "; %.2f MB in %.2f s", megabytes, seconds))
        if let times = options.stageTimes?.collected {
            // Summed over the threads: with more than one job the stages add up to more than the wall time.
            Diagnostics.write(String(format: "imr-redact: stage profile over %.2f MB of input (%d jobs; wall %.1f ms):", Double(inputBytes) / 1e6, options.jobs, seconds * 1000))
            for line in times.table(inputBytes: inputBytes) { Diagnostics.write("  " + line) }
        }
        if let report, let batchDigest {
            Diagnostics.write(
                "imr-redact: review report: \(report.directory)/index.html (\(report.filesWritten) files, "
                    + String(format: "%.1f KB", Double(report.bytesWritten) / 1000)
                    + (report.context.withOriginal ? ", holds the original letters, owner-only" : "")
                    + "); batch SHA-256 \(batchDigest)")
        }
        if summary.interruptedBy != nil, let signo = Interruption.received {
            throw ExitCode(Interruption.exitStatus(for: signo))
        }
        if summary.rejected > 0 { throw ExitCode(ExitStatus.failure) }
    }
}
