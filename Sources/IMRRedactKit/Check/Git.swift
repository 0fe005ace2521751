import Foundation

/// The few git commands `check` runs (through `/usr/bin/env git`, so that `PATH` finds git).
enum Git {
    /// Runs `git arguments...` in `directory`; its stdout, or `nil` when git is missing or fails
    /// (not a work tree, for instance). stderr is discarded.
    static func run(_ arguments: [String], in directory: String) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory, isDirectory: true)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }

    /// The root of the work tree holding `directory`, or `nil` outside one.
    static func topLevel(of directory: String) -> String? {
        guard let data = run(["rev-parse", "--show-toplevel"], in: directory) else { return nil }
        let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        return path.isEmpty ? nil : path
    }

    /// Whether `.gitignore` (or another exclude file) ignores `directory` itself.
    static func ignores(_ directory: String) -> Bool {
        run(["check-ignore", "-q", "."], in: directory) != nil
    }

    /// The files under `directory` that git tracks or would track (`.gitignore` honoured), as
    /// paths relative to it; `nil` outside a work tree.
    static func listFiles(in directory: String) -> [String]? {
        guard let data = run(["ls-files", "--cached", "--others", "--exclude-standard", "-z"], in: directory) else {
            return nil
        }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }
}
