/// Writes the audit log: JSON Lines of typed records, in the shape of ripgrep's `--json`
/// (`{"type": ..., "data": {...}}`). Records carry offsets, categories, rule ids and a keyed digest,
/// never the original text. The schema is documented in the README; new record types may be added.
public final class AuditWriter {
    public static let schemaVersion = 1
    private let sink: ByteSink
    private let hasKey: Bool
    private var line: [UInt8] = []

    public init(sink: ByteSink, key: DigestKey?) {
        self.sink = sink
        self.hasKey = key != nil
    }

    /// The first record: tool, version, rule set and options.
    public func header(version: String, ruleSet: RuleSet, options: [(String, String)]) throws(DocumentError) {
        begin("header")
        JSONOutput.appendKey("schema", to: &line)
        JSONOutput.appendInt(Self.schemaVersion, to: &line)
        line += Array(#","tool":"imr-redact","version":"#.utf8)
        JSONOutput.appendString(version, to: &line)
        line += Array(#","patterns":{"digest":"#.utf8)
        JSONOutput.appendString(ruleSet.digest, to: &line)
        line += Array(#","rules":"#.utf8)
        JSONOutput.appendInt(ruleSet.rules.count, to: &line)
        line += Array(#"},"digest":"#.utf8)
        line += Array((!hasKey ? "null" : #""hmac-sha256""#).utf8)
        line += Array(#","options":{"#.utf8)
        for (index, (key, value)) in options.enumerated() {
            if index > 0 { line.append(0x2C) }
            JSONOutput.appendString(key, to: &line)
            line.append(0x3A)
            JSONOutput.appendString(value, to: &line)
        }
        line += Array("}".utf8)
        try end()
    }

    /// One record per substitution. `digest` is the keyed digest of the original text of the span
    /// (`Digester.hex`, computed where the document is), or nil when the run has no key.
    public func substitution(document: String, _ item: Substitution, digest: String?) throws(DocumentError) {
        begin("substitution")
        JSONOutput.appendKey("doc", to: &line)
        JSONOutput.appendString(document, to: &line)
        line += Array(#","start":"#.utf8)
        JSONOutput.appendInt(item.start, to: &line)
        line += Array(#","end":"#.utf8)
        JSONOutput.appendInt(item.end, to: &line)
        line += Array(#","line":"#.utf8)
        JSONOutput.appendInt(item.line, to: &line)
        line += Array(#","category":"#.utf8)
        JSONOutput.appendString(item.category.rawValue, to: &line)
        line += Array(#","rule":"#.utf8)
        JSONOutput.appendString(item.ruleID, to: &line)
        line += Array(#","action":"#.utf8)
        JSONOutput.appendString(item.action.rawValue, to: &line)
        line += Array(#","replacement":"#.utf8)
        JSONOutput.appendString(item.replacement, to: &line)
        line += Array(#","digest":"#.utf8)
        if let digest {
            JSONOutput.appendString(digest, to: &line)
        } else {
            line += Array("null".utf8)
        }
        try end()
    }

    /// One record per document, written or rejected.
    public func document(
        _ document: String, written: Bool, bytesIn: Int, bytesOut: Int, substitutions: Int, protected: Int,
        error: String? = nil
    ) throws(DocumentError) {
        begin("document")
        JSONOutput.appendKey("doc", to: &line)
        JSONOutput.appendString(document, to: &line)
        line += Array(#","status":"#.utf8)
        JSONOutput.appendString(written ? "written" : "rejected", to: &line)
        line += Array(#","bytes_in":"#.utf8)
        JSONOutput.appendInt(bytesIn, to: &line)
        line += Array(#","bytes_out":"#.utf8)
        JSONOutput.appendInt(bytesOut, to: &line)
        line += Array(#","substitutions":"#.utf8)
        JSONOutput.appendInt(substitutions, to: &line)
        line += Array(#","protected":"#.utf8)
        JSONOutput.appendInt(protected, to: &line)
        if let error {
            line += Array(#","error":"#.utf8)
            JSONOutput.appendString(error, to: &line)
        }
        try end()
    }

    /// The closing record.
    public func summary(_ summary: RunSummary) throws(DocumentError) {
        begin("summary")
        JSONOutput.appendKey("documents_in", to: &line)
        JSONOutput.appendInt(summary.documentsIn, to: &line)
        line += Array(#","written":"#.utf8)
        JSONOutput.appendInt(summary.written, to: &line)
        line += Array(#","rejected":"#.utf8)
        JSONOutput.appendInt(summary.rejected, to: &line)
        line += Array(#","bytes_in":"#.utf8)
        JSONOutput.appendInt(summary.bytesIn, to: &line)
        line += Array(#","substitutions":{"#.utf8)
        for (index, category) in Category.allCases.enumerated() {
            if index > 0 { line.append(0x2C) }
            JSONOutput.appendString(category.rawValue, to: &line)
            line.append(0x3A)
            JSONOutput.appendInt(summary.perCategory[category, default: 0], to: &line)
        }
        line += Array("}".utf8)
        if let interrupted = summary.interruptedBy {
            line += Array(#","interrupted_by":"#.utf8)
            JSONOutput.appendString(interrupted, to: &line)
        }
        try end()
        try sink.flush()
    }

    private func begin(_ type: StaticString) {
        line.removeAll(keepingCapacity: true)
        line += Array(#"{"type":""#.utf8)
        type.withUTF8Buffer { line.append(contentsOf: $0) }
        line += Array(#"","data":{"#.utf8)
    }

    private func end() throws(DocumentError) {
        line += Array("}}\n".utf8)
        try sink.write(line)
    }

    public func flush() throws(DocumentError) { try sink.flush() }
}

/// Counts of one run; they reconcile: `documentsIn == written + rejected`.
public struct RunSummary: Sendable {
    public var documentsIn = 0
    public var written = 0
    public var rejected = 0
    public var bytesIn = 0
    public var perCategory: [Category: Int] = [:]
    /// `SIGINT` or `SIGTERM` when a signal stopped the run early (the counts are what it finished).
    public var interruptedBy: String?

    public init() {}

    public var substitutions: Int { perCategory.values.reduce(0, +) }
}
