/// One replacement made in a document.
public struct Substitution: Sendable, Hashable {
    /// Half-open UTF-8 byte range in the original document.
    public var start: Int
    public var end: Int
    /// 1-based line of `start` in the original document.
    public var line: Int
    public var category: Category
    public var ruleID: String
    public var action: Action
    public var replacement: String

    public init(start: Int, end: Int, line: Int, category: Category, ruleID: String, action: Action, replacement: String) {
        self.start = start
        self.end = end
        self.line = line
        self.category = category
        self.ruleID = ruleID
        self.action = action
        self.replacement = replacement
    }
}

/// Applies a policy's actions to resolved spans. Knows nothing about how spans were found.
public enum Redactor {
    /// Builds the redacted bytes and the list of substitutions from one replacement per span
    /// (see `PolicyTransformer`). A kept span is copied and is no substitution.
    /// - Complexity: O(n + k).
    public static func apply(
        _ spans: [IdentifierSpan], to text: UnsafeBufferPointer<UInt8>, replacements: [Replacement]
    ) -> (output: [UInt8], substitutions: [Substitution]) {
        precondition(spans.count == replacements.count)
        var output: [UInt8] = []
        output.reserveCapacity(text.count + spans.count * 8)
        var substitutions: [Substitution] = []
        substitutions.reserveCapacity(spans.count)
        var cursor = 0
        var line = 1
        for (span, replacement) in zip(spans, replacements) {
            if replacement.action == .keep { continue }
            for byte in text[cursor..<span.start] where byte == 0x0A { line += 1 }
            output.append(contentsOf: text[cursor..<span.start])
            output.append(contentsOf: replacement.text.utf8)
            // Lines inside the span count too, for the next span's line number.
            substitutions.append(
                Substitution(
                    start: span.start, end: span.end, line: line, category: span.category, ruleID: span.ruleID,
                    action: replacement.action, replacement: replacement.text))
            for byte in text[span.start..<span.end] where byte == 0x0A { line += 1 }
            cursor = span.end
        }
        output.append(contentsOf: text[cursor..<text.count])
        return (output, substitutions)
    }
}
