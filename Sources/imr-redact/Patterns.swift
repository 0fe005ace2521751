import ArgumentParser
import Dispatch
import IMRRedactKit

extension IMRRedact {
    struct Patterns: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the detection rules, or check every rule's examples.",
            subcommands: [List.self, Test.self, Profile.self])

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

extension IMRRedact.Patterns {
    struct Profile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time every rule alone over the letters of a JSONL file (slowest first).")

        @Argument(help: ArgumentHelp("JSON Lines with \"id\" and \"text\".", valueName: "file"))
        var file: String

        @OptionGroup var patterns: IMRRedact.PatternOptions

        func run() throws {
            let ruleSet = try patterns.load()
            var source = DocumentSource(paths: [file], jsonl: true)
            var texts: [[UInt8]] = []
            while let item = source.next() { if case .success(let document) = item { texts.append(document.text) } }
            let bytes = texts.reduce(0) { $0 + $1.count }
            let detector = Detector(ruleSet: ruleSet)
            var rows: [(String, Double, Int)] = []
            var seconds = Array(repeating: 0.0, count: ruleSet.rules.count)
            var counts = Array(repeating: 0, count: ruleSet.rules.count)
            var keywordSeconds = 0.0
            for text in texts {
                text.withUnsafeBufferPointer { buffer in
                    let start = DispatchTime.now().uptimeNanoseconds
                    detector.prepare(buffer)
                    keywordSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    for index in ruleSet.rules.indices {
                        var spans: [Finding] = []
                        let start = DispatchTime.now().uptimeNanoseconds
                        try? detector.run(ruleAt: index, in: buffer, into: &spans)
                        seconds[index] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                        counts[index] += spans.count
                    }
                }
            }
            for (index, compiled) in ruleSet.rules.enumerated() { rows.append((compiled.rule.id, seconds[index], counts[index])) }
            rows.append(("(keyword prefilter, all rules)", keywordSeconds, 0))
            for (id, seconds, count) in rows.sorted(by: { $0.1 > $1.1 }) {
                print(String(format: "%8.1f MB/s %8.3f s %7d  %@", Double(bytes) / seconds / 1e6, seconds, count, id))
            }
        }
    }
}
