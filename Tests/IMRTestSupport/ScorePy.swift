import Foundation

/// Runs the reference scorer, `../shared/eval/score.py`, with `python3`.
public enum ScorePy {
    public static let script: URL = Fixtures.shared.appendingPathComponent("eval/score.py")

    /// `python3 score.py GOLD PRED arguments...`
    public static func run(gold: URL, pred: URL, _ arguments: [String] = []) throws -> CommandRunner.Output {
        try CommandRunner.execute(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path, gold.path, pred.path] + arguments)
    }

    /// `python3 -c code`: for checking a Python definition (such as `str.isalnum`) directly.
    public static func python(_ code: String) throws -> String {
        try CommandRunner.execute(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", code]).stdoutText
    }
}
