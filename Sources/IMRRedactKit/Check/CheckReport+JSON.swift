import Foundation

extension CheckReport {
    /// `--format json`: one JSON object with `tool`, `version`, `findings` and `summary`. Each
    /// finding has `path`, `relative_path` (to the repository root, with `/`), `line`, `column`, `end_line`,
    /// `end_column` (just after the value), `category`, `rule`, `masked` and `digest` (hex
    /// HMAC-SHA256, `null` without a key). No value appears other than masked.
    public func jsonData(version: String) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let document = JSONDocument(version: version, findings: findings.map(JSONFinding.init), summary: summary)
        // Strings and integers always encode.
        return ((try? encoder.encode(document)) ?? Data()) + Data("\n".utf8)
    }
}

private struct JSONDocument: Encodable {
    let tool = "imr-redact"
    let version: String
    let findings: [JSONFinding]
    let summary: CheckSummary
}

private struct JSONFinding: Encodable {
    let finding: CheckFinding

    enum Keys: String, CodingKey {
        case path, relativePath = "relative_path", line, column, endLine = "end_line", endColumn = "end_column",
            category, rule, masked, digest, field
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(finding.path, forKey: .path)
        try container.encode(finding.relativePath, forKey: .relativePath)
        try container.encode(finding.start.line, forKey: .line)
        try container.encode(finding.start.column, forKey: .column)
        try container.encode(finding.end.line, forKey: .endLine)
        try container.encode(finding.end.column, forKey: .endColumn)
        try container.encode(finding.category.rawValue, forKey: .category)
        try container.encode(finding.ruleID, forKey: .rule)
        try container.encode(finding.masked, forKey: .masked)
        try container.encode(finding.digest, forKey: .digest)
        try container.encodeIfPresent(finding.field, forKey: .field)
    }
}
