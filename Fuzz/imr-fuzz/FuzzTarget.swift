// libFuzzer target over the letter parser and the redaction pipeline (see README, "Fuzzing").
// An input that starts with `%PDF-` (as the tool knows a PDF) goes through the PDF path instead:
// `PDFReader` from the bytes (twice), the extracted text through the same checks as a text
// input, then `PDFWriter` and `PDFVerification` on its redaction (`PDFProperties`).
//
// Built for fuzzing by scripts/fuzz.sh with `-sanitize=fuzzer,address -D FUZZING`: `main` hands
// over to libFuzzer's driver. Built as a plain executable (as `swift build` and `swift test` do),
// `imr-fuzz FILE...` runs the same checks on each file, to replay a crash without the fuzzer.
//
// Nothing here prints a document's text: messages carry property names and byte offsets only.
import IMRRedactKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One input through the parser and the engine, and the properties checked on the result.
final class FuzzHarness {
    let engine: RedactionEngine
    /// Inputs the engine rejected, by reason (invalid UTF-8, NUL, empty, a match limit ...).
    var rejected: [String: Int] = [:]
    var accepted = 0

    init() {
        let ruleSet: RuleSet
        do {
            ruleSet = try RuleSet.load()
        } catch {
            fatalError("imr-fuzz: the default rules do not load: \(error)")
        }
        engine = RedactionEngine(ruleSet: ruleSet, policy: .placeholders)
    }

    enum Outcome {
        case accepted
        case rejected(String)
        case violated([String])
    }

    /// One input: a PDF (it starts with `%PDF-`) or a text.
    func run(_ input: UnsafeBufferPointer<UInt8>) -> Outcome {
        PDFReader.isPDF(input) ? runPDF(Array(input)) : check(input, known: []).outcome
    }

    /// A PDF: read (fail closed: an unreadable file is rejected and nothing of it goes on), its
    /// text redacted and checked as a text is, with what its metadata names masked too; then
    /// the redacted text typeset and the PDF written checked.
    func runPDF(_ bytes: [UInt8]) -> Outcome {
        let (outcome, readViolations) = PDFProperties.read(bytes)
        guard readViolations.isEmpty else { return .violated(readViolations.map(\.description)) }
        let letter: PDFLetter
        switch outcome {
        case .failure(let error):
            return reject("PDF: " + Self.reason(error))
        case .success(let read):
            letter = read
        }
        let known: [KnownIdentifier]
        do {
            let findings = try MetadataFindings(engine: engine).findings(letter.metadata)
            known = Set(findings.map { KnownIdentifier(category: $0.category, value: $0.value) }).sorted {
                ($0.category, $0.value) < ($1.category, $1.value)
            }
        } catch {
            return reject("PDF metadata: " + Self.reason(error))
        }
        let (textOutcome, redaction) = letter.text.withUnsafeBufferPointer { check($0, known: known) }
        guard case .accepted = textOutcome, let result = redaction else { return textOutcome }

        let written: PDFWriter.Output
        do {
            written = try PDFWriter.write(result.output)
        } catch {
            // A character the font cannot show: the letter is not written (fail closed).
            return reject("PDF writer: " + Self.reason(error))
        }
        let identifiers = result.substitutions.map {
            (text: Array(letter.text[$0.start..<$0.end]), category: $0.category, line: $0.line)
        }
        let report: PDFVerification.Report
        do {
            report = try PDFVerification(engine: engine).check(
                pdf: written.pdf, written: written.layoutText, identifiers: identifiers)
        } catch {
            return reject("PDF verification: " + Self.reason(error))
        }
        let violations = PDFProperties.written(written.pdf, report: report)
        guard violations.isEmpty else { return .violated(violations.map(\.description)) }
        if !report.passed {
            // The letter would not be written (fail closed); by the first kind of violation.
            return reject("PDF verification failed: " + (report.violations.first?.kind.rawValue ?? "?"))
        }
        pdfsWritten += 1
        return .accepted
    }

    /// A rejection, counted by reason.
    func reject(_ reason: String) -> Outcome {
        rejected[reason, default: 0] += 1
        return .rejected(reason)
    }

    /// An error's reason, to count rejections by: up to its first parenthesis or colon, numbers
    /// as `N` (the reader's and the engine's reasons are fixed texts; never the input's).
    static func reason(_ error: DocumentError) -> String {
        switch error {
        case .empty: return "empty"
        case .nulByte: return "NUL byte"
        case .invalidUTF8: return "invalid UTF-8"
        case .limitReached(let rule, _): return "match limit (\(rule))"
        case .outputFailed: return "a character the font cannot show"
        case .unreadable(let reason): return shape(reason)
        default: return shape("\(error)")
        }
    }

    /// `text` up to its first `(` or `:`, each run of digits as `N`.
    static func shape(_ text: String) -> String {
        var out = ""
        for character in text.prefix(while: { $0 != "(" && $0 != ":" }) {
            if character.isNumber {
                if !out.hasSuffix("N") { out.append("N") }
            } else {
                out.append(character)
            }
        }
        while out.last == " " { out.removeLast() }
        return out
    }

    /// PDFs that went all the way: read, redacted, written, verified.
    var pdfsWritten = 0

    /// A text parsed, redacted (with `known` masked too) and checked; the redaction when accepted.
    func check(_ text: UnsafeBufferPointer<UInt8>, known: [KnownIdentifier]) -> (outcome: Outcome, result: RedactionEngine.Result?) {
        // The parser at full depth and its JSON, on whatever the validation lets through.
        let structure: LetterStructure?
        do {
            try Detector.validate(text)
            structure = engine.parser.parse(text, depth: .full)
        } catch {
            structure = nil
        }
        if let structure {
            var json: [UInt8] = []
            structure.appendJSON(id: Array("\"fuzz\"".utf8), to: &json)
            precondition(json.last == 0x0A, "imr-fuzz: parse JSON does not end its line")
        }

        let result: RedactionEngine.Result
        do {
            result = try engine.redact(text, known: known)
        } catch {
            return (reject(Self.reason(error)), nil)
        }
        accepted += 1
        let violations = RedactionProperties.check(text, result: result, engine: engine)
        return (violations.isEmpty ? .accepted : .violated(violations.map(\.description)), result)
    }

    /// Per-reason counts of rejected inputs, for the end of a run (no text).
    func summary() -> String {
        var line = "imr-fuzz: \(accepted) inputs redacted and checked (\(pdfsWritten) PDFs read, redacted, written and verified)"
        let total = rejected.values.reduce(0, +)
        if total > 0 {
            line += "; \(total) rejected (fail closed): "
                + rejected.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        return line
    }
}

/// Built on the first input (the rules compile once).
nonisolated(unsafe) var harness: FuzzHarness?

/// Writes one line to stderr.
func printError(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

func report(_ violations: [String]) {
    for violation in violations.prefix(10) {
        printError("imr-fuzz: property violated: \(violation)")
    }
}

/// libFuzzer's entry point: one input, any bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    if harness == nil {
        harness = FuzzHarness()
        atexit { if let harness { printError(harness.summary()) } }
    }
    let text = UnsafeBufferPointer(start: size > 0 ? data : nil, count: size)
    if case .violated(let violations) = harness!.run(text) {
        report(violations)
        abort()
    }
    return 0
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif

@main
enum IMRFuzz {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzTestOneInput))
        #else
        // Replay: the checks on each file named, without the fuzzer.
        let paths = CommandLine.arguments.dropFirst()
        guard !paths.isEmpty, !paths.contains(where: { $0 == "-h" || $0 == "--help" }) else {
            printError("usage: imr-fuzz FILE...   (runs the fuzz target's checks on each file; see scripts/fuzz.sh)")
            exit(2)
        }
        let harness = FuzzHarness()
        var failed = false
        for path in paths {
            guard let bytes = readFile(path) else {
                printError("\(path): cannot read")
                failed = true
                continue
            }
            let outcome = bytes.withUnsafeBufferPointer { harness.run($0) }
            switch outcome {
            case .accepted: print("\(path): ok")
            case .rejected(let reason): print("\(path): rejected (\(reason))")
            case .violated(let violations):
                print("\(path): \(violations.count) violation(s)")
                for violation in violations { print("  \(violation)") }
                failed = true
            }
        }
        exit(failed ? 1 : 0)
        #endif
    }

    static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let read = fread(&buffer, 1, buffer.count, file)
            if read > 0 { bytes += buffer[0..<read] }
            if read < buffer.count { break }
        }
        return ferror(file) == 0 ? bytes : nil
    }
}
