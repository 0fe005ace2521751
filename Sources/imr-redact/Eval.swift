import ArgumentParser
import Foundation
import IMRRedactKit

extension IMRRedact {
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure detection against a gold file: leak recall, category recall, precision, damage, F2.",
            discussion: """
                Runs the full detection over every letter of GOLD (the format of \
                ../shared/eval/dev/gold.jsonl; '-' reads stdin) and prints the figures of \
                ../shared/eval/score.py, per category and overall. With --pred, scores that prediction \
                file instead. Identifier text is only ever printed masked. Exit status: 0 ok; 1 a bar \
                (--min-leak-recall, --min-precision, --max-damaged) missed; 2 a usage error or an \
                unreadable gold or prediction file.
                """)

        @Argument(help: ArgumentHelp("Gold letters (JSON Lines), or '-' for stdin.", valueName: "gold.jsonl"))
        var gold: String

        @Flag(help: "Print one JSON object (score.py --json's keys) instead of the table.")
        var json = false

        @Flag(help: "List every missed, mislabelled and spurious span (masked) and every damaged protected span, with line and rule ids.")
        var misses = false

        @Option(help: ArgumentHelp("Score this prediction file (score.py's format) instead of running detection.", valueName: "file"))
        var pred: String?

        @Option(name: .customLong("pred-out"), help: ArgumentHelp("Write the predictions scored, in score.py's format.", valueName: "file"))
        var predOut: String?

        @Option(name: .customLong("min-leak-recall"), help: ArgumentHelp("Exit 1 when the leak recall of any category, or overall, is below R.", valueName: "R"))
        var minLeakRecall: Double?

        @Option(name: .customLong("min-precision"), help: ArgumentHelp("Exit 1 when the overall precision is below P.", valueName: "P"))
        var minPrecision: Double?

        @Option(name: .customLong("max-damaged"), help: ArgumentHelp("Exit 1 when more than N protected spans are damaged.", valueName: "N"))
        var maxDamaged: Int?

        @Flag(name: .shortAndLong, help: "No progress line on a terminal.")
        var quiet = false

        @OptionGroup var jobsOptions: JobsOptions

        @OptionGroup var patterns: PatternOptions

        func validate() throws {
            for (name, value) in [("--min-leak-recall", minLeakRecall), ("--min-precision", minPrecision)] {
                if let value, !(0...1).contains(value) { throw ValidationError("\(name) must be between 0 and 1") }
            }
            if let maxDamaged, maxDamaged < 0 { throw ValidationError("--max-damaged must be at least 0") }
            if pred != nil && predOut != nil { throw ValidationError("--pred and --pred-out cannot be used together") }
            if pred != nil && (!patterns.extra.isEmpty || !patterns.only.isEmpty) {
                throw ValidationError("--pred scores a file; --patterns and --only-patterns do not apply")
            }
        }

        func run() throws {
            let goldSet: GoldSet
            do {
                goldSet = try GoldSet.load(path: gold)
            } catch {
                Diagnostics.error(error.description)
                throw ExitCode(ExitStatus.usage)
            }
            let predictions: PredictionSet
            if let pred {
                do {
                    predictions = try PredictionSet.load(path: pred, gold: goldSet)
                } catch {
                    Diagnostics.error(error.description)
                    throw ExitCode(ExitStatus.usage)
                }
            } else {
                let ruleSet = try patterns.load()
                let total = goldSet.letters.reduce(0) { $0 + $1.text.count }
                let progress = ProgressLine.forTerminal(quiet: quiet, totalBytes: total, noun: "letter")
                predictions = PredictionSet.detect(
                    goldSet, ruleSet: ruleSet, jobs: jobsOptions.jobs,
                    failed: { id, error in
                        progress?.finish()
                        Diagnostics.error("\(id): \(error); scored as a letter where nothing was found")
                    },
                    progress: { letters, bytes in progress?.update(documents: letters, bytes: bytes) })
                progress?.finish()
            }
            if let predOut {
                let data = Data(predictions.jsonLines(for: goldSet).utf8)
                do {
                    try data.write(to: URL(fileURLWithPath: predOut))
                } catch {
                    Diagnostics.error("--pred-out \(predOut): cannot write: \((error as NSError).localizedDescription)")
                    throw ExitCode(ExitStatus.usage)
                }
            }
            let report = Scorer.score(goldSet, predictions)
            if json {
                print(report.json(misses: misses).pretty())
            } else {
                print(report.table(misses: misses))
            }
            let bars = EvalBars(minLeakRecall: minLeakRecall, minPrecision: minPrecision, maxDamaged: maxDamaged)
            let failures = bars.failures(of: report)
            for failure in failures { Diagnostics.error("bar missed: " + failure) }
            if !failures.isEmpty { throw ExitCode(ExitStatus.failure) }
        }
    }
}
