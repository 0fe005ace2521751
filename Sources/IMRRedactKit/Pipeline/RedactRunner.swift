#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What each redacted letter is written as.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// The redacted text (a PDF input's text as `pdftotext -layout` gives it).
    case text
    /// A new PDF typeset from the redacted text (`PDFWriter`).
    case pdf
}

/// Options of one `redact` run.
public struct RedactOptions: Sendable {
    public var jsonl = false
    public var policy: RedactionPolicy = .placeholders
    /// Write one file per input here instead of to stdout.
    public var outputDirectory: String?
    /// Write the one input's output to this file (`--out NAME.pdf`).
    public var outputFile: String?
    /// Text, or a PDF typeset anew (needs `outputDirectory` or `outputFile`).
    public var format: OutputFormat = .text
    /// Name outputs `000001.txt` ... and documents by that number in the audit and messages.
    public var rename = false
    public var auditPath: String?
    public var key: DigestKey?
    /// `read(2)` size for inputs; output never depends on it.
    public var readChunkSize = 1 << 16
    public var limits: MatchLimits = .default
    /// Identifiers the user holds (`--known`), by document id.
    public var known = KnownIdentifiers()
    /// Detect with the letter's parse and propagate names and IDs (off only to measure it).
    public var usesStructure = true
    /// Where pseudonyms, surrogates and date shifts are kept (a vault, or the run's memory when nil).
    public var store: (any PseudonymStore)?
    /// Verify each redacted letter against its original and reject it when it does not pass.
    public var verify = false
    /// Worker threads (1: everything on the calling thread). Output order never depends on it.
    public var jobs = 1
    /// Do not write a letter with residue (`Residue`): it is named as needing review.
    public var strict = false
    /// Write each redacted letter (to stdout or `--out`). Off for `imr-redact review`, which
    /// only reports the letters (through `RedactRunner.finished`) and writes the audit.
    public var writesOutput = true
    /// Where each stage's time goes (`redact --profile`, the benchmark): set, the workers, the
    /// reader and the writer add their times to it.
    public var stageTimes: StageTimesSink?

    public init() {}
}

/// Streams documents through the engine and writes each as soon as it is done: redacted text or
/// JSONL to stdout or `--out`, audit records, and messages (via `report`, never letter text).
/// Memory grows with the largest document, not with the length of the stream.
public final class RedactRunner {
    public static let version = "0.1.0"

    private let ruleSet: RuleSet
    private let options: RedactOptions
    private let report: (String) -> Void
    /// Hears each document once it is written or rejected, in input order, on the thread that
    /// called `run` (a review report, `ReviewReport`). What it throws ends the run, as a failed
    /// audit write does. It changes nothing of what the run writes.
    public var finished: ((FinishedDocument) throws(DocumentError) -> Void)?

    public init(ruleSet: RuleSet, options: RedactOptions, report: @escaping (String) -> Void) {
        self.ruleSet = ruleSet
        self.options = options
        self.report = report
    }

    /// Checks the output folder before any work: it must exist, be a folder, and take a new file
    /// (a probe file is created and removed, so a read-only file system or a folder root may not
    /// write to is found too).
    public static func checkOutputDirectory(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return "output folder '\(path)' does not exist" }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { return "output path '\(path)' is not a folder" }
        let probe = path + "/.imr-redact-probe-\(getpid())"
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return "output folder '\(path)' is not writable: \(String(cString: strerror(errno)))" }
        close(fd)
        unlink(probe)
        return nil
    }

    /// What a worker hands back for one input: the document (or why it could not be read) and,
    /// for a document, its redaction or why it was rejected.
    struct Processed: Sendable {
        var item: Result<Document, InputFailure>
        var outcome: Result<Redacted, DocumentError>?
        /// The redaction of a document rejected after it was redacted (it failed verification, or
        /// its PDF could not be made), for `finished` to show; never written.
        var rejectedRedaction: RedactionEngine.Result?
    }

    /// A redacted document, ready to write: the output bytes (the letter, or its JSONL line) and,
    /// when the run has an audit, its substitution records (with the keyed digests of the
    /// original spans when the run has a key).
    struct Redacted: Sendable {
        var result: RedactionEngine.Result
        var bytes: [UInt8]
        var audit: AuditWriter.RenderedSubstitutions?
        /// A PDF's metadata findings (never written out: the output carries no metadata) and,
        /// with a key, their digests.
        var metadata: [MetadataFinding] = []
        var metadataDigests: [String]?
        /// Bytes of the letter written: its text, or its PDF.
        var outputSize = 0
    }

    /// Makes, on a worker thread, the function that redacts (and verifies) one document there.
    /// Each worker has its own engine; the rule set and the pseudonym store are shared.
    static func worker(ruleSet: RuleSet, options: RedactOptions) -> (PendingDocument) -> Processed {
        let engine = RedactionEngine(ruleSet: ruleSet, policy: options.policy, limits: options.limits, store: options.store)
        engine.usesStructure = options.usesStructure
        // The verifier detects with the worker's own engine and reuses its analysis of each original.
        let verifier = options.verify ? Verifier(engine: engine) : nil
        let digester = options.key?.digester()
        let sink = options.stageTimes
        if sink != nil { engine.measureStages() }
        return { pending in
            var local = StageTimes()
            var mark = sink == nil ? 0 : StageTimes.now()
            defer {
                if let sink, var times = engine.takeTimes() {
                    times.add(local)
                    sink.add(times)
                }
            }
            let item = pending.decoded()
            if sink != nil { local.lap(.decode, &mark) }
            guard case .success(let document) = item else { return Processed(item: item, outcome: nil) }
            var redaction: RedactionEngine.Result?
            let outcome = document.text.withUnsafeBufferPointer { text -> Result<Redacted, DocumentError> in
                do throws(DocumentError) {
                    var known = options.known.identifiers(for: document.id)
                    // A PDF's metadata: what names someone there is masked in the text as well.
                    var metadata: [MetadataFinding] = []
                    if let pdf = document.pdf {
                        metadata = try MetadataFindings(engine: engine).findings(pdf.metadata)
                        known += Set(metadata.map { KnownIdentifier(category: $0.category, value: $0.value) }).sorted {
                            ($0.category, $0.value) < ($1.category, $1.value)
                        }
                    }
                    if sink != nil { mark = StageTimes.now() }
                    let result = try engine.redact(text, known: known)
                    if sink != nil { mark = StageTimes.now() }
                    redaction = result
                    if let verifier {
                        // Fail closed: a letter that does not pass is not written.
                        let report = try verifier.verify(
                            original: document.text, redacted: result.output, policy: options.policy, known: known,
                            originalAnalysis: result.analysis)
                        if !report.passed {
                            let shown = report.violations.prefix(3).map(\.description).joined(separator: "; ")
                            let more = report.violations.count > 3 ? "; and \(report.violations.count - 3) more" : ""
                            throw DocumentError.verificationFailed(reason: "\(report.verdict): \(shown)\(more)")
                        }
                    }
                    var bytes: [UInt8]
                    if options.jsonl {
                        bytes = []
                        RedactRunner.appendJSONLine(document: document, result: result, to: &bytes)
                    } else if options.format == .pdf {
                        // A new PDF typeset from the redacted text; a character its font cannot
                        // show rejects the letter.
                        let written = try PDFWriter.write(result.output)
                        if options.verify {
                            let identifiers = result.substitutions.map {
                                (text: Array(text[$0.start..<$0.end]), category: $0.category, line: $0.line)
                            } + metadata.map { (text: Array($0.value.utf8), category: $0.category, line: 0) }
                            let report = try PDFVerification(engine: engine).check(
                                pdf: written.pdf, written: written.layoutText, identifiers: identifiers)
                            if !report.passed {
                                let shown = report.violations.prefix(3).map(\.description).joined(separator: "; ")
                                let more = report.violations.count > 3 ? "; and \(report.violations.count - 3) more" : ""
                                throw DocumentError.verificationFailed(reason: "the PDF: \(shown)\(more)")
                            }
                        }
                        bytes = written.pdf
                    } else {
                        bytes = result.output
                    }
                    if sink != nil { local.lap(.encode, &mark) }
                    var audit: AuditWriter.RenderedSubstitutions?
                    if options.auditPath != nil {
                        let digests = digester.map { digester in
                            result.substitutions.map { digester.hex(text[$0.start..<$0.end]) }
                        }
                        audit = AuditWriter.RenderedSubstitutions(result.substitutions, digests: digests)
                    }
                    let metadataDigests = options.auditPath == nil ? nil : digester.map { digester in
                        metadata.map { digester.hex(Array($0.value.utf8)) }
                    }
                    if sink != nil { local.lap(.digest, &mark) }
                    return .success(Redacted(
                        result: result, bytes: bytes, audit: audit, metadata: metadata, metadataDigests: metadataDigests,
                        outputSize: options.format == .pdf && !options.jsonl ? bytes.count : result.output.count))
                } catch {
                    return .failure(error)
                }
            }
            if case .failure = outcome { return Processed(item: item, outcome: outcome, rejectedRedaction: redaction) }
            return Processed(item: item, outcome: outcome)
        }
    }

    /// Runs over `paths` (stdin when empty) with `options.jobs` worker threads; documents are
    /// written in input order. `progress` hears the summary and the input bytes read (JSON
    /// included, to compare with the input's size) after each document.
    /// A signal (see `Interruption`) stops the reading; the documents already read are finished
    /// and written, and the summary says what stopped the run.
    /// - Throws: `DocumentError.outputFailed` when stdout or the audit log cannot be written (fatal).
    public func run(paths: [String], progress: (RunSummary, _ inputBytes: Int) -> Void = { _, _ in }) throws(DocumentError)
        -> RunSummary
    {
        var summary = RunSummary()
        var inputBytes = 0
        let stdout = ByteSink(fd: 1)
        let audit: AuditWriter?
        if let auditPath = options.auditPath {
            audit = AuditWriter(sink: try ByteSink(path: auditPath, mode: 0o600), key: options.key)
            try audit?.header(
                version: Self.version, ruleSet: ruleSet,
                options: [
                    ("mode", options.jsonl ? "jsonl" : "text"), ("policy", options.policy.name),
                    ("output", options.outputFile != nil ? "file" : options.outputDirectory == nil ? "stdout" : "directory"),
                    ("format", options.jsonl ? "jsonl" : options.format.rawValue),
                    ("rename", options.rename ? "true" : "false"),
                    ("key", options.key?.origin ?? "none"),
                    ("store", options.store is PseudonymVault ? "vault" : "memory"),
                    ("verify", options.verify ? "true" : "false"),
                ])
        } else {
            audit = nil
        }

        var source = DocumentSource(paths: paths, jsonl: options.jsonl, chunkSize: options.readChunkSize)
        var jsonlFile: PendingFile?
        var jsonlFileInput: String?
        var usedNames = Set<String>()

        /// Set when stdout fails: that ends the run (nothing more can be written).
        var stdoutFailed = false
        func writeStdout(_ bytes: [UInt8]) throws(DocumentError) {
            do throws(DocumentError) {
                try stdout.write(bytes)
                // Each document reaches a pipe as soon as it is done (a reader downstream, or the
                // user after an interrupt, never waits for a buffer to fill).
                try stdout.flush()
            } catch {
                stdoutFailed = true
                throw error
            }
        }

        func finishJSONLFile() throws(DocumentError) {
            if let file = jsonlFile { try file.commit() }
            jsonlFile = nil
        }

        /// Writes one processed document (in input order) and its audit records.
        var duplicates = DuplicateIDs()
        var writerTimes = StageTimes()
        func emit(_ processed: Processed) throws(DocumentError) {
            var mark = options.stageTimes == nil ? 0 : StageTimes.now()
            defer { if options.stageTimes != nil { writerTimes.lap(.write, &mark) } }
            summary.documentsIn += 1
            let number = summary.documentsIn
            let numberName = Self.sequenceName(number)
            // Ids are checked here, in input order (a duplicate's redaction is dropped).
            let item = options.jsonl ? duplicates.check(processed.item) : processed.item
            switch item {
            case .failure(let failure):
                summary.rejected += 1
                let name = options.rename ? numberName : (failure.id ?? failure.location)
                let place = options.rename ? "document \(numberName)" : failure.location
                report("\(place): \(failure.error); not written")
                try audit?.document(name, written: false, bytesIn: 0, bytesOut: 0, substitutions: 0, protected: 0,
                                    error: failure.error.description)
                try finished?(FinishedDocument(number: number, name: name, error: failure.error))
            case .success(let document):
                summary.bytesIn += document.text.count
                inputBytes += document.inputSize
                let name = options.rename ? numberName : document.id
                let place = options.rename ? "document \(numberName)" : document.location
                // The name of the letter's output: its file, or (JSONL) its id.
                let outputName = options.jsonl
                    ? name
                    : options.outputFile.map { Self.splitPath($0).1 }
                        ?? (options.rename
                            ? numberName + (options.format == .pdf ? ".pdf" : ".txt")
                            : Self.outputName(
                                for: document.path ?? DocumentSource.stdinName, pdfInput: document.pdf != nil, format: options.format))
                var record = FinishedDocument(number: number, name: name, original: document.text, outputName: outputName)
                record.verification = options.verify ? .passed : .notRun
                do throws(DocumentError) {
                    guard let outcome = processed.outcome else { throw DocumentError.unreadable(reason: "not processed") }
                    let redacted = try outcome.get()
                    let result = redacted.result
                    record.result = result
                    record.metadataFindings = redacted.metadata.count
                    record.residueCounted = true
                    if !result.residue.isEmpty {
                        summary.residue += result.residue.count
                        summary.needsReview += 1
                        try audit?.residue(document: name, result.residue)
                        if options.strict { throw DocumentError.needsReview(tokens: result.residue.count) }
                    }
                    // Output first; the audit records a document only once it is written.
                    if !options.writesOutput {
                        // `imr-redact review`: the report is the output.
                    } else if options.jsonl {
                        if let directory = options.outputDirectory {
                            let input = Self.inputName(for: document.location, jsonl: true)
                            if jsonlFileInput != input {
                                try finishJSONLFile()
                                let fileName = options.rename ? Self.sequenceName(usedNames.count + 1) + ".jsonl" : input
                                guard usedNames.insert(fileName).inserted else {
                                    throw DocumentError.outputFailed(reason: "two inputs share the output name '\(fileName)'")
                                }
                                jsonlFile = try PendingFile(directory: directory, name: fileName)
                                jsonlFileInput = input
                            }
                            try jsonlFile!.write(redacted.bytes)
                        } else {
                            try writeStdout(redacted.bytes)
                        }
                    } else if let outputFile = options.outputFile {
                        let (directory, fileName) = Self.splitPath(outputFile)
                        guard usedNames.insert(fileName).inserted else {
                            throw DocumentError.outputFailed(reason: "one output file, '\(outputFile)', for more than one input")
                        }
                        let file = try PendingFile(directory: directory, name: fileName)
                        try file.write(redacted.bytes)
                        try file.commit()
                    } else if let directory = options.outputDirectory {
                        let fileName = outputName
                        guard usedNames.insert(fileName).inserted else {
                            throw DocumentError.outputFailed(reason: "two inputs share the output name '\(fileName)'; use --rename")
                        }
                        let file = try PendingFile(directory: directory, name: fileName)
                        try file.write(redacted.bytes)
                        try file.commit()
                    } else {
                        try writeStdout(redacted.bytes)
                    }
                    if let audit, let records = redacted.audit { try audit.substitutions(document: name, records) }
                    try audit?.metadata(document: name, redacted.metadata, digests: redacted.metadataDigests)
                    if !redacted.metadata.isEmpty { summary.documentsWithMetadataFindings += 1 }
                    for finding in redacted.metadata { summary.metadataFindings[finding.category, default: 0] += 1 }
                    summary.written += 1
                    for substitution in result.substitutions { summary.perCategory[substitution.category, default: 0] += 1 }
                    try audit?.document(
                        name, written: true, bytesIn: document.text.count, bytesOut: redacted.outputSize,
                        substitutions: result.substitutions.count, protected: result.protected.count)
                    record.output = redacted.bytes
                } catch {
                    if stdoutFailed { throw error }
                    summary.rejected += 1
                    report("\(place): \(error); not written")
                    try audit?.document(name, written: false, bytesIn: document.text.count, bytesOut: 0,
                                        substitutions: 0, protected: 0, error: error.description)
                    record.error = error
                    if record.result == nil { record.result = processed.rejectedRedaction }
                    if case .verificationFailed = error { record.verification = .failed }
                    // Rejected before verification ran (unreadable, a match limit): nothing was verified.
                    if record.result == nil, record.verification == .passed { record.verification = .notRun }
                }
                try finished?(record)
            }
            progress(summary, inputBytes)
        }

        let ruleSet = self.ruleSet
        let options = self.options
        try OrderedWorkers.run(
            jobs: options.jobs,
            makeWorker: { Self.worker(ruleSet: ruleSet, options: options) },
            inputReady: { source.inputReady() || Interruption.requested },
            next: {
                var mark = options.stageTimes == nil ? 0 : StageTimes.now()
                defer { if options.stageTimes != nil { writerTimes.lap(.read, &mark) } }
                // A signal stops the reading; a read it broke off is not a document.
                guard !Interruption.requested, let pending = source.nextPending() else { return nil }
                if case .ready(.failure(let failure)) = pending, failure.error == .interrupted { return nil }
                return pending
            },
            consume: emit)
        try finishJSONLFile()
        try stdout.flush()
        options.stageTimes?.add(writerTimes)
        if let signal = Interruption.received { summary.interruptedBy = Interruption.name(of: signal) }
        try audit?.summary(summary)
        return summary
    }

    static func sequenceName(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The output file name for an input: its last path component (`path:LINE` locations of
    /// JSONL documents name their file).
    static func inputName(for location: String, jsonl: Bool) -> String {
        var path = location
        if jsonl, let colon = path.lastIndex(of: ":"), path[path.index(after: colon)...].allSatisfy(\.isNumber) {
            path = String(path[..<colon])
        }
        if path == DocumentSource.stdinName { return jsonl ? "stdin.jsonl" : "stdin.txt" }
        return path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The output file name of a whole-file input: its last path component; a PDF input's
    /// text is named `.txt` (`a.pdf` → `a.txt`), never with the name of a PDF; a PDF output is
    /// named `.pdf` (`a.txt` → `a.pdf`).
    static func outputName(for path: String, pdfInput: Bool, format: OutputFormat = .text) -> String {
        let name = inputName(for: path, jsonl: false)
        switch format {
        case .pdf:
            let lower = name.lowercased()
            let stem = lower.hasSuffix(".pdf") || lower.hasSuffix(".txt") ? String(name.dropLast(4)) : name
            return stem + ".pdf"
        case .text:
            guard pdfInput else { return name }
            return (PDFReader.isNamedPDF(name) ? String(name.dropLast(4)) : name) + ".txt"
        }
    }

    /// A file path's folder (`.` when it names none) and name.
    static func splitPath(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    /// Whether `--out PATH` names one output file (`NAME.pdf`, not an existing folder) rather than a folder.
    public static func namesOutputFile(_ path: String) -> Bool {
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { return false }
        return PDFReader.isNamedPDF(path)
    }

    /// Checks the folder of an output file before any work (as `checkOutputDirectory`).
    public static func checkOutputFile(_ path: String) -> String? {
        checkOutputDirectory(splitPath(path).0)
    }

    /// `{"id": ..., "text": REDACTED, "spans": [...]}` and a newline.
    static func appendJSONLine(document: Document, result: RedactionEngine.Result, to line: inout [UInt8]) {
        line += Array(#"{"id":"#.utf8)
        line += document.jsonID
        line += Array(#","text":"#.utf8)
        JSONOutput.appendString(result.output, to: &line)
        line += Array(#","spans":["#.utf8)
        for (index, item) in result.substitutions.enumerated() {
            if index > 0 { line.append(0x2C) }
            line += Array(#"{"start":"#.utf8)
            JSONOutput.appendInt(item.start, to: &line)
            line += Array(#","end":"#.utf8)
            JSONOutput.appendInt(item.end, to: &line)
            line += Array(#","category":"#.utf8)
            JSONOutput.appendString(item.category.rawValue, to: &line)
            line += Array(#","rule":"#.utf8)
            JSONOutput.appendString(item.ruleID, to: &line)
            line += Array(#","action":"#.utf8)
            JSONOutput.appendString(item.action.rawValue, to: &line)
            line += Array(#","replacement":"#.utf8)
            JSONOutput.appendString(item.replacement, to: &line)
            line.append(0x7D)
        }
        line += Array("]}\n".utf8)
    }
}

/// A file written under a temporary name and renamed into place on `commit()`, so that an
/// interrupted run never leaves a half-written letter under its final name.
final class PendingFile {
    let finalPath: String
    let temporaryPath: String
    private var sink: ByteSink?

    /// - Parameter mode: the new file's mode (a review report with originals: owner-only).
    init(directory: String, name: String, mode: mode_t = 0o644) throws(DocumentError) {
        finalPath = directory + "/" + name
        temporaryPath = directory + "/.\(name).imr-redact-\(getpid()).tmp"
        sink = try ByteSink(path: temporaryPath, mode: mode)
    }

    func write(_ bytes: [UInt8]) throws(DocumentError) {
        try sink?.write(bytes)
    }

    func commit() throws(DocumentError) {
        guard let sink else { return }
        try sink.flush()
        self.sink = nil
        if rename(temporaryPath, finalPath) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw .outputFailed(reason: reason)
        }
    }

    deinit {
        if sink != nil {
            sink = nil
            unlink(temporaryPath)
        }
    }
}
