import Foundation
import IMRTestSupport
import Testing

/// End-to-end: `imr-redact eval` and `imr-redact synth`, their output, messages and exit statuses.
@Suite struct EvalCommandTests {
    /// Every figure of two `--json` reports (categories, overall, protected by kind, documents).
    func figures(_ data: Data) throws -> [String: String] {
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var out: [String: String] = [:]
        func walk(_ value: Any, _ path: String) {
            if let dictionary = value as? [String: Any] {
                for (key, item) in dictionary where key != "misses" { walk(item, path + "/" + key) }
            } else {
                out[path] = "\(value)"
            }
        }
        walk(object, "")
        return out
    }

    @Test(arguments: ["dev", "synthetic"])
    func evalGivesScorePysFiguresOnItsOwnPredictions(set: String) throws {
        let folder = try Fixtures.temporaryDirectory()
        var gold = Fixtures.devGold
        if set == "synthetic" {
            gold = folder.appendingPathComponent("synth.jsonl")
            let synth = try CommandRunner.run(["synth", "--count", "80", "--seed", "31", "--output", gold.path])
            try #require(synth.status == 0, "\(synth.stderr)")
        }
        let predOut = folder.appendingPathComponent("pred.jsonl")
        let eval = try CommandRunner.run(["eval", gold.path, "--json", "--pred-out", predOut.path])
        #expect(eval.status == 0, "\(eval.stderr)")
        let python = try ScorePy.run(gold: gold, pred: predOut, ["--json"])
        try #require(python.status == 0, "\(python.stderr)")
        let ours = try figures(eval.stdout)
        let theirs = try figures(python.stdout)
        #expect(ours.count > 100)
        #expect(ours == theirs)
        // The same predictions scored from the file give the same table as score.py prints.
        let table = try CommandRunner.run(["eval", gold.path, "--pred", predOut.path])
        #expect(table.status == 0)
        #expect(table.stdoutText == (try ScorePy.run(gold: gold, pred: predOut)).stdoutText)
        #expect(table.stdoutText.contains("category   gold caught leak_rec"))
    }

    @Test func missesAreMaskedAndNameTheirLineAndRule() throws {
        let result = try CommandRunner.run(["eval", Fixtures.devGold.path, "--misses"])
        #expect(result.status == 0)
        let out = result.stdoutText
        #expect(out.contains("## missed gold spans:") && out.contains("## spurious predicted spans:"))
        #expect(out.contains("## damaged protected spans:"))
        // No identifier of the dev set appears in clear on stdout or stderr.
        for letter in try GoldLetter.loadDev() {
            let bytes = Array(letter.text.utf8)
            for span in letter.spans where span.end - span.start >= 4 {
                let value = String(decoding: bytes[span.start..<span.end], as: UTF8.self)
                guard value.contains(where: { $0.isLetter || $0.isNumber }) else { continue }
                #expect(!out.contains(value) && !result.stderr.contains(value), "\(letter.id): an identifier in clear")
            }
        }
        // A letter whose identifier no rule can know is a miss, reported masked with its line.
        let tiny = try Self.goldWithAnUnknowableName()
        let tinyResult = try CommandRunner.run(["eval", tiny.path, "--misses"])
        let missed = tinyResult.stdoutText.split(separator: "\n").filter { $0.hasPrefix("tiny-1") && $0.contains("[line 2") }
        #expect(missed.count == 1)
        #expect(missed.first?.contains("Q*******") == true && !tinyResult.stdoutText.contains("Quillfeat"))
        // JSON misses carry line and rules too.
        let json = try CommandRunner.run(["eval", tiny.path, "--misses", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        let misses = try #require(object["misses"] as? [[String: Any]])
        #expect(misses.allSatisfy { $0["line"] is Int && $0["rules"] is [String] })
    }

    @Test func barsMissedExitWithOne() throws {
        let missed = try CommandRunner.run(["eval", try Self.goldWithAnUnknowableName().path, "--min-leak-recall", "0.999", "--min-precision", "0.5"])
        #expect(missed.status == 1)
        #expect(missed.stderr.contains("imr-redact: bar missed: leak recall of"))
        #expect(missed.stdoutText.contains("ALL "))
        let met = try CommandRunner.run(["eval", Fixtures.devGold.path, "--min-leak-recall", "0.5", "--min-precision", "0.5", "--max-damaged", "1000"])
        #expect(met.status == 0)
        #expect(met.stderr.isEmpty)
    }

    @Test func usageErrorsAndUnreadableInputsExitWithTwo() throws {
        let folder = try Fixtures.temporaryDirectory()
        #expect(try CommandRunner.run(["eval"]).status == 2)
        #expect(try CommandRunner.run(["eval", Fixtures.devGold.path, "--min-leak-recall", "1.5"]).status == 2)
        let missing = try CommandRunner.run(["eval", folder.appendingPathComponent("none.jsonl").path])
        #expect(missing.status == 2 && missing.stderr.contains("none.jsonl: cannot read"))
        let bad = folder.appendingPathComponent("bad.jsonl")
        try Data("{\"id\": \"a\", \"text\": \"x\", \"spans\": [{\"start\": 0, \"end\": 9, \"category\": \"DATE\"}]}\n".utf8).write(to: bad)
        let badGold = try CommandRunner.run(["eval", bad.path])
        #expect(badGold.status == 2 && badGold.stderr.contains("bad.jsonl:1: spans[1] [0, 9) is empty or outside"))
        let pred = folder.appendingPathComponent("pred.jsonl")
        try Data("{\"id\": \"no-such-letter\", \"spans\": []}\n".utf8).write(to: pred)
        let badPred = try CommandRunner.run(["eval", Fixtures.devGold.path, "--pred", pred.path])
        #expect(badPred.status == 2 && badPred.stderr.contains("pred.jsonl:1: id 'no-such-letter' is not in the gold file"))
        #expect(try CommandRunner.run(["synth", "--count", "-1"]).status == 2)
    }

    @Test func redactJSONLOutputCanBeScoredDirectly() throws {
        let folder = try Fixtures.temporaryDirectory()
        let redacted = try CommandRunner.run(["redact", "--jsonl", "--quiet", Fixtures.devGold.path])
        let pred = folder.appendingPathComponent("redacted.jsonl")
        try redacted.stdout.write(to: pred)
        let scored = try CommandRunner.run(["eval", Fixtures.devGold.path, "--pred", pred.path, "--json"])
        let ownPredictions = try CommandRunner.run(["eval", Fixtures.devGold.path, "--json"])
        #expect(scored.status == 0)
        #expect(try figures(scored.stdout) == figures(ownPredictions.stdout))
    }

    @Test func synthIsDeterministicAndFeedsEvalThroughAPipe() throws {
        let first = try CommandRunner.run(["synth", "--count", "12", "--seed", "2026"])
        let second = try CommandRunner.run(["synth", "--count", "12", "--seed", "2026"])
        let other = try CommandRunner.run(["synth", "--count", "12", "--seed", "2027"])
        #expect(first.status == 0 && !first.stdout.isEmpty)
        #expect(first.stdout == second.stdout)
        // The ids carry the seed: compare the letters' text.
        func texts(_ output: CommandRunner.Output) throws -> [String] {
            try output.stdoutText.split(separator: "\n").map { line in
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return object?["text"] as? String ?? ""
            }
        }
        #expect(zip(try texts(first), try texts(other)).allSatisfy { $0 != $1 })
        #expect(first.stdoutText.split(separator: "\n").count == 12)
        let eval = try CommandRunner.run(["eval", "-"], stdin: first.stdout)
        #expect(eval.status == 0)
        #expect(eval.stdoutText.hasPrefix("letters: 12 gold, 12 with predictions"))
    }

    /// A one-letter gold file whose PATIENT span is a made-up word on its own: no rule can find it.
    static func goldWithAnUnknowableName() throws -> URL {
        let folder = try Fixtures.temporaryDirectory()
        let url = folder.appendingPathComponent("tiny.jsonl")
        let text = "Report of 3/5/12.\nthe quillfeat Quillfeat said so.\n"
        let start = Array(text.utf8).count - "Quillfeat said so.\n".utf8.count
        let line = #"{"id": "tiny-1", "text": "Report of 3/5/12.\nthe quillfeat Quillfeat said so.\n", "spans": [{"start": 10, "end": 16, "category": "DATE"}, {"start": \#(start), "end": \#(start + 9), "category": "PATIENT"}], "protected": []}"#
        try Data((line + "\n").utf8).write(to: url)
        return url
    }
}
