import Foundation
import IMRTestSupport
import Testing

/// A fictional letter: every value is invented.
let fictionalLetter = """
    Dear Ms. Gonzalez:
    The patient is a 43 year old woman injured on 3/5/12.
    She was seen by Dr. Alan Chu on 7/31/13; call (559) 555-0142.

    """

/// The values of `fictionalLetter` that must never appear in clear in any output.
let fictionalValues = ["Gonzalez", "Alan Chu", "3/5/12", "7/31/13", "555-0142"]

/// The finding lines `check` prints for `fictionalLetter` at `path`.
func fictionalFindings(_ path: String) -> [String] {
    [
        "\(path):1:10: PATIENT patient.salutation G*******",
        "\(path):2:18: AGE age.year-old 4*",
        "\(path):2:47: DATE date.numeric-mdy 3/*/**",
        "\(path):3:21: PROVIDER provider.dr-title A*** C**",
        "\(path):3:33: DATE date.numeric-mdy 7/**/**",
        "\(path):3:47: CONTACT contact.phone (***) 5**-****",
    ]
}

/// The test process's environment without a digest key, plus `extra`.
func checkEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["IMR_REDACT_KEY"] = nil
    return environment.merging(extra) { $1 }
}

func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

@Suite struct CheckCommandTests {
    func run(_ arguments: [String], in folder: URL, key: String? = nil) throws -> CommandRunner.Output {
        try CommandRunner.run(
            ["check"] + arguments,
            environment: checkEnvironment(key.map { ["IMR_REDACT_KEY": $0] } ?? [:]),
            currentDirectory: folder
        )
    }

    @Test func printsOneMaskedLinePerFindingAndExitsOne() throws {
        let folder = try Fixtures.temporaryDirectory()
        try write(fictionalLetter, to: folder.appendingPathComponent("fixtures/letter.txt"))
        let result = try run(["fixtures/letter.txt"], in: folder)
        #expect(result.status == 1)
        #expect(lines(result.stdoutText) == fictionalFindings("fixtures/letter.txt"))
        #expect(result.stderr.contains("1 files checked, 0 binary skipped; 6 findings"))
        for value in fictionalValues {
            #expect(!result.stdoutText.contains(value) && !result.stderr.contains(value), "\(value) in clear")
        }
    }

    @Test func cleanEmptyAndBinaryFilesExitZero() throws {
        let folder = try Fixtures.temporaryDirectory()
        try write("The patient's pain is 6/10 at L4-5; 1x6 sessions.\n", to: folder.appendingPathComponent("clean.txt"))
        try Data().write(to: folder.appendingPathComponent("empty.txt"))
        // A NUL in the first 8000 bytes: binary, skipped, even with identifiers after it.
        try Data([0x50, 0x4B, 0x00] + Array(fictionalLetter.utf8)).write(
            to: folder.appendingPathComponent("archive.bin")
        )
        let result = try run(["."], in: folder)
        #expect(result.status == 0)
        #expect(result.stdoutText.isEmpty)
        #expect(result.stderr.contains("2 files checked, 1 binary skipped; 0 findings"))
    }

    @Test func windows1252TextIsDecodedAndScannedWithCharacterColumns() throws {
        let folder = try Fixtures.temporaryDirectory()
        // “Dr. José Ávila” in Windows-1252: curly quotes 0x93/0x94, é 0xE9, Á 0xC1.
        let bytes: [UInt8] =
            Array("Seen by ".utf8) + [0x93] + Array("Dr. Jos".utf8) + [0xE9, 0x20, 0xC1] + Array("vila".utf8)
            + [0x94] + Array(" on 3/5/12.\n".utf8)
        try Data(bytes).write(to: folder.appendingPathComponent("w.txt"))
        let result = try run(["w.txt"], in: folder)
        #expect(result.status == 1)
        #expect(
            lines(result.stdoutText) == [
                "w.txt:1:14: PROVIDER provider.dr-title J*** Á****", "w.txt:1:29: DATE date.numeric-mdy 3/*/**",
            ]
        )
        #expect(result.stderr.contains("(1 read as Windows-1252)"))
    }

    @Test func unreadableInputExitsTwoAfterCheckingTheRest() throws {
        let folder = try Fixtures.temporaryDirectory()
        try write(fictionalLetter, to: folder.appendingPathComponent("a.txt"))
        let result = try run(["missing.txt", "a.txt"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("imr-redact: missing.txt: cannot read: No such file or directory"))
        #expect(lines(result.stdoutText) == fictionalFindings("a.txt"))
    }

    @Test(arguments: ["placeholder", "blank"])
    func theRedactedSamplesAreClean(style: String) throws {
        let folder = try Fixtures.temporaryDirectory()
        let samples = try FileManager.default.contentsOfDirectory(atPath: Fixtures.samples.path).filter {
            $0.hasSuffix(".txt")
        }
        let redact = try CommandRunner.run(
            ["redact", "--quiet", "--style", style, "--out", folder.path]
                + samples.map { Fixtures.samples.appendingPathComponent($0).path }
        )
        #expect(redact.status == 0)
        let original = try run([Fixtures.samples.path], in: folder)
        #expect(original.status == 1 && lines(original.stdoutText).count > 100)
        let result = try run(["."], in: folder)
        #expect(result.status == 0, "\(result.stdoutText)")
        #expect(result.stdoutText.isEmpty)
        #expect(result.stderr.contains("7 files checked, 0 binary skipped; 0 findings"))
    }

    @Test func allowCommentsQuietTheirLineOrTheNext() throws {
        let folder = try Fixtures.temporaryDirectory()
        let text = """
            Seen by Dr. Alan Chu.  # imr-redact:allow
            <!-- imr-redact:allow-next-line -->
            Seen by Dr. Alan Chu.
            Seen by Dr. Rita Moss.

            """
        try write(text, to: folder.appendingPathComponent("a.md"))
        let result = try run(["a.md"], in: folder)
        #expect(result.status == 1)
        #expect(lines(result.stdoutText) == ["a.md:4:13: PROVIDER provider.dr-title R*** M***"])
        #expect(result.stderr.contains("2 allowed"))
    }

    @Test func foldersHonourGitignoreButNamedFilesAreAlwaysRead() throws {
        let folder = try Fixtures.temporaryDirectory()
        _ = try git(["init", "-q", "."], in: folder)
        try write("ignored/\n", to: folder.appendingPathComponent(".gitignore"))
        try write(fictionalLetter, to: folder.appendingPathComponent("ignored/letter.txt"))
        try write(fictionalLetter, to: folder.appendingPathComponent("kept/letter.txt"))
        let result = try run([], in: folder)
        #expect(lines(result.stdoutText) == fictionalFindings("kept/letter.txt"))
        let named = try run(["ignored/letter.txt"], in: folder)
        #expect(lines(named.stdoutText) == fictionalFindings("ignored/letter.txt"))
        // An ignored folder named on the command line is not read, and check says so.
        let ignoredFolder = try run(["ignored"], in: folder)
        #expect(ignoredFolder.status == 0 && ignoredFolder.stdoutText.isEmpty)
        #expect(ignoredFolder.stderr.contains("imr-redact: ignored: ignored by git (.gitignore), so nothing in it was checked"))
        // Outside a work tree the folder is walked.
        let plain = try Fixtures.temporaryDirectory()
        try write(fictionalLetter, to: plain.appendingPathComponent("a/b.txt"))
        #expect(lines(try run(["a"], in: plain).stdoutText) == fictionalFindings("a/b.txt"))
    }

    @Test func excludesComeFromTheCommandLineAndTheSettingsFile() throws {
        let folder = try Fixtures.temporaryDirectory()
        _ = try git(["init", "-q", "."], in: folder)
        for name in ["a/one.txt", "a/raw/two.txt", "b/three.json"] {
            try write(fictionalLetter, to: folder.appendingPathComponent(name))
        }
        let cli = try run(["--exclude", "*.json", "--exclude", "a/raw"], in: folder)
        #expect(lines(cli.stdoutText) == fictionalFindings("a/one.txt"))
        try write("[check]\nexclude = [\"a/**/*.txt\"]\n", to: folder.appendingPathComponent(".imr-redact.toml"))
        // From a subfolder: patterns and the settings file are found from the repository root.
        let sub = try run(["."], in: folder.appendingPathComponent("b"))
        #expect(lines(sub.stdoutText) == fictionalFindings("three.json"))
        let config = try run([], in: folder)
        #expect(lines(config.stdoutText) == fictionalFindings("b/three.json"))
    }

    @Test func aBadSettingsFileExitsTwoNamingTheLine() throws {
        let folder = try Fixtures.temporaryDirectory()
        let settings = folder.appendingPathComponent(".imr-redact.toml")
        try write("[check]\n# fine\nexclude = [\"a\", 2]\n", to: settings)
        try write(fictionalLetter, to: folder.appendingPathComponent("a.txt"))
        let result = try run(["--config", settings.path, "a.txt"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(settings.path):3: arrays may hold only strings"))
        #expect(result.stdoutText.isEmpty)
    }

    @Test func usageErrorsExitTwo() throws {
        let folder = try Fixtures.temporaryDirectory()
        #expect(try run(["--format", "xml"], in: folder).status == 2)
        #expect(try run(["--baseline", "a", "--write-baseline", "b"], in: folder).status == 2)
        let glob = try run(["--exclude", "a[b"], in: folder)
        #expect(glob.status == 2 && glob.stderr.contains("exclude pattern 'a[b' has an unclosed '['"))
    }
}

@Suite struct CheckBaselineTests {
    func run(_ arguments: [String], in folder: URL, key: String? = "baseline-key") throws -> CommandRunner.Output {
        try CommandRunner.run(
            ["check"] + arguments,
            environment: checkEnvironment(key.map { ["IMR_REDACT_KEY": $0] } ?? [:]),
            currentDirectory: folder
        )
    }

    @Test func aBaselineAcceptsRecordedFindingsWhereverTheyMoveAndOnlyThose() throws {
        let folder = try Fixtures.temporaryDirectory()
        let letter = folder.appendingPathComponent("letter.txt")
        try write(fictionalLetter, to: letter)
        let written = try run(["--write-baseline", "baseline.json", "letter.txt"], in: folder)
        #expect(written.status == 0)
        #expect(written.stderr.contains("wrote 6 findings to the baseline baseline.json"))
        let baseline = try String(contentsOf: folder.appendingPathComponent("baseline.json"), encoding: .utf8)
        for value in fictionalValues + ["G*******", "A*** C**"] {
            #expect(!baseline.contains(value), "\(value) in the baseline")
        }
        let entries = try #require(
            (try JSONSerialization.jsonObject(with: Data(baseline.utf8)) as? [String: Any])?["findings"]
                as? [[String: Any]]
        )
        #expect(entries.count == 6)
        #expect(entries.allSatisfy { ($0["digest"] as? String)?.count == 64 && $0["path"] as? String == "letter.txt" })
        #expect(entries.allSatisfy { $0["line"] == nil })

        // Lines moved: still accepted.
        try write("Added a first line.\n\n" + fictionalLetter, to: letter)
        let moved = try run(["--baseline", "baseline.json", "letter.txt"], in: folder)
        #expect(moved.status == 0)
        #expect(moved.stderr.contains("0 findings (set aside: 0 placeholders, 0 allowed, 6 in the baseline)"))

        // A new value fails, and only it is reported.
        try write(fictionalLetter + "Copy to Dr. Rita Moss.\n", to: letter)
        let added = try run(["--baseline", "baseline.json", "letter.txt"], in: folder)
        #expect(added.status == 1)
        #expect(lines(added.stdoutText) == ["letter.txt:4:13: PROVIDER provider.dr-title R*** M***"])

        // The settings file names the baseline too.
        try write("[check]\nbaseline = \"baseline.json\"\n", to: folder.appendingPathComponent(".imr-redact.toml"))
        try write(fictionalLetter, to: letter)
        #expect(try run(["letter.txt"], in: folder).status == 0)
    }

    @Test func aBaselineNeedsTheKeyItWasWrittenWith() throws {
        let folder = try Fixtures.temporaryDirectory()
        try write(fictionalLetter, to: folder.appendingPathComponent("letter.txt"))
        let noKey = try run(["--write-baseline", "b.json", "letter.txt"], in: folder, key: nil)
        #expect(noKey.status == 2)
        #expect(noKey.stderr.contains("a baseline holds keyed digests and needs a key"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("b.json").path))
        let keyFile = folder.appendingPathComponent("key")
        try write("file-key\n", to: keyFile)
        #expect(
            try run(["--key-file", keyFile.path, "--write-baseline", "b.json", "letter.txt"], in: folder, key: nil)
                .status == 0
        )
        #expect(
            try run(["--key-file", keyFile.path, "--baseline", "b.json", "letter.txt"], in: folder, key: nil).status
                == 0
        )
        let wrongKey = try run(["--baseline", "b.json", "letter.txt"], in: folder, key: "other")
        #expect(wrongKey.status == 2)
        #expect(wrongKey.stderr.contains("written with another key"))
        #expect(try run(["--baseline", "missing.json", "letter.txt"], in: folder).status == 2)
        // A scan that could not read every input writes no baseline.
        let partial = try run(["--write-baseline", "partial.json", "letter.txt", "missing.txt"], in: folder)
        #expect(partial.status == 2 && partial.stderr.contains("baseline partial.json not written: 1 inputs could not be checked"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("partial.json").path))
    }
}

@Suite struct CheckFormatTests {
    func run(_ format: String, key: String?) throws -> (CommandRunner.Output, [String: Any]) {
        let folder = try Fixtures.temporaryDirectory()
        try write(fictionalLetter, to: folder.appendingPathComponent("fixtures/my letter.txt"))
        let result = try CommandRunner.run(
            ["check", "--format", format, "."],
            environment: checkEnvironment(key.map { ["IMR_REDACT_KEY": $0] } ?? [:]),
            currentDirectory: folder
        )
        let object = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        return (result, object ?? [:])
    }

    @Test func jsonCarriesPositionsMaskedValuesAndDigests() throws {
        let (result, object) = try run("json", key: "json-key")
        #expect(result.status == 1)
        #expect(object["tool"] as? String == "imr-redact")
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 6)
        let first = try #require(findings.first)
        #expect(first["path"] as? String == "fixtures/my letter.txt")
        #expect(first["relative_path"] as? String == "fixtures/my letter.txt")
        #expect(first["line"] as? Int == 1 && first["column"] as? Int == 10)
        #expect(first["end_line"] as? Int == 1 && first["end_column"] as? Int == 18)
        #expect(first["category"] as? String == "PATIENT" && first["rule"] as? String == "patient.salutation")
        #expect(first["masked"] as? String == "G*******")
        #expect((first["digest"] as? String)?.count == 64)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["files"] as? Int == 1 && summary["findings"] as? Int == 6)
        for value in fictionalValues { #expect(!result.stdoutText.contains(value)) }
        // Without a key the digest is null.
        let (_, plain) = try run("json", key: nil)
        #expect(((plain["findings"] as? [[String: Any]])?.first?["digest"]) is NSNull)
    }

    /// Every property SARIF 2.1.0 requires of a log, a run, a tool, a tool component (the
    /// driver), a reporting descriptor (a rule), a multiformat message string, a result, a message
    /// and a physical location, with their types and allowed values; and what code-scanning
    /// services read (relative URI with `/`, region, fingerprints).
    @Test func sarifHasEveryRequiredProperty() throws {
        let (result, log) = try run("sarif", key: "sarif-key")
        #expect(result.status == 1)
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String).flatMap(URL.init(string:))?.scheme == "https")
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let tool = try #require(run["tool"] as? [String: Any])
        let driver = try #require(tool["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "imr-redact")
        #expect(driver["version"] is String)
        let information = try #require((driver["informationUri"] as? String).flatMap(URL.init(string:)))
        #expect(information.scheme == "https" && information.host != nil)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.count > 40)
        var ruleIDs: [String] = []
        for rule in rules {
            let id = try #require(rule["id"] as? String)
            ruleIDs.append(id)
            let short = try #require(rule["shortDescription"] as? [String: Any])
            #expect((short["text"] as? String)?.isEmpty == false)
            if let full = rule["fullDescription"] as? [String: Any] { #expect(full["text"] is String) }
        }
        #expect(Set(ruleIDs).count == ruleIDs.count)
        // Findings of the letter's structure and of propagation have their rules too.
        #expect(ruleIDs.contains("parse.header.patient") && ruleIDs.contains("propagate.patient"))
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 6)
        let expected = fictionalFindings("x").map { $0.split(separator: " ").map(String.init) }
        for (item, line) in zip(results, expected) {
            let ruleID = try #require(item["ruleId"] as? String)
            #expect(ruleID == line[2])
            let index = try #require(item["ruleIndex"] as? Int)
            #expect(ruleIDs.indices.contains(index) && ruleIDs[index] == ruleID)
            #expect(["none", "note", "warning", "error"].contains(item["level"] as? String ?? ""))
            let message = try #require(item["message"] as? [String: Any])
            let text = try #require(message["text"] as? String)
            #expect(text.contains(line[1]) && text.contains(line[3...].joined(separator: " ")))
            let locations = try #require(item["locations"] as? [[String: Any]])
            #expect(locations.count == 1)
            let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
            let artifact = try #require(physical["artifactLocation"] as? [String: Any])
            let uri = try #require(artifact["uri"] as? String)
            #expect(uri == "fixtures/my%20letter.txt")
            #expect(URL(string: uri)?.scheme == nil && !uri.hasPrefix("/") && !uri.contains("\\"))
            let region = try #require(physical["region"] as? [String: Any])
            let position = line[0].split(separator: ":")
            #expect(region["startLine"] as? Int == Int(position[1]))
            #expect(region["startColumn"] as? Int == Int(position[2]))
            let endLine = try #require(region["endLine"] as? Int)
            let endColumn = try #require(region["endColumn"] as? Int)
            #expect(endLine >= 1 && endColumn >= 1)
            #expect(endLine == Int(position[1]) && endColumn > Int(position[2]) ?? 0)
            let fingerprints = try #require(item["partialFingerprints"] as? [String: String])
            #expect(fingerprints["imrRedactValueDigest/v1"]?.count == 64)
        }
        for value in fictionalValues { #expect(!result.stdoutText.contains(value)) }
    }
}

/// Runs `git arguments...` in `folder` with no global or system configuration.
@discardableResult
func git(
    _ arguments: [String],
    in folder: URL,
    environment extra: [String: String] = [:]
) throws -> CommandRunner.Output {
    try CommandRunner.execute(
        URL(fileURLWithPath: "/usr/bin/env"),
        ["git"] + arguments,
        environment: checkEnvironment(
            ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"].merging(extra) { $1 }
        ),
        currentDirectory: folder
    )
}
