import Foundation

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
        if let environment { process.environment = environment }
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
        return Output(status: process.terminationStatus, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Writing to a child that has already exited must fail with EPIPE, not kill the test
    /// process with SIGPIPE.
    private static let ignoreBrokenPipes: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()
}
