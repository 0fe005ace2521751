import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

/// Issue "Four times faster per core, with the same output byte for byte", item 4: what the engine
/// writes for every letter of dev, dev2, deid and the real texts (the redacted text, each
/// substitution's offsets, category, rule, action and replacement, the residue) is the same as
/// when the reference was recorded. Each corpus is held as one digest per letter (HMAC-SHA256
/// under a fixed test key: no letter text is stored or printed) in `Reference/outputs.tsv`.
///
/// A change meant to alter detection re-records it on purpose:
/// `IMR_RECORD_REFERENCE=1 swift test --filter ReferenceOutputTests`, and says so in its commit.
@Suite struct ReferenceOutputTests {
    static let file = Fixtures.packageRoot.appendingPathComponent("Tests/IMRRedactKitTests/Reference/outputs.tsv")
    static let digester = DigestKey(bytes: Array("imr-redact reference outputs".utf8), origin: "test").digester()

    /// The corpora: (name, documents as (id, text)).
    static func corpora() throws -> [(String, [(String, [UInt8])])] {
        var out: [(String, [(String, [UInt8])])] = []
        for name in ["dev", "dev2", "deid"] {
            let gold = try GoldSet.load(path: Fixtures.shared.appendingPathComponent("eval/\(name)/gold.jsonl").path)
            out.append((name, gold.letters.map { ($0.id, $0.text) }))
        }
        let folder = Fixtures.realLetters
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        out.append(("realdata/dwc", try names.map { ($0, Array(try Data(contentsOf: folder.appendingPathComponent($0)))) }))
        return out
    }

    /// One line per letter: corpus, id, digest of everything the engine wrote for it.
    static func lines() throws -> [String] {
        let engine = RedactionEngine(ruleSet: Fixtures.ruleSet)
        var lines: [String] = []
        for (corpus, letters) in try corpora() {
            for (id, text) in letters {
                var record: [UInt8] = []
                do {
                    let result = try engine.redact(text)
                    record += result.output
                    for item in result.substitutions {
                        record += Array("\n\(item.start) \(item.end) \(item.category.rawValue) \(item.ruleID) \(item.action.rawValue) ".utf8)
                        record += Array(item.replacement.utf8)
                    }
                    for token in result.residue { record += Array("\nresidue \(token.start) \(token.end) \(token.reason.rawValue)".utf8) }
                } catch {
                    record += Array("rejected: \(error)".utf8)
                }
                lines.append("\(corpus)\t\(id)\t\(digester.hex(record))")
            }
        }
        return lines
    }

    @Test func everyLetterIsRedactedAsWhenTheReferenceWasRecorded() throws {
        let now = try Self.lines()
        if ProcessInfo.processInfo.environment["IMR_RECORD_REFERENCE"] == "1" {
            try (now.joined(separator: "\n") + "\n").write(to: Self.file, atomically: true, encoding: .utf8)
            print("recorded \(now.count) letters in \(Self.file.path)")
            return
        }
        let recorded = try String(contentsOf: Self.file, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(now.count == recorded.count, "\(now.count) letters now, \(recorded.count) recorded")
        let differing = zip(now, recorded).filter { $0 != $1 }.map { $0.0.split(separator: "\t").prefix(2).joined(separator: " ") }
        #expect(differing.isEmpty, "\(differing.count) letters redacted otherwise than recorded: \(differing.prefix(20).joined(separator: ", "))")
    }
}
