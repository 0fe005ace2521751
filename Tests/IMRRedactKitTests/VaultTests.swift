import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct VaultTests {
    let key = DigestKey(bytes: Array("0123456789abcdef0123456789abcdef".utf8), origin: "file")

    func run(_ policy: String, vault path: String, key: DigestKey, letters: [GoldLetter]) throws -> [String] {
        let vault = try PseudonymVault(path: path, key: key)
        let engine = RedactionEngine(ruleSet: Fixtures.ruleSet, policy: try PolicyLoader.load(policy), store: vault)
        return try letters.map { String(decoding: try engine.redact(Array($0.text.utf8)).output, as: UTF8.self) }
    }

    func mode(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o777 : 0
    }

    @Test(arguments: ["research", "surrogate"])
    func theSameVaultGivesTheSameOutputAndANewOneAnother(policy: String) throws {
        let folder = try Fixtures.temporaryDirectory()
        let letters = try GoldLetter.loadDev()
        let path = folder.appendingPathComponent("vault.sqlite").path
        let first = try run(policy, vault: path, key: key, letters: letters)
        let second = try run(policy, vault: path, key: key, letters: letters)
        #expect(first == second)
        let other = try run(policy, vault: folder.appendingPathComponent("other.sqlite").path, key: key, letters: letters)
        #expect(zip(first, other).filter { $0 != $1 }.count == letters.count)
        // Without a vault, two runs differ (random per run).
        let engine = RedactionEngine(ruleSet: Fixtures.ruleSet, policy: try PolicyLoader.load(policy))
        #expect(String(decoding: try engine.redact(Array(letters[0].text.utf8)).output, as: UTF8.self) != first[0])
    }

    @Test func theVaultHoldsNoIdentifierText() throws {
        let folder = try Fixtures.temporaryDirectory()
        let path = folder.appendingPathComponent("vault.sqlite").path
        let letters = try GoldLetter.loadDev()
        for policy in ["research", "surrogate"] { _ = try run(policy, vault: path, key: key, letters: letters) }
        var bytes: [UInt8] = []
        for suffix in ["", "-wal", "-shm"] {
            if let data = FileManager.default.contents(atPath: path + suffix) { bytes += Array(data) }
        }
        #expect(bytes.count > 4096)
        let haystack = String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        var searched = 0
        for letter in letters {
            let text = Array(letter.text.utf8)
            for span in letter.spans {
                let identifier = String(decoding: text[span.start..<span.end], as: UTF8.self)
                // Short numbers (ages, `43`) occur in any file of digits and hex digests; every other
                // identifier is searched as written, lower-cased, and as the normalised key the
                // transformer computes (what a careless vault would store).
                if identifier.allSatisfy({ $0.isNumber }) && identifier.count < 5 { continue }
                var forms = [identifier.lowercased()]
                if let category = Category(rawValue: span.category) {
                    let key = LetterIdentities.key(category, identifier).key.lowercased()
                    if key.count >= 4 { forms.append(key) }
                }
                for form in forms where form.count >= 3 {
                    searched += 1
                    let found = Self.occurs(form, in: haystack)
                    #expect(!found, "\(letter.id) \(span.category) at \(span.start) (\(form.count) characters) is in the vault")
                }
            }
        }
        #expect(searched > 300)
    }

    /// Whether `needle` occurs in `haystack`; a number only when no hex digit touches it (hex
    /// digests hold every short run of digits somewhere).
    static func occurs(_ needle: String, in haystack: String) -> Bool {
        guard needle.first?.isNumber == true || needle.last?.isNumber == true else { return haystack.contains(needle) }
        var rest = haystack[...]
        while let range = rest.range(of: needle) {
            let before = range.lowerBound > haystack.startIndex ? haystack[haystack.index(before: range.lowerBound)] : " "
            let after = range.upperBound < haystack.endIndex ? haystack[range.upperBound] : " "
            if !before.isHexDigit && !after.isHexDigit { return true }
            rest = haystack[haystack.index(after: range.lowerBound)...]
        }
        return false
    }

    @Test func filesAreOwnerOnlyAndAFirstRunCreatesItsKey() throws {
        let folder = try Fixtures.temporaryDirectory()
        let path = folder.appendingPathComponent("v.sqlite").path
        var messages: [String] = []
        let created = try PseudonymVault.key(forVault: path, given: nil) { messages.append($0) }
        #expect(messages.count == 1 && messages[0].contains("created a new vault key in \(path).key"))
        #expect(mode(path + ".key") == 0o600)
        let keyText = try String(contentsOfFile: path + ".key", encoding: .utf8)
        #expect(keyText.count == 65 && keyText.hasSuffix("\n"))
        let again = try PseudonymVault.key(forVault: path, given: nil) { messages.append($0) }
        #expect(messages.count == 1)
        let letters = Array(try GoldLetter.loadDev().prefix(2))
        let outputs = try run("research", vault: path, key: created, letters: letters)
        #expect(try run("research", vault: path, key: again, letters: letters) == outputs)
        #expect(mode(path) == 0o600)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            #expect(mode(path + suffix) == 0o600)
        }
        // A given key wins over the file; the vault then refuses it (made with another key).
        #expect {
            _ = try PseudonymVault(path: path, key: key)
        } throws: { error in
            (error as? DocumentError)?.description.contains("made with another key") == true
        }
        // A vault whose key file is lost gets no new key: that would only leave a stray file.
        try FileManager.default.removeItem(atPath: path + ".key")
        #expect {
            _ = try PseudonymVault.key(forVault: path, given: nil) { messages.append($0) }
        } throws: { error in
            (error as? DocumentError)?.description.contains("exists but its key") == true
        }
        #expect(!FileManager.default.fileExists(atPath: path + ".key"))
    }

    @Test func twoWritersAtOnceAgree() throws {
        let folder = try Fixtures.temporaryDirectory()
        let path = folder.appendingPathComponent("shared.sqlite").path
        _ = try PseudonymVault(path: path, key: key)
        let identifiers = (0..<300).map { "person \($0)" }
        nonisolated(unsafe) var results: [[String]] = [[], []]
        nonisolated(unsafe) var failures = 0
        let group = DispatchGroup()
        for worker in 0..<2 {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                do {
                    // Each writer has its own connection, as two processes would.
                    let vault = try PseudonymVault(path: path, key: key)
                    let order = worker == 0 ? identifiers : identifiers.reversed()
                    var values: [String: String] = [:]
                    for identifier in order {
                        values[identifier] = try vault.value(kind: "name", identifier: identifier, unique: true) { UUID().uuidString }
                        _ = try vault.dateShift(patient: identifier)
                    }
                    results[worker] = identifiers.map { values[$0] ?? "" }
                } catch {
                    failures += 1
                }
            }
        }
        group.wait()
        #expect(failures == 0)
        #expect(results[0] == results[1])
        #expect(Set(results[0]).count == identifiers.count)
        let vault = try PseudonymVault(path: path, key: key)
        #expect(try vault.counts().values == 300 && vault.counts().shifts == 300)
        let shift = try #require(try vault.existingShift(patient: "person 7"))
        #expect((30...360).contains(abs(shift)))
    }
}
