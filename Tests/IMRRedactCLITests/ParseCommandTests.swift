import Foundation
import IMRTestSupport
import Testing

/// `imr-redact parse` and `redact --known`, end to end.
@Suite struct ParseCommandTests {
    @Test func parseWritesOneObjectPerLetterWithOffsets() throws {
        let sample = Fixtures.samples.appendingPathComponent("letter-maximus.txt")
        let bytes = Array(try Data(contentsOf: sample))
        let result = try CommandRunner.run(["parse", sample.path, Fixtures.samples.appendingPathComponent("seed-000.txt").path])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let lines = result.stdoutText.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["id"] as? String == sample.path)
        #expect(first["layout"] as? String == "maximus")
        let fields = try #require(first["fields"] as? [String: [String: Any]])
        for key in ["case_number", "date_of_injury", "ur_denial_date", "application_received", "employee", "employer"] {
            let field = try #require(fields[key], "\(key)")
            let start = try #require(field["start"] as? Int)
            let end = try #require(field["end"] as? Int)
            #expect(String(decoding: bytes[start..<end], as: UTF8.self) == field["value"] as? String)
        }
        let items = try #require(first["items"] as? [[String: Any]])
        #expect(items.count == 3)
        #expect(items.compactMap { ($0["decision"] as? [String: Any])?["value"] as? String } == ["Overturned", "Upheld", "Upheld"])
        #expect((first["sections"] as? [[String: Any]])?.isEmpty == false)
    }

    @Test func parseReadsJSONLinesAndRejectsBadLetters() throws {
        let input = Data("{\"id\": \"a\", \"text\": \"Case Number: CM13-0001111\\n\"}\n{\"id\": \"b\", \"text\": \"\"}\n".utf8)
        let result = try CommandRunner.run(["parse", "--jsonl"], stdin: input)
        #expect(result.status == 1)
        #expect(result.stdoutText.contains("\"id\":\"a\""))
        #expect(result.stdoutText.contains("\"case_number\":{\"value\":\"CM13-0001111\""))
        #expect(result.stderr.contains("<stdin>:2") && !result.stderr.contains("CM13"))
    }

    @Test func knownIdentifiersNeverAppearInAnyOutput() throws {
        let folder = try Fixtures.temporaryDirectory()
        let known = folder.appendingPathComponent("known.jsonl")
        try Data(
            """
            {"id": "doc-1", "identifiers": [{"category": "PATIENT", "value": "Zebulon Quartermaine"}, {"category": "ID", "value": "QX-44719"}]}

            """.utf8
        ).write(to: known)
        let audit = folder.appendingPathComponent("audit.jsonl")
        let input = Data(#"{"id": "doc-1", "text": "Mr. Zebulon Quartermaine, file qx-44719. QUARTERMAINE was seen.\n"}"#.utf8 + [0x0A])
        let result = try CommandRunner.run(
            ["redact", "--jsonl", "--known", known.path, "--audit", audit.path], stdin: input,
            environment: ["IMR_REDACT_KEY": "test-key"])
        #expect(result.status == 0)
        let outputs = [result.stdoutText, result.stderr, try String(contentsOf: audit, encoding: .utf8)]
        for output in outputs {
            #expect(!output.localizedCaseInsensitiveContains("Quartermaine") && !output.localizedCaseInsensitiveContains("Zebulon"))
            #expect(!output.localizedCaseInsensitiveContains("qx-44719"))
        }
        #expect(result.stdoutText.contains("Mr. [PATIENT], file [ID]. [PATIENT] was seen."))

        try Data("{\"identifiers\": [{\"category\": \"NAME\", \"value\": \"x\"}]}\n".utf8).write(to: known)
        let bad = try CommandRunner.run(["redact", "--known", known.path], stdin: Data("x\n".utf8))
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("known.jsonl:1: unknown category"))
    }
}
