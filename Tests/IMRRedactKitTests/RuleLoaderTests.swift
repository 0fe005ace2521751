import IMRRedactKit
import IMRTestSupport
import Testing

@Suite struct RuleLoaderTests {
    @Test func everyDefaultRulePassesItsExamples() {
        let failures = RuleTester.run(Fixtures.ruleSet)
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
        #expect(Fixtures.ruleSet.rules.count > 50)
    }

    @Test func everyCategoryAndClinicalKindHasARule() {
        let targets = Set(Fixtures.ruleSet.rules.map(\.rule.target))
        for category in Category.allCases { #expect(targets.contains(.identifier(category)), "no rule for \(category)") }
        for kind in ClinicalKind.allCases { #expect(targets.contains(.protected(kind)), "no rule for \(kind)") }
    }

    @Test func yamlErrorsNameLineAndColumn() {
        let yaml = "rules:\n  - id: a\n    regex: 'x'\n    description: bad: colon\n"
        #expect {
            _ = try RuleLoader.parse(yaml: yaml, file: "bad.yaml")
        } throws: { error in
            guard let error = error as? PatternLoadError else { return false }
            return error.file == "bad.yaml" && error.line == 4 && error.description.contains("^")
        }
    }

    @Test func compileErrorsNameTheRuleAndTheOffset() {
        let rules = [Rule(id: "broken.rule", target: .identifier(.ID), regex: "ab[c", shouldMatch: [.init(text: "x")])]
        #expect {
            _ = try RuleSet(rules: rules)
        } throws: { error in
            guard let error = error as? PatternLoadError else { return false }
            return error.ruleID == "broken.rule" && error.message.contains("missing terminating ]")
                && error.message.contains("offset 4")
        }
    }

    @Test func unknownCategoryAndDuplicateIDsAreRejected() throws {
        #expect(throws: PatternLoadError.self) {
            _ = try RuleLoader.parse(yaml: "rules:\n  - id: a\n    category: NAME\n    regex: x\n", file: "f.yaml")
        }
        let rule = Rule(id: "same", target: .identifier(.ID), regex: "x")
        #expect(throws: PatternLoadError.self) { _ = try RuleSet(rules: [rule, rule]) }
    }

    @Test func macrosExpandAcrossFiles() throws {
        let files = [
            (file: "m.yaml", text: "macros:\n  DIGITS: '\\d+'\n"),
            (file: "r.yaml", text: "rules:\n  - id: r\n    category: ID\n    regex: 'X{{DIGITS}}'\n    should-match: [X12]\n"),
        ]
        let rules = try RuleLoader.rules(from: files)
        #expect(rules.first?.regex == "X\\d+")
        #expect(RuleTester.run(try RuleSet(rules: rules)).isEmpty)
    }

    @Test func failingExamplesAreReportedByRule() throws {
        let rule = Rule(
            id: "id.toy", target: .identifier(.ID), regex: "AB\\d+", shouldMatch: [.init(text: "AB12"), .init(text: "CD")],
            shouldNotMatch: ["AB9"])
        let failures = RuleTester.run(try RuleSet(rules: [rule]))
        #expect(failures.count == 2)
        #expect(failures.allSatisfy { $0.ruleID == "id.toy" })
    }
}
