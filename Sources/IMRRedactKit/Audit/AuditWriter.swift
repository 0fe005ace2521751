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
        JSONOutput.appendRaw(#","tool":"imr-redact","version":"#, to: &line)
        JSONOutput.appendString(version, to: &line)
        JSONOutput.appendRaw(#","patterns":{"digest":"#, to: &line)
        JSONOutput.appendString(ruleSet.digest, to: &line)
        JSONOutput.appendMember("rules", ruleSet.rules.count, to: &line)
        JSONOutput.appendRaw(#"},"digest":"#, to: &line)
        line += Array((!hasKey ? "null" : #""hmac-sha256""#).utf8)
        JSONOutput.appendRaw(#","options":{"#, to: &line)
        for (index, (key, value)) in options.enumerated() {
            if index > 0 { line.append(0x2C) }
            JSONOutput.appendString(key, to: &line)
            line.append(0x3A)
            JSONOutput.appendString(value, to: &line)
        }
        JSONOutput.appendRaw("}", to: &line)
        try end()
    }

    /// The substitution records of one document, rendered without the document's name (see
    /// `substitutions(document:_:)`): made where the document is (a worker), so that the thread
    /// that writes in input order only joins bytes.
    public struct RenderedSubstitutions: Sendable {
        /// Each record's bytes after `"doc":NAME`, one after another.
        var tails: [UInt8] = []
        /// Where each record's tail ends in `tails`.
        var ends: [Int] = []

        public var count: Int { ends.count }

        /// Renders one record per substitution; `digests[i]` is the keyed digest of the original
        /// text of substitution `i` (`Digester.hex`), or `digests` is nil when the run has no key.
        public init(_ substitutions: [Substitution], digests: [String]?) {
            tails.reserveCapacity(substitutions.count * 160)
            ends.reserveCapacity(substitutions.count)
            for (index, item) in substitutions.enumerated() {
                JSONOutput.appendMember("start", item.start, to: &tails)
                JSONOutput.appendMember("end", item.end, to: &tails)
                JSONOutput.appendMember("line", item.line, to: &tails)
                JSONOutput.appendMember("category", item.category.rawValue, to: &tails)
                JSONOutput.appendMember("rule", item.ruleID, to: &tails)
                JSONOutput.appendMember("action", item.action.rawValue, to: &tails)
                JSONOutput.appendMember("replacement", item.replacement, to: &tails)
                JSONOutput.appendRaw(#","digest":"#, to: &tails)
                if let digest = digests?[index] {
                    JSONOutput.appendString(digest, to: &tails)
                } else {
                    JSONOutput.appendRaw("null", to: &tails)
                }
                JSONOutput.appendRaw("}}\n", to: &tails)
                ends.append(tails.count)
            }
        }
    }

    /// One record per substitution of `document`, in one write.
    public func substitutions(document: String, _ rendered: RenderedSubstitutions) throws(DocumentError) {
        guard rendered.count > 0 else { return }
        var name: [UInt8] = []
        JSONOutput.appendString(document, to: &name)
        line.removeAll(keepingCapacity: true)
        line.reserveCapacity(rendered.tails.count + rendered.count * (name.count + 40))
        var start = 0
        rendered.tails.withUnsafeBufferPointer { tails in
            for end in rendered.ends {
                JSONOutput.appendRaw(#"{"type":"substitution","data":{"doc":"#, to: &line)
                line.append(contentsOf: name)
                line.append(contentsOf: UnsafeBufferPointer(rebasing: tails[start..<end]))
                start = end
            }
        }
        try sink.write(line)
    }

    /// One record per residue token of `document`: offset, length and reason, never the text.
    public func residue(document: String, _ tokens: [ResidueToken]) throws(DocumentError) {
        guard !tokens.isEmpty else { return }
        line.removeAll(keepingCapacity: true)
        for token in tokens {
            JSONOutput.appendRaw(#"{"type":"residue","data":{"doc":"#, to: &line)
            JSONOutput.appendString(document, to: &line)
            JSONOutput.appendMember("start", token.start, to: &line)
            JSONOutput.appendMember("length", token.end - token.start, to: &line)
            JSONOutput.appendMember("reason", token.reason.rawValue, to: &line)
            JSONOutput.appendRaw("}}\n", to: &line)
        }
        try sink.write(line)
    }

    /// One record per identifier found in a PDF's metadata: the field, category and rule, and
    /// the keyed digest of the value (`null` without a key); never the value. `action` is
    /// `remove`: no output carries the original's metadata.
    public func metadata(document: String, _ findings: [MetadataFinding], digests: [String]?) throws(DocumentError) {
        for (index, finding) in findings.enumerated() {
            begin("metadata")
            JSONOutput.appendKey("doc", to: &line)
            JSONOutput.appendString(document, to: &line)
            JSONOutput.appendMember("source", finding.source.rawValue, to: &line)
            JSONOutput.appendMember("field", finding.field, to: &line)
            JSONOutput.appendMember("category", finding.category.rawValue, to: &line)
            JSONOutput.appendMember("rule", finding.ruleID, to: &line)
            JSONOutput.appendMember("action", "remove", to: &line)
            JSONOutput.appendRaw(#","digest":"#, to: &line)
            if let digest = digests?[index] {
                JSONOutput.appendString(digest, to: &line)
            } else {
                JSONOutput.appendRaw("null", to: &line)
            }
            try end()
        }
    }

    /// One record per document, written or rejected.
    public func document(
        _ document: String, written: Bool, bytesIn: Int, bytesOut: Int, substitutions: Int, protected: Int,
        error: String? = nil
    ) throws(DocumentError) {
        begin("document")
        JSONOutput.appendKey("doc", to: &line)
        JSONOutput.appendString(document, to: &line)
        JSONOutput.appendMember("status", written ? "written" : "rejected", to: &line)
        JSONOutput.appendMember("bytes_in", bytesIn, to: &line)
        JSONOutput.appendMember("bytes_out", bytesOut, to: &line)
        JSONOutput.appendMember("substitutions", substitutions, to: &line)
        JSONOutput.appendMember("protected", protected, to: &line)
        if let error {
            JSONOutput.appendMember("error", error, to: &line)
        }
        try end()
    }

    /// The closing record.
    public func summary(_ summary: RunSummary) throws(DocumentError) {
        begin("summary")
        JSONOutput.appendKey("documents_in", to: &line)
        JSONOutput.appendInt(summary.documentsIn, to: &line)
        JSONOutput.appendMember("written", summary.written, to: &line)
        JSONOutput.appendMember("rejected", summary.rejected, to: &line)
        JSONOutput.appendMember("bytes_in", summary.bytesIn, to: &line)
        JSONOutput.appendRaw(#","substitutions":{"#, to: &line)
        for (index, category) in Category.allCases.enumerated() {
            if index > 0 { line.append(0x2C) }
            JSONOutput.appendString(category.rawValue, to: &line)
            line.append(0x3A)
            JSONOutput.appendInt(summary.perCategory[category, default: 0], to: &line)
        }
        JSONOutput.appendRaw("}", to: &line)
        JSONOutput.appendMember("residue", summary.residue, to: &line)
        JSONOutput.appendMember("needs_review", summary.needsReview, to: &line)
        if summary.documentsWithMetadataFindings > 0 {
            JSONOutput.appendMember("metadata_documents", summary.documentsWithMetadataFindings, to: &line)
            JSONOutput.appendRaw(#","metadata":{"#, to: &line)
            for (index, category) in Category.allCases.enumerated() {
                if index > 0 { line.append(0x2C) }
                JSONOutput.appendString(category.rawValue, to: &line)
                line.append(0x3A)
                JSONOutput.appendInt(summary.metadataFindings[category, default: 0], to: &line)
            }
            JSONOutput.appendRaw("}", to: &line)
        }
        if let interrupted = summary.interruptedBy {
            JSONOutput.appendMember("interrupted_by", interrupted, to: &line)
        }
        try end()
        try sink.flush()
    }

    private func begin(_ type: StaticString) {
        line.removeAll(keepingCapacity: true)
        JSONOutput.appendRaw(#"{"type":""#, to: &line)
        type.withUTF8Buffer { line.append(contentsOf: $0) }
        JSONOutput.appendRaw(#"","data":{"#, to: &line)
    }

    private func end() throws(DocumentError) {
        JSONOutput.appendRaw("}}\n", to: &line)
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
    /// Residue tokens of the documents processed (written, or held back by `--strict`).
    public var residue = 0
    /// Documents with residue (under `--strict`, not written).
    public var needsReview = 0
    /// Identifiers found in the metadata of PDF inputs (none is carried into any output), by category.
    public var metadataFindings: [Category: Int] = [:]
    /// PDF inputs whose metadata held an identifier.
    public var documentsWithMetadataFindings = 0
    /// `SIGINT` or `SIGTERM` when a signal stopped the run early (the counts are what it finished).
    public var interruptedBy: String?

    public init() {}

    public var substitutions: Int { perCategory.values.reduce(0, +) }
}
