import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

@Suite struct VerifyTests {
    let verifier = Verifier(ruleSet: Fixtures.ruleSet)

    func redacted(_ text: [UInt8], _ policy: String) throws -> String {
        let engine = RedactionEngine(ruleSet: Fixtures.ruleSet, policy: try PolicyLoader.load(policy))
        return String(decoding: try engine.redact(text).output, as: UTF8.self)
    }

    func seed(_ index: Int) throws -> [UInt8] { Array(try Data(contentsOf: Fixtures.seedFiles[index])) }

    func dev(_ id: String) throws -> [UInt8] {
        Array(try #require(try GoldLetter.loadDev().first { $0.id == id }).text.utf8)
    }

    func verify(_ original: [UInt8], _ output: String, policy: String? = nil) throws -> VerifyReport {
        try verifier.verify(original: original, redacted: Array(output.utf8), policy: try policy.map(PolicyLoader.load))
    }

    /// Replaces the first occurrence of `old` after `after` (a landmark of the text).
    func replacing(_ text: String, _ old: String, with new: String, after: String = "") throws -> String {
        let start = after.isEmpty ? text.startIndex : try #require(text.range(of: after)).upperBound
        let range = try #require(text.range(of: old, range: start..<text.endIndex))
        return text.replacingCharacters(in: range, with: new)
    }

    @Test func aCorrectRedactionPassesAndSaysWhatWasChecked() throws {
        let original = try seed(1)
        let report = try verify(original, try redacted(original, "research"))
        #expect(report.passed)
        #expect(report.verdict.hasPrefix("pass: "))
        #expect(report.dates == "shifted by one interval")
        #expect(report.protectedSpans > 20 && report.items == 1)
        let published = try verify(original, try redacted(original, "public-release"))
        #expect(published.passed && published.kept.contains("DATE") && published.idempotenceChecked)
    }

    @Test func anAlteredPainScoreIsAProtectedSpanChanged() throws {
        let original = try seed(1)
        // After its landmark: a shifted date can hold `6/10` too (06/10/13).
        let broken = try replacing(try redacted(original, "research"), "6/10", with: "7/10", after: "prior to treatment was ")
        let report = try verify(original, broken)
        #expect(!report.passed)
        let violation = try #require(report.violations.first)
        #expect(violation.kind == .protected && violation.message == "protected PAIN_SCORE changed")
        #expect(violation.line == 49)
    }

    @Test func aDroppedSpineLevelIsAProtectedSpanRemoved() throws {
        let original = try seed(1)
        let broken = try replacing(try redacted(original, "safe-harbor"), "L4-5 ", with: "")
        let report = try verify(original, broken, policy: "safe-harbor")
        #expect(report.violations.contains { $0.kind == .protected && $0.message == "protected SPINE_LEVEL removed" && $0.line == 35 })
    }

    @Test func aChangedDecisionIsCaughtByTheParseAndTheProtectedSpan() throws {
        let original = try seed(0)
        let broken = try replacing(try redacted(original, "public-release"), "Overturned", with: "Upheld")
        let report = try verify(original, broken)
        #expect(report.violations.contains { $0.kind == .items && $0.message == "item 1: the decision differs (Overturned → Upheld)" })
        #expect(report.violations.contains { $0.kind == .protected && $0.message == "protected DECISION changed" })
    }

    @Test func aDateShiftedOnItsOwnBreaksTheIntervals() throws {
        let original = try dev("dev-002")
        let output = try redacted(original, "research")
        // Move one shifted date by one more day.
        let match = try #require(output.firstMatch(of: /dated (\d{1,2})\/(\d{1,2})\/(\d{2})/))
        let day = Int(match.output.2)!
        let moved = output.replacingCharacters(in: match.output.2.startIndex..<match.output.2.endIndex, with: String(day < 28 ? day + 1 : day - 1))
        let report = try verify(original, moved)
        #expect(report.violations.count == 1)
        #expect(report.violations.first?.kind == .dateInterval)
        let line = output[..<match.range.lowerBound].filter { $0 == "\n" }.count + 1
        #expect(report.violations.first?.line == line)
        // A public-release letter with one date moved: the others are kept, so it stands out too.
        let published = try redacted(original, "public-release")
        let kept = try #require(published.firstMatch(of: /dated 3\/11\/13/))
        let shifted = published.replacingCharacters(in: kept.range, with: "dated 3/12/13")
        #expect(try verify(original, shifted, policy: "public-release").violations.map(\.kind) == [.dateInterval])
    }

    @Test func aNameLeftInIsFoundWithoutEverPrintingIt() throws {
        let letter = try #require(try GoldLetter.loadDev().first { $0.spans.contains { $0.category == "PROVIDER" } })
        let original = Array(letter.text.utf8)
        let output = try redacted(original, "placeholder")
        // Put the first provider mention back.
        let span = try #require(letter.spans.first { $0.category == "PROVIDER" })
        let name = String(decoding: original[span.start..<span.end], as: UTF8.self)
        let marker = try #require(output.range(of: "[PROVIDER]"))
        let leaked = output.replacingCharacters(in: marker, with: name)
        let report = try verify(original, leaked)
        #expect(report.violations.contains { $0.kind == .identifierLeft && $0.message.hasPrefix("PROVIDER") })
        for violation in report.violations { #expect(!violation.description.contains(name)) }
        // Half a name left in its replacement is found too.
        let words = name.split(separator: " ")
        try #require(words.count >= 2)
        let half = output.replacingCharacters(in: marker, with: "[PROVIDER] " + words[words.count - 1])
        #expect(try verify(original, half).violations.contains { $0.kind == .identifierLeft })
    }

    @Test func textChangedOutsideAnIdentifierAndAnotherLetterAreViolations() throws {
        let original = try seed(0)
        let changed = try replacing(try redacted(original, "placeholder"), "muscle spasm", with: "muscle cramp")
        #expect(try verify(original, changed).violations.map(\.kind) == [.outsideIdentifier])
        let other = try seed(1)
        let report = try verifier.verify(original: original, redacted: Array(try redacted(other, "placeholder").utf8))
        #expect(!report.passed)
    }

    @Test func agesStayInTheirBand() throws {
        let original = try seed(0)  // "a 43 Y, F"
        let banded = try redacted(original, "research")
        #expect(banded.contains("a 40-44 Y, F"))
        #expect(try verify(original, banded).passed)
        let wrong = try replacing(banded, "40-44", with: "45-49")
        #expect(try verify(original, wrong).violations.map(\.kind) == [.age])
        #expect(try verify(original, try replacing(banded, "40-44", with: "90 or older")).violations.map(\.kind) == [.age])
    }

    @Test func unreadableInputsThrow() throws {
        #expect(throws: DocumentError.self) { _ = try verifier.verify(original: [0x41, 0xFF], redacted: Array("A".utf8)) }
        let report = try verifier.verify(original: Array("Seen 3/5/12.".utf8), redacted: [])
        #expect(report.violations.first?.kind == .alignment)
    }
}
