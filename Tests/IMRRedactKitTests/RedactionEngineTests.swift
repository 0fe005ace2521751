import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

@Suite struct RedactionEngineTests {
    let engine = RedactionEngine(ruleSet: Fixtures.ruleSet)

    func redact(_ text: [UInt8]) throws -> (String, RedactionEngine.Result) {
        let result = try engine.redact(text)
        return (String(decoding: result.output, as: UTF8.self), result)
    }

    /// Occurrences of `needle` in `haystack` as a whole token (`6/10` is not counted inside `06/10/14`).
    func count(_ needle: String, in haystack: String) -> Int {
        let pattern = "(?<![\\w/])" + NSRegularExpression.escapedPattern(for: needle) + "(?![\\w/])"
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return -1 }
        return regex.numberOfMatches(in: haystack, range: NSRange(haystack.startIndex..., in: haystack))
    }

    @Test func seedsMaskDatesAndAgesAndKeepClinicalSpans() throws {
        let seeds = Fixtures.seedFiles
        try #require(seeds.count == 2)
        let first = Array(try Data(contentsOf: seeds[0]))
        let second = Array(try Data(contentsOf: seeds[1]))
        let (out0, _) = try redact(first)
        let (out1, _) = try redact(second)

        // Dates of injury, every other dated report, and ages are masked.
        for date in ["3/5/12", "7/31/13", "11/29/12", "5/25/12", "10/2/12", "10/5/12"] {
            #expect(!out0.contains(date), "seed 000 still shows a date")
        }
        for date in ["02/11/11", "04/01/14", "05/06/14", "06/10/14"] {
            #expect(!out1.contains(date), "seed 001 still shows a date")
        }
        #expect(!out0.contains("43 Y, F") && out0.contains("[AGE] Y, F"))
        #expect(!out1.contains("32 year old") && out1.contains("[AGE] year old"))

        // Clinical spans survive byte for byte, as often as in the original.
        let original0 = String(decoding: first, as: UTF8.self)
        let original1 = String(decoding: second, as: UTF8.self)
        for span in ["1x6", "22 chiropractic visits", "MTUS pg. 58", "Page(s): \n\n58", "Upheld", "Overturned", "1-2 \n\nvisits every 4-6 months"] {
            #expect(count(span, in: out0) == count(span, in: original0) && count(span, in: out0) > 0, "seed 000 lost \(span)")
        }
        for span in ["6/10", "5/10", "3/10", "L3-4", "L4-5", "L5-S1", "12 Acupuncture sessions", "Upheld", "6mm", "7mm", "11mm", "3-6 treatments", "1-3 times per week", "1-2 months"] {
            #expect(count(span, in: out1) == count(span, in: original1) && count(span, in: out1) > 0, "seed 001 lost \(span)")
        }
        // A year on its own stays.
        #expect(out1.contains("(2012)") && out1.contains("(2011 and 2013)"))
        // Already blanked slots are untouched.
        #expect(count("by  noted", in: out0) == count("by  noted", in: original0))
        #expect(count("by  noted", in: out0) >= 3)
    }

    /// A patient named by dotted initials is masked wherever the initials stand, even in a letter
    /// that names no one else; an Initials label names the patient too. Credentials written with
    /// full stops stay.
    @Test func aPatientNamedByInitialsIsMaskedEverywhere() throws {
        let (alone, _) = try redact(Array("The injured worker (T.Q.) slipped. On review T.Q. was seen again.\n".utf8))
        #expect(alone == "The injured worker ([PATIENT]) slipped. On review [PATIENT] was seen again.\n")
        let (labelled, _) = try redact(Array("Patient initials: R.V.K.\nR.V.K. saw the M.D. and the P.T.\n".utf8))
        #expect(labelled == "Patient initials: [PATIENT]\n[PATIENT] saw the M.D. and the P.T.\n")
    }

    @Test func placeholdersAndBlankStyle() throws {
        let text = Array("The report dated 7/31/13 by Dr. Alan Chu noted pain 6/10. Attn: Gregory Hale, Esq.".utf8)
        let (placeholder, _) = try redact(text)
        #expect(placeholder == "The report dated [DATE] by Dr. [PROVIDER] noted pain 6/10. Attn: [PERSON], Esq.")
        let blankEngine = RedactionEngine(ruleSet: Fixtures.ruleSet, policy: .blank)
        let blank = String(decoding: try blankEngine.redact(text).output, as: UTF8.self)
        #expect(blank == "The report dated [DATE] by Dr.  noted pain 6/10. Attn: , Esq.")
    }

    @Test func protectedSpansVetoOverlappingFindings() throws {
        let text = Array("Pain 4/5 strength; BP 120/80; Norco 10/325mg #120; L3-4; 1x6; seen 7/22.".utf8)
        let (out, result) = try redact(text)
        #expect(out == "Pain 4/5 strength; BP 120/80; Norco 10/325mg #120; L3-4; 1x6; seen [DATE].")
        #expect(result.substitutions.count == 1)
        #expect(Set(result.protected.map(\.kind)).isSuperset(of: [.MEASURE, .DOSE, .SPINE_LEVEL, .FREQUENCY]))
    }

    @Test func overlappingFindingsMergeIntoOneSpan() throws {
        let rules = [
            Rule(id: "a", target: .identifier(.ORG), regex: "Valley Spine"),
            Rule(id: "b", target: .identifier(.ORG), regex: "Spine Institute"),
            Rule(id: "c", target: .identifier(.LOCATION), regex: "Institute"),
        ]
        let engine = RedactionEngine(ruleSet: try RuleSet(rules: rules))
        let result = try engine.redact(Array("at Valley Spine Institute today".utf8))
        #expect(result.substitutions.count == 1)
        #expect(result.substitutions.first.map { ($0.start, $0.end, $0.category) } ?? (0, 0, .ID) == (3, 25, .ORG))
    }

    @Test func substitutionsPointAtTheOriginalBytesOnTheDevSet() throws {
        for letter in try GoldLetter.loadDev() {
            let original = Array(letter.text.utf8)
            let result = try engine.redact(original)
            var rebuilt: [UInt8] = []
            var cursor = 0
            var lastEnd = 0
            for item in result.substitutions {
                #expect(item.start >= lastEnd && item.end > item.start && item.end <= original.count)
                lastEnd = item.end
                rebuilt += original[cursor..<item.start]
                rebuilt += Array(item.replacement.utf8)
                cursor = item.end
                let line = original[..<item.start].filter { $0 == 0x0A }.count + 1
                #expect(item.line == line)
            }
            rebuilt += original[cursor...]
            #expect(rebuilt == result.output, "\(letter.id): output is not the original with the spans replaced")
            // No protected span of the gold is damaged.
            for protected in letter.protected {
                #expect(!result.substitutions.contains { $0.start < protected.end && protected.start < $0.end },
                        "\(letter.id): protected \(protected.kind) at \(protected.start) damaged")
            }
        }
    }

    @Test(arguments: [
        ([UInt8](), DocumentError.empty),
        (Array("ok\u{0}no".utf8), DocumentError.nulByte(offset: 2)),
        ([0x41, 0xFF, 0x42], DocumentError.invalidUTF8(offset: 1)),
    ])
    func badDocumentsFailClosed(text: [UInt8], expected: DocumentError) {
        #expect(throws: expected) { _ = try engine.redact(text) }
    }

    @Test func aRuleThatHitsTheMatchLimitRejectsTheDocumentNamingTheRule() throws {
        let rules = [Rule(id: "slow.rule", target: .identifier(.ID), regex: "(?:\\d+)+[a-z]")]
        let engine = RedactionEngine(ruleSet: try RuleSet(rules: rules), limits: MatchLimits(matchLimit: 50_000))
        let text = Array(String(repeating: "1", count: 64).utf8)
        #expect {
            _ = try engine.redact(text)
        } throws: { error in
            guard case .limitReached(let rule, _) = error as? DocumentError else { return false }
            return rule == "slow.rule"
        }
    }
}
