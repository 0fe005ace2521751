import ArgumentParser
import IMRRedactKit

extension IMRRedact {
    struct Patterns: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the detection rules, or check every rule's examples.",
            subcommands: [List.self, Test.self])

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Print the rules: id, category or protected kind, keywords, description.")

            @OptionGroup var patterns: PatternOptions

            func run() throws {
                let ruleSet = try patterns.load()
                for compiled in ruleSet.rules {
                    let rule = compiled.rule
                    let keywords = rule.keywords.isEmpty ? "-" : rule.keywords.joined(separator: ",")
                    print("\(rule.id)\t\(rule.target)\t\(keywords)\t\(rule.description)")
                }
                print("\(ruleSet.rules.count) rules, \(ruleSet.digest)")
            }
        }

        struct Test: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Check that every rule matches its should-match examples and none of its should-not-match ones.")

            @OptionGroup var patterns: PatternOptions

            func run() throws {
                let ruleSet = try patterns.load()
                let failures = RuleTester.run(ruleSet)
                for failure in failures { print(failure.description) }
                let examples = ruleSet.rules.reduce(0) { $0 + $1.rule.shouldMatch.count + $1.rule.shouldNotMatch.count }
                print("\(ruleSet.rules.count) rules, \(examples) examples, \(failures.count) failures")
                if !failures.isEmpty { throw ExitCode(ExitStatus.failure) }
            }
        }
    }
}
