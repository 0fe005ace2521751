/// What one `check` run covers.
public struct CheckOptions: Sendable {
    /// Files and folders; empty means the current folder.
    public var paths: [String] = []
    public var excludes: [Glob] = []
    /// The repository root (relative paths, exclude patterns).
    public var root: String
    public var currentDirectory: String
    /// Findings this baseline holds are not reported.
    public var baseline: Baseline?
    /// Keys value digests (baseline, JSON, SARIF fingerprints).
    public var key: DigestKey?
    public var limits: MatchLimits = .default
    /// Worker threads (1: everything on the calling thread). The report never depends on it.
    public var jobs = 1

    public init(root: String, currentDirectory: String) {
        self.root = root
        self.currentDirectory = currentDirectory
    }
}

/// Runs `check`: lists the inputs, reads and classifies each, finds identifiers, and sets aside
/// placeholders, allowed lines and baseline entries. Files are read and checked on `jobs` threads,
/// a few at a time, and reported in listing order.
public final class CheckRunner {
    private let ruleSet: RuleSet
    private let options: CheckOptions

    public init(ruleSet: RuleSet, options: CheckOptions) {
        self.ruleSet = ruleSet
        self.options = options
    }

    /// What checking one file gave.
    enum FileOutcome: Sendable {
        case unreadable(reason: String)
        case binary
        case empty
        case checked(FileChecker.Outcome, windows1252: Bool)
        case failed(DocumentError, windows1252: Bool)
    }

    /// Makes, on a worker thread, the function that reads and checks one file there.
    static func worker(ruleSet: RuleSet, options: CheckOptions) -> (InputFile, inout Int) -> FileOutcome {
        let checker = FileChecker(ruleSet: ruleSet, key: options.key, limits: options.limits)
        return { file, size in
            let bytes: [UInt8]
            do throws(DocumentError) {
                bytes = try FileReader.contents(ofPath: file.absolutePath)
            } catch {
                return .unreadable(reason: error.description)
            }
            size = bytes.count
            if PDFReader.isPDF(bytes) || PDFReader.isNamedPDF(file.path) {
                // A PDF is checked by its text (as pdftotext -layout gives it); one that cannot be
                // read in full is an input not checked (fail closed).
                let letter: PDFLetter
                do throws(DocumentError) {
                    letter = try PDFReader.read(bytes)
                } catch {
                    return .unreadable(reason: error.description)
                }
                let text = CheckText(bytes: letter.text, encoding: .utf8)
                do throws(DocumentError) {
                    var outcome = try checker.check(text, path: file.path, relativePath: file.relativePath)
                    outcome.findings = try checker.checkMetadata(letter.metadata, path: file.path, relativePath: file.relativePath)
                        + outcome.findings
                    return .checked(outcome, windows1252: false)
                } catch {
                    return .failed(error, windows1252: false)
                }
            }
            switch CheckInput.classify(bytes) {
            case .binary:
                return .binary
            case .empty:
                return .empty
            case .text(let text):
                let windows1252 = text.encoding == .windows1252
                do throws(DocumentError) {
                    return .checked(try checker.check(text, path: file.path, relativePath: file.relativePath), windows1252: windows1252)
                } catch {
                    return .failed(error, windows1252: windows1252)
                }
            }
        }
    }

    /// Checks every input; `failure` hears of each input that cannot be read or scanned in full
    /// (the run goes on, and the caller exits with status 2); `progress` hears the files done
    /// and their bytes after each file.
    public func run(failure: (CheckError) -> Void, progress: (_ files: Int, _ bytes: Int) -> Void = { _, _ in }) -> CheckReport {
        var report = CheckReport()
        let lister = InputLister(
            root: options.root,
            currentDirectory: options.currentDirectory,
            excludes: options.excludes
        )
        let listing = lister.list(options.paths)
        report.ignoredFolders = listing.ignoredFolders
        for error in listing.errors {
            report.summary.errors += 1
            failure(error)
        }
        var files = listing.files.makeIterator()
        var done = 0
        var bytes = 0
        let ruleSet = self.ruleSet
        let options = self.options
        OrderedWorkers.run(
            jobs: options.jobs,
            makeWorker: { () -> (InputFile) -> (InputFile, FileOutcome, Int) in
                let check = Self.worker(ruleSet: ruleSet, options: options)
                return { file in
                    var size = 0
                    let outcome = check(file, &size)
                    return (file, outcome, size)
                }
            },
            next: { files.next() },
            consume: { (item: (InputFile, FileOutcome, Int)) in
                let (file, outcome, size) = item
                done += 1
                bytes += size
                defer { progress(done, bytes) }
                switch outcome {
                case .unreadable(let reason):
                    report.summary.errors += 1
                    failure(.unreadable(path: file.path, reason: reason))
                case .binary:
                    report.summary.binary += 1
                case .empty:
                    report.summary.files += 1
                case .failed(let error, let windows1252):
                    report.summary.files += 1
                    if windows1252 { report.summary.windows1252 += 1 }
                    report.summary.errors += 1
                    failure(.unreadable(path: file.path, reason: "\(error); not checked in full"))
                case .checked(let checked, let windows1252):
                    report.summary.files += 1
                    if windows1252 { report.summary.windows1252 += 1 }
                    report.summary.placeholders += checked.placeholders
                    report.summary.allowed += checked.allowed
                    for finding in checked.findings {
                        if let baseline = options.baseline, baseline.contains(finding) {
                            report.summary.baselined += 1
                        } else {
                            report.findings.append(finding)
                        }
                    }
                }
            })
        report.summary.findings = report.findings.count
        return report
    }
}
