import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

@Suite struct FileCheckerTests {
    let key = DigestKey(bytes: Array("test-key".utf8), origin: "file")

    func check(_ text: String, key: DigestKey? = nil) throws -> FileChecker.Outcome {
        let checker = FileChecker(ruleSet: Fixtures.ruleSet, key: key)
        return try checker.check(try textInput(text), path: "a.txt", relativePath: "a.txt")
    }

    @Test func findingsCarryPositionCategoryRuleAndMaskedValueOnly() throws {
        let outcome = try check("Header\nSeen by Dr. Alan Chu on 3/5/12.\n", key: key)
        #expect(
            outcome.findings.map(\.line) == [
                "a.txt:2:13: PROVIDER provider.dr-title A*** C**",
                "a.txt:2:25: DATE date.numeric-mdy 3/*/**",
            ]
        )
        let first = try #require(outcome.findings.first)
        #expect(first.end == TextPosition(line: 2, column: 21))
        #expect(
            first.digest
                == key.digester().hex(
                    FileChecker.digestInput(ruleID: "provider.dr-title", value: Array("Alan Chu".utf8))
                )
        )
    }

    @Test func theDigestIgnoresWhereTheValueIsAndHowItWraps() throws {
        let one = try check("Seen by Dr. Alan Chu on 3/5/12.\n", key: key).findings
        let moved = try check("\n\n\nLater:   seen by Dr. Alan Chu on 3/5/12.\n", key: key).findings
        #expect(one.map(\.digest) == moved.map(\.digest))
        #expect(one.map(\.start) != moved.map(\.start))
        #expect(
            FileChecker.digestInput(ruleID: "r", value: Array("Alan\r\n  Chu".utf8)) == Array("r\u{0}Alan Chu".utf8)
        )
    }

    @Test(arguments: [RedactionPolicy.placeholders, .blank])
    func redactedSamplesGiveNoFinding(policy: RedactionPolicy) throws {
        let engine = RedactionEngine(ruleSet: Fixtures.ruleSet, policy: policy)
        let checker = FileChecker(ruleSet: Fixtures.ruleSet, key: nil)
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.samples.path).filter {
            $0.hasSuffix(".txt")
        }
        try #require(names.count == 7)
        var placeholders = 0
        for name in names {
            let redacted = try engine.redact(try Fixtures.sample(name)).output
            guard case .text(let text) = CheckInput.classify(redacted) else {
                Issue.record("\(name): redacted output not read as text")
                continue
            }
            let outcome = try checker.check(text, path: name, relativePath: name)
            #expect(outcome.findings.map(\.line) == [], "\(policy.name): \(name)")
            placeholders += outcome.placeholders
        }
        // The header rules read placeholders such as `Employer: [ORG]` as values; they are set aside.
        #expect(placeholders > 0)
    }

    @Test func theStatesBlankedSlotsGiveNoNameFinding() throws {
        let checker = FileChecker(ruleSet: Fixtures.ruleSet, key: nil)
        try #require(Fixtures.seedFiles.count == 2)
        for seed in Fixtures.seedFiles {
            let bytes = Array(try Data(contentsOf: seed))
            guard case .text(let text) = CheckInput.classify(bytes) else {
                Issue.record("\(seed.lastPathComponent) not read as text")
                continue
            }
            let outcome = try checker.check(text, path: seed.lastPathComponent, relativePath: seed.lastPathComponent)
            // The published letters keep dates and ages; their names are blanked (`by  noted`).
            #expect(outcome.findings.allSatisfy { !$0.category.isPersonName }, "\(outcome.findings.map(\.line))")
            #expect(!outcome.findings.isEmpty)
        }
    }

    @Test func placeholdersAndAllowedLinesAreSetAsideAndCounted() throws {
        let text = """
            Employer:             [ORG]
            Seen by Dr. Alan Chu on 3/5/12.  <!-- imr-redact:allow -->
            <!-- imr-redact:allow-next-line -->
            Seen by Dr. Alan Chu on 3/5/12.
            Seen by Dr. [PROVIDER] Chu on [DATE].
            """
        let outcome = try check(text)
        #expect(outcome.placeholders == 1)
        #expect(outcome.allowed == 4)
        // The surname left beside a placeholder is the allowed line's provider, propagated: a
        // partial redaction is a finding.
        #expect(outcome.findings.map(\.line) == ["a.txt:5:24: PROVIDER propagate.provider C**"])
    }
}

/// `text` classified for `check`; throws when it is not text.
func textInput(_ text: String) throws -> CheckText {
    struct NotText: Error {}
    guard case .text(let decoded) = CheckInput.classify(Array(text.utf8)) else { throw NotText() }
    return decoded
}
