import Foundation
import IMRRedactKit

#if canImport(Glibc)
    import Glibc
#endif

/// The benchmark run: corpus, end to end, reference, stream, report.
enum Bench {
    /// The figures the tool is held to.
    static let targetMBPerSecond = 100.0
    static let targetRatio = 3.0
    static let targetStreamRSSMiB = 64.0
    static let targetSpeedUp = 1.8

    /// Runs with `arguments` (without the program name) and returns the exit status:
    /// 0 when every run succeeded, 1 when one failed, 2 on a usage or setup error.
    static func main(arguments: [String]) -> Int32 {
        do {
            guard let options = try BenchOptions.parse(arguments) else {
                Output.line(BenchOptions.usage)
                return 0
            }
            return try run(options) ? 0 : 1
        } catch {
            Output.error("imr-bench: \(error)")
            return 2
        }
    }

    /// - Returns: whether every measured run succeeded.
    static func run(_ options: BenchOptions) throws -> Bool {
        // A child that dies early must surface as EPIPE on the stream, not kill the benchmark.
        signal(SIGPIPE, SIG_IGN)

        let root = Machine.packageRoot()
        let pdfDirectory = try findPDFDirectory(options, root: root)
        if options.pdfOnly {
            guard let pdfDirectory else {
                throw BenchError("no PDF letters: ../shared/realdata/pdf of the package does not exist; pass --pdf-dir")
            }
            let (workdir, temporary) = try makeWorkdir(options.workdir)
            defer {
                if temporary && !options.keep { try? FileManager.default.removeItem(atPath: workdir) }
            }
            Output.line("imr-bench: PDF letters (--pdf-only)")
            Output.line("machine    nproc \(Machine.processorCount()); CPU \(Machine.cpuModel())")
            return try PDFBench.run(directory: pdfDirectory, runs: options.runs, workdir: workdir)
        }
        guard let binaryPath = options.binary ?? root.map({ $0 + "/.build/release/imr-redact" }) else {
            throw BenchError("cannot find the package root (Package.swift); pass --binary")
        }
        guard access(binaryPath, X_OK) == 0 else {
            throw BenchError(
                "no executable imr-redact at \(binaryPath); run `swift build -c release --product imr-redact` or pass --binary"
            )
        }
        let binary = Machine.resolved(binaryPath)
        guard let samplesDirectory = options.samples ?? root.map({ $0 + "/Samples" }) else {
            throw BenchError("cannot find the package root (Package.swift); pass --samples")
        }
        let samples = try loadSamples(samplesDirectory)

        let (workdir, temporary) = try makeWorkdir(options.workdir)
        defer {
            if temporary && !options.keep { try? FileManager.default.removeItem(atPath: workdir) }
        }

        Output.line("imr-bench: imr-redact throughput and memory")
        Output.line("machine    nproc \(Machine.processorCount()); CPU \(Machine.cpuModel())")
        Output.line("binary     \(binary)")
        Output.line("pcre2      \(Machine.pcre2())")
        Output.line("workdir    \(workdir)" + (temporary && !options.keep ? " (removed at the end)" : ""))

        // The children run first, while this process is still small: Linux starts a spawned
        // child's ru_maxrss at the spawner's own peak RSS (see ChildOutcome.maxRSSBytes), so the
        // letters are decoded for the reference scan only after the last child has run.

        // 1. Corpus (not timed), written as it is generated.
        Output.progress("generating \(format(options.megabytes, 0)) MB of letters from \(samples.count) samples ...")
        let corpusPath = workdir + "/corpus.jsonl"
        let generateStart = monotonicSeconds()
        let generator = try CorpusGenerator(samples: samples)
        let summary = try generator.writeCorpus(
            to: corpusPath, targetBytes: Int(options.megabytes * 1e6), seed: options.seed)
        let generateSeconds = monotonicSeconds() - generateStart
        let jsonlBytes = Double(summary.jsonlBytes)
        let slots = generator.templates.map { "\($0.name) \($0.slotCount)" }.joined(separator: ", ")
        Output.line(
            "corpus     \(corpusPath): \(summary.letters) letters (seed \(options.seed)), "
                + "\(summary.jsonlBytes) B JSONL (\(format(jsonlBytes / 1e6, 2)) MB), "
                + "\(summary.textBytes) B of text (\(format(Double(summary.textBytes) / 1e6, 2)) MB); "
                + "generated in \(format(generateSeconds, 1)) s, not timed")
        Output.line("samples    identifier slots per sample: \(slots)")

        // 2. End to end.
        let keyPath = workdir + "/key"
        try writeFile(keyPath, Array("imr-bench-key-\(options.seed)-0123456789abcdef\n".utf8))
        let auditPath = workdir + "/audit.jsonl"
        // The configurations take turns run by run, so that a noisy stretch of the machine does not
        // fall on one of them only.
        let configurations: [(label: String, arguments: [String])] = [
            ("end to end, 1 job", ["--jobs", "1"]),
            ("end to end, 2 jobs", ["--jobs", "2"]),
            // Without the letter's parse and propagation, to show what they cost.
            ("end to end, patterns only", ["--no-parse", "--jobs", "1"]),
        ]
        // What two cores of this machine give at best: two processes that share nothing, each
        // redacting half of the corpus with one job, at once. The 2-job speed-up is read against it.
        let halves = [workdir + "/half-1.jsonl", workdir + "/half-2.jsonl"]
        let halfBytes = try JSONLines.split(path: corpusPath, into: halves[0], and: halves[1])
        var outcomes = Array(repeating: [ChildOutcome](), count: configurations.count)
        var failed = Array(repeating: false, count: configurations.count)
        var halvesSeconds: [Double] = []
        var halvesError: String?
        for run in 1...options.runs {
            for (index, configuration) in configurations.enumerated() where !failed[index] {
                Output.progress("\(configuration.label) run \(run)/\(options.runs) ...")
                let outcome = try ChildProcess.run(
                    binary: binary,
                    arguments: ["redact", "--jsonl", "--audit", auditPath, "--key-file", keyPath] + configuration.arguments
                        + [corpusPath],
                    stderrPath: workdir + "/e2e.stderr")
                outcomes[index].append(outcome)
                if !outcome.succeeded {
                    Output.progress("\(configuration.label) run \(run) failed: \(outcome.statusText): \(outcome.stderrTail)")
                    failed[index] = true
                }
                // Right after the 2-job run, so that the two measurements see the same stretch of the machine.
                if index == 1 && halvesError == nil {
                    Output.progress("two processes on the halves, run \(run)/\(options.runs) ...")
                    let together = try ChildProcess.runTogether(
                        binary: binary,
                        runs: halves.indices.map { part in
                            (["redact", "--jsonl", "--audit", workdir + "/audit-half-\(part + 1).jsonl", "--key-file", keyPath,
                              "--jobs", "1", halves[part]], workdir + "/half-\(part + 1).stderr")
                        })
                    if let failure = together.outcomes.first(where: { !$0.succeeded }) {
                        halvesError = "\(failure.statusText): \(failure.stderrTail)"
                        Output.progress("two processes on the halves, run \(run) failed: \(halvesError!)")
                    } else {
                        halvesSeconds.append(together.seconds)
                    }
                }
            }
        }
        let endToEnd = outcomes[0]
        let twoJobs = outcomes[1]
        let patternsOnly = outcomes[2]

        // One more 1-job run with the stage profile (`--profile`), for where the time goes; its
        // clock reads cost little, but it is kept out of the timed runs all the same.
        Output.progress("stage profile run (--profile, 1 job) ...")
        let profileStderr = workdir + "/profile.stderr"
        let profiled = try ChildProcess.run(
            binary: binary,
            arguments: ["redact", "--jsonl", "--audit", auditPath, "--key-file", keyPath, "--jobs", "1", "--profile", corpusPath],
            stderrPath: profileStderr)
        let profileLines: [String] = profiled.succeeded
            ? ((try? String(contentsOfFile: profileStderr, encoding: .utf8)) ?? "").split(separator: "\n")
                .drop(while: { !$0.contains("stage profile") }).map(String.init)
            : ["stage profile run failed: \(profiled.statusText): \(profiled.stderrTail)"]

        // 4. Stream.
        var stream: ChildOutcome?
        var streamBytes = 0
        var streamLetters = 0
        if !options.skipStream {
            Output.progress("streaming \(format(options.streamMegabytes, 0)) MB through a pipe ...")
            let target = Int(options.streamMegabytes * 1e6)
            stream = try ChildProcess.run(
                binary: binary, arguments: ["redact", "--jsonl", "--audit", "/dev/null"],
                stderrPath: workdir + "/stream.stderr"
            ) { fd, sample in
                (streamBytes, streamLetters) = try feedStream(
                    corpusPath: corpusPath, targetBytes: target, to: fd, sample: sample)
            }
        }

        // 3. Reference: rules and letters are loaded only now (not timed).
        let ruleSet: RuleSet
        do {
            ruleSet = try RuleSet.load()
        } catch {
            throw BenchError("RuleSet.load(): \(error)")
        }
        let reference = try ReferenceScan.build(rules: ruleSet.rules)
        Output.line(
            "rules      \(ruleSet.rules.count) rules from RuleSet.load(); reference: "
                + "\(ruleSet.rules.count - reference.excluded.count) rules in \(reference.patterns.count) combined "
                + "pattern\(reference.patterns.count == 1 ? "" : "s") of \(reference.sourceBytes) B source, "
                + "\(reference.maxCaptureCount) groups at most, JIT \(reference.allJIT ? "yes" : "NO (interpreter)")"
                + (reference.options.isEmpty ? "" : ", options \(describe(reference.options))"))
        for note in reference.notes { Output.line("           note: \(note)") }
        for (id, reason) in reference.excluded {
            Output.line("           left out of the combined pattern: \(id): \(reason)")
        }

        Output.progress("decoding the corpus for the reference scan ...")
        let corpus = try JSONLines.load(path: corpusPath)
        guard corpus.textRanges.count == summary.letters, corpus.texts.count == summary.textBytes else {
            throw BenchError("the corpus read back differs from what was written")
        }
        var referenceSeconds: [Double] = []
        var referenceMatches = 0
        var referenceError: String?
        let matcher = Matcher(maxCaptureCount: reference.maxCaptureCount)
        corpus.texts.withUnsafeBufferPointer { texts in
            for run in 1...options.runs {
                Output.progress("reference run \(run)/\(options.runs) ...")
                let start = monotonicSeconds()
                do {
                    referenceMatches = try reference.scan(texts: texts, ranges: corpus.textRanges, matcher: matcher)
                } catch {
                    referenceError = "\(error)"
                    return
                }
                referenceSeconds.append(monotonicSeconds() - start)
            }
        }

        // Report.
        Output.line("")
        var rows: [[String]] = [
            ["measurement", "runs", "median s", "min s", "MB/s", "peak RSS MiB", "VmHWM MiB", "notes"]
        ]
        let e2eTimes = endToEnd.filter(\.succeeded).map(\.seconds)
        let e2eOK = endToEnd.count == options.runs && endToEnd.allSatisfy(\.succeeded)
        let e2eMedian = e2eOK ? median(e2eTimes) : nil
        rows.append([
            "end to end: imr-redact redact --jsonl --audit --key-file FILE --jobs 1", "\(e2eTimes.count)",
            e2eMedian.map { format($0, 3) } ?? "-", e2eTimes.min().map { format($0, 3) } ?? "-",
            e2eMedian.map { format(jsonlBytes / 1e6 / $0, 1) } ?? "-",
            endToEnd.isEmpty ? "-" : format(mebibytes(endToEnd.map(\.maxRSSBytes).max() ?? 0), 1),
            endToEnd.isEmpty ? "-" : format(mebibytes(endToEnd.map(\.sampledPeakBytes).max() ?? 0), 1),
            e2eOK
                ? "ok; runs \(e2eTimes.map { format($0, 2) }.joined(separator: " ")) s"
                : "FAILED: \(endToEnd.last?.statusText ?? "")",
        ])
        let twoJobsTimes = twoJobs.filter(\.succeeded).map(\.seconds)
        let twoJobsOK = twoJobs.count == options.runs && twoJobs.allSatisfy(\.succeeded)
        let twoJobsMedian = twoJobsOK ? median(twoJobsTimes) : nil
        let speedUp = e2eMedian.flatMap { one in twoJobsMedian.map { one / $0 } }
        rows.append([
            "end to end, --jobs 2 (the same command on 2 worker threads)", "\(twoJobsTimes.count)",
            twoJobsMedian.map { format($0, 3) } ?? "-", twoJobsTimes.min().map { format($0, 3) } ?? "-",
            twoJobsMedian.map { format(jsonlBytes / 1e6 / $0, 1) } ?? "-",
            twoJobs.isEmpty ? "-" : format(mebibytes(twoJobs.map(\.maxRSSBytes).max() ?? 0), 1),
            twoJobs.isEmpty ? "-" : format(mebibytes(twoJobs.map(\.sampledPeakBytes).max() ?? 0), 1),
            twoJobsOK
                ? "ok; speed-up over 1 job \(speedUp.map { format($0, 2) } ?? "-")x"
                : "FAILED: \(twoJobs.last?.statusText ?? "")",
        ])
        let halvesMedian = halvesError == nil ? median(halvesSeconds) : nil
        let ceiling = e2eMedian.flatMap { one in halvesMedian.map { one / $0 } }
        rows.append([
            "two processes at once, --jobs 1 each on half the corpus (\(halfBytes.0) B, \(halfBytes.1) B)",
            "\(halvesSeconds.count)",
            halvesMedian.map { format($0, 3) } ?? "-", halvesSeconds.min().map { format($0, 3) } ?? "-",
            halvesMedian.map { format(jsonlBytes / 1e6 / $0, 1) } ?? "-", "-", "-",
            halvesError.map { "FAILED: \($0)" }
                ?? "ok; what 2 processors give when nothing is shared: \(ceiling.map { format($0, 2) } ?? "-")x over 1 job",
        ])
        let patternsTimes = patternsOnly.filter(\.succeeded).map(\.seconds)
        let patternsOK = patternsOnly.count == options.runs && patternsOnly.allSatisfy(\.succeeded)
        let patternsMedian = patternsOK ? median(patternsTimes) : nil
        rows.append([
            "end to end, patterns only (--no-parse: no header labels, copy lists, propagation)", "\(patternsTimes.count)",
            patternsMedian.map { format($0, 3) } ?? "-", patternsTimes.min().map { format($0, 3) } ?? "-",
            patternsMedian.map { format(jsonlBytes / 1e6 / $0, 1) } ?? "-",
            patternsOnly.isEmpty ? "-" : format(mebibytes(patternsOnly.map(\.maxRSSBytes).max() ?? 0), 1),
            patternsOnly.isEmpty ? "-" : format(mebibytes(patternsOnly.map(\.sampledPeakBytes).max() ?? 0), 1),
            patternsOK
                ? "ok; the parse keeps \(e2eMedian.flatMap { e2e in patternsMedian.map { format(100 * $0 / e2e, 0) } } ?? "-")% of this throughput"
                : "FAILED: \(patternsOnly.last?.statusText ?? "")",
        ])
        let referenceMedian = referenceError == nil ? median(referenceSeconds) : nil
        rows.append([
            "reference: rules as \(reference.patterns.count) combined PCRE2 JIT pattern\(reference.patterns.count == 1 ? "" : "s"), 1 thread",
            "\(referenceSeconds.count)",
            referenceMedian.map { format($0, 3) } ?? "-", referenceSeconds.min().map { format($0, 3) } ?? "-",
            referenceMedian.map { format(jsonlBytes / 1e6 / $0, 1) } ?? "-", "-", "-",
            referenceError.map { "FAILED: \($0)" }
                ?? "\(referenceMatches) matches; \(referenceMedian.map { format(Double(summary.textBytes) / 1e6 / $0, 1) } ?? "-") MB/s of text only",
        ])
        if let stream {
            rows.append([
                "stream: \(format(Double(streamBytes) / 1e6, 0)) MB JSONL piped to stdin, --audit /dev/null", "1",
                format(stream.seconds, 3), "-", format(Double(streamBytes) / 1e6 / stream.seconds, 1),
                format(mebibytes(stream.maxRSSBytes), 1), format(mebibytes(stream.sampledPeakBytes), 1),
                stream.succeeded
                    ? "ok; \(streamLetters) letters; target < \(format(targetStreamRSSMiB, 0)) MB"
                    : "FAILED: \(stream.statusText)",
            ])
        }
        printTable(rows)
        Output.line("")
        let spawnerPeak = (endToEnd + twoJobs + (stream.map { [$0] } ?? [])).map(\.spawnerPeakBytes).max() ?? 0
        Output.line(
            "MB/s = 10^6 bytes of the JSONL file (\(summary.jsonlBytes) B; text only \(summary.textBytes) B) per second."
        )
        Output.line(
            "peak RSS = the child's ru_maxrss from wait4, in MiB (2^20 bytes); Linux floors it at the spawner's own peak, "
                + "which was \(format(mebibytes(spawnerPeak), 1)) MiB. VmHWM = the child's /proc/PID/status high-water mark, "
                + "sampled every 10 ms.")
        if let line = endToEnd.last?.stderrTail, !line.isEmpty { Output.line("imr-redact (end to end): \(line)") }
        Output.line("")
        Output.line("stage profile: where the 1-job time goes (one run with --profile; ms/MB per 10^6 bytes of JSONL)")
        for line in profileLines { Output.line("  " + line) }
        Output.line("")
        if let stream, !stream.stderrTail.isEmpty { Output.line("imr-redact (stream):     \(stream.stderrTail)") }

        var ratio: Double?
        if let e2eMedian, let referenceMedian, referenceMedian > 0 {
            ratio = e2eMedian / referenceMedian
            Output.line(
                "ratio      end to end / reference = \(format(e2eMedian, 3)) s / \(format(referenceMedian, 3)) s: "
                    + "ratio \(format(e2eMedian / referenceMedian, 1))x (target <= \(format(targetRatio, 0))x)")
            if e2eMedian < referenceMedian {
                Output.line(
                    "           note: the tool beats the reference: one alternation of every rule loses the first-byte and "
                        + "start-bitmap skips PCRE2 finds for most single rules (see --per-rule)")
            }
        } else {
            Output.line("ratio      not available (a measurement failed)")
        }
        if let speedUp, let e2eMedian, let twoJobsMedian {
            Output.line(
                "speed-up   --jobs 1 / --jobs 2 = \(format(e2eMedian, 3)) s / \(format(twoJobsMedian, 3)) s: "
                    + "\(format(speedUp, 2))x on \(Machine.processorCount()) processors (target >= \(format(targetSpeedUp, 1))x on 2)")
            // Each run's own ratio: runs of one round are seconds apart, so a slow stretch of a
            // shared machine falls on both of them.
            let pairs = zip(e2eTimes, twoJobsTimes).map { $0 / $1 }
            Output.line(
                "           run by run: \(pairs.map { format($0, 2) }.joined(separator: " ")) (median \(median(pairs).map { format($0, 2) } ?? "-")x)")
            if let ceiling, let halvesMedian {
                Output.line(
                    "           two processes sharing nothing: \(format(e2eMedian, 3)) s / \(format(halvesMedian, 3)) s = "
                        + "\(format(ceiling, 2))x; --jobs 2 reaches \(format(100 * speedUp / ceiling, 0))% of it")
            }
        }

        if options.perRule {
            perRuleReport(ruleSet: ruleSet, reference: reference, corpus: corpus, jsonlBytes: jsonlBytes)
        }

        func verdict(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "n/a" }
        let throughputMet = e2eMedian.map { jsonlBytes / 1e6 / $0 >= targetMBPerSecond }
        let ratioMet = ratio.map { $0 <= targetRatio }
        let speedUpMet = speedUp.map { $0 >= targetSpeedUp }
        let streamMet: String
        if options.skipStream {
            streamMet = "skipped"
        } else if let stream, stream.succeeded {
            streamMet = verdict(mebibytes(stream.maxRSSBytes) < targetStreamRSSMiB)
        } else {
            streamMet = "n/a"
        }
        Output.line(
            "targets: e2e >= \(format(targetMBPerSecond, 0)) MB/s: \(verdict(throughputMet)); "
                + "ratio <= \(format(targetRatio, 0))x: \(verdict(ratioMet)); "
                + "2 jobs >= \(format(targetSpeedUp, 1))x: \(verdict(speedUpMet)); "
                + "stream RSS < \(format(targetStreamRSSMiB, 0)) MB: \(streamMet)")
        var pdfOK = true
        if let pdfDirectory {
            pdfOK = try PDFBench.run(directory: pdfDirectory, runs: options.runs, workdir: workdir)
        } else if !options.skipPDF {
            Output.line("PDF letters: skipped (no ../shared/realdata/pdf of the package; --pdf-dir names another folder)")
        }
        return e2eOK && twoJobsOK && halvesError == nil && patternsOK && referenceError == nil && (stream?.succeeded ?? true)
            && pdfOK
    }

    /// `--pdf-dir` (which must exist), else `../shared/realdata/pdf` of the package when it
    /// exists, else nil; nil with `--skip-pdf`.
    static func findPDFDirectory(_ options: BenchOptions, root: String?) throws -> String? {
        guard !options.skipPDF else { return nil }
        var isDirectory: ObjCBool = false
        if let requested = options.pdfDirectory {
            guard FileManager.default.fileExists(atPath: requested, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw BenchError("--pdf-dir \(requested) is not a folder")
            }
            return requested
        }
        guard let root else { return nil }
        let shared = URL(fileURLWithPath: root + "/../shared/realdata/pdf").standardizedFileURL.path
        return FileManager.default.fileExists(atPath: shared, isDirectory: &isDirectory) && isDirectory.boolValue ? shared : nil
    }

    // MARK: - Steps

    /// `*.txt` of `directory`, sorted by name.
    static func loadSamples(_ directory: String) throws -> [(name: String, bytes: [UInt8])] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".txt") }
                .sorted()
        } catch {
            throw BenchError("cannot list the samples in \(directory): \(error.localizedDescription)")
        }
        guard !names.isEmpty else { throw BenchError("no *.txt samples in \(directory)") }
        return try names.map { name in
            do {
                return (name, try FileReader.contents(ofPath: directory + "/" + name))
            } catch {
                throw BenchError("cannot read sample \(name): \(error)")
            }
        }
    }

    /// `--workdir` (created when missing), or a new `/tmp/imr-bench-XXXXXX`.
    /// - Returns: the folder and whether the benchmark made it as a temporary folder.
    static func makeWorkdir(_ requested: String?) throws -> (String, Bool) {
        if let requested {
            do {
                try FileManager.default.createDirectory(atPath: requested, withIntermediateDirectories: true)
            } catch {
                throw BenchError("cannot create --workdir \(requested): \(error.localizedDescription)")
            }
            return (requested, false)
        }
        var template = Array("/tmp/imr-bench-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> UnsafeMutablePointer<CChar>? in
            guard let base = buffer.baseAddress else { return nil }
            return mkdtemp(base)
        }
        guard let made else {
            throw BenchError("mkdtemp in /tmp: \(String(cString: strerror(errno)))")
        }
        return (String(cString: made), true)
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        let file = try OutputFile(path: path)
        try file.write(bytes)
        try file.close()
    }

    /// Writes JSON Lines into `fd` until `targetBytes`: the corpus file's letters over and over,
    /// each with a fresh id (`stream-0000001` ...), so no id repeats and no large file is
    /// needed. The corpus is re-read line by line, so the benchmark itself stays small.
    /// - Returns: bytes and letters written.
    static func feedStream(corpusPath: String, targetBytes: Int, to fd: Int32, sample: () -> Void) throws -> (Int, Int)
    {
        let marker = Array(#","text":"#.utf8)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(2 << 20)
        var produced = 0
        var letters = 0
        while produced < targetBytes {
            let input = open(corpusPath, O_RDONLY | O_CLOEXEC)
            guard input >= 0 else { throw BenchError("cannot open \(corpusPath): \(String(cString: strerror(errno)))") }
            defer { close(input) }
            var reader = LineReader(fd: input, chunkSize: 1 << 20)
            var linesThisPass = 0
            while produced < targetBytes {
                let line: [UInt8]?
                do {
                    line = try reader.next()
                } catch {
                    throw BenchError("cannot read \(corpusPath): \(error)")
                }
                guard let line else { break }
                // Each corpus line is {"id":"bench-NNNNNN","text":...}: keep from ,"text": on.
                guard let body = JSONLines.firstIndex(of: marker, in: line, from: 0, to: line.count) else { continue }
                letters += 1
                linesThisPass += 1
                let start = buffer.count
                buffer += Array(#"{"id":"#.utf8)
                JSONOutput.appendString(Array(JSONLines.streamID(letters).utf8), to: &buffer)
                buffer += line[body...]
                buffer.append(0x0A)
                produced += buffer.count - start
                if buffer.count >= 1 << 20 {
                    try writeAll(fd: fd, buffer[...])
                    buffer.removeAll(keepingCapacity: true)
                    sample()
                }
            }
            guard linesThisPass > 0 else { throw BenchError("\(corpusPath) has no letters to stream") }
        }
        try writeAll(fd: fd, buffer[...])
        return (produced, letters)
    }

    /// `--per-rule`: each rule's own compiled pattern scanned alone over the corpus (as the
    /// engine's detector does, without its keyword prefilter), slowest first; one run.
    static func perRuleReport(ruleSet: RuleSet, reference: ReferenceScan, corpus: JSONLines.Loaded, jsonlBytes: Double)
    {
        Output.progress("timing each rule alone ...")
        let matcher = Matcher(maxCaptureCount: max(ruleSet.maxCaptureCount, reference.maxCaptureCount))
        var timings: [(id: String, seconds: Double, matches: Int)] = []
        corpus.texts.withUnsafeBufferPointer { texts in
            for compiled in ruleSet.rules {
                let single = ReferenceScan(
                    patterns: [compiled.pattern], ruleIDs: [compiled.rule.id], excluded: [], options: [], notes: [])
                let start = monotonicSeconds()
                let matches = (try? single.scan(texts: texts, ranges: corpus.textRanges, matcher: matcher)) ?? -1
                timings.append((compiled.rule.id, monotonicSeconds() - start, matches))
            }
        }
        let total = timings.reduce(0) { $0 + $1.seconds }
        Output.line("")
        Output.line(
            "per rule (each rule's pattern alone over all letters, no keyword prefilter; sum \(format(total, 3)) s "
                + "= \(format(jsonlBytes / 1e6 / max(total, 1e-9), 1)) MB/s):")
        let rulesByID = Dictionary(ruleSet.rules.map { ($0.rule.id, $0.rule) }, uniquingKeysWith: { first, _ in first })
        var rows: [[String]] = [["rule", "seconds", "share", "matches", "keywords", "PCRE2 start optimization"]]
        for timing in timings.sorted(by: { $0.seconds > $1.seconds }).prefix(20) {
            let rule = rulesByID[timing.id]
            rows.append([
                timing.id, format(timing.seconds, 3), format(100 * timing.seconds / max(total, 1e-9), 1) + "%",
                timing.matches < 0 ? "limit hit" : "\(timing.matches)",
                rule.map { $0.keywords.isEmpty ? "none" : "\($0.keywords.count)" } ?? "?",
                rule.map(ReferenceScan.startOptimization) ?? "?",
            ])
        }
        let unoptimized = ruleSet.rules.filter { ReferenceScan.startOptimization($0.rule) == "none" }.count
        rows.append(["(\(unoptimized) of \(ruleSet.rules.count) rules have no start optimization)", "", "", "", "", ""])
        printTable(rows)
        let perMark = corpus.texts.withUnsafeBufferPointer {
            reference.matchesPerRule(texts: $0, ranges: corpus.textRanges, matcher: matcher)
        }
        let top = zip(reference.ruleIDs, perMark).sorted { $0.1 > $1.1 }.prefix(8).map { "\($0.0) \($0.1)" }
        Output.line("combined-pattern matches by rule (MARK): " + top.joined(separator: ", "))
    }

    // MARK: - Formatting

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static func mebibytes(_ bytes: Int) -> Double { Double(bytes) / 1_048_576 }

    static func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

    static func describe(_ options: CompileOptions) -> String {
        var names: [String] = []
        if options.contains(.duplicateNames) { names.append("DUPNAMES") }
        if options.contains(.ucp) { names.append("UCP") }
        return names.joined(separator: "+")
    }

    /// Columns padded to their widest cell; the first and last columns left-aligned, numbers right.
    static func printTable(_ rows: [[String]]) {
        guard let columns = rows.first?.count else { return }
        let widths = (0..<columns).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for (index, row) in rows.enumerated() {
            let cells = row.enumerated().map { column, cell -> String in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 || column == columns - 1 ? cell + padding : padding + cell
            }
            Output.line(
                cells.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
            if index == 0 { Output.line(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
    }
}

/// Unbuffered output with `write(2)`: figures appear as they are measured even through a pipe
/// (`make bench | tee`), and progress on stderr never interleaves mid-line with them.
enum Output {
    static func line(_ text: String) { write(fd: 1, text + "\n") }
    static func progress(_ text: String) { write(fd: 2, "imr-bench: " + text + "\n") }
    static func error(_ text: String) { write(fd: 2, text + "\n") }

    private static func write(fd: Int32, _ text: String) {
        try? writeAll(fd: fd, Array(text.utf8)[...])
    }
}
