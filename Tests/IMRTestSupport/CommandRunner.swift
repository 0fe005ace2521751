import Foundation
import Testing

/// Runs the built `imr-redact` binary and captures its exit status, stdout and stderr, in the
/// manner of argument-parser's `AssertExecuteCommand`.
public enum CommandRunner {
    public struct Output: Sendable {
        public let status: Int32
        public let stdout: Data
        public let stderr: String
        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// The `imr-redact` binary beside the test bundle (`swift test` builds every product).
    public static var binary: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Fixtures.packageRoot.appendingPathComponent(".build/debug"),
        ]
        for folder in candidates {
            let url = folder.appendingPathComponent("imr-redact")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return Fixtures.packageRoot.appendingPathComponent(".build/debug/imr-redact")
    }

    /// Runs `imr-redact arguments...` with `stdin` as standard input.
    public static func run(
        _ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil, currentDirectory: URL? = nil
    ) throws -> Output {
        try execute(binary, arguments, stdin: stdin, environment: environment, currentDirectory: currentDirectory)
    }

    /// Runs any program (`git`, `python3` ... through `/usr/bin/env`) the same way.
    public static func execute(
        _ executable: URL, _ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil,
        currentDirectory: URL? = nil
    ) throws -> Output {
        _ = ignoreBrokenPipes
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = withSanitizerSettings(environment) }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let outPipe = Pipe()
        let errPipe = Pipe()
        let inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()
        // Read both pipes concurrently so that a full pipe never blocks the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = errPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if let stdin {
            DispatchQueue.global().async {
                // A child that exits before reading all of stdin (a usage error) closes the pipe:
                // the write then fails with EPIPE, which is fine.
                try? inPipe.fileHandleForWriting.write(contentsOf: stdin)
                try? inPipe.fileHandleForWriting.close()
            }
        } else {
            try? inPipe.fileHandleForWriting.close()
        }
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        let stderr = String(decoding: errData, as: UTF8.self)
        recordSanitizerReport(in: stderr, of: executable)
        // Another program (git, script) may pass on an imr-redact child's stderr on its stdout.
        if executable.lastPathComponent != "imr-redact" {
            recordSanitizerReport(in: String(decoding: outData, as: UTF8.self), of: executable)
        }
        return Output(status: process.terminationStatus, stdout: outData, stderr: stderr)
    }

    /// The variables that configure the sanitizers (`scripts/sanitizers.sh`): a child given an
    /// environment of its own still gets them, so that its reports obey the same options and
    /// suppressions as the test process's.
    public static let sanitizerVariables = ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS", "UBSAN_OPTIONS", "IMR_SANITIZER"]

    /// `environment` with the test process's sanitizer variables added.
    public static func withSanitizerSettings(_ environment: [String: String]) -> [String: String] {
        var environment = environment
        let own = ProcessInfo.processInfo.environment
        for name in sanitizerVariables where environment[name] == nil { environment[name] = own[name] }
        return environment
    }

    /// A child built with a sanitizer writes its reports to its own stderr, which the tests
    /// capture: a report is copied to the test process's stderr (from its first line on; what
    /// the tool said before is left out) and recorded as an issue, so that it is never lost in
    /// a test that looks only at the exit status or at stdout. `echo: false` leaves the copy out
    /// (for the tests of this function, whose made-up reports must not look like real ones in the log).
    public static func recordSanitizerReport(in stderr: String, of executable: URL, echo: Bool = true) {
        let markers = ["ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "WARNING: ThreadSanitizer", "ERROR: ThreadSanitizer"]
        guard let first = markers.compactMap({ stderr.range(of: $0)?.lowerBound }).min() else { return }
        let lineStart = stderr[..<first].lastIndex(of: "\n").map { stderr.index(after: $0) } ?? stderr.startIndex
        let report = stderr[lineStart...]
        if echo { FileHandle.standardError.write(Data("--- sanitizer report from \(executable.lastPathComponent) ---\n\(report)\n---\n".utf8)) }
        Issue.record("\(executable.lastPathComponent) reported a sanitizer error (the report is in the test log)")
    }

    /// Writing to a child that has already exited must fail with EPIPE, not kill the test
    /// process with SIGPIPE.
    private static let ignoreBrokenPipes: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()
}
