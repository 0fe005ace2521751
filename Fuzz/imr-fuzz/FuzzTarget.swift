// libFuzzer target over the letter parser and the redaction pipeline (see README, "Fuzzing").
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
        case violated([RedactionProperties.Violation])
    }

    func run(_ text: UnsafeBufferPointer<UInt8>) -> Outcome {
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
            result = try engine.redact(text)
        } catch {
            let reason: String
            switch error {
            case .empty: reason = "empty"
            case .nulByte: reason = "NUL byte"
            case .invalidUTF8: reason = "invalid UTF-8"
            case .limitReached(let rule, _): reason = "match limit (\(rule))"
            default: reason = "\(error)"
            }
            rejected[reason, default: 0] += 1
            return .rejected(reason)
        }
        accepted += 1
        let violations = RedactionProperties.check(text, result: result, engine: engine)
        return violations.isEmpty ? .accepted : .violated(violations)
    }

    /// Per-reason counts of rejected inputs, for the end of a run (no text).
    func summary() -> String {
        var line = "imr-fuzz: \(accepted) inputs redacted and checked"
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

func report(_ violations: [RedactionProperties.Violation]) {
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
