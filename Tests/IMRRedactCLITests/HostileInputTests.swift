import Foundation
import IMRTestSupport
import Testing

/// Hostile input through the built binary: each hostile document goes into one run between two
/// good letters, and the run must reject it in one clear stderr line naming it (or redact it
/// correctly), in bounded time, with the good letters still written exactly as when alone.
/// Expectations compare bytes and counts, never print letter text.
@Suite(.serialized) struct HostileInputTests {
    static let goodFirst = "seed-000.txt"
    static let goodLast = "letter-maximus.txt"

    /// What `imr-redact redact` writes for a text on its own.
    static func redactedAlone(_ text: [UInt8], _ options: [String] = []) throws -> Data {
        let result = try CommandRunner.run(["redact", "--quiet"] + options, stdin: Data(text))
        guard result.status == 0 else { throw CocoaError(.fileReadUnknown) }
        return result.stdout
    }

    static let references: [String: Data] = {
        var references: [String: Data] = [:]
        for name in [goodFirst, goodLast] {
            references[name] = try? redactedAlone(Fixtures.sample(name))
        }
        return references
    }()

    struct Run {
        let result: CommandRunner.Output
        let seconds: Double
        let folder: URL
        let out: URL
        let paths: [String: String]
        var lines: [String] { result.stderr.split(separator: "\n").map(String.init) }
    }

    /// Runs `redact --out --audit` over the first good letter, the hostile files, the last good letter.
    static func run(_ hostile: [(name: String, bytes: [UInt8])], options: [String] = []) throws -> Run {
        let folder = try Fixtures.temporaryDirectory()
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        var paths: [String: String] = [:]
        var files: [String] = []
        for (name, bytes) in [(goodFirst, try Fixtures.sample(goodFirst))] + hostile + [(goodLast, try Fixtures.sample(goodLast))] {
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            paths[name] = url.path
            files.append(url.path)
        }
        let audit = folder.appendingPathComponent("audit.jsonl").path
        let clock = ContinuousClock()
        let start = clock.now
        let result = try CommandRunner.run(["redact", "--out", out.path, "--audit", audit] + options + files)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Run(result: result, seconds: seconds, folder: folder, out: out, paths: paths)
    }

    /// The good letters are written as when alone; each rejected file is named on exactly one
    /// stderr line, `imr-redact: PATH: MESSAGE; not written`; the summary reconciles; nothing
    /// else is written or said.
    static func expectGoodLettersWritten(_ run: Run, documents: Int, rejected: [String: String]) throws {
        #expect(run.result.status == (rejected.isEmpty ? 0 : 1))
        for name in [goodFirst, goodLast] {
            let written = try Data(contentsOf: run.out.appendingPathComponent(name))
            let same = written == references[name]
            #expect(same, "\(name) is not written as when redacted alone")
        }
        for (name, message) in rejected {
            let path = try #require(run.paths[name])
            let naming = run.lines.filter { $0.contains(path) }
            #expect(naming == ["imr-redact: \(path): \(message); not written"], "\(name)")
            #expect(!FileManager.default.fileExists(atPath: run.out.appendingPathComponent(name).path), "\(name) written")
        }
        #expect(run.lines.count == rejected.count + 1)
        let written = documents - rejected.count
        #expect(run.lines.last?.contains("\(documents) documents in, \(written) written, \(rejected.count) rejected") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: run.out.path).count == written)
    }

    /// `letter` with its line ends made one space each: one line.
    static func oneLine(_ letter: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var index = 0
        while index < letter.count {
            let byte = letter[index]
            if byte == 0x0D || byte == 0x0A {
                result.append(0x20)
                if byte == 0x0D, index + 1 < letter.count, letter[index + 1] == 0x0A { index += 1 }
            } else {
                result.append(byte)
            }
            index += 1
        }
        return result + [0x20, 0x20]
    }

    /// 50 MB; 10 MB under a sanitizer, where the instrumented binary takes about two minutes
    /// over 50 MB alone (`scripts/sanitizers.sh`).
    static let oneLineSize = Fixtures.sanitizer == nil ? 50_000_000 : 10_000_000

    @Test func aFiftyMegabyteLetterOnOneLineIsRedactedAsItsPieces() throws {
        // Whole copies of a letter flattened to one line: the redaction of the 50 MB line is the
        // redaction of one copy, repeated (names, IDs and dates propagate to every copy alike).
        let unit = Self.oneLine(try Fixtures.sample("letter-case-number.txt"))
        let copies = Self.oneLineSize / unit.count + 1
        var text: [UInt8] = []
        text.reserveCapacity(unit.count * copies)
        for _ in 0..<copies { text += unit }
        #expect(text.count >= Self.oneLineSize && !text.contains(0x0A))
        let expected = try Self.redactedAlone(unit)
        #expect(expected.count < unit.count && !expected.isEmpty)
        let run = try Self.run([("one-line.txt", text)])
        defer { try? FileManager.default.removeItem(at: run.folder) }
        print("hostile: \(Self.oneLineSize / 1_000_000) MB on one line: \(run.seconds) s")
        try Self.expectGoodLettersWritten(run, documents: 3, rejected: [:])
        let written = try Data(contentsOf: run.out.appendingPathComponent("one-line.txt"))
        var repeated = Data()
        repeated.reserveCapacity(expected.count * copies)
        for _ in 0..<copies { repeated.append(expected) }
        let same = written == repeated
        #expect(same, "the 50 MB line is not redacted as its copies are")
        // A bound against a hang, not a speed figure (the benchmark measures speed): the debug
        // binary takes about a minute on an idle machine and twice that on a loaded one; anything
        // worse than linear over 50 MB would take hours.
        #expect(run.seconds < 300)
    }

    @Test func aLetterOfTwoHundredThousandLinesIsRedactedAsItsCopies() throws {
        let letter = try Fixtures.sample(Self.goodLast)
        let lines = letter.filter { $0 == 0x0A }.count
        let copies = 200_000 / lines + 1
        var text: [UInt8] = []
        for _ in 0..<copies { text += letter }
        #expect(text.filter { $0 == 0x0A }.count >= 200_000)
        let run = try Self.run([("long.txt", text)])
        defer { try? FileManager.default.removeItem(at: run.folder) }
        print("hostile: \(copies * lines) lines: \(run.seconds) s")
        try Self.expectGoodLettersWritten(run, documents: 3, rejected: [:])
        let written = try Data(contentsOf: run.out.appendingPathComponent("long.txt"))
        let reference = try #require(Self.references[Self.goodLast])
        var repeated = Data()
        for _ in 0..<copies { repeated.append(reference) }
        let same = written == repeated
        #expect(same, "the long letter is not redacted as its copies are")
        #expect(run.seconds < 90)
    }

    @Test func invalidUTF8AtTheFirstAMiddleAndTheLastByteRejectsTheLetterAlone() throws {
        let letter = try Fixtures.sample("letter-notice.txt")
        var first = letter
        first[0] = 0x80
        // A middle byte that is ASCII, so that the error is reported exactly there.
        var middle = letter
        var at = letter.count / 2
        while letter[at] >= 0x80 || letter[at - 1] >= 0x80 { at += 1 }
        middle[at] = 0xFF
        var lastReplaced = letter
        lastReplaced[letter.count - 1] = 0xFF
        let truncated = letter + [0xE2, 0x80]  // a three-byte character cut off at the end
        let run = try Self.run([
            ("first.txt", first), ("middle.txt", middle), ("last.txt", lastReplaced), ("cut.txt", truncated),
        ])
        try Self.expectGoodLettersWritten(
            run, documents: 6,
            rejected: [
                "first.txt": "invalid UTF-8 at byte 0", "middle.txt": "invalid UTF-8 at byte \(at)",
                "last.txt": "invalid UTF-8 at byte \(letter.count - 1)", "cut.txt": "invalid UTF-8 at byte \(letter.count)",
            ])
        #expect(run.seconds < 60)
    }

    @Test func nulBytesRejectTheLetterAlone() throws {
        let letter = try Fixtures.sample("letter-notice.txt")
        let run = try Self.run([
            ("nul-first.txt", [0] + letter), ("nul-middle.txt", Array(letter[..<1000]) + [0] + letter[1000...]),
            ("nul-last.txt", letter + [0]), ("nuls.txt", [UInt8](repeating: 0, count: 4096)),
        ])
        try Self.expectGoodLettersWritten(
            run, documents: 6,
            rejected: [
                "nul-first.txt": "NUL byte at byte 0", "nul-middle.txt": "NUL byte at byte 1000",
                "nul-last.txt": "NUL byte at byte \(letter.count)", "nuls.txt": "NUL byte at byte 0",
            ])
    }

    @Test func aByteOrderMarkIsKeptAndTheLetterParsedBehindIt() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let letter = try Fixtures.sample("letter-case-number.txt")
        let run = try Self.run([("bom.txt", bom + letter)])
        try Self.expectGoodLettersWritten(run, documents: 3, rejected: [:])
        // The mark is kept byte for byte, and the rest is redacted as without it.
        let written = try Data(contentsOf: run.out.appendingPathComponent("bom.txt"))
        let same = written == Data(bom) + (try Self.redactedAlone(letter))
        #expect(same, "the letter behind a byte-order mark is not redacted as without it")
        // The parse finds the same layout, fields, sections and items, three bytes on.
        let plain = try CommandRunner.run(["parse"], stdin: Data(letter))
        let marked = try CommandRunner.run(["parse"], stdin: Data(bom + letter))
        let a = try #require(try JSONSerialization.jsonObject(with: plain.stdout) as? [String: Any])
        let b = try #require(try JSONSerialization.jsonObject(with: marked.stdout) as? [String: Any])
        #expect(a["layout"] as? String == "case-number" && b["layout"] as? String == "case-number")
        func shifted(_ value: Any) -> Any {
            if let object = value as? [String: Any] {
                return Dictionary(uniqueKeysWithValues: object.map { key, value in
                    (key, (key == "start" || key == "end") ? ((value as? Int).map { $0 + 3 } ?? value) : shifted(value))
                })
            }
            if let array = value as? [Any] { return array.map(shifted) }
            return value
        }
        for key in ["fields", "sections", "items", "demographics", "reviewer"] {
            let json = { (value: Any) in try JSONSerialization.data(withJSONObject: ["v": value], options: [.sortedKeys]) }
            let equal = try json(shifted(a[key] ?? NSNull())) == json(b[key] ?? NSNull())
            #expect(equal, "parse '\(key)' differs behind a byte-order mark")
        }
        // A JSON Lines file may open with a byte-order mark too.
        let jsonl = bom + Array("{\"id\":\"a\",\"text\":\"Seen 3/5/12.\"}\n".utf8)
        let lines = try CommandRunner.run(["redact", "--jsonl", "--quiet"], stdin: Data(jsonl))
        #expect(lines.status == 0)
        #expect(lines.stdoutText.hasPrefix("{\"id\":\"a\",\"text\":\"Seen [DATE].\""))
    }

    @Test func mixedCRLFAndLFAndCRLineEndsAreKeptAndTheLetterRedactedAsWithLF() throws {
        // Every line end of a letter in turn CRLF, LF, lone CR: the same identifiers as in the LF
        // letter, spans that point at the original bytes, and every line end kept.
        let letter = String(decoding: try Fixtures.sample("letter-case-number.txt"), as: UTF8.self)
        let lines = letter.components(separatedBy: "\n")
        let ends = ["\r\n", "\n", "\r"]
        var mixed = ""
        for (index, line) in lines.enumerated() {
            mixed += line + (index < lines.count - 1 ? ends[index % 3] : "")
        }
        #expect(lines.count > 30 && mixed.contains("\r\n") && mixed.contains("\r") && mixed.contains("\n"))
        let input = [("lf", letter), ("mixed", mixed)].map { id, text in
            String(decoding: try! JSONSerialization.data(withJSONObject: ["id": id, "text": text]), as: UTF8.self)
        }.joined(separator: "\n") + "\n"
        let result = try CommandRunner.run(["redact", "--jsonl", "--quiet"], stdin: Data(input.utf8))
        #expect(result.status == 0)
        let objects = try result.stdoutText.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        try #require(objects.count == 2)
        func spans(_ object: [String: Any], _ text: String) throws -> [(text: String, category: String)] {
            let bytes = Array(text.utf8)
            var rebuilt: [UInt8] = []
            var cursor = 0
            var result: [(String, String)] = []
            for span in try #require(object["spans"] as? [[String: Any]]) {
                let start = try #require(span["start"] as? Int)
                let end = try #require(span["end"] as? Int)
                try #require(start >= cursor && end <= bytes.count)
                rebuilt += bytes[cursor..<start] + Array((span["replacement"] as? String ?? "").utf8)
                cursor = end
                let value = String(decoding: bytes[start..<end], as: UTF8.self)
                result.append((value.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"),
                               span["category"] as? String ?? ""))
            }
            rebuilt += bytes[cursor...]
            // The bytes between spans are the original's: every line end is kept.
            let kept = String(decoding: rebuilt, as: UTF8.self) == object["text"] as? String
            #expect(kept, "the output is not the original with its spans replaced")
            return result
        }
        let plain = try spans(objects[0], letter)
        let varied = try spans(objects[1], mixed)
        #expect(plain.count > 40 && plain.contains { $0.category == "PATIENT" })
        let same = plain.count == varied.count && zip(plain, varied).allSatisfy { $0.text == $1.text && $0.category == $1.category }
        #expect(same, "mixed line ends change what is masked")
    }

    @Test func malformedJSONLinesAreRejectedOneLineEachAndTheGoodOnesWritten() throws {
        let gold = try GoldLetter.loadDev()
        func line(_ object: [String: Any]) -> String {
            String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        let good1 = line(["id": gold[0].id, "text": gold[0].text])
        let good2 = line(["id": gold[1].id, "text": gold[1].text])
        var bytes: [UInt8] = []
        let badBytePrefix = Array(#"{"id":"bad-byte","text":"ab"#.utf8)
        let rows: [[UInt8]] = [
            Array(good1.utf8),  // 1
            Array(#"{"id":"no-text"}"#.utf8),  // 2
            Array(#"{"id":"number","text":42}"#.utf8),  // 3
            Array(#"{"id":"null","text":null}"#.utf8),  // 4
            Array(line(["id": gold[0].id, "text": "again"]).utf8),  // 5: duplicate id
            badBytePrefix + [0xFF] + Array(#"cd"}"#.utf8),  // 6
            Array(#"{"id":"nul","text":"ab\u0000cd"}"#.utf8),  // 7
            Array("[]".utf8),  // 8
            Array(#"{"id":"empty","text":""}"#.utf8),  // 9
            Array("   ".utf8),  // 10: blank, skipped
            Array(good2.utf8) + [0x0D],  // 11: CRLF line end
            Array(#"{"id":"cut","text":""#.utf8) + Array(repeating: UInt8(ascii: "a"), count: 1_000_000),  // 12: truncated, no line end
        ]
        for (index, row) in rows.enumerated() { bytes += row + (index < rows.count - 1 ? [0x0A] : []) }
        let folder = try Fixtures.temporaryDirectory()
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let input = folder.appendingPathComponent("batch.jsonl")
        try Data(bytes).write(to: input)
        let audit = folder.appendingPathComponent("audit.jsonl")
        let clock = ContinuousClock()
        let start = clock.now
        let result = try CommandRunner.run(["redact", "--jsonl", "--out", out.path, "--audit", audit.path, input.path])
        #expect(clock.now - start < .seconds(60))
        #expect(result.status == 1)
        let path = input.path
        let expected = [
            "\(path):2: malformed JSON line: no \"text\"", "\(path):3: malformed JSON line: \"text\" is not a string",
            "\(path):4: malformed JSON line: \"text\" is not a string", "\(path):5: duplicate document id",
            "\(path):6: malformed JSON line: invalid UTF-8 at byte \(badBytePrefix.count) of the line", "\(path):7: NUL byte at byte 2",
            "\(path):8: malformed JSON line: not a JSON object", "\(path):9: empty document",
            "\(path):12: malformed JSON line: truncated or not a JSON object",
        ].map { "imr-redact: \($0); not written" }
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(Array(lines.dropLast()) == expected)
        #expect(lines.last?.contains("11 documents in, 2 written, 9 rejected") == true)
        // The good lines are written as when alone.
        let written = try String(contentsOf: out.appendingPathComponent("batch.jsonl"), encoding: .utf8)
        let alone = try CommandRunner.run(["redact", "--jsonl", "--quiet"], stdin: Data((good1 + "\n" + good2 + "\n").utf8))
        let same = written == alone.stdoutText
        #expect(same, "the good lines are not written as when alone")
        let summary = try auditRecords(audit).last { $0["type"] as? String == "summary" }?["data"] as? [String: Any]
        #expect(summary?["documents_in"] as? Int == 11 && summary?["written"] as? Int == 2 && summary?["rejected"] as? Int == 9)
    }

    @Test func hostileRunsOfEveryShapeAreWrittenInBoundedTime() throws {
        // About 100 KB each of the runs that make rules backtrack, with the rules' keywords
        // between them: every one is scanned in full and written.
        let shapes: [(String, String)] = [
            ("digits", "1"), ("slashes", "/"), ("spaces", " "), ("dots", "."), ("dashes", "-"), ("fractions", "1/1/"),
            ("initials", "A. "), ("names", "Dr. Aaa Bbb Ccc "), ("capitals", "Aaa "), ("apostrophes", "O'Aa"),
            ("hyphens", "Califor-"), ("hosts", "www.a."), ("labels", "Employer: Aaa "), ("credentials", "Aaa Bbb, MD "),
            ("line-ends", "Aaa\r\n\n\r"), ("dates", "1/1/11 "),
        ]
        let keywords = ["Dear Ms. ", "Her husband, ", "Claim No. ", "Re: ", "patient is ", "CA ", "www.", "Sincerely,\n"]
        var files: [(String, [UInt8])] = []
        for (name, unit) in shapes {
            var text: [UInt8] = []
            var turn = 0
            while text.count < 100_000 {
                text += Array(keywords[turn % keywords.count].utf8)
                turn += 1
                for _ in 0..<max(1, 400 / unit.utf8.count) { text += Array(unit.utf8) }
            }
            files.append(("\(name).txt", text))
        }
        let run = try Self.run(files)
        print("hostile: \(files.count) shapes of 100 KB: \(run.seconds) s")
        try Self.expectGoodLettersWritten(run, documents: files.count + 2, rejected: [:])
        #expect(run.seconds < 60)
    }
}
