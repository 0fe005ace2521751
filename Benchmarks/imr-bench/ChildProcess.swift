import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How a child run ended, with the figures the benchmark reports.
struct ChildOutcome {
    /// Exit status, or `nil` when a signal ended the child.
    var exitCode: Int32?
    var signal: Int32?
    /// From just before `posix_spawn` to `wait4` returning: start-up and rule compilation included.
    var seconds: Double
    /// `ru_maxrss` of the child, which Linux gives in KiB; here in bytes.
    ///
    /// Linux starts a spawned child's `ru_maxrss` at the spawning process's own peak RSS
    /// (`exec` records the old, shared address space's high-water mark), so this is never below
    /// `spawnerPeakBytes`. The benchmark therefore spawns while it is still small.
    var maxRSSBytes: Int
    /// `VmHWM` of the child's own address space, sampled from `/proc/PID/status` every 10 ms
    /// (and between writes to its stdin): free of the effect above, but it may miss growth in
    /// the child's last milliseconds. 0 when never sampled.
    var sampledPeakBytes: Int
    /// This process's `VmHWM` when it spawned the child: the floor of `maxRSSBytes`.
    var spawnerPeakBytes: Int
    /// The last lines the child wrote to stderr (its summary, or its error).
    var stderrTail: String
    /// Set when feeding the child's stdin failed (e.g. `EPIPE` after the child died).
    var feedError: String?

    var succeeded: Bool { exitCode == 0 && feedError == nil }

    var statusText: String {
        if let exitCode { return "exit \(exitCode)" + (feedError.map { "; feeding stdin: \($0)" } ?? "") }
        return "killed by signal \(signal ?? 0)"
    }
}

/// Runs the tool as a child with `posix_spawn` and `wait4`.
///
/// Not Foundation's `Process`: `wait4` gives the child's own peak RSS (`ru_maxrss`) without
/// counting the benchmark's memory, and spawning directly keeps the timed span to the child.
enum ChildProcess {
    /// A started child, not yet reaped.
    private struct Spawned {
        var pid: pid_t
        var start: Double
        var spawnerPeak: Int
        var stderrPath: String
        /// The write end of the child's stdin pipe, when it has one.
        var stdinFD: Int32?
    }

    /// Runs `binary` with `arguments`; stdout goes to `/dev/null`, stderr to `stderrPath`.
    /// - Parameter feed: when given, the child's stdin is a pipe and `feed` writes into its
    ///   write end (the call returns after `feed` returns, the pipe is closed and the child has
    ///   exited); otherwise stdin is `/dev/null`. `feed` gets a `sample` closure to call now and
    ///   then, which records the child's `VmHWM`.
    /// - Throws: `BenchError` when the child cannot be started or waited for.
    static func run(
        binary: String, arguments: [String], stderrPath: String,
        feed: ((_ fd: Int32, _ sample: () -> Void) throws -> Void)? = nil
    ) throws -> ChildOutcome {
        var child = try spawn(binary: binary, arguments: arguments, stderrPath: stderrPath, pipeStdin: feed != nil)
        var sampled = 0
        var feedError: String?
        if let feed, let fd = child.stdinFD {
            do {
                try feed(fd) { sampled = max(sampled, Self.peakRSS(of: "\(child.pid)")) }
            } catch {
                feedError = "\(error)"
            }
            close(fd)
            child.stdinFD = nil
        }
        var outcomes = try reap([child])
        outcomes[0].sampledPeakBytes = max(outcomes[0].sampledPeakBytes, sampled)
        outcomes[0].feedError = feedError
        return outcomes[0]
    }

    /// Runs several children at once (stdin `/dev/null`, stdout `/dev/null`, stderr each to its
    /// own file) and returns their outcomes, in order, when the last has exited, with the
    /// seconds from the first start to the last exit.
    static func runTogether(binary: String, runs: [(arguments: [String], stderrPath: String)]) throws
        -> (seconds: Double, outcomes: [ChildOutcome])
    {
        var children: [Spawned] = []
        do {
            for run in runs {
                children.append(try spawn(binary: binary, arguments: run.arguments, stderrPath: run.stderrPath, pipeStdin: false))
            }
        } catch {
            // Do not leave the ones already started behind.
            for child in children { kill(child.pid, SIGKILL) }
            _ = try? reap(children)
            throw error
        }
        let outcomes = try reap(children)
        let first = children.map(\.start).min() ?? 0
        let last = zip(children, outcomes).map { $0.start + $1.seconds }.max() ?? first
        return (last - first, outcomes)
    }

    /// Runs `binary` with `arguments` (stdin and stderr `/dev/null`) and reads its stdout through
    /// a pipe to the end, as a caller that wants a tool's output does; for short runs (a
    /// `pdftotext` per letter): no RSS sampling.
    /// - Returns: the exit status (`nil` when a signal ended the child) and everything it wrote.
    /// - Throws: `BenchError` when the child cannot be started, read or waited for.
    static func capture(binary: String, arguments: [String]) throws -> (exitCode: Int32?, stdout: [UInt8]) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeFDs: [Int32] = [-1, -1]
        guard pipe(&pipeFDs) == 0 else { throw BenchError("pipe: \(String(cString: strerror(errno)))") }
        for fd in pipeFDs { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
        // The tool's messages may quote the file: never shown.
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawnError = posix_spawn(&pid, binary, &actions, nil, argv, environ)
        close(pipeFDs[1])
        guard spawnError == 0 else {
            close(pipeFDs[0])
            throw BenchError("cannot start \(binary): \(String(cString: strerror(spawnError)))")
        }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var readError: Int32 = 0
        while true {
            let got = buffer.withUnsafeMutableBytes { read(pipeFDs[0], $0.baseAddress, $0.count) }
            if got < 0 && errno == EINTR { continue }
            if got < 0 { readError = errno }
            if got <= 0 { break }
            output += buffer[0..<got]
        }
        close(pipeFDs[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw BenchError("waitpid: \(String(cString: strerror(errno)))") }
        }
        if readError != 0 { throw BenchError("reading \(binary)'s output: \(String(cString: strerror(readError)))") }
        let signal = status & 0x7F
        return (signal == 0 ? (status >> 8) & 0xFF : nil, output)
    }

    private static func spawn(binary: String, arguments: [String], stderrPath: String, pipeStdin: Bool) throws -> Spawned {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }

        var pipeFDs: [Int32] = [-1, -1]
        if pipeStdin {
            // O_CLOEXEC on both ends: the child keeps only the dup2'd read end as fd 0, so it
            // sees end-of-file as soon as the benchmark closes the write end.
            // (pipe2 is not imported without _GNU_SOURCE; nothing else runs concurrently here.)
            guard pipe(&pipeFDs) == 0 else {
                throw BenchError("pipe: \(String(cString: strerror(errno)))")
            }
            for fd in pipeFDs { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            posix_spawn_file_actions_adddup2(&actions, pipeFDs[0], 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let argv: [UnsafeMutablePointer<CChar>?] = ([binary] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] =
            ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }

        var pid = pid_t()
        let spawnerPeak = Self.peakRSS(of: "self")
        let start = monotonicSeconds()
        let spawnError = posix_spawn(&pid, binary, &actions, nil, argv, envp)
        if pipeStdin { close(pipeFDs[0]) }
        guard spawnError == 0 else {
            if pipeStdin { close(pipeFDs[1]) }
            throw BenchError("cannot start \(binary): \(String(cString: strerror(spawnError)))")
        }
        return Spawned(
            pid: pid, start: start, spawnerPeak: spawnerPeak, stderrPath: stderrPath,
            stdinFD: pipeStdin ? pipeFDs[1] : nil)
    }

    /// Polls (rather than blocks) until every child has exited, sampling their `VmHWM`.
    private static func reap(_ children: [Spawned]) throws -> [ChildOutcome] {
        var outcomes = [ChildOutcome?](repeating: nil, count: children.count)
        var sampled = [Int](repeating: 0, count: children.count)
        while outcomes.contains(where: { $0 == nil }) {
            for (index, child) in children.enumerated() where outcomes[index] == nil {
                sampled[index] = max(sampled[index], Self.peakRSS(of: "\(child.pid)"))
                var status: Int32 = 0
                var usage = rusage()
                let reaped = wait4(child.pid, &status, WNOHANG, &usage)
                if reaped < 0 && errno != EINTR { throw BenchError("wait4: \(String(cString: strerror(errno)))") }
                guard reaped == child.pid else { continue }
                // The WIFEXITED / WEXITSTATUS / WTERMSIG macros, which Swift does not import.
                let signal = status & 0x7F
                outcomes[index] = ChildOutcome(
                    exitCode: signal == 0 ? (status >> 8) & 0xFF : nil,
                    signal: signal == 0 ? nil : signal,
                    seconds: monotonicSeconds() - child.start,
                    maxRSSBytes: Int(usage.ru_maxrss) * 1024,
                    sampledPeakBytes: sampled[index],
                    spawnerPeakBytes: child.spawnerPeak,
                    stderrTail: tail(ofFile: child.stderrPath, lines: 3),
                    feedError: nil)
            }
            if outcomes.contains(where: { $0 == nil }) { usleep(10_000) }
        }
        return outcomes.map { $0! }
    }

    /// `VmHWM` (peak resident set of the current address space) of `/proc/<process>/status`,
    /// in bytes; 0 when the process is gone or the line is missing. Read with plain `read(2)`
    /// into a stack buffer, as it runs every 10 ms next to the child.
    static func peakRSS(of process: String) -> Int {
        let fd = open("/proc/\(process)/status", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            var count = 0
            while count < buffer.count {
                let got = read(fd, base + count, buffer.count - count)
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { break }
                count += got
            }
            let text = String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
            let kibibytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return kibibytes * 1024
        }
    }

    /// The last `lines` non-empty lines of a small text file, joined with " | ".
    static func tail(ofFile path: String, lines: Int) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        let text = String(decoding: data, as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).suffix(lines).joined(separator: " | ")
    }
}

/// Seconds on the monotonic clock.
func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}
