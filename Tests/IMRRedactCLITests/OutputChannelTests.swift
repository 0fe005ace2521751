import Foundation
import GRDB
import IMRTestSupport
import Testing

/// Issue 8 item 4: no identifier in any output channel.
///
/// Every subcommand runs over the dev gold set, and every channel that is not the redacted text (or
/// `parse`'s and `vault relink`'s requested values) is searched for every gold identifier: stderr,
/// stdout where it is a report, the audit log, the baseline, the vault (each value of each table, and
/// its bytes). The needles are every gold span's text of four characters or more, and every word of
/// four characters or more of a person's name (a surname alone is identifying), less those that also
/// occur in a letter as an ordinary word: outside every gold span, as a whole word, in any case (so
/// `Long`, a surname, is no needle, since `long` is an ordinary word of the letters).
///
/// A needle is searched as a whole word (no letter or digit on either side), case-insensitively, with
/// whitespace runs as one space and JSON string escapes (`\n`, `\/`, `\u00e9` ...) decoded, so that an
/// identifier escaped in a JSON channel or broken over a line is found. One exception: an occurrence
/// holding no capital letter is not a hit for a capitalised needle that holds no digit: lower-case
/// words are never names (the tool's own rule), and the tool's messages are lower-case English
/// (`mark a fictional value`). A failure names the subcommand, the channel, the category, the needle's
/// number and length and the place, never the needle.
///
/// Left out on purpose: the `replacement` of an audit record whose action is `date-shift` (it is the
/// redacted letter's text, and a shifted date is often another letter's date; instead every
/// replacement is checked not to be the text it replaced). Channels that stay silent when
/// detection is right on the dev set (`eval --misses`, `redact --verify` rejections) are also run
/// with a deliberately poor rule set so that they speak. `check` also meets a letter whose IDs and
/// dates are spaced out character by character, which a per-word mask would show whole.
@Suite struct OutputChannelTests {
    static let policies = ["public-release", "safe-harbor", "research", "surrogate", "placeholder", "blank"]

    @Test func theNeedlesAreManyAndCoverEveryCategory() throws {
        let needles = try ChannelNeedles.shared()
        #expect(needles.all.count > 500, "only \(needles.all.count) needles")  // 569 when written
        let categories = Set(needles.all.map(\.category))
        // (every gold age is shorter than four characters: `58`)
        for category in ["PATIENT", "PROVIDER", "PERSON", "ORG", "LOCATION", "DATE", "ID", "CONTACT"] {
            #expect(categories.contains(category), "no \(category) needle")
        }
        // The filter takes out ordinary words, and only a few.
        #expect(needles.ordinary > 0 && needles.ordinary < 20)
        // The search finds a needle as the letters write it, escaped in JSON, and broken over lines.
        let letters = try GoldLetter.loadDev()
        let found = ChannelSearch(letters[0].text, json: false)
        #expect(needles.hits(in: found).count > 10)
        let escaped = ChannelSearch(String(decoding: try JSONSerialization.data(withJSONObject: [letters[0].text]), as: UTF8.self), json: true)
        #expect(needles.hits(in: escaped).count == needles.hits(in: found).count)
        // Hits are whole words only.
        #expect(needles.hits(in: ChannelSearch(letters[0].text.replacingOccurrences(of: " ", with: "x"), json: false)).count < needles.hits(in: found).count)
    }

    @Test(arguments: policies)
    func redactWithEachPolicy(policy: String) throws {
        let run = try ChannelRun()
        let audit = run.folder.appendingPathComponent("audit.jsonl")
        let result = try run.imr([
            "redact", "--jsonl", "--policy", policy, "--audit", audit.path, "--key-file", run.key.path, Fixtures.devGold.path,
        ])
        #expect(result.status == 0)
        #expect(result.stderr.contains("12 documents in, 12 written, 0 rejected"))
        let auditText = try run.auditChannel(audit, subcommand: "redact --policy \(policy)")
        var channels = [
            Channel("redact --policy \(policy)", "stderr", result.stderr),
            auditText,
        ]
        // Extra evidence, not a channel of the issue: typed placeholders leave no identifier.
        if policy == "placeholder" { channels.append(Channel("redact --policy placeholder", "stdout (redacted)", result.stdoutText)) }
        try run.expectNoNeedle(channels)
    }

    @Test func redactWithAVaultAndVaultRelinkAndRotate() throws {
        let run = try ChannelRun()
        let vault = run.folder.appendingPathComponent("study.vault").path
        var channels: [Channel] = []
        for policy in ["surrogate", "research"] {
            let audit = run.folder.appendingPathComponent("audit-\(policy).jsonl")
            let result = try run.imr([
                "redact", "--jsonl", "--policy", policy, "--vault", vault, "--audit", audit.path, "--key-file", run.key.path,
                Fixtures.devGold.path,
            ])
            #expect(result.status == 0)
            channels += [
                Channel("redact --vault --policy \(policy)", "stderr", result.stderr),
                try run.auditChannel(audit, subcommand: "redact --vault --policy \(policy)"),
            ]
        }
        channels += try vaultChannels(vault, subcommand: "redact --vault", minimumRows: 300)

        // The letters, and one that cannot be read (invalid UTF-8 just after a name): named on
        // stderr, exit status 1, the others still done.
        let letters = try run.letterFiles() + [try run.invalidLetter().path]
        let relink = try run.imr(["vault", "relink", "--vault", vault, "--key-file", run.key.path] + letters)
        #expect(relink.status == 1)
        #expect(relink.stderr.contains("invalid UTF-8"))
        // Its stdout is the identifiers, by design: the search finds them there.
        #expect(relink.stdoutText.split(separator: "\n").count > 200)
        #expect(try ChannelNeedles.shared().hits(in: ChannelSearch(relink.stdoutText, json: false)).count > 200)
        channels.append(Channel("vault relink", "stderr", relink.stderr))

        let rotated = run.folder.appendingPathComponent("rotated.vault").path
        let rotate = try run.imr(["vault", "rotate", "--vault", vault, "--key-file", run.key.path, "--to", rotated] + letters)
        #expect(rotate.status == 1)
        #expect(rotate.stderr.contains("copied ") && rotate.stderr.contains("invalid UTF-8"))
        channels += [Channel("vault rotate", "stdout", rotate.stdoutText), Channel("vault rotate", "stderr", rotate.stderr)]
        channels += try vaultChannels(rotated, subcommand: "vault rotate", minimumRows: 300)
        try run.expectNoNeedle(channels)
    }

    /// Every value of every table (through SQLite), and the bytes of the vault and its `-wal`, `-shm`.
    func vaultChannels(_ path: String, subcommand: String, minimumRows: Int) throws -> [Channel] {
        var values: [String] = []
        let queue = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
        try queue.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            #expect(Set(tables).isSuperset(of: ["meta", "pseudonym", "date_shift"]))
            for table in tables {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") {
                    for (column, value) in row {
                        switch value.storage {
                        case .string(let text): values.append("\(table).\(column): \(text)")
                        case .blob(let data): values.append("\(table).\(column): \(String(decoding: data, as: UTF8.self))")
                        case .int64(let number): values.append("\(table).\(column): \(number)")
                        case .double(let number): values.append("\(table).\(column): \(number)")
                        case .null: break
                        }
                    }
                }
            }
            // Also what SQLite keeps beside the tables (index entries, the schema).
            values += try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")
        }
        let rows = values.filter { $0.hasPrefix("pseudonym.value: ") }.count
        #expect(rows >= minimumRows, "\(subcommand): the vault holds only \(rows) values")
        var channels = [Channel(subcommand, "vault tables", values.joined(separator: "\n"))]
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path + suffix))
            channels.append(Channel(subcommand, "vault file\(suffix) bytes", String(decoding: bytes, as: UTF8.self)))
        }
        return channels
    }

    @Test func redactRejectsDocumentsWithoutQuotingThem() throws {
        let run = try ChannelRun()
        let letters = try GoldLetter.loadDev()
        // JSON Lines: the gold set with malformed lines that hold whole letters (names and all).
        let first = letters[0].text
        let nameAt = try #require(letters[0].spans.first { ["PATIENT", "PROVIDER", "PERSON"].contains($0.category) })
        let cut = String(decoding: Array(first.utf8)[..<(nameAt.end + 40)], as: UTF8.self)
        func object(_ fields: [String: Any]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
        }
        var input = try String(contentsOf: Fixtures.devGold, encoding: .utf8)
        if !input.hasSuffix("\n") { input += "\n" }
        var bad: [Data] = [
            Data(("not json " + cut.replacingOccurrences(of: "\n", with: " ") + "\n").utf8),
            Data((String(try object(["id": "bad-truncated", "text": first]).dropLast(30)) + "\n").utf8),
            Data((try object(["id": "bad-nul", "text": cut + "\u{0}" + cut]) + "\n").utf8),
            Data((try object(["id": "bad-number", "text": 42, "note": cut]) + "\n").utf8),
            Data((try object(["id": "bad-no-text", "body": cut]) + "\n").utf8),
            Data((try object(["id": ["name": cut], "text": cut]) + "\n").utf8),
            Data((try object(["id": letters[1].id, "text": letters[1].text]) + "\n").utf8),  // a duplicate id
            Data((try object(["id": "bad-empty", "text": ""]) + "\n").utf8),
        ]
        // Invalid UTF-8 inside the text string.
        var invalid = Data(try object(["id": "bad-utf8", "text": cut + "#" + cut]).utf8)
        let hash = try #require(invalid.lastIndex(of: 0x23))
        invalid[hash] = 0xFF
        bad.append(invalid + Data("\n".utf8))
        var stdin = Data(input.utf8)
        for line in bad { stdin += line }
        stdin += Data(String(try object(["id": "bad-last", "text": cut]).dropLast(2)).utf8)  // a truncated last line
        let audit = run.folder.appendingPathComponent("audit.jsonl")
        let jsonl = try run.imr(["redact", "--jsonl", "--verify", "--audit", audit.path, "--key-file", run.key.path], stdin: stdin)
        #expect(jsonl.status == 1)
        #expect(jsonl.stderr.contains("22 documents in, "))
        #expect(jsonl.stderr.components(separatedBy: "not written").count - 1 >= bad.count + 1)

        // Files, --rename: letters with bad files among them (invalid UTF-8, a NUL byte, empty).
        let folder = run.folder.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var invalidFile = Data(first.utf8)
        invalidFile[nameAt.end + 3] = 0xFF
        try invalidFile.write(to: folder.appendingPathComponent("a.txt"))
        var nulFile = Data(first.utf8)
        nulFile[nameAt.end + 3] = 0
        try nulFile.write(to: folder.appendingPathComponent("b.txt"))
        try Data().write(to: folder.appendingPathComponent("c.txt"))
        let out = run.folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let renameAudit = run.folder.appendingPathComponent("audit-rename.jsonl")
        let files = try run.letterFiles() + ["a.txt", "b.txt", "c.txt"].map { folder.appendingPathComponent($0).path }
        let renamed = try run.imr(["redact", "--rename", "--out", out.path, "--audit", renameAudit.path, "--key-file", run.key.path] + files)
        #expect(renamed.status == 1)
        #expect(renamed.stderr.contains("15 documents in, 12 written, 3 rejected"))

        // parse: its stdout is the letters' values by design; stderr is a channel.
        let parse = try run.imr(["parse", "--jsonl"], stdin: stdin)
        #expect(parse.status == 1)
        #expect(parse.stderr.contains("not parsed"))
        let parseFiles = try run.imr(["parse"] + files)
        #expect(parseFiles.status == 1)
        #expect(parseFiles.stdoutText.split(separator: "\n").count == 12)
        #expect(try ChannelNeedles.shared().hits(in: ChannelSearch(parseFiles.stdoutText, json: true)).count > 50)

        // redact --verify with a poor rule set: letters fail verification and are rejected, named
        // with their first violations.
        let weak = try weakRules(run)
        let weakAudit = run.folder.appendingPathComponent("audit-weak.jsonl")
        let failing = try run.imr([
            "redact", "--jsonl", "--verify", "--only-patterns", weak.path, "--audit", weakAudit.path, Fixtures.devGold.path,
        ])
        #expect(failing.status == 1)
        #expect(failing.stderr.components(separatedBy: "verification failed").count - 1 >= 6)

        try run.expectNoNeedle([
            Channel("redact --jsonl --verify (rejected lines)", "stderr", jsonl.stderr),
            try run.auditChannel(audit, subcommand: "redact --jsonl --verify (rejected lines)"),
            Channel("redact --rename (rejected files)", "stderr", renamed.stderr),
            try run.auditChannel(renameAudit, subcommand: "redact --rename (rejected files)"),
            Channel("parse --jsonl (rejected lines)", "stderr", parse.stderr),
            Channel("parse (rejected files)", "stderr", parseFiles.stderr),
            Channel("redact --verify (poor rules)", "stderr", failing.stderr),
            try run.auditChannel(weakAudit, subcommand: "redact --verify (poor rules)", minimum: 10),
        ])
    }

    @Test func redactWithKnownIdentifiersAndPatternsProfile() throws {
        let run = try ChannelRun()
        let letters = try GoldLetter.loadDev()
        // Known identifiers: every PATIENT and ID of each letter, and one organisation for all.
        var known = ""
        for letter in letters {
            let bytes = Array(letter.text.utf8)
            let identifiers = letter.spans.filter { ["PATIENT", "ID"].contains($0.category) }.map {
                ["category": $0.category, "value": String(decoding: bytes[$0.start..<$0.end], as: UTF8.self)]
            }
            known += String(decoding: try JSONSerialization.data(withJSONObject: ["id": letter.id, "identifiers": identifiers]), as: UTF8.self) + "\n"
        }
        let org = try #require(letters[0].spans.first { $0.category == "ORG" })
        let orgText = String(decoding: Array(letters[0].text.utf8)[org.start..<org.end], as: UTF8.self)
        known += String(decoding: try JSONSerialization.data(withJSONObject: ["identifiers": [["category": "ORG", "value": orgText]]]), as: UTF8.self) + "\n"
        let knownFile = run.folder.appendingPathComponent("known.jsonl")
        try Data(known.utf8).write(to: knownFile)
        let audit = run.folder.appendingPathComponent("audit.jsonl")
        let result = try run.imr([
            "redact", "--jsonl", "--known", knownFile.path, "--audit", audit.path, "--key-file", run.key.path, Fixtures.devGold.path,
        ])
        #expect(result.status == 0)
        // A malformed known file: a line that names people but is not the expected shape.
        let badKnown = run.folder.appendingPathComponent("bad-known.jsonl")
        let quoted = String(String(decoding: try JSONSerialization.data(withJSONObject: [orgText]), as: UTF8.self).dropFirst().dropLast())
        var badLines: [String] = [String(known.split(separator: "\n")[0])]
        badLines.append("{\"identifiers\": [{\"category\": \(quoted), \"value\": \(quoted)}]}")
        badLines.append("{\"id\": \"dev-002\", \"identifiers\": [{\"category\": \"PATIENT\", \"value\": \(quoted)")
        try Data((badLines.joined(separator: "\n") + "\n").utf8).write(to: badKnown)
        let bad = try run.imr(["redact", "--known", badKnown.path], stdin: Data(letters[0].text.utf8))
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad-known.jsonl:2"))
        let verify = try run.imr(["verify", "--known", badKnown.path] + Array(try run.letterFiles().prefix(2)))
        #expect(verify.status == 2)
        // patterns profile reads letters too.
        let profile = try run.imr(["patterns", "profile", Fixtures.devGold.path])
        #expect(profile.status == 0)
        #expect(profile.stdoutText.contains("protected.guideline"))
        try run.expectNoNeedle([
            Channel("redact --known", "stderr", result.stderr),
            try run.auditChannel(audit, subcommand: "redact --known"),
            Channel("redact --known (malformed)", "stdout", bad.stdoutText),
            Channel("redact --known (malformed)", "stderr", bad.stderr),
            Channel("verify --known (malformed)", "stdout", verify.stdoutText),
            Channel("verify --known (malformed)", "stderr", verify.stderr),
            Channel("patterns profile", "stdout", profile.stdoutText),
            Channel("patterns profile", "stderr", profile.stderr),
        ])
    }

    @Test func checkInEveryFormatAndItsBaseline() throws {
        let run = try ChannelRun()
        let letters = try run.letterFiles(relative: true)
        // A letter in Windows-1252 (é as 0xE9) is decoded and scanned; one with a NUL is binary.
        let text = try String(contentsOf: run.folder.appendingPathComponent(letters[0]), encoding: .utf8)
        let latin1 = try #require(text.data(using: .windowsCP1252, allowLossyConversion: true))
        try (latin1 + Data([0xE9, 0x0A])).write(to: run.folder.appendingPathComponent("letters/cp1252.txt"))
        try (Data(text.utf8) + Data([0])).write(to: run.folder.appendingPathComponent("letters/binary.txt"))
        // A letter whose IDs and dates are spaced out character by character (`4 8 2 9 ...`, as a
        // form's boxes come out of a PDF): the mask must not show them whole either.
        let gold = try GoldLetter.loadDev()[0]
        let bytes = Array(gold.text.utf8)
        var spacedText: [UInt8] = []
        var spacedValues: [ChannelNeedle] = []
        var cursor = 0
        for span in gold.spans {
            spacedText += bytes[cursor..<span.start]
            let value = String(decoding: bytes[span.start..<span.end], as: UTF8.self)
            if ["ID", "DATE"].contains(span.category) && value.count >= 4 && !value.contains(where: \.isWhitespace) {
                let spaced = value.map(String.init).joined(separator: " ")
                spacedText += Array(spaced.utf8)
                spacedValues.append(ChannelNeedles.needle(spaced, category: span.category, needsCapital: false))
            } else {
                spacedText += bytes[span.start..<span.end]
            }
            cursor = span.end
        }
        spacedText += bytes[cursor...]
        #expect(spacedValues.count >= 5)
        try Data(spacedText).write(to: run.folder.appendingPathComponent("letters/spaced.txt"))
        var channels: [Channel] = []
        for format in ["text", "json", "sarif"] {
            let result = try run.imr(["check", "--format", format, "--key-file", run.key.path, "letters"], in: run.folder)
            #expect(result.status == 1)
            #expect(result.stderr.contains("14 files checked (1 read as Windows-1252), 1 binary skipped"))
            #expect(result.stdout.count > 20_000)
            // The spaced-out values are found (so the check below can fail).
            if format == "text" {
                let spacedFindings = result.stdoutText.split(separator: "\n").filter { $0.hasPrefix("letters/spaced.txt:") }
                #expect(spacedFindings.filter { $0.contains(" ID ") || $0.contains(" DATE ") }.count >= 5)
            }
            channels += [
                Channel("check --format \(format)", "stdout", result.stdoutText),
                Channel("check --format \(format)", "stderr", result.stderr),
            ]
        }
        let baseline = run.folder.appendingPathComponent("baseline.json")
        let write = try run.imr(["check", "--write-baseline", baseline.path, "--key-file", run.key.path, "letters"], in: run.folder)
        #expect(write.status == 0)
        let baselineText = try String(contentsOf: baseline, encoding: .utf8)
        #expect(baselineText.count > 20_000)
        let again = try run.imr(["check", "--baseline", baseline.path, "--key-file", run.key.path, "letters"], in: run.folder)
        #expect(again.status == 0)
        channels += [
            Channel("check --write-baseline", "stdout", write.stdoutText),
            Channel("check --write-baseline", "stderr", write.stderr),
            Channel("check --write-baseline", "baseline", baselineText),
            Channel("check --baseline", "stdout", again.stdoutText),
            Channel("check --baseline", "stderr", again.stderr),
        ]
        try run.expectNoNeedle(channels)
        try run.expectNoNeedle(channels, needles: ChannelNeedles(all: spacedValues, ordinary: 0))
    }

    @Test func evalMisses() throws {
        let run = try ChannelRun()
        let predOut = run.folder.appendingPathComponent("pred.jsonl")
        let table = try run.imr(["eval", "--misses", "--pred-out", predOut.path, Fixtures.devGold.path])
        #expect(table.status == 0)
        #expect(table.stdoutText.contains("## missed gold spans:"))
        let json = try run.imr(["eval", "--misses", "--json", Fixtures.devGold.path])
        #expect(json.status == 0)
        // The default rules miss nothing of the dev set: a poor rule set gives every kind of entry
        // (missed, wrong category, spurious, damaged), and bars missed on stderr.
        let weak = try weakRules(run)
        let bar = try run.imr([
            "eval", "--misses", "--only-patterns", weak.path, "--min-leak-recall", "0.99", "--min-precision", "0.99", "--max-damaged", "0",
            Fixtures.devGold.path,
        ])
        #expect(bar.status == 1)
        #expect(bar.stderr.contains("bar missed"))
        for heading in ["## missed gold spans:", "## caught under another category:", "## spurious predicted spans:", "## damaged protected spans:"] {
            let listed = bar.stdoutText.components(separatedBy: heading).last?.split(separator: "\n").dropFirst().prefix { !$0.hasPrefix("##") }.count ?? 0
            #expect(listed > 3, "eval --misses lists only \(listed) entries under \(heading)")
        }
        try run.expectNoNeedle([
            Channel("eval --misses", "stdout", table.stdoutText),
            Channel("eval --misses", "stderr", table.stderr),
            Channel("eval --misses", "--pred-out file", try String(contentsOf: predOut, encoding: .utf8)),
            Channel("eval --misses --json", "stdout", json.stdoutText),
            Channel("eval --misses --json", "stderr", json.stderr),
            Channel("eval --misses (poor rules)", "stdout", bar.stdoutText),
            Channel("eval --misses (poor rules)", "stderr", bar.stderr),
        ])
    }

    @Test func verifyOnBrokenOutputs() throws {
        let run = try ChannelRun()
        let letters = try GoldLetter.loadDev()
        let redacted = try run.imr(["redact", "--jsonl", "--quiet", Fixtures.devGold.path])
        let outputs = try redacted.stdoutText.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(outputs.count == letters.count)
        let originals = try run.letterFiles()
        var channels: [Channel] = []
        for (index, (letter, output)) in zip(letters, outputs).enumerated() {
            // Every other replacement put back: the original identifier stands in the output.
            let spans = try #require(output["spans"] as? [[String: Any]])
            let original = Array(letter.text.utf8)
            var broken: [UInt8] = []
            var cursor = 0
            for (number, span) in spans.enumerated() {
                let start = try #require(span["start"] as? Int), end = try #require(span["end"] as? Int)
                broken += original[cursor..<start]
                broken += number % 2 == 0 ? Array(original[start..<end]) : Array((span["replacement"] as? String ?? "").utf8)
                cursor = end
            }
            broken += original[cursor...]
            let path = run.folder.appendingPathComponent("broken-\(letter.id).txt")
            try Data(broken).write(to: path)
            let result = try run.imr(["verify", originals[index], path.path])
            #expect(result.status == 1, "verify passed a broken output of \(letter.id)")
            #expect(result.stdoutText.contains("identifier-left"))
            channels += [Channel("verify (\(letter.id), names put back)", "stdout", result.stdoutText), Channel("verify (\(letter.id))", "stderr", result.stderr)]
        }
        // The original itself as the "redacted" letter, another letter, and a research output with a name put back.
        let same = try run.imr(["verify", originals[0], originals[0]])
        #expect(same.status == 1)
        let other = try run.imr(["verify", originals[0], originals[1]])
        #expect(other.status == 1)
        let research = try run.imr(["redact", "--policy", "research", "--quiet", originals[2]])
        var text = research.stdoutText
        let pseudonym = try #require(text.firstMatch(of: /\[(PATIENT|PROVIDER)-[0-9A-Z]{8}\]/))
        let name = try #require(letters[2].spans.first { $0.category == String(pseudonym.output.1) })
        text.replaceSubrange(pseudonym.range, with: String(decoding: Array(letters[2].text.utf8)[name.start..<name.end], as: UTF8.self))
        let researchPath = run.folder.appendingPathComponent("research-broken.txt")
        try Data(text.utf8).write(to: researchPath)
        let researchResult = try run.imr(["verify", "--policy", "research", originals[2], researchPath.path])
        #expect(researchResult.status == 1)
        // An original that cannot be read as a letter.
        let unreadable = try run.imr(["verify", try run.invalidLetter().path, originals[0]])
        #expect(unreadable.status == 2)
        #expect(unreadable.stderr.contains("invalid UTF-8"))
        channels += [
            Channel("verify (original as output)", "stdout", same.stdoutText), Channel("verify (original as output)", "stderr", same.stderr),
            Channel("verify (another letter)", "stdout", other.stdoutText), Channel("verify (another letter)", "stderr", other.stderr),
            Channel("verify --policy research", "stdout", researchResult.stdoutText),
            Channel("verify --policy research", "stderr", researchResult.stderr),
            Channel("verify (unreadable original)", "stdout", unreadable.stdoutText),
            Channel("verify (unreadable original)", "stderr", unreadable.stderr),
        ]
        try run.expectNoNeedle(channels)
    }
}

/// A rule set that misses most identifiers, mislabels names as dates and hits clinical text: for
/// the channels that only speak when detection goes wrong (`eval --misses`, `redact --verify`).
func weakRules(_ run: ChannelRun) throws -> URL {
    let folder = run.folder.appendingPathComponent("weak-rules")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data("""
        rules:
          - id: weak.capitalised-pair
            category: DATE
            description: two capitalised words (a deliberately poor rule)
            regex: '\\b[A-Z][a-z]+ [A-Z][a-z]+\\b'
            should-match: ['Quill Feather']

        """.utf8).write(to: folder.appendingPathComponent("weak.yaml"))
    return folder
}

/// One captured output: which subcommand, which channel, and its text.
struct Channel {
    let subcommand: String
    let name: String
    let text: String
    /// Decode JSON string escapes before searching (`eval --misses` escapes line ends as `\n` too).
    let json: Bool

    init(_ subcommand: String, _ name: String, _ text: String, json: Bool = true) {
        self.subcommand = subcommand
        self.name = name
        self.text = text
        self.json = json
    }
}

/// A temporary folder with a key and the dev letters as files; runs the binary without
/// `IMR_REDACT_KEY` from the environment.
struct ChannelRun {
    let folder: URL
    let key: URL

    init() throws {
        folder = try Fixtures.temporaryDirectory()
        key = folder.appendingPathComponent("channels.key")
        try Data("output-channel-test-key\n".utf8).write(to: key)
        let letters = folder.appendingPathComponent("letters")
        try FileManager.default.createDirectory(at: letters, withIntermediateDirectories: true)
        for letter in try GoldLetter.loadDev() {
            try Data(letter.text.utf8).write(to: letters.appendingPathComponent("\(letter.id).txt"))
        }
    }

    /// The first dev letter with an invalid UTF-8 byte just after its first person's name.
    func invalidLetter() throws -> URL {
        let letter = try GoldLetter.loadDev()[0]
        let name = try #require(letter.spans.first { ["PATIENT", "PROVIDER", "PERSON"].contains($0.category) })
        var bytes = Array(letter.text.utf8)
        bytes.insert(0xFF, at: name.end)
        let url = folder.appendingPathComponent("invalid-\(letter.id).txt")
        try Data(bytes).write(to: url)
        return url
    }

    /// The letters' paths, absolute or relative to `folder`.
    func letterFiles(relative: Bool = false) throws -> [String] {
        try GoldLetter.loadDev().map { relative ? "letters/\($0.id).txt" : folder.appendingPathComponent("letters/\($0.id).txt").path }
    }

    func imr(_ arguments: [String], stdin: Data? = nil, in directory: URL? = nil) throws -> CommandRunner.Output {
        try CommandRunner.run(arguments, stdin: stdin, environment: checkEnvironment(), currentDirectory: directory)
    }

    /// The audit log as a channel, with the replacement of each shifted date left out: a shifted
    /// date is the redacted letter's text (not a channel here) and can by chance be another letter's
    /// date. What is checked instead: no substitution's replacement is the text it replaced.
    func auditChannel(_ url: URL, subcommand: String, minimum: Int = 100) throws -> Channel {
        let text = try String(contentsOf: url, encoding: .utf8)
        let letters = Dictionary(uniqueKeysWithValues: try GoldLetter.loadDev().map { ($0.id, Array($0.text.utf8)) })
        var lines: [String] = []
        var substitutions = 0
        for (number, line) in text.split(separator: "\n").enumerated() {
            var record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            if record["type"] as? String == "substitution", var data = record["data"] as? [String: Any] {
                substitutions += 1
                if let doc = data["doc"] as? String, let original = letters[doc], let start = data["start"] as? Int,
                    let end = data["end"] as? Int, let replacement = data["replacement"] as? String
                {
                    let replaced = String(decoding: original[start..<end], as: UTF8.self)
                    // (year-only and age-cap may leave a value as it was: `2013`, `43`)
                    let changes = ["placeholder", "remove", "numbered", "pseudonym", "surrogate", "date-shift"]
                    #expect(
                        !changes.contains(data["action"] as? String ?? "") ||
                        ChannelNeedles.fold(replacement) != ChannelNeedles.fold(replaced),
                        "\(subcommand): audit line \(number + 1): a \(data["category"] ?? "?") replacement is the original text")
                }
                if data["action"] as? String == "date-shift" { data["replacement"] = "(shifted date)" }
                record["data"] = data
            }
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self))
        }
        #expect(substitutions > minimum, "\(subcommand): only \(substitutions) substitutions in the audit")
        return Channel(subcommand, "audit log", lines.joined(separator: "\n"))
    }

    /// Records one issue per hit (at most 20 per channel), naming channel, category and place.
    func expectNoNeedle(_ channels: [Channel], needles given: ChannelNeedles? = nil) throws {
        let needles = try given ?? ChannelNeedles.shared()
        var total = 0
        for channel in channels {
            let search = ChannelSearch(channel.text, json: channel.json)
            let hits = needles.hits(in: search)
            total += hits.count
            for hit in hits.prefix(20) {
                let needle = needles.all[hit.needle]
                Issue.record(
                    "\(channel.subcommand): \(channel.name): a \(needle.category) identifier (needle #\(hit.needle), \(needle.length) characters) at line \(search.lines[hit.offset]), column \(search.columns[hit.offset])"
                )
            }
            if hits.count > 20 { Issue.record("\(channel.subcommand): \(channel.name): \(hits.count - 20) more hits") }
        }
        #expect(total == 0, "\(total) identifiers in \(channels.count) channels")
    }
}

/// One identifier searched for. Its text never appears in a message.
struct ChannelNeedle: Sendable {
    let category: String
    /// Lower-case, whitespace runs as one space.
    let folded: [Character]
    let length: Int
    /// The first run of letters and digits, lower-case, and the characters before it.
    let firstWord: String
    let firstWordOffset: Int
    /// An occurrence without a capital letter does not count (a capitalised needle without digits).
    let needsCapital: Bool
}

/// The needle set of the dev gold set, built once.
struct ChannelNeedles: Sendable {
    let all: [ChannelNeedle]
    /// How many candidates were left out as ordinary words of the letters.
    let ordinary: Int

    nonisolated(unsafe) private static var cached: ChannelNeedles?
    private static let lock = NSLock()

    static func shared() throws -> ChannelNeedles {
        lock.lock()
        defer { lock.unlock() }
        if let cached { return cached }
        let made = try make()
        cached = made
        return made
    }

    static func isWord(_ character: Character) -> Bool { character.isLetter || character.isNumber }

    static func fold(_ character: Character) -> Character {
        let lower = character.lowercased()
        return lower.count == 1 ? Character(lower) : character
    }

    /// Lower-case, whitespace runs as one space, trimmed.
    static func fold(_ text: String) -> String {
        var out = ""
        for character in text {
            if character.isWhitespace {
                if !out.isEmpty && out.last != " " { out.append(" ") }
            } else {
                out.append(fold(character))
            }
        }
        while out.last == " " { out.removeLast() }
        return out
    }

    private static func make() throws -> ChannelNeedles {
        let letters = try GoldLetter.loadDev()
        // Candidates: span texts and the words of person names, four characters or more.
        var candidates: [String: (category: String, capitalised: Bool)] = [:]
        func add(_ text: String, _ category: String) {
            guard text.count >= 4, text.contains(where: isWord) else { return }
            let key = fold(text)
            let capitalised = text.contains(where: \.isUppercase) && !text.contains(where: \.isNumber)
            if let known = candidates[key] {
                candidates[key] = (known.category, known.capitalised && capitalised)
            } else {
                candidates[key] = (category, capitalised)
            }
        }
        var outside = ""
        for letter in letters {
            let bytes = Array(letter.text.utf8)
            var cursor = 0
            for span in letter.spans {
                let text = String(decoding: bytes[span.start..<span.end], as: UTF8.self)
                add(text, span.category)
                if ["PATIENT", "PROVIDER", "PERSON"].contains(span.category) {
                    for word in text.split(whereSeparator: \.isWhitespace) {
                        add(String(word).trimmingCharacters(in: CharacterSet(charactersIn: ".,;:()-'\"")), span.category)
                    }
                }
                // The letters outside every gold span; a span leaves a mark that no word crosses.
                if span.start > cursor { outside += String(decoding: bytes[cursor..<span.start], as: UTF8.self) }
                outside += "\u{1F}"
                cursor = max(cursor, span.end)
            }
            outside += String(decoding: bytes[cursor...], as: UTF8.self) + "\n\u{1F}\n"
        }
        let all = candidates.keys.sorted().map { key in needle(key, category: candidates[key]!.category, needsCapital: candidates[key]!.capitalised) }
        // Ordinary words: found outside every gold span, in any case.
        let everywhere = ChannelNeedles(all: all, ordinary: 0).hits(in: ChannelSearch(outside, json: false), anyCase: true)
        let ordinary = Set(everywhere.map(\.needle))
        return ChannelNeedles(all: all.enumerated().filter { !ordinary.contains($0.offset) }.map(\.element), ordinary: ordinary.count)
    }

    static func needle(_ text: String, category: String, needsCapital: Bool) -> ChannelNeedle {
        let folded = Array(fold(text))
        let first = folded.firstIndex(where: isWord) ?? 0
        let firstEnd = folded[first...].firstIndex { !isWord($0) } ?? folded.endIndex
        return ChannelNeedle(
            category: category, folded: folded, length: folded.count,
            firstWord: String(folded[first..<firstEnd]), firstWordOffset: first, needsCapital: needsCapital)
    }

    /// Every whole-word occurrence of every needle: (needle index, character offset).
    func hits(in search: ChannelSearch, anyCase: Bool = false) -> [(needle: Int, offset: Int)] {
        var result: [(needle: Int, offset: Int)] = []
        for (index, needle) in all.enumerated() {
            for position in search.words[needle.firstWord] ?? [] {
                let start = position - needle.firstWordOffset
                let end = start + needle.length
                guard start >= 0, end <= search.folded.count else { continue }
                guard search.folded[start..<end].elementsEqual(needle.folded) else { continue }
                if start > 0 && Self.isWord(search.folded[start - 1]) { continue }
                if end < search.folded.count && Self.isWord(search.folded[end]) { continue }
                if !anyCase && needle.needsCapital && !search.original[start..<end].contains(where: \.isUppercase) { continue }
                result.append((index, start))
            }
        }
        return result
    }
}

/// A channel's text prepared for the search: JSON string escapes decoded (for JSON channels),
/// whitespace runs made one space, a lower-case copy, the line and column of each character, and
/// where each run of letters and digits starts.
struct ChannelSearch {
    var original: [Character] = []
    var folded: [Character] = []
    var lines: [Int] = []
    var columns: [Int] = []
    var words: [String: [Int]] = [:]

    init(_ text: String, json: Bool) {
        let source = Array(text)
        var line = 1
        var column = 1
        func emit(_ character: Character) {
            if character == " " && (original.last == " " || original.isEmpty) { return }
            original.append(character)
            folded.append(ChannelNeedles.fold(character))
            lines.append(line)
            columns.append(column)
        }
        var index = 0
        while index < source.count {
            let character = source[index]
            if json && character == "\\" && index + 1 < source.count {
                let next = source[index + 1]
                switch next {
                case "n", "r", "t", "b", "f":
                    emit(" ")
                    index += 2
                    column += 2
                    continue
                case "/", "\"", "\\":
                    emit(next)
                    index += 2
                    column += 2
                    continue
                case "u":
                    if let (scalar, used) = Self.unicodeEscape(source, at: index) {
                        emit(scalar.properties.isWhitespace ? " " : Character(scalar))
                        index += used
                        column += used
                        continue
                    }
                default: break
                }
            }
            if character.isNewline {
                emit(" ")
                line += 1
                column = 1
            } else {
                emit(character.isWhitespace ? " " : character)
                column += 1
            }
            index += 1
        }
        var position = 0
        while position < folded.count {
            guard ChannelNeedles.isWord(folded[position]) else {
                position += 1
                continue
            }
            let start = position
            while position < folded.count && ChannelNeedles.isWord(folded[position]) { position += 1 }
            words[String(folded[start..<position]), default: []].append(start)
        }
    }

    /// `\uXXXX`, or a surrogate pair `\uD83D\uDE00`, at `index`: the scalar and the characters used.
    static func unicodeEscape(_ source: [Character], at index: Int) -> (Unicode.Scalar, Int)? {
        func hex(_ at: Int) -> UInt32? {
            guard at + 6 <= source.count, source[at] == "\\", source[at + 1] == "u" else { return nil }
            return UInt32(String(source[(at + 2)..<(at + 6)]), radix: 16)
        }
        guard let high = hex(index) else { return nil }
        if (0xD800..<0xDC00).contains(high), let low = hex(index + 6), (0xDC00..<0xE000).contains(low) {
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)).map { ($0, 12) }
        }
        return Unicode.Scalar(high).map { ($0, 6) }
    }
}
