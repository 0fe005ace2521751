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
            func read(_ path: String) throws -> [UInt8] {
                do {
                    let bytes = try FileReader.contents(ofPath: path)
                    // A PDF letter is verified by its text (as pdftotext -layout gives it).
                    if PDFReader.isPDF(bytes) || PDFReader.isNamedPDF(path) { return try PDFReader.read(bytes).text }
                    return bytes
                } catch {
                    Diagnostics.error("\(path): \(error)")
                    throw ExitCode(ExitStatus.usage)
                }
            }
            let originalBytes = try read(original)
            let redactedBytes = try read(redacted)
            let report: VerifyReport
            do {
                report = try Verifier(ruleSet: ruleSet).verify(
                    original: originalBytes, redacted: redactedBytes, policy: policy, known: knownIdentifiers)
            } catch {
                Diagnostics.error("cannot verify \(redacted) against \(original): \(error)")
                throw ExitCode(ExitStatus.usage)
            }
            var out = ""
            for violation in report.violations { out += "\(redacted):\(violation)\n" }
            out += "\(redacted): \(report.verdict)\n"
            FileHandle.standardOutput.write(Data(out.utf8))
            if !report.passed { throw ExitCode(ExitStatus.failure) }
        }
    }
}
