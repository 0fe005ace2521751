/// One identifier `check` reports. It carries the value only masked, and a keyed digest.
public struct CheckFinding: Sendable, Hashable {
    /// The path as shown to the user (as given, or joined to the folder it was found in).
    public var path: String
    /// The path relative to the repository root, with `/`: names the file in baselines and SARIF.
    public var relativePath: String
    /// First character of the value.
    public var start: TextPosition
    /// The position just after the value's last character (SARIF's `endColumn` convention).
    public var end: TextPosition
    public var category: Category
    public var ruleID: String
    /// The value masked by `ValueMask`.
    public var masked: String
    /// Hex HMAC-SHA256 of the rule id and the value (see `FileChecker.digestInput`), or `nil`
    /// without a key.
    public var digest: String?
    /// For an identifier in a PDF's metadata: where (`Info Author`, `XMP dc:creator`); its
    /// position is then 1:1.
    public var field: String?

    public init(
        path: String,
        relativePath: String,
        start: TextPosition,
        end: TextPosition,
        category: Category,
        ruleID: String,
        masked: String,
        digest: String?,
        field: String? = nil
    ) {
        self.path = path
        self.relativePath = relativePath
        self.start = start
        self.end = end
        self.category = category
        self.ruleID = ruleID
        self.masked = masked
        self.digest = digest
        self.field = field
    }

    /// `path:line:column: CATEGORY rule-id MASKED`, the line `check` prints.
    public var line: String {
        "\(path):\(start.line):\(start.column): \(category.rawValue) \(ruleID) \(masked)"
            + (field.map { " (in the PDF's metadata: \($0))" } ?? "")
    }
}
