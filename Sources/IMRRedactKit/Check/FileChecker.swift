/// Finds the identifiers of one text file for `check`: detection through `RedactionEngine`,
/// then the tool's own placeholders and the file's allow comments are set aside.
/// One checker per thread (it owns an engine).
public final class FileChecker {
    private let engine: RedactionEngine
    private let digester: Digester?

    /// What one file gave.
    public struct Outcome: Sendable {
        /// Findings to report (before any baseline), in document order.
        public var findings: [CheckFinding] = []
        /// Spans made only of the tool's placeholders (`[ORG]`), not reported.
        public var placeholders = 0
        /// Findings on lines an allow comment covers, not reported.
        public var allowed = 0
    }

    /// - Parameter key: keys the value digests; without it findings carry no digest.
    public init(ruleSet: RuleSet, key: DigestKey?, limits: MatchLimits = .default) {
        self.engine = RedactionEngine(ruleSet: ruleSet, limits: limits)
        self.digester = key?.digester()
    }

    /// Checks one decoded file.
    /// - Parameters:
    ///   - path: the path shown in findings.
    ///   - relativePath: the path relative to the repository root.
    /// - Throws: `DocumentError` when the text cannot be scanned in full (a rule hit a limit).
    public func check(_ text: CheckText, path: String, relativePath: String) throws(DocumentError) -> Outcome {
        let bytes = text.bytes
        let resolution: Resolver.Resolution = try bytes.withUnsafeBufferPointer { buffer throws(DocumentError) in
            try engine.analyze(buffer)
        }
        var outcome = Outcome()
        guard !resolution.identifiers.isEmpty else { return outcome }
        let lines = TextPositions(bytes)
        let placeholders = Placeholders.ranges(in: bytes)
        let allow = AllowDirectives(bytes, lines: lines)
        var cursor = TextPositions.Cursor(lines, bytes: bytes)
        for span in resolution.identifiers {
            if Placeholders.covers(span.start..<span.end, in: bytes, placeholders: placeholders) {
                outcome.placeholders += 1
                continue
            }
            let start = cursor.position(of: span.start)
            if allow.lines.contains(start.line) {
                outcome.allowed += 1
                continue
            }
            let value = bytes[span.start..<span.end]
            outcome.findings.append(
                CheckFinding(
                    path: path,
                    relativePath: relativePath,
                    start: start,
                    end: cursor.position(of: span.end),
                    category: span.category,
                    ruleID: span.ruleID,
                    masked: ValueMask.mask(String(decoding: value, as: UTF8.self)),
                    digest: digester?.hex(Self.digestInput(ruleID: span.ruleID, value: value))
                )
            )
        }
        return outcome
    }

    /// The identifiers of a PDF's metadata (`MetadataFindings`), as findings at 1:1 that name
    /// their field.
    /// - Throws: `DocumentError` when a field's text cannot be scanned in full.
    public func checkMetadata(_ fields: [PDFMetadataField], path: String, relativePath: String) throws(DocumentError)
        -> [CheckFinding]
    {
        let origin = TextPosition(line: 1, column: 1)
        return try MetadataFindings(engine: engine).findings(fields).map { finding in
            CheckFinding(
                path: path, relativePath: relativePath, start: origin, end: origin, category: finding.category,
                ruleID: finding.ruleID, masked: ValueMask.mask(finding.value),
                digest: digester?.hex(Self.digestInput(ruleID: finding.ruleID, value: Array(finding.value.utf8))),
                field: finding.place)
        }
    }

    /// What a finding's digest covers: the rule id, a NUL, and the value with every run of
    /// whitespace made one space (so re-wrapping a line or CRLF line ends do not change it).
    /// Neither the path nor the line is in it: moving a value does not change its digest.
    public static func digestInput<C: Collection>(ruleID: String, value: C) -> [UInt8] where C.Element == UInt8 {
        var out = Array(ruleID.utf8)
        out.append(0)
        let valueStart = out.count
        var inSpace = false
        for byte in value {
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C {
                inSpace = true
                continue
            }
            if inSpace && out.count > valueStart { out.append(0x20) }
            inSpace = false
            out.append(byte)
        }
        return out
    }
}
