import IMRRedactKit
import Testing

@Suite struct CombinedPatternTests {
    /// Runs `members` combined over `text` and returns (member, range, group 1) for every hit.
    private func hits(_ members: [(String, CompileOptions)], in text: String) throws -> [(Int, Range<Int>, Range<Int>?)] {
        let compiled = try members.map { try CompiledPattern($0.0, options: $0.1) }
        let combined = try CombinedPattern(
            zip(members, compiled).map { .init(source: $0.0, options: $0.1, captureCount: $1.captureCount) })
        let matcher = Matcher(maxCaptureCount: combined.pattern.captureCount)
        var found = MemberHits()
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer {
            try matcher.scanAll(combined, in: $0, range: 0..<$0.count, into: &found)
        }
        return found.hits.map { ($0.member, $0.start..<$0.end, found.range(ofGroup: 1, in: $0)) }
    }

    @Test func everyMemberReportsItsOwnMatchesWithItsOwnGroups() throws {
        let found = try hits(
            [(#"\b(?<mask>\d{1,2})/\d{1,2}/\d{2,4}\b"#, []), (#"\b\d{1,2}/10\b"#, []), (#"(?<mask>age) \d+"#, .caseless)],
            in: "On 3/5/12 pain 6/10, AGE 43.")
        #expect(found.map(\.0) == [0, 1, 2])
        #expect(found[0].1 == 3..<9 && found[0].2 == 3..<4)
        #expect(found[1].1 == 15..<19 && found[1].2 == nil)
        #expect(found[2].1 == 21..<27 && found[2].2 == 21..<24)
    }

    @Test func twoMembersMatchingAtOnePositionAreBothReported() throws {
        let found = try hits([(#"\d+/\d+"#, []), (#"\d+"#, [])], in: "x 10/325 y")
        #expect(found.map(\.0) == [0, 1, 1])
        #expect(found.map(\.1) == [2..<8, 2..<4, 5..<8])
    }

    @Test func extendedMembersKeepTheirCommentsInside() throws {
        let found = try hits([("\\d+ # digits", .extended), ("[a-z]+", [])], in: "ab 12")
        #expect(found.map(\.0) == [1, 0])
    }

    @Test func matchesAcrossASegmentBoundaryAreFoundOnce() throws {
        // A date straddling the first segment's end, and a long match that outruns the
        // segment's look-ahead view and must be found again with the whole text in view.
        let pad = String(repeating: "a ", count: Matcher.segmentBytes / 2 - 2)
        let long = "<" + String(repeating: "x", count: Matcher.segmentOverlap + 100) + ">"
        let text = pad + "12/25/2019 " + long
        let found = try hits([(#"\d+/\d+/\d+"#, []), ("<x+>", [])], in: text)
        #expect(found.count == 2)
        #expect(found[0].1 == pad.utf8.count..<(pad.utf8.count + 10))
        #expect(found[1].1.count == long.utf8.count)
    }

    @Test func digitLedRulesShareOnePassAndStartOnDigits() throws {
        let rules = try RuleSet.load()
        let shared = rules.groups.filter { $0.ruleIndices.count > 1 }
        #expect(shared.count == 1)
        let starts = try #require(shared.first?.combined.pattern.startBytes)
        #expect(!starts.contains(where: { (0x41...0x5A).contains($0 & ~0x20) || $0 == 0x20 }))
        #expect(starts.isSuperset(of: Array("0123456789".utf8)))
    }
}
