import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

/// The properties the fuzz target checks on every input (`RedactionProperties`), on the letters
/// of the repository and on redactions spoilt on purpose. Messages carry offsets only.
@Suite struct RedactionPropertiesTests {
    let engine = RedactionEngine(ruleSet: Fixtures.ruleSet)

    func check(_ text: [UInt8]) throws -> [RedactionProperties.Violation] {
        let result = try engine.redact(text)
        return text.withUnsafeBufferPointer { RedactionProperties.check($0, result: result, engine: engine) }
    }

    /// The letters the fuzzer starts from: samples, seeds and dev letters.
    static var letters: [URL] {
        let folders = [Fixtures.samples, Fixtures.shared.appendingPathComponent("seeds"),
                       Fixtures.shared.appendingPathComponent("eval/dev/letters")]
        return folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".txt") }.sorted().map { folder.appendingPathComponent($0) }
        }
    }

    @Test func everyPropertyHoldsOnTheSeedLetters() throws {
        let letters = Self.letters
        try #require(letters.count >= 10)
        for url in letters {
            let violations = try check(Array(try Data(contentsOf: url)))
            #expect(violations.isEmpty, "\(url.lastPathComponent): \(violations)")
        }
    }

    /// Rebuilds the output from `substitutions` as the redactor does.
    func apply(_ substitutions: [Substitution], to text: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var cursor = 0
        for sub in substitutions {
            output += text[cursor..<sub.start] + Array(sub.replacement.utf8)
            cursor = sub.end
        }
        return output + text[cursor...]
    }

    func properties(_ text: [UInt8], _ output: [UInt8], _ substitutions: [Substitution]) -> [RedactionProperties.Violation.Kind] {
        text.withUnsafeBufferPointer {
            RedactionProperties.substitutionProperties($0, output: output, substitutions: substitutions).map(\.kind)
        }
    }

    @Test func spoiltRedactionsAreCaught() throws {
        let text = Array("The report dated 7/31/13 by Dr. Alan Chu noted pain 6/10. Attn: Gregory Hale, Esq.".utf8)
        let result = try engine.redact(text)
        try #require(result.substitutions.count == 3)
        #expect(properties(text, result.output, result.substitutions).isEmpty)

        // A byte of the output changed.
        var output = result.output
        output[0] = UInt8(ascii: "t")
        #expect(properties(text, output, result.substitutions) == [.outputMismatch])

        // Substitutions out of order, and one that cuts no text.
        #expect(properties(text, result.output, result.substitutions.reversed()) == [.spanOrder])
        var empty = result.substitutions
        empty[1].end = empty[1].start
        #expect(properties(text, apply(empty, to: text), empty) == [.spanOrder])

        // A replacement that still holds the name, or a name cut short with its end left.
        var holding = result.substitutions
        let name = String(decoding: text[holding[1].start..<holding[1].end], as: UTF8.self)
        holding[1].replacement = "[PROVIDER] " + name
        #expect(properties(text, apply(holding, to: text), holding) == [.spanLeft])
        var short = result.substitutions
        short[1].end -= 1
        #expect(properties(text, apply(short, to: text), short).isEmpty, "an unmasked letter is not the span's text")

        // A substitution inside a two-byte character leaves invalid UTF-8.
        let accented = Array("Dr. José Chu".utf8)
        let cut = [Substitution(start: 4, end: 8, line: 1, category: .PROVIDER, ruleID: "test", action: .placeholder, replacement: "[PROVIDER]")]
        #expect(properties(accented, apply(cut, to: accented), cut) == [.spanBoundary])
    }

    @Test func theSameWordsUnmaskedElsewhereAreNoLeak() throws {
        // The span's text may stand elsewhere where the original showed it unmasked (a lower-case
        // ordinary word); it may not run into a replacement.
        let text = Array("Claimant: Mr. Long. He has long hours.".utf8)
        let start = 14
        let subs = [Substitution(start: start, end: start + 4, line: 1, category: .PATIENT, ruleID: "test", action: .placeholder, replacement: "[PATIENT]")]
        #expect(properties(text, apply(subs, to: text), subs).isEmpty)
        let sneaky = [Substitution(start: start, end: start + 4, line: 1, category: .PATIENT, ruleID: "test", action: .placeholder, replacement: "[PATIENT]Long")]
        #expect(properties(text, apply(sneaky, to: text), sneaky) == [.spanLeft])
    }

    @Test func everySpanFoundMustBeReplacedWhole() throws {
        let text = Array("The report dated 7/31/13 by Dr. Alan Chu noted pain 6/10.".utf8)
        let result = try engine.redact(text)
        let spans = result.analysis.identifiers
        func kinds(_ spans: [IdentifierSpan]) -> [RedactionProperties.Violation.Kind] {
            text.withUnsafeBufferPointer {
                RedactionProperties.substitutionProperties($0, output: result.output, substitutions: result.substitutions, spans: spans)
                    .map(\.kind)
            }
        }
        #expect(kinds(spans).isEmpty)
        #expect(kinds(spans + [IdentifierSpan(start: 53, end: 57, category: .ID, ruleID: "test")]) == [.spanReplaced])
        var wider = spans
        wider[0].end += 1
        #expect(kinds(wider) == [.spanReplaced])
    }

    /// A fuzzed real letter: an organisation value `R], MD` (fuzzed text, no placeholder) and a
    /// provider `[PROVIDER], MD` elsewhere in the output. Text holding a bracket can be made of
    /// the tool's own placeholder bytes and copied text: no leak, no violation.
    @Test func aSpanHoldingABracketIsNoLeakBesideAPlaceholder() throws {
        let text = Array("Employer:    R], MD\nSeen by Dr. Alan Chu, MD.\n".utf8)
        #expect(try check(text).isEmpty)
    }
}
