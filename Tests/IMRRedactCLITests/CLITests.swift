import Foundation
import IMRTestSupport
import Testing

/// End-to-end: the built binary, its stdout, stderr and exit status.
@Suite struct RedactCommandTests {
    @Test func redactsASampleToStdoutWithASummaryOnStderr() throws {
        let path = Fixtures.samples.appendingPathComponent("seed-000.txt").path
        let result = try CommandRunner.run(["redact", path])
        #expect(result.status == 0)
        #expect(result.stdoutText.contains("date of injury on [DATE]."))
        #expect(result.stderr.contains("1 documents in, 1 written, 0 rejected"))
        #expect(!result.stdoutText.contains("imr-redact:"))
    }

    /// `--profile`: every stage named once with its milliseconds, per MB and share, then the
    /// total; the output is the same as without it, and no letter text reaches stderr.
    @Test func profilePrintsEveryStageAndChangesNothing() throws {
        let samples = try FileManager.default.contentsOfDirectory(atPath: Fixtures.samples.path)
            .filter { $0.hasSuffix(".txt") }.sorted().map { Fixtures.samples.appendingPathComponent($0).path }
        let plain = try CommandRunner.run(["redact", "--jobs", "2"] + samples)
        let profiled = try CommandRunner.run(["redact", "--jobs", "2", "--profile"] + samples)
        #expect(plain.status == 0 && profiled.status == 0)
        #expect(profiled.stdout == plain.stdout)
        let lines = profiled.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("imr-redact: stage profile over") && $0.contains("(2 jobs;") })
        let stages = ["read", "JSON in", "validate", "keyword pass", "regex scan (combined passes)",
                      "confirmation (rules in keyword windows)", "parse", "structure and word detectors", "resolve",
                      "propagation", "name completion", "re-scan", "transform", "residue", "JSON out", "audit digests",
                      "write (output and audit)", "all stages"]
        for stage in stages {
            let rows = lines.filter { $0.hasPrefix("  " + stage + "  ") }
            #expect(rows.count == 1, "\(stage): \(rows.count) rows")
            #expect(rows.first.map { $0.contains(" ms ") && $0.contains(" ms/MB ") && $0.hasSuffix("%") } == true, "\(stage)")
        }
        // The detection stages took time on seven letters; the total's share is all of it.
        #expect(lines.contains { $0.hasPrefix("  all stages") && $0.hasSuffix("100.0%") })
        #expect(!lines.contains { $0.hasPrefix("  regex scan (combined passes)") && $0.contains(" 0.0 ms ") })
        // Nothing else is said: the summary, the profile's heading and its rows.
        let other = lines.filter { line in
            !line.hasPrefix("imr-redact: ") && !stages.contains { line.hasPrefix("  " + $0 + "  ") }
        }
        #expect(other.isEmpty, "\(other.count) other lines on stderr")
    }

    @Test func readsStdinWhenNoFileIsGiven() throws {
        let result = try CommandRunner.run(["redact"], stdin: Data("Seen by Dr. Alan Chu on 3/5/12.\n".utf8))
        #expect(result.status == 0)
        #expect(result.stdoutText == "Seen by Dr. [PROVIDER] on [DATE].\n")
    }

    @Test func badInputsAreReportedAndTheGoodOnesStillWritten() throws {
        let folder = try Fixtures.temporaryDirectory()
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let good = folder.appendingPathComponent("good.txt")
        try Data("Date of injury 3/5/12.\n".utf8).write(to: good)
        let invalid = folder.appendingPathComponent("invalid.txt")
        try Data([0x41, 0x42, 0xFF, 0x43]).write(to: invalid)
        let nul = folder.appendingPathComponent("nul.txt")
        try Data([0x41, 0x00, 0x42]).write(to: nul)
        let empty = folder.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        let missing = folder.appendingPathComponent("missing.txt")
        let good2 = folder.appendingPathComponent("good2.txt")
        try Data("Seen 7/22.\n".utf8).write(to: good2)

        let audit = folder.appendingPathComponent("audit.jsonl")
        let result = try CommandRunner.run([
            "redact", "--out", out.path, "--audit", audit.path,
            good.path, invalid.path, nul.path, empty.path, missing.path, good2.path,
        ])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("invalid.txt: invalid UTF-8 at byte 2; not written") })
        #expect(lines.contains { $0.contains("nul.txt: NUL byte at byte 1; not written") })
        #expect(lines.contains { $0.contains("empty.txt: empty document; not written") })
        #expect(lines.contains { $0.contains("missing.txt: cannot read: No such file or directory; not written") })
        #expect(lines.contains { $0.contains("6 documents in, 2 written, 4 rejected") })
        let written = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(written == ["good.txt", "good2.txt"])
        #expect(try String(contentsOf: out.appendingPathComponent("good.txt"), encoding: .utf8) == "Date of injury [DATE].\n")
        let summary = try auditRecords(audit).last { $0["type"] as? String == "summary" }?["data"] as? [String: Any]
        #expect(summary?["documents_in"] as? Int == 6)
        #expect(summary?["written"] as? Int == 2)
        #expect(summary?["rejected"] as? Int == 4)
    }

    @Test func malformedJSONLinesAreRejectedByLine() throws {
        let input = """
            {"id": "a", "text": "Seen 3/5/12."}
            {"id": "b"}
            {"id": "c", "text": 42}
            not json
            {"id": "a", "text": "again"}
            {"id": 7, "text": "Dr. Alan Chu", "spans": [1, 2]}
            {"id": "t", "text": "trunc
            """
        let result = try CommandRunner.run(["redact", "--jsonl"], stdin: Data(input.utf8))
        #expect(result.status == 1)
        #expect(result.stderr.contains("<stdin>:2: malformed JSON line: no \"text\"; not written"))
        #expect(result.stderr.contains("<stdin>:3: malformed JSON line: \"text\" is not a string; not written"))
        #expect(result.stderr.contains("<stdin>:4: malformed JSON line: not a JSON object; not written"))
        #expect(result.stderr.contains("<stdin>:5: duplicate document id; not written"))
        #expect(result.stderr.contains("<stdin>:7: malformed JSON line: truncated or not a JSON object; not written"))
        #expect(result.stderr.contains("7 documents in, 2 written, 5 rejected"))
        let outputs = result.stdoutText.split(separator: "\n").map {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(outputs.count == 2)
        #expect(outputs[0]?["id"] as? String == "a")
        #expect(outputs[0]?["text"] as? String == "Seen [DATE].")
        #expect(outputs[1]?["id"] as? Int == 7)
        #expect(outputs[1]?["text"] as? String == "Dr. [PROVIDER]")
    }

    @Test func jsonlSpansPointAtTheOriginalBytes() throws {
        let result = try CommandRunner.run(["redact", "--jsonl", Fixtures.devGold.path])
        #expect(result.status == 0)
        let gold = try GoldLetter.loadDev()
        let lines = result.stdoutText.split(separator: "\n")
        #expect(lines.count == gold.count)
        let categories: Set<String> = ["PATIENT", "PROVIDER", "PERSON", "ORG", "LOCATION", "DATE", "AGE", "ID", "CONTACT"]
        for (letter, line) in zip(gold, lines) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["id"] as? String == letter.id)
            let spans = try #require(object["spans"] as? [[String: Any]])
            let original = Array(letter.text.utf8)
            var rebuilt: [UInt8] = []
            var cursor = 0
            for span in spans {
                let start = try #require(span["start"] as? Int)
                let end = try #require(span["end"] as? Int)
                #expect(start >= cursor && end > start && end <= original.count)
                #expect(categories.contains(span["category"] as? String ?? ""))
                #expect(span["rule"] is String && span["action"] as? String == "placeholder")
                rebuilt += original[cursor..<start] + Array((span["replacement"] as? String ?? "").utf8)
                cursor = end
            }
            rebuilt += original[cursor...]
            #expect(String(decoding: rebuilt, as: UTF8.self) == object["text"] as? String)
        }
    }

    @Test(arguments: [1, 7, 4096, 1 << 20])
    func outputIsTheSameWhateverTheReadBufferSize(size: Int) throws {
        let reference = try CommandRunner.run(["redact", "--jsonl", Fixtures.devGold.path])
        let result = try CommandRunner.run(["redact", "--jsonl", "--read-buffer", String(size), Fixtures.devGold.path])
        #expect(result.status == 0)
        #expect(result.stdout == reference.stdout)
        let text = Fixtures.samples.appendingPathComponent("letter-maximus.txt").path
        let textReference = try CommandRunner.run(["redact", text])
        let textResult = try CommandRunner.run(["redact", "--read-buffer", String(size), text])
        #expect(textResult.stdout == textReference.stdout)
    }

    @Test func auditRecordsCarryOffsetsAndDigestsButNoText() throws {
        let folder = try Fixtures.temporaryDirectory()
        let audit = folder.appendingPathComponent("audit.jsonl")
        let key = folder.appendingPathComponent("key")
        try Data("test-key\n".utf8).write(to: key)
        let result = try CommandRunner.run([
            "redact", "--jsonl", "--audit", audit.path, "--key-file", key.path, Fixtures.devGold.path,
        ])
        #expect(result.status == 0)
        let records = try auditRecords(audit)
        #expect(records.first?["type"] as? String == "header")
        #expect(records.last?["type"] as? String == "summary")
        let substitutions = records.filter { $0["type"] as? String == "substitution" }
        let documents = records.filter { $0["type"] as? String == "document" }
        #expect(documents.count == 12)
        #expect(substitutions.count > 500)
        for record in substitutions {
            let data = try #require(record["data"] as? [String: Any])
            let digest = try #require(data["digest"] as? String)
            #expect(digest.count == 64 && digest.allSatisfy(\.isHexDigit))
            #expect(data["line"] as? Int ?? 0 >= 1)
        }
        // No gold identifier of four or more characters appears anywhere in the audit or stderr.
        let auditText = try String(contentsOf: audit, encoding: .utf8)
        for letter in try GoldLetter.loadDev() {
            let bytes = Array(letter.text.utf8)
            for span in letter.spans where span.end - span.start >= 4 {
                let value = String(decoding: bytes[span.start..<span.end], as: UTF8.self)
                #expect(!auditText.contains(value), "\(letter.id): an identifier appears in the audit")
                #expect(!result.stderr.contains(value))
            }
        }
        // Same key, same digest: the audit is reproducible.
        let again = folder.appendingPathComponent("audit2.jsonl")
        _ = try CommandRunner.run(["redact", "--jsonl", "--audit", again.path, "--key-file", key.path, Fixtures.devGold.path])
        let digests = { (url: URL) throws -> [String] in
            try auditRecords(url).compactMap { ($0["data"] as? [String: Any])?["digest"] as? String }
        }
        #expect(try digests(audit) == digests(again))
        // Without a key there is no digest.
        let noKey = folder.appendingPathComponent("audit3.jsonl")
        _ = try CommandRunner.run(["redact", "--jsonl", "--audit", noKey.path, Fixtures.devGold.path], environment: [:])
        #expect(try digests(noKey).isEmpty)
    }

    @Test func renameNumbersOutputsAndAuditDocuments() throws {
        let folder = try Fixtures.temporaryDirectory()
        let audit = folder.appendingPathComponent("audit.jsonl")
        let samples = ["letter-notice.txt", "letter-maximus.txt"].map { Fixtures.samples.appendingPathComponent($0).path }
        let result = try CommandRunner.run(["redact", "--rename", "--out", folder.path, "--audit", audit.path] + samples)
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("000001.txt").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("000002.txt").path))
        let auditText = try String(contentsOf: audit, encoding: .utf8)
        #expect(!auditText.contains("letter-notice"))
        #expect(auditText.contains("\"doc\":\"000002\""))
    }

    @Test func blankStyleRemovesNamesLikeThePublishedLetters() throws {
        let result = try CommandRunner.run(
            ["redact", "--style", "blank"], stdin: Data("The report dated 7/31/13 by Dr. Alan Chu noted".utf8))
        #expect(result.stdoutText == "The report dated [DATE] by Dr.  noted")
    }

    @Test func usageErrorsExitWithTwo() throws {
        #expect(try CommandRunner.run(["redact", "--no-such-flag"]).status == 2)
        #expect(try CommandRunner.run(["redact", "--style", "nope"]).status == 2)
        #expect(try CommandRunner.run(["redact", "--out", "/nonexistent/folder", "x"]).status == 2)
        #expect(try CommandRunner.run(["frobnicate"]).status == 2)
    }

    @Test func anUnreadableRuleFileExitsWithTwoAndNamesThePlace() throws {
        let folder = try ruleFolder(file: "bad.yaml", id: "bad.rule", regex: "ab(c", example: "abc")
        let result = try CommandRunner.run(["redact", "--patterns", folder.path], stdin: Data("x".utf8))
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.yaml:4:12: rule 'bad.rule': PCRE2 cannot compile the regex: missing closing parenthesis at offset 4"))
    }

    @Test func aRuleThatHitsTheMatchLimitRejectsOnlyThatDocument() throws {
        let folder = try ruleFolder(file: "slow.yaml", id: "slow.rule", regex: "(?:\\d+)+[a-z]", example: "1a")
        let digits = String(repeating: "1", count: 40)
        let input = "{\"id\":\"slow\",\"text\":\"\(digits)\"}\n{\"id\":\"fine\",\"text\":\"Seen 3/5/12.\"}\n"
        let result = try CommandRunner.run(["redact", "--jsonl", "--patterns", folder.path], stdin: Data(input.utf8))
        #expect(result.status == 1)
        #expect(result.stderr.contains("<stdin>:1: rule 'slow.rule' reached a match limit"))
        #expect(result.stdoutText.contains("\"id\":\"fine\""))
        #expect(!result.stdoutText.contains("\"id\":\"slow\""))
    }
}

@Suite struct PatternsCommandTests {
    @Test func patternsTestPasses() throws {
        let result = try CommandRunner.run(["patterns", "test"])
        #expect(result.status == 0)
        #expect(result.stdoutText.contains(" 0 failures"))
    }

    @Test func patternsTestFailsNamingTheRuleAndTheExample() throws {
        let folder = try ruleFolder(file: "toy.yaml", id: "toy.rule", regex: "AB\\d+", example: "CD12")
        let result = try CommandRunner.run(["patterns", "test", "--only-patterns", folder.path])
        #expect(result.status == 1)
        #expect(result.stdoutText.contains("rule 'toy.rule': does not match its example \"CD12\""))
    }

    @Test func patternsListPrintsEveryRule() throws {
        let result = try CommandRunner.run(["patterns", "list"])
        #expect(result.status == 0)
        #expect(result.stdoutText.contains("date.numeric-mdy\tDATE"))
        #expect(result.stdoutText.contains("protected.pain-score\tprotected:PAIN_SCORE"))
    }

    @Test func theBinaryWorksFromAnyDirectory() throws {
        let result = try CommandRunner.run(["patterns", "test"], currentDirectory: URL(fileURLWithPath: "/"))
        #expect(result.status == 0)
    }
}

/// A temporary folder holding one rule file with one ID rule and one should-match example.
func ruleFolder(file: String, id: String, regex: String, example: String) throws -> URL {
    let folder = try Fixtures.temporaryDirectory()
    let yaml = "rules:\n  - id: \(id)\n    category: ID\n    regex: '\(regex)'\n    should-match: [\(example)]\n"
    try Data(yaml.utf8).write(to: folder.appendingPathComponent(file))
    return folder
}

func auditRecords(_ url: URL) throws -> [[String: Any]] {
    try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap {
        try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
}

/// `redact --strict`: a letter with residue is held back and named; the others are written.
@Suite struct StrictRedactTests {
    @Test func aLetterWithResidueIsNotWrittenAndTheRunExitsOne() throws {
        let folder = try Fixtures.temporaryDirectory()
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let clean = folder.appendingPathComponent("clean.txt")
        try Data("Seen by Dr. Alan Chu on 3/5/12 for lumbar pain.\n".utf8).write(to: clean)
        let left = folder.appendingPathComponent("left.txt")
        try Data("The visit went well and Quolleth Zandravi translated for him.\n".utf8).write(to: left)
        let audit = folder.appendingPathComponent("audit.jsonl")
        let result = try CommandRunner.run(["redact", "--strict", "--out", out.path, "--audit", audit.path, clean.path, left.path])
        #expect(result.status == 1)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("clean.txt").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("left.txt").path))
        #expect(result.stderr.contains("left.txt: needs review: 2 residue tokens"))
        #expect(result.stderr.contains("2 documents in, 1 written, 1 rejected"))
        // Neither stderr nor the audit holds the words left.
        let log = try String(contentsOf: audit, encoding: .utf8)
        for word in ["Quolleth", "Zandravi"] {
            #expect(!result.stderr.contains(word))
            #expect(!log.contains(word))
        }
        let residue = log.split(separator: "\n").filter { $0.contains(#""type":"residue""#) }
        #expect(residue.count == 2)
        #expect(residue.allSatisfy { $0.contains(#""reason":"unknown-word""#) && $0.contains(#""length":"#) })

        // Without --strict both are written, and the summary counts the residue.
        let lenient = try CommandRunner.run(["redact", left.path])
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("2 residue tokens in 1 documents"))
    }
}
