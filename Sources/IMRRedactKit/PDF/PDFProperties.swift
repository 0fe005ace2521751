/// Properties every PDF read and every PDF written must have, whatever the input: the fuzz target
/// (`Fuzz/imr-fuzz`) checks them on every input that starts with `%PDF-`, and tests on letters.
///
/// Reading fails closed: a file that cannot be read in full is `DocumentError.unreadable`, and
/// nothing of its text is handed on. A letter that is read has a consistent shape, and reading
/// the same bytes again gives the same letter (poppler's global state carries nothing from one
/// file to the next). A PDF the writer makes reads back and passes the structure checks of
/// `PDFVerification`.
///
/// Violations name the property and counts or offsets only, never the document's text.
public enum PDFProperties {
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            /// Reading failed with another error than `unreadable` (a reader must fail closed with a reason).
            case readError = "read-error"
            /// A letter read whose pages, form feeds or text do not fit together.
            case letterShape = "letter-shape"
            /// Reading the same bytes twice gave two different outcomes.
            case notRepeatable = "not-repeatable"
            /// A PDF the writer made does not read back.
            case writtenUnreadable = "written-unreadable"
            /// A PDF the writer made fails a structure check (metadata, forbidden names, encryption).
            case writtenStructure = "written-structure"
        }
        public var kind: Kind
        /// Counts and offsets only.
        public var detail: String

        public init(kind: Kind, detail: String) {
            self.kind = kind
            self.detail = detail
        }

        public var description: String { "\(kind.rawValue): \(detail)" }
    }

    /// Reads `bytes` twice and checks the outcome.
    /// - Returns: the first outcome (a letter, or the error reading failed with) and the violations.
    public static func read(_ bytes: [UInt8]) -> (outcome: Result<PDFLetter, DocumentError>, violations: [Violation]) {
        let first = outcome(bytes)
        var violations = reading(first)
        if !same(first, outcome(bytes)) {
            violations.append(Violation(kind: .notRepeatable, detail: "a second read of the same bytes gave another outcome"))
        }
        return (first, violations)
    }

    /// The properties of one outcome of `PDFReader.read`: an error is `unreadable` with a reason;
    /// a letter has at least one page, a form feed at each page's end and nowhere else, its text
    /// ends at its last page's end, and some page has text.
    public static func reading(_ outcome: Result<PDFLetter, DocumentError>) -> [Violation] {
        switch outcome {
        case .failure(let error):
            if case .unreadable(let reason) = error, !reason.isEmpty { return [] }
            return [Violation(kind: .readError, detail: "reading failed with another error than unreadable")]
        case .success(let letter):
            return shape(of: letter)
        }
    }

    /// The shape properties of a letter read (see `reading`).
    public static func shape(of letter: PDFLetter) -> [Violation] {
        var violations: [Violation] = []
        func violation(_ detail: String) { violations.append(Violation(kind: .letterShape, detail: detail)) }
        let text = letter.text
        guard letter.pageCount > 0 else {
            violation("a letter without pages")
            return violations
        }
        var previous = -1
        for (index, end) in letter.pageEnds.enumerated() {
            guard end > previous, end < text.count else {
                violation("page \(index + 1) ends at byte \(end), outside the text or before the page before it")
                return violations
            }
            if text[end] != 0x0C { violation("page \(index + 1) does not end with a form feed (byte \(end))") }
            previous = end
        }
        if previous != text.count - 1 { violation("the text goes on after its last page (\(text.count - 1 - previous) bytes)") }
        let formFeeds = text.reduce(0) { $0 + ($1 == 0x0C ? 1 : 0) }
        if formFeeds != letter.pageCount { violation("\(formFeeds) form feeds for \(letter.pageCount) pages") }
        if !text.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0x0C }) {
            violation("a letter read without any text")
        }
        return violations
    }

    /// The properties of a PDF the writer made: it reads back, and `report` (its verification)
    /// holds no structure violation. Text and identifier violations are the verification's to
    /// judge (a letter that fails them is not written): they are not properties of the writer.
    public static func written(_ pdf: [UInt8], report: PDFVerification.Report) -> [Violation] {
        var violations: [Violation] = []
        if case .failure = outcome(pdf) {
            violations.append(Violation(kind: .writtenUnreadable, detail: "the PDF written (\(pdf.count) bytes) does not read back"))
        }
        for found in report.violations where found.kind == .pdfStructure {
            violations.append(Violation(kind: .writtenStructure, detail: found.message))
        }
        return violations
    }

    static func outcome(_ bytes: [UInt8]) -> Result<PDFLetter, DocumentError> {
        do throws(DocumentError) {
            return .success(try PDFReader.read(bytes))
        } catch {
            return .failure(error)
        }
    }

    static func same(_ first: Result<PDFLetter, DocumentError>, _ second: Result<PDFLetter, DocumentError>) -> Bool {
        switch (first, second) {
        case (.failure(let one), .failure(let other)): return one == other
        case (.success(let one), .success(let other)):
            return one.text == other.text && one.pageEnds == other.pageEnds && one.metadata == other.metadata
                && one.encrypted == other.encrypted && one.embeddedFiles == other.embeddedFiles
        default: return false
        }
    }
}
