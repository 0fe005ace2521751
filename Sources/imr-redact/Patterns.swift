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
            abstract: "Time every rule alone, and each combined group, over the letters of a JSONL file (slowest first).")

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
            var groupSeconds = Array(repeating: 0.0, count: ruleSet.groups.count)
            var groupCounts = Array(repeating: 0, count: ruleSet.groups.count)
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
                    for (number, group) in ruleSet.groups.enumerated() {
                        var spans: [Finding] = []
                        let start = DispatchTime.now().uptimeNanoseconds
                        try? detector.run(group, in: buffer, into: &spans)
                        groupSeconds[number] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                        groupCounts[number] += spans.count
                    }
                }
            }
            for (index, compiled) in ruleSet.rules.enumerated() {
                let starts = compiled.keywordIDs.isEmpty ? "  (starts: \(Self.describe(compiled.pattern.startBytes)))" : ""
                rows.append((compiled.rule.id + starts, seconds[index], counts[index]))
            }
            rows.append(("(keyword prefilter, all rules)", keywordSeconds, 0))
            for (number, group) in ruleSet.groups.enumerated() {
                let starts = Self.describe(group.combined.pattern.startBytes)
                rows.append((
                    "(group \(number + 1): \(group.ruleIndices.count) rules without keywords, one pass; starts: \(starts))",
                    groupSeconds[number], groupCounts[number]
                ))
            }
            for (id, seconds, count) in rows.sorted(by: { $0.1 > $1.1 }) {
                print(String(format: "%8.1f MB/s %8.3f s %7d  %@", Double(bytes) / seconds / 1e6, seconds, count, id))
            }
        }

        /// The bytes a group's match can start with, as ranges (`0-9 A-Z (`), or `any byte`.
        static func describe(_ bytes: Set<UInt8>?) -> String {
            guard let bytes else { return "any byte" }
            var parts: [String] = []
            var byte = 0
            while byte < 256 {
                guard bytes.contains(UInt8(byte)) else { byte += 1; continue }
                var last = byte
                while last + 1 < 256 && bytes.contains(UInt8(last + 1)) { last += 1 }
                func show(_ value: Int) -> String {
                    value > 32 && value < 127 ? String(UnicodeScalar(UInt8(value))) : String(format: "\\x%02X", value)
                }
                parts.append(last == byte ? show(byte) : "\(show(byte))-\(show(last))")
                byte = last + 1
            }
            return parts.joined(separator: " ")
        }
    }
}
