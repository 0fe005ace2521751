import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `--jobs`: the output never depends on the number of worker threads.
@Suite struct JobsTests {
    /// The dev letters with bad lines among them (malformed, duplicate id, invalid text), and more
    /// letters than jobs many times over.
    static func mixedJSONL() throws -> Data {
        let lines = try String(contentsOf: Fixtures.devGold, encoding: .utf8).split(separator: "\n").map(String.init)
        var out: [String] = []
        for round in 0..<4 {
            for (index, line) in lines.enumerated() {
                // Fresh ids each round, so that only the planted duplicate is one.
                out.append(line.replacingOccurrences(of: #"{"id": ""#, with: #"{"id": "r\#(round)-"#))
                if index == 3 { out.append(#"{"id": "broken", "text": 42}"#) }
                if index == 7 { out.append(#"{"id": "r0-dev-001", "text": "Seen on 3/5/12."}"#) }
            }
        }
        out.append(#"{"id": "last", "text": "Dr. Alan Chu saw the patient on 4/5/13.""#)
        return Data((out.joined(separator: "\n") + "\n").utf8)
    }

    @Test func redactWritesTheSameBytesWithOneJobOrMany() throws {
        let folder = try Fixtures.temporaryDirectory()
        let input = folder.appendingPathComponent("in.jsonl")
        try Self.mixedJSONL().write(to: input)
        func run(_ jobs: Int) throws -> (CommandRunner.Output, Data) {
            let audit = folder.appendingPathComponent("audit-\(jobs).jsonl")
            let result = try CommandRunner.run(
                ["redact", "--jsonl", "--jobs", String(jobs), "--audit", audit.path, input.path],
                environment: ["IMR_REDACT_KEY": "jobs-test-key"])
            return (result, try Data(contentsOf: audit))
        }
        let (one, oneAudit) = try run(1)
        #expect(one.status == 1)
        #expect(one.stdoutText.split(separator: "\n").count == 4 * 12)
        // The messages name the bad lines in input order: per round a non-string text and a
        // duplicate id, then the truncated last line.
        let rejected = one.stderr.split(separator: "\n").filter { $0.hasSuffix("not written") }
        #expect(rejected.count == 9)
        #expect(rejected.last?.contains("truncated") == true)
        for jobs in [2, 3, 8] {
            let (many, manyAudit) = try run(jobs)
            #expect(many.status == one.status)
            #expect(many.stdout == one.stdout, "--jobs \(jobs): stdout differs from --jobs 1")
            #expect(manyAudit == oneAudit, "--jobs \(jobs): the audit differs from --jobs 1")
            // Every line but the summary's timing is the same.
            let untimed = { (text: String) in text.split(separator: "\n").map { $0.split(separator: ";").dropLast().joined() } }
            #expect(untimed(many.stderr) == untimed(one.stderr))
        }
    }

    @Test func redactToAFolderWithManyJobsWritesEveryFile() throws {
        let folder = try Fixtures.temporaryDirectory()
        let samples = try FileManager.default.contentsOfDirectory(atPath: Fixtures.samples.path)
            .filter { $0.hasSuffix(".txt") }.sorted().map { Fixtures.samples.appendingPathComponent($0).path }
        var outputs: [[String: Data]] = []
        for jobs in [1, 3] {
            let out = folder.appendingPathComponent("out-\(jobs)")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let result = try CommandRunner.run(["redact", "--jobs", String(jobs), "--rename", "--out", out.path] + samples)
            #expect(result.status == 0)
            var files: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
                files[name] = try Data(contentsOf: out.appendingPathComponent(name))
            }
            #expect(files.count == samples.count)
            outputs.append(files)
        }
        #expect(outputs[0] == outputs[1])
    }

    @Test func checkAndEvalReportTheSameWithOneJobOrTwo() throws {
        let letters = Fixtures.shared.appendingPathComponent("eval/dev/letters").path
        let checkOne = try CommandRunner.run(["check", "--format", "json", "--jobs", "1", letters, Fixtures.samples.path])
        let checkTwo = try CommandRunner.run(["check", "--format", "json", "--jobs", "2", letters, Fixtures.samples.path])
        #expect(checkOne.status == 1)
        #expect(checkOne.stdout.count > 1000)
        #expect(checkTwo.status == checkOne.status)
        #expect(checkTwo.stdout == checkOne.stdout)
        #expect(checkTwo.stderr == checkOne.stderr)

        let evalOne = try CommandRunner.run(["eval", "--json", "--jobs", "1", Fixtures.devGold.path])
        let evalTwo = try CommandRunner.run(["eval", "--json", "--jobs", "2", Fixtures.devGold.path])
        #expect(evalOne.status == 0)
        #expect(evalOne.stdoutText.contains("\"leak_recall\""))
        #expect(evalTwo.stdout == evalOne.stdout)
    }

    @Test func jobsMustBePositive() throws {
        let result = try CommandRunner.run(["redact", "--jobs", "0"], stdin: Data("x\n".utf8))
        #expect(result.status == 2)
        #expect(result.stderr.contains("--jobs must be at least 1"))
    }
}

/// Faults: signals, output folders that cannot take the letters, a full disk.
@Suite struct FaultTests {
    /// A child with pipes on every side, for tests that talk to it while it runs.
    final class Child {
        let process = Process()
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()

        init(_ arguments: [String]) throws {
            process.executableURL = CommandRunner.binary
            process.arguments = arguments
            process.standardInput = input
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            // A watchdog: a child that hangs is ended, so the test fails instead of hanging too.
            let process = self.process
            DispatchQueue.global().asyncAfter(deadline: .now() + 120) { if process.isRunning { process.terminate() } }
        }

        func write(_ text: String) throws { try input.fileHandleForWriting.write(contentsOf: Data(text.utf8)) }

        /// Reads stdout until it holds `count` lines (or the child ends).
        func readLines(_ count: Int) -> [Substring] {
            var data = Data()
            while data.split(separator: 0x0A).count < count {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                data += chunk
            }
            return String(decoding: data, as: UTF8.self).split(separator: "\n")
        }

        /// Waits for the child to end (at most `seconds`), then returns its status and stderr.
        func finish(within seconds: Double) -> (status: Int32?, stderr: String) {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            guard !process.isRunning else {
                process.terminate()
                return (nil, "")
            }
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            CommandRunner.recordSanitizerReport(in: stderr, of: CommandRunner.binary)
            return (process.terminationStatus, stderr)
        }
    }

    static func letterLine(_ index: Int) -> String {
        #"{"id": "doc-\#(index)", "text": "Dr. Alan Chu saw the injured worker on 3/5/12 for low back pain 6/10.\n"}"# + "\n"
    }

    /// SIGINT while the run waits for more input on a pipe: the documents read are written (each
    /// as soon as it is done, with two jobs too), the run says it was interrupted and exits 130;
    /// what it wrote is whole JSON lines.
    @Test func sigintStopsTheRunAndReportsWhatItFinished() throws {
        let folder = try Fixtures.temporaryDirectory()
        let audit = folder.appendingPathComponent("audit.jsonl")
        let child = try Child(["redact", "--jsonl", "--jobs", "2", "--audit", audit.path])
        try child.write((0..<3).map(Self.letterLine).joined())
        // The letters come out one by one while stdin stays open.
        let lines = child.readLines(3)
        #expect(lines.count == 3)
        kill(child.process.processIdentifier, SIGINT)
        let (status, stderr) = child.finish(within: 60)
        #expect(status == 130)
        #expect(stderr.contains("interrupted by SIGINT"))
        #expect(stderr.contains("3 documents in, 3 written, 0 rejected"))
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect((object?["text"] as? String)?.contains("[PROVIDER]") == true)
        }
        let summary = try auditRecords(audit).last
        #expect(summary?["type"] as? String == "summary")
        #expect((summary?["data"] as? [String: Any])?["interrupted_by"] as? String == "SIGINT")
    }

    /// SIGTERM with `--out`: no temporary or half-written file is left, and the file written holds
    /// whole lines, as many as the summary says were written.
    @Test func sigtermLeavesNoHalfWrittenFile() throws {
        let folder = try Fixtures.temporaryDirectory()
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let child = try Child(["redact", "--jsonl", "--out", out.path])
        try child.write((0..<5).map(Self.letterLine).joined())
        // The output is under a temporary name until the input ends; wait for it to appear.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline,
            !(try FileManager.default.contentsOfDirectory(atPath: out.path)).contains(where: { $0.contains("stdin.jsonl") })
        {
            usleep(20_000)
        }
        usleep(300_000)
        kill(child.process.processIdentifier, SIGTERM)
        let (status, stderr) = child.finish(within: 60)
        #expect(status == 143)
        #expect(stderr.contains("interrupted by SIGTERM"))
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(names == ["stdin.jsonl"])
        let lines = try String(contentsOf: out.appendingPathComponent("stdin.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines { #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any]) }
        #expect(stderr.contains("\(lines.count) documents in, \(lines.count) written, 0 rejected"))
    }

    /// A missing, a non-folder and an unwritable output folder are errors before any work.
    @Test func anOutputFolderThatCannotTakeTheLettersIsAnErrorBeforeAnyWork() throws {
        let folder = try Fixtures.temporaryDirectory()
        let file = folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        let sample = Fixtures.samples.appendingPathComponent("seed-000.txt").path
        var cases: [(String, String)] = [
            (folder.appendingPathComponent("missing").path, "does not exist"),
            (file.path, "is not a folder"),
            // sysfs refuses new files, to root too.
            ("/sys", "is not writable"),
        ]
        if getuid() != 0 {
            let readOnly = folder.appendingPathComponent("read-only")
            try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: true)
            chmod(readOnly.path, 0o555)
            cases.append((readOnly.path, "is not writable"))
        }
        for (path, message) in cases {
            let result = try CommandRunner.run(["redact", "--out", path, sample])
            #expect(result.status == 2, "\(path)")
            #expect(result.stderr.contains(message), "\(path)")
            #expect(!result.stderr.contains("documents in"), "\(path): work began")
        }
    }

    /// A full disk on stdout is one clear error and exit status 1, not a crash.
    @Test func aFullDiskIsAClearError() throws {
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = ["redact", Fixtures.samples.appendingPathComponent("seed-000.txt").path]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        CommandRunner.recordSanitizerReport(in: stderr, of: CommandRunner.binary)
        #expect(process.terminationStatus == 1)
        #expect(stderr == "imr-redact: cannot write the output: No space left on device\n")
    }
}

/// The progress line: on a terminal only, redrawn in place and cleared; never with --quiet.
@Suite struct ProgressTests {
    /// Runs `imr-redact ARGS 2>&1 >/dev/null` on a pseudo-terminal (script(1)) and returns what
    /// the terminal showed.
    static func onTerminal(_ arguments: [String]) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return nil }
        let command = ([CommandRunner.binary.path] + arguments).map { "'\($0)'" }.joined(separator: " ") + " >/dev/null"
        let result = try CommandRunner.execute(URL(fileURLWithPath: "/usr/bin/script"), ["-qefc", command, "/dev/null"])
        return result.stdoutText
    }

    @Test func aTerminalSeesOneProgressLineThenTheSummary() throws {
        guard let shown = try Self.onTerminal(["redact", "--jsonl", Fixtures.devGold.path]) else { return }
        #expect(shown.contains("\r\u{1B}[K"))
        #expect(shown.contains(" documents, ") || shown.contains(" document, "))
        #expect(shown.contains(" MB of "))
        // Cleared before the summary, which is printed on its own line.
        #expect(shown.contains("\r\u{1B}[Kimr-redact: 12 documents in, 12 written, 0 rejected"))
        #expect(!shown.contains("\n\u{1B}"))
    }

    @Test func quietOrAPipeShowNoProgress() throws {
        if let quiet = try Self.onTerminal(["redact", "--quiet", "--jsonl", Fixtures.devGold.path]) {
            #expect(!quiet.contains("\u{1B}[K"))
            #expect(quiet.contains("12 documents in, 12 written"))
        }
        let piped = try CommandRunner.run(["redact", "--jsonl", Fixtures.devGold.path])
        #expect(!piped.stderr.contains("\u{1B}"))
        #expect(piped.stderr.hasPrefix("imr-redact: 12 documents in"))
    }
}

/// The README's shell completion commands work and know every subcommand and `--jobs`.
@Suite struct CompletionTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsNameTheSubcommandsAndOptions(shell: String) throws {
        let result = try CommandRunner.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        for word in ["redact", "review", "check", "eval", "verify", "vault", "jobs", "policy", "with-original"] {
            #expect(result.stdoutText.contains(word), "\(shell): \(word)")
        }
    }
}
