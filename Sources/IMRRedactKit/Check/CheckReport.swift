/// Counts of one `check` run.
public struct CheckSummary: Sendable, Equatable, Codable {
    /// Text files scanned (empty ones included).
    public var files = 0
    /// Of those, files decoded as Windows-1252.
    public var windows1252 = 0
    /// Binary files skipped.
    public var binary = 0
    /// Findings reported.
    public var findings = 0
    /// Spans made only of the tool's placeholders.
    public var placeholders = 0
    /// Findings on lines an allow comment covers.
    public var allowed = 0
    /// Findings the baseline holds.
    public var baselined = 0
    /// Inputs that could not be read or scanned in full.
    public var errors = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case files, windows1252 = "windows_1252", binary, findings, placeholders, allowed, baselined, errors
    }
}

/// The outcome of a `check` run, for the printers.
public struct CheckReport: Sendable {
    /// Reported findings, file by file in input order, each file's in document order.
    public var findings: [CheckFinding] = []
    public var summary = CheckSummary()
    /// Folder arguments git ignores as a whole (nothing in them was read).
    public var ignoredFolders: [String] = []

    public init() {}
}
