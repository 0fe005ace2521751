import IMRRedactKit
import Testing

@Suite struct RegexTests {
    @Test func compileErrorCarriesMessageAndOffset() {
        #expect {
            _ = try CompiledPattern("ab(c")
        } throws: { error in
            guard let error = error as? PatternCompileError else { return false }
            return error.offset == 4 && error.message.contains("missing closing parenthesis")
        }
    }

    @Test func matchesWithJITAndNamedGroups() throws {
        let pattern = try CompiledPattern(#"Dr\. (?<mask>[A-Z][a-z]+)"#)
        #expect(pattern.isJIT)
        #expect(pattern.groupsByName["mask"] == [1])
        let matcher = Matcher(maxCaptureCount: pattern.captureCount)
        let text = Array("seen by Dr. Chu today".utf8)
        let found = try text.withUnsafeBufferPointer { try matcher.firstMatch(pattern, in: $0, from: 0) }
        #expect(found)
        #expect(matcher.range(ofGroup: 1) == 12..<15)
        let again = try text.withUnsafeBufferPointer { try matcher.firstMatch(pattern, in: $0, from: 15) }
        #expect(!again)
    }

    @Test func markNamesTheAlternativeThatMatched() throws {
        let pattern = try CompiledPattern(#"(?:(*MARK:date)\d+/\d+|(*MARK:word)[a-z]+)"#)
        let matcher = Matcher(maxCaptureCount: pattern.captureCount)
        let text = Array("  7/22".utf8)
        _ = try text.withUnsafeBufferPointer { try matcher.firstMatch(pattern, in: $0, from: 0) }
        #expect(matcher.mark == "date")
    }

    @Test func catastrophicBacktrackingHitsTheMatchLimit() throws {
        let pattern = try CompiledPattern(#"(?:a+)+$"#)
        let matcher = Matcher(maxCaptureCount: 0, limits: MatchLimits(matchLimit: 100_000))
        let text = Array((String(repeating: "a", count: 40) + "b").utf8)
        #expect(throws: PCRE2Error.self) {
            _ = try text.withUnsafeBufferPointer { try matcher.firstMatch(pattern, in: $0, from: 0) }
        }
    }

    @Test(arguments: [
        ([0x41, 0x42], nil as Int?),
        ([0xC3, 0xA9], nil),
        ([0xFF, 0x41], 0),
        ([0x41, 0xC3], 1),
        ([0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0xED, 0xA0, 0x80], 9),  // a surrogate
        ([0xC0, 0xAF], 0),  // overlong
        ([0xF4, 0x90, 0x80, 0x80], 0),  // above U+10FFFF
        ([0xF0, 0x9F, 0x98, 0x80], nil),
    ] as [([UInt8], Int?)])
    func utf8Validation(bytes: [UInt8], expected: Int?) {
        #expect(bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) } == expected)
    }

    @Test func keywordIndexFindsKeywordsCaseInsensitively() {
        let index = KeywordIndex(keywords: ["dr", "esq", "claim"])
        var hits: [[Int]] = []
        let text = Array("Attn: Gregory Hale, ESQ. and Dr. Chu; cmd drive".utf8)
        text.withUnsafeBufferPointer { index.scan($0, into: &hits) }
        // "dr" inside "cmd" or at the start of "drive" is not a word of its own.
        #expect(hits == [[29], [20], []])
    }

    @Test func keywordsNextToCurlyQuotesAndNoBreakSpacesAreWords() {
        let index = KeywordIndex(keywords: ["dr", "md"])
        var hits: [[Int]] = []
        // “Dr. Chu, MD” with curly quotes, then a no-break space before MD, then an accented word.
        let text = Array("\u{201C}Dr. Chu, MD\u{201D} Lee,\u{00A0}MD; Dré".utf8)
        text.withUnsafeBufferPointer { index.scan($0, into: &hits) }
        #expect(hits == [[3], [12, 24]])
    }
}
