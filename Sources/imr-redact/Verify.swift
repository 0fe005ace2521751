import ArgumentParser
import Foundation
import IMRRedactKit

extension IMRRedact {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that a redacted letter still means what its original meant and shows no identifier.",
            discussion: """
                Needs nothing but the two files. It aligns them (the bytes between replacements must \
                be identical) and checks: every protected clinical span intact and in order; the same \
                layout, section titles, disputed items, decisions and guideline citations; shifted \
                dates all moved by one interval, years kept where only the year is shown, ages in their \
                five-year band; no identifier outside the replaced regions; and, for a policy that only \
                removes or masks, that redacting the output again changes nothing. Without --policy, \
                dates, ages and the IMR case number left unchanged throughout are taken as kept on \
                purpose (the published form); nothing else may stay. Prints each violation with its \
                place (never the identifier) and a verdict. Exit status: 0 pass; 1 violations; 2 a usage \
                error or a file that cannot be read as a letter.
                """)

        @Argument(help: ArgumentHelp("The original letter.", valueName: "original"))
        var original: String

        @Argument(help: ArgumentHelp("The redacted letter.", valueName: "redacted"))
        var redacted: String

        @OptionGroup var policyOptions: PolicyOptions

        @Option(help: ArgumentHelp("The --known file the letter was redacted with.", valueName: "file"))
        var known: String?

        @OptionGroup var patterns: PatternOptions

        func run() throws {
            let ruleSet = try patterns.load()
            let policy = try policyOptions.load()
            var knownIdentifiers: [KnownIdentifier] = []
            if let known {
                do {
                    knownIdentifiers = try KnownIdentifiers.load(path: known).identifiers(for: original)
                } catch {
                    Diagnostics.error("--known: \(error)")
                    throw ExitCode(ExitStatus.usage)
                }
            }
            /// A letter's text (a PDF's as pdftotext -layout gives it), its PDF bytes and its metadata.
            func read(_ path: String) throws -> (text: [UInt8], pdf: [UInt8]?, metadata: [PDFMetadataField]) {
                do {
                    let bytes = try FileReader.contents(ofPath: path)
                    if PDFReader.isPDF(bytes) || PDFReader.isNamedPDF(path) {
                        let letter = try PDFReader.read(bytes)
                        return (letter.text, bytes, letter.metadata)
                    }
                    return (bytes, nil, [])
                } catch {
                    Diagnostics.error("\(path): \(error)")
                    throw ExitCode(ExitStatus.usage)
                }
            }
            let originalLetter = try read(original)
            let redactedLetter = try read(redacted)
            let report: VerifyReport
            var pdfReport: PDFVerification.Report?
            do {
                let engine = RedactionEngine(ruleSet: ruleSet)
                let analysis: Resolver.Resolution = try originalLetter.text.withUnsafeBufferPointer { buffer in
                    try engine.analyze(buffer, known: knownIdentifiers)
                }
                var redactedText = redactedLetter.text
                if let pdf = redactedLetter.pdf {
                    // A PDF written by redact --format pdf: its text with the original's runs of
                    // spaces (pdftotext may move a column by one), then its own checks.
                    redactedText = LayoutRepair.restoreSpaces(extracted: redactedLetter.text, original: originalLetter.text)
                    let metadata = try MetadataFindings(engine: engine).findings(originalLetter.metadata)
                    let identifiers = analysis.identifiers.map {
                        (text: Array(originalLetter.text[$0.start..<$0.end]), category: $0.category, line: 0)
                    } + metadata.map { (text: Array($0.value.utf8), category: $0.category, line: 0) }
                    pdfReport = try PDFVerification(engine: engine).check(pdf: pdf, written: redactedText, identifiers: identifiers)
                }
                report = try Verifier(engine: engine).verify(
                    original: originalLetter.text, redacted: redactedText, policy: policy, known: knownIdentifiers,
                    originalAnalysis: analysis)
            } catch {
                Diagnostics.error("cannot verify \(redacted) against \(original): \(error)")
                throw ExitCode(ExitStatus.usage)
            }
            let violations = report.violations + (pdfReport?.violations ?? [])
            var out = ""
            for violation in violations { out += "\(redacted):\(violation)\n" }
            if violations.isEmpty {
                out += "\(redacted): \(report.verdict)" + (pdfReport.map { "; " + $0.summary } ?? "") + "\n"
            } else {
                out += "\(redacted): fail: \(violations.count) violation\(violations.count == 1 ? "" : "s")\n"
            }
            FileHandle.standardOutput.write(Data(out.utf8))
            if !violations.isEmpty { throw ExitCode(ExitStatus.failure) }
        }
    }
}
