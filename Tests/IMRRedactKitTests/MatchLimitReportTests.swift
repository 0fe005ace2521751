import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

/// A document rejected by a limit is reported with the rule id: in a combined pass (many rules
/// in one PCRE2 pattern) the rule PCRE2 was trying when the limit ran out, and the byte where
/// that attempt started; for a rule that runs alone, the rule and where its search started.
@Suite struct MatchLimitReportTests {
    /// Three digit-led rules, which share one combined pass; `slow.rule` backtracks
    /// exponentially on a run of digits.
    static func rules(slowAt position: Int) -> [Rule] {
        var rules = [
            Rule(id: "fast.fraction", target: .identifier(.DATE), regex: #"\d+/\d+"#),
            Rule(id: "fast.phone", target: .identifier(.CONTACT), regex: #"\d{3}-\d{4}"#),
        ]
        rules.insert(Rule(id: "slow.rule", target: .identifier(.ID), regex: "(?:\\d+)+[a-z]"), at: position)
        return rules
    }

    @Test(arguments: [0, 1, 2])
    func aCombinedPassNamesTheRuleThatRanTheLimitOutAndWhere(slowAt position: Int) throws {
        let ruleSet = try RuleSet(rules: Self.rules(slowAt: position))
        #expect(ruleSet.groups.count == 1 && ruleSet.groups[0].ruleIndices.count == 3)
        let engine = RedactionEngine(ruleSet: ruleSet, limits: MatchLimits(matchLimit: 100_000))
        let prefix = "Seen 3/5 and 555-0142; then "
        let text = Array((prefix + String(repeating: "1", count: 40) + " end").utf8)
        #expect {
            _ = try engine.redact(text)
        } throws: { error in
            guard case .limitReached(let rule, let message) = error as? DocumentError else { return false }
            return rule == "slow.rule"
                && message == "match limit exceeded at byte \(prefix.utf8.count), in a combined pass of 3 rules"
        }
    }

    @Test func aWindowedRuleNamesItselfAndWhereItsSearchStarted() throws {
        let rules = [Rule(id: "slow.windowed", target: .identifier(.ID), regex: "(?:\\d+)+[a-z]", keywords: ["claim"], window: 10)]
        let engine = RedactionEngine(ruleSet: try RuleSet(rules: rules), limits: MatchLimits(matchLimit: 100_000))
        let text = Array(("Nothing here. Claim " + String(repeating: "1", count: 40)).utf8)
        #expect {
            _ = try engine.redact(text)
        } throws: { error in
            guard case .limitReached(let rule, let message) = error as? DocumentError else { return false }
            return rule == "slow.windowed" && message.hasPrefix("match limit exceeded in a search from byte ")
        }
    }

    /// With a match limit too small for any letter, every letter of a run is rejected in one
    /// line that names it and a rule of the default set, and holds no text of the letter; the
    /// audit records each rejection and the summary reconciles.
    @Test func aTinyMatchLimitRejectsRealLettersNamingTheDocumentAndARule() throws {
        let folder = try Fixtures.temporaryDirectory()
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let names = ["letter-case-number.txt", "letter-maximus.txt", "seed-001.txt"]
        let paths = names.map { Fixtures.samples.appendingPathComponent($0).path }
        var options = RedactOptions()
        options.outputDirectory = out.path
        options.auditPath = folder.appendingPathComponent("audit.jsonl").path
        options.limits = MatchLimits(matchLimit: 10)
        var lines: [String] = []
        let runner = RedactRunner(ruleSet: Fixtures.ruleSet, options: options) { lines.append($0) }
        let summary = try runner.run(paths: paths)
        #expect(summary.documentsIn == 3 && summary.written == 0 && summary.rejected == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
        #expect(lines.count == 3)
        let ids = Set(Fixtures.ruleSet.rules.map(\.rule.id))
        let shape = /(.+): rule '([a-z0-9.-]+)' reached a match limit \(match limit exceeded (?:at byte \d+(?:, in a combined pass of \d+ rules)?|in a search from byte \d+)\); document not scanned in full; not written/
        for (line, path) in zip(lines, paths) {
            let match = try #require(line.wholeMatch(of: shape), "a rejection is not one line naming the document and a rule")
            #expect(String(match.1) == path)
            #expect(ids.contains(String(match.2)))
        }
        let audit = try String(contentsOf: folder.appendingPathComponent("audit.jsonl"), encoding: .utf8)
        let rejected = audit.split(separator: "\n").filter { $0.contains(#""status":"rejected""#) && $0.contains("reached a match limit") }
        #expect(rejected.count == 3)
    }
}
