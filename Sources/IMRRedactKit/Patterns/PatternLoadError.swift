/// A rule file that cannot be used: unreadable, not YAML, missing a field, or a regex PCRE2 refuses.
/// The message names the file, line and column (and the rule id where one is known) and shows
/// the offending line with a caret, in the style of swift-parsing's errors. It never contains
/// letter text.
public struct PatternLoadError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var ruleID: String?
    public var message: String
    /// The source line and a caret under the column, when available.
    public var snippet: String?

    public var description: String {
        var text = "\(file):\(line):\(column): "
        if let ruleID { text += "rule '\(ruleID)': " }
        text += message
        if let snippet { text += "\n" + snippet }
        return text
    }

    static func caret(line text: String, column: Int) -> String {
        "  | " + text + "\n  | " + String(repeating: " ", count: max(0, column - 1)) + "^"
    }
}
