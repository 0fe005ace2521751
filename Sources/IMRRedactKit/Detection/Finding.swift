/// A span one rule found: half-open UTF-8 byte offsets into the original document.
public struct Finding: Sendable, Hashable {
    public var start: Int
    public var end: Int
    /// Index of the rule in its `RuleSet`.
    public var rule: Int

    public init(start: Int, end: Int, rule: Int) {
        self.start = start
        self.end = end
        self.rule = rule
    }

    @inline(__always)
    func overlaps(_ other: Finding) -> Bool { start < other.end && other.start < end }
}

/// An identifier span after resolution: protected spans applied, overlaps merged.
public struct IdentifierSpan: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var category: Category
    /// Id of the rule that named the span (the longest finding of a merged group).
    public var ruleID: String

    public init(start: Int, end: Int, category: Category, ruleID: String) {
        self.start = start
        self.end = end
        self.category = category
        self.ruleID = ruleID
    }
}

/// A protected clinical span found in a document.
public struct ProtectedSpan: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var kind: ClinicalKind
    public var ruleID: String
}
