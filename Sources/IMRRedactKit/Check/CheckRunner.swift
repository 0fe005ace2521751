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

    public init(root: String, currentDirectory: String) {
        self.root = root
        self.currentDirectory = currentDirectory
    }
}

/// Runs `check`: lists the inputs, reads and classifies each, finds identifiers, and sets aside
/// placeholders, allowed lines and baseline entries. Files are read one at a time.
public final class CheckRunner {
    private let options: CheckOptions
    private let checker: FileChecker

    public init(ruleSet: RuleSet, options: CheckOptions) {
        self.options = options
        self.checker = FileChecker(ruleSet: ruleSet, key: options.key, limits: options.limits)
    }

    /// Checks every input; `failure` hears of each input that cannot be read or scanned in full
    /// (the run goes on, and the caller exits with status 2).
    public func run(failure: (CheckError) -> Void) -> CheckReport {
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
        for file in listing.files {
            let bytes: [UInt8]
            do {
                bytes = try FileReader.contents(ofPath: file.absolutePath)
            } catch {
                report.summary.errors += 1
                failure(.unreadable(path: file.path, reason: error.description))
                continue
            }
            let text: CheckText
            switch CheckInput.classify(bytes) {
            case .binary:
                report.summary.binary += 1
                continue
            case .empty:
                report.summary.files += 1
                continue
            case .text(let decoded):
                text = decoded
            }
            report.summary.files += 1
            if text.encoding == .windows1252 { report.summary.windows1252 += 1 }
            let outcome: FileChecker.Outcome
            do {
                outcome = try checker.check(text, path: file.path, relativePath: file.relativePath)
            } catch {
                report.summary.errors += 1
                failure(.unreadable(path: file.path, reason: "\(error); not checked in full"))
                continue
            }
            report.summary.placeholders += outcome.placeholders
            report.summary.allowed += outcome.allowed
            for finding in outcome.findings {
                if let baseline = options.baseline, baseline.contains(finding) {
                    report.summary.baselined += 1
                } else {
                    report.findings.append(finding)
                }
            }
        }
        report.summary.findings = report.findings.count
        return report
    }
}
