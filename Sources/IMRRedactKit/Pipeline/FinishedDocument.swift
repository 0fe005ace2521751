/// One document as a `redact` run finished it (written or rejected), for whoever reports on the
/// run (`RedactRunner.finished`, `ReviewReport`). It holds the letter's own text: never print it.
public struct FinishedDocument: Sendable {
    /// Whether the letter was verified against its original (`redact --verify`).
    public enum Verification: String, Sendable {
        /// Verified, and it passed.
        case passed
        /// Verified, and it failed: the letter was rejected.
        case failed
        /// The run did not verify, or the letter was rejected before it could be.
        case notRun = "not run"
    }

    /// 1-based position in the input.
    public var number: Int
    /// The document's name in the audit and messages (the path as given, the JSONL id, or with
    /// `--rename` its number).
    public var name: String
    /// The original text, when the document could be read.
    public var original: [UInt8]?
    /// The redaction, when the document was redacted (also when it was then rejected: held back
    /// by `--strict`, failed verification, or its output could not be made).
    public var result: RedactionEngine.Result?
    /// Whether the run's summary counts this document's residue (a document redacted and not
    /// rejected by verification: written, or held back by `--strict`).
    public var residueCounted = false
    /// The name its output has (or would have) under `--out`, or its JSONL id.
    public var outputName: String?
    /// The bytes written for it (the letter, its PDF, or its JSON line); nil when it was rejected.
    public var output: [UInt8]?
    /// Why it was rejected; nil when it was written.
    public var error: DocumentError?
    public var verification: Verification = .notRun
    /// Identifiers found in a PDF input's metadata (none is carried into the output).
    public var metadataFindings = 0

    public var written: Bool { error == nil }

    public init(
        number: Int, name: String, original: [UInt8]? = nil, outputName: String? = nil, error: DocumentError? = nil
    ) {
        self.number = number
        self.name = name
        self.original = original
        self.outputName = outputName
        self.error = error
    }
}
