import Foundation
import IMRTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// End-to-end: --policy, --vault, --verify, and the verify and vault subcommands.
@Suite struct PolicyCommandTests {
    let maximus = Fixtures.samples.appendingPathComponent("letter-maximus.txt").path
    let seed = Fixtures.samples.appendingPathComponent("seed-000.txt").path

    func mode(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o777 : 0
    }

    @Test func policyWinsOverStyleAndUnknownPoliciesAreUsageErrors() throws {
        let text = Data("Case Number: CM13-0041187\nThe report dated 7/31/13 by Dr. Alan Chu noted pain 6/10.\n".utf8)
        let both = try CommandRunner.run(["redact", "--style", "blank", "--policy", "placeholder"], stdin: text)
        #expect(both.status == 0)
        #expect(both.stdoutText == "Case Number: [ID]\nThe report dated [DATE] by Dr. [PROVIDER] noted pain 6/10.\n")
        let release = try CommandRunner.run(["redact", "--policy", "public-release"], stdin: text)
        #expect(release.stdoutText == "Case Number: CM13-0041187\nThe report dated 7/31/13 by Dr.  noted pain 6/10.\n")
        let blank = try CommandRunner.run(["redact", "--style", "blank"], stdin: text)
        #expect(blank.stdoutText == "Case Number: [ID]\nThe report dated [DATE] by Dr.  noted pain 6/10.\n")
        let unknown = try CommandRunner.run(["redact", "--policy", "no-such-policy"], stdin: text)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--policy: no-such-policy:0:0: no built-in policy of this name (placeholder, blank, public-release, research, safe-harbor, surrogate) and no such file"))
        // A policy file.
        let folder = try Fixtures.temporaryDirectory()
        let file = folder.appendingPathComponent("mine.yaml")
        try Data("name: mine\nactions: {PROVIDER: numbered, DATE: year-only}\n".utf8).write(to: file)
        let mine = try CommandRunner.run(["redact", "--policy", file.path], stdin: text)
        #expect(mine.stdoutText == "Case Number: [ID]\nThe report dated 2013 by Dr. [PROVIDER-1] noted pain 6/10.\n")
    }

    @Test func verifyPassesFailsAndRefusesWithItsExitStatuses() throws {
        let folder = try Fixtures.temporaryDirectory()
        let output = folder.appendingPathComponent("letter-maximus.txt")
        let redacted = try CommandRunner.run(["redact", "--policy", "safe-harbor", "--out", folder.path, maximus])
        #expect(redacted.status == 0)
        let pass = try CommandRunner.run(["verify", "--policy", "safe-harbor", maximus, output.path])
        #expect(pass.status == 0)
        #expect(pass.stdoutText.hasPrefix("\(output.path): pass: "))
        #expect(pass.stdoutText.contains("dates year only"))
        // A pain score altered.
        var text = try String(contentsOf: output, encoding: .utf8)
        let score = try #require(text.firstMatch(of: /\d\/10/))
        text.replaceSubrange(score.range, with: "0/10")
        try Data(text.utf8).write(to: output)
        let fail = try CommandRunner.run(["verify", maximus, output.path])
        #expect(fail.status == 1)
        let lines = fail.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("\(output.path):line ") == true && lines.first?.hasSuffix(": protected: protected PAIN_SCORE changed") == true)
        #expect(lines.last == "\(output.path): fail: 1 violation")
        let missing = try CommandRunner.run(["verify", maximus, folder.appendingPathComponent("nope.txt").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.txt: cannot read: No such file or directory"))
        let usage = try CommandRunner.run(["verify", maximus])
        #expect(usage.status == 2)
    }

    @Test func redactVerifyRejectsALetterThatDoesNotPass() throws {
        let folder = try Fixtures.temporaryDirectory()
        let rules = folder.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        // A broken rule set: decisions are "IDs" and nothing protects them.
        try Data("""
            rules:
              - id: broken.decision
                category: ID
                description: masks decisions
                regex: '\\b(?:Upheld|Overturned)\\b'
              - id: date.simple
                category: DATE
                description: dates
                regex: '\\b\\d{1,2}/\\d{1,2}/\\d{2}\\b'

            """.utf8).write(to: rules.appendingPathComponent("broken.yaml"))
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let result = try CommandRunner.run(["redact", "--verify", "--only-patterns", rules.path, "--out", out.path, seed])
        #expect(result.status == 1)
        #expect(result.stderr.contains("seed-000.txt: verification failed: fail: "))
        #expect(result.stderr.contains(": items: 2 disputed items in the original, 0 in the output; not written"))
        #expect(result.stderr.contains("1 documents in, 0 written, 1 rejected"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
        // The default rules pass, and the letter is written.
        let good = try CommandRunner.run(["redact", "--verify", "--policy", "research", "--out", out.path, seed])
        #expect(good.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["seed-000.txt"])
    }

    @Test func aVaultIsCreatedOwnerOnlyAndGivesTheSameOutputEveryRunAlsoTwoAtOnce() throws {
        let folder = try Fixtures.temporaryDirectory()
        let vault = folder.appendingPathComponent("names.vault").path
        let audit = folder.appendingPathComponent("audit.jsonl")
        let first = try CommandRunner.run(
            ["redact", "--policy", "research", "--vault", vault, "--audit", audit.path, maximus], environment: [:])
        #expect(first.status == 0)
        #expect(first.stderr.contains("imr-redact: created a new vault key in \(vault).key (owner-only)"))
        #expect(mode(vault) == 0o600 && mode(vault + ".key") == 0o600)
        #expect(first.stdoutText.contains("[PATIENT-"))
        // The audit names the action and the shifted date, never the shift itself.
        let records = try auditRecords(audit)
        let header = try #require(records.first?["data"] as? [String: Any])
        #expect((header["options"] as? [String: String])?["store"] == "vault")
        #expect((header["options"] as? [String: String])?["key"] == "vault-key-file")
        let shifts = records.compactMap { $0["data"] as? [String: Any] }.filter { $0["action"] as? String == "date-shift" }
        #expect(!shifts.isEmpty)
        for record in shifts { #expect(Set(record.keys) == ["doc", "start", "end", "line", "category", "rule", "action", "replacement", "digest"]) }
        // Two runs at once on the same vault agree with the first. (Each thread stores its output
        // under the lock: two threads assigning elements of one array race, ThreadSanitizer.)
        let outputs = Mutex<[String]>(["", ""])
        let group = DispatchGroup()
        for index in 0..<2 {
            group.enter()
            DispatchQueue.global().async {
                let output = (try? CommandRunner.run(["redact", "-q", "--policy", "research", "--vault", vault, self.maximus], environment: [:]))?.stdoutText ?? "failed"
                outputs.withLock { $0[index] = output }
                group.leave()
            }
        }
        group.wait()
        #expect(outputs.withLock { $0 } == [first.stdoutText, first.stdoutText])
        // Another vault, other pseudonyms.
        let other = try CommandRunner.run(["redact", "-q", "--policy", "research", "--vault", vault + "2", maximus], environment: [:])
        #expect(other.status == 0 && other.stdoutText != first.stdoutText)
        // The wrong key is refused.
        let keyFile = folder.appendingPathComponent("other.key")
        try Data("another key\n".utf8).write(to: keyFile)
        let wrong = try CommandRunner.run(["redact", "--policy", "research", "--vault", vault, "--key-file", keyFile.path, maximus])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("was made with another key"))
    }

    @Test func relinkFindsAPseudonymsIdentifierAndRotationKeepsThePseudonyms() throws {
        let folder = try Fixtures.temporaryDirectory()
        let vault = folder.appendingPathComponent("v.sqlite").path
        let first = try CommandRunner.run(["redact", "-q", "--policy", "research", "--vault", vault, maximus], environment: [:])
        let pseudonym = try #require(first.stdoutText.firstMatch(of: /\[PATIENT-([0-9A-Z]{8})\]/))
        let relink = try CommandRunner.run(["vault", "relink", "--vault", vault, maximus], environment: [:])
        #expect(relink.status == 0)
        let line = try #require(relink.stdoutText.split(separator: "\n").first { $0.contains("name=\(pseudonym.output.1)") })
        #expect(line.split(separator: "\t")[2] == "PATIENT")
        #expect(relink.stdoutText.contains("\tDATE-SHIFT\t"))
        // Rotation: a new vault under a new key gives the same output.
        let newVault = folder.appendingPathComponent("new.sqlite").path
        let rotate = try CommandRunner.run(["vault", "rotate", "--vault", vault, "--to", newVault, maximus], environment: [:])
        #expect(rotate.status == 0)
        #expect(rotate.stderr.contains("created a new vault key in \(newVault).key"))
        #expect(rotate.stderr.contains("copied "))
        let again = try CommandRunner.run(["redact", "-q", "--policy", "research", "--vault", newVault, maximus], environment: [:])
        #expect(again.stdoutText == first.stdoutText)
        #expect(try String(contentsOfFile: newVault + ".key", encoding: .utf8) != (try String(contentsOfFile: vault + ".key", encoding: .utf8)))
    }
}
