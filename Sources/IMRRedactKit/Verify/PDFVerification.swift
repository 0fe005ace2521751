/// Checks a PDF the tool wrote: what it shows and what its bytes hold.
///
/// - *structure*: the file reads back (poppler), is not encrypted, holds no embedded file, and no
///   dictionary names `/Info`, `/Metadata`, an embedded file, an image or other XObject, a form,
///   annotations, actions or scripts, a compression filter or an object stream (so that every
///   byte of its text lies open to the search below);
/// - *text*: the text read back is the text written, with runs of spaces collapsed (and the spaces
///   at line ends, and blank lines at a page's top and bottom, left out);
/// - *detection*: the text read back shows no identifier the text written does not show;
/// - *bytes*: no identifier of the original (nor a line of one that spans lines) occurs in the
///   file's bytes, as UTF-8 or as the PDF's WinAnsi string, unless the text written shows it too
///   (then the text checks judged it). An identifier shorter than 4 bytes is not searched (it
///   would be found in unrelated bytes); the report counts them.
public struct PDFVerification {
    let engine: RedactionEngine

    public init(engine: RedactionEngine) {
        self.engine = engine
    }

    /// What checking one PDF gave.
    public struct Report: Sendable {
        public var violations: [Violation] = []
        /// The text read back (to verify against the original when the written text is not at hand).
        public var extracted: [UInt8] = []
        public var searched = 0
        /// Identifiers (or lines of them) shorter than 4 bytes, not searched in the bytes.
        public var tooShortToSearch = 0
        public var passed: Bool { violations.isEmpty }

        /// `PDF: 12 identifiers searched in its bytes (2 shorter than 4 bytes not searched); no metadata, images, forms or attachments`.
        public var summary: String {
            "PDF: \(searched) identifiers searched in its bytes"
                + (tooShortToSearch > 0 ? " (\(tooShortToSearch) shorter than 4 bytes not searched)" : "")
                + "; no metadata, images, forms or attachments"
        }
    }

    /// Names no dictionary of a written PDF may hold.
    static let forbiddenNames = [
        "/Info", "/Metadata", "/EmbeddedFile", "/EmbeddedFiles", "/FileAttachment", "/Image", "/XObject", "/AcroForm",
        "/Annots", "/JavaScript", "/JS", "/OpenAction", "/AA", "/Launch", "/URI", "/Filter", "/ObjStm", "/Encrypt",
        "/XRefStm", "/Outlines", "/Names", "/PieceInfo",
    ]

    /// Checks `pdf`.
    /// - Parameters:
    ///   - written: the text it was typeset from (`PDFWriter.Output.layoutText`), or nil when only
    ///     the PDF is at hand (`verify ORIGINAL REDACTED.pdf`: the text checks run on its text).
    ///   - identifiers: the original's identifiers (texts, with their category and line, for the
    ///     message), and the values found in its metadata.
    public func check(pdf: [UInt8], written: [UInt8]?, identifiers: [(text: [UInt8], category: Category, line: Int)])
        throws(DocumentError) -> Report
    {
        var report = Report()
        func violation(_ kind: Violation.Kind, _ line: Int, _ message: String) {
            report.violations.append(Violation(kind: kind, line: line, originalLine: 0, message: message))
        }
        for name in Self.forbiddenNames where Self.dictionaryNames(in: pdf).contains(name) {
            violation(.pdfStructure, 0, "the PDF holds \(name)")
        }
        let letter: PDFLetter
        do throws(DocumentError) {
            letter = try PDFReader.read(pdf)
        } catch {
            violation(.pdfStructure, 0, "the PDF does not read back: \(error)")
            return report
        }
        if letter.encrypted { violation(.pdfStructure, 0, "the PDF is encrypted") }
        if letter.embeddedFiles { violation(.pdfStructure, 0, "the PDF holds embedded files") }
        if !letter.metadata.isEmpty { violation(.pdfStructure, 0, "the PDF has \(letter.metadata.count) metadata fields") }
        report.extracted = letter.text
        let written = written ?? letter.text

        let expected = Self.normalised(written)
        let shown = Self.normalised(letter.text)
        if expected != shown {
            let line = zip(expected, shown).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(expected.count, shown.count)
            violation(.pdfText, line + 1, "the PDF's text differs from the text written (runs of spaces aside)")
        }

        // Detection: nothing the written text does not show.
        var allowed: [String: Int] = [:]
        for key in try identifierKeys(written) { allowed[key, default: 0] += 1 }
        let extractedPositions = TextPositions(letter.text)
        for (key, start) in try identifierKeysWithStarts(letter.text) {
            if let count = allowed[key], count > 0 {
                allowed[key] = count - 1
            } else {
                violation(.identifierLeft, extractedPositions.line(of: start),
                          "\(key.split(separator: "\u{0}").first ?? "") found in the PDF's text, which the text written does not show")
            }
        }

        // Bytes: every identifier of the original (a line of it at a time).
        for identifier in identifiers {
            for piece in Self.lines(of: identifier.text) {
                if piece.count < 4 {
                    report.tooShortToSearch += 1
                    continue
                }
                if Self.contains(written, piece) { continue }
                report.searched += 1
                var forms = [piece]
                if let encoded = Self.pdfString(piece), encoded != piece { forms.append(encoded) }
                if forms.contains(where: { Self.contains(pdf, $0) }) {
                    violation(.pdfLeak, 0, "an identifier of the original (\(identifier.category.rawValue), original line \(identifier.line)) occurs in the PDF's bytes")
                }
            }
        }
        return report
    }

    /// Each identifier as `CATEGORY NUL text` (whitespace runs one space), and where it starts.
    func identifierKeysWithStarts(_ text: [UInt8]) throws(DocumentError) -> [(String, Int)] {
        guard !text.isEmpty else { return [] }
        let analysis: Resolver.Resolution = try text.withUnsafeBufferPointer { buffer throws(DocumentError) in try engine.analyze(buffer) }
        return analysis.identifiers.map { span in
            let words = text[span.start..<span.end].split { $0 == 0x20 || $0 == 0x0A || $0 == 0x0C || $0 == 0x0D || $0 == 0x09 }
            let value = words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
            return (span.category.rawValue + "\u{0}" + value, span.start)
        }
    }

    func identifierKeys(_ text: [UInt8]) throws(DocumentError) -> [String] {
        try identifierKeysWithStarts(text).map(\.0)
    }

    /// The text as compared: no CR; per page, each line's runs of spaces made one and its ends
    /// trimmed, the blank lines at the page's top and bottom left out.
    static func normalised(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var pages = text.filter { $0 != 0x0D }.split(separator: 0x0C, omittingEmptySubsequences: false)
        if pages.count > 1, pages.last?.isEmpty == true { pages.removeLast() }
        for page in pages {
            var lines = page.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> [UInt8] in
                var collapsed: [UInt8] = []
                for byte in line where !(byte == 0x20 && (collapsed.isEmpty || collapsed.last == 0x20)) { collapsed.append(byte) }
                if collapsed.last == 0x20 { collapsed.removeLast() }
                return collapsed
            }
            while lines.first?.isEmpty == true { lines.removeFirst() }
            while lines.last?.isEmpty == true { lines.removeLast() }
            out += Array(lines.joined(separator: [0x0A]))
            out.append(0x0C)
        }
        return out
    }

    /// The names (`/Name`) in the file outside its streams' data.
    static func dictionaryNames(in pdf: [UInt8]) -> Set<String> {
        var names = Set<String>()
        var index = 0
        let stream = Array("stream".utf8)
        let endstream = Array("endstream".utf8)
        while index < pdf.count {
            let byte = pdf[index]
            if byte == UInt8(ascii: "s"), pdf[index...].starts(with: stream), index == 0 || pdf[index - 1] != UInt8(ascii: "d") {
                // Skip the data to `endstream`.
                var end = index + stream.count
                while end < pdf.count && !pdf[end...].starts(with: endstream) { end += 1 }
                index = end + endstream.count
                continue
            }
            if byte == UInt8(ascii: "/") {
                var end = index + 1
                while end < pdf.count, !isDelimiter(pdf[end]) { end += 1 }
                names.insert(String(decoding: pdf[index..<end], as: UTF8.self))
                index = end
                continue
            }
            index += 1
        }
        return names
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
            || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "%")
    }

    /// The lines of a text, trimmed of spaces.
    static func lines(of text: [UInt8]) -> [[UInt8]] {
        text.split { $0 == 0x0A || $0 == 0x0C || $0 == 0x0D }.map { line in
            Array(line.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed())
        }.filter { !$0.isEmpty }
    }

    /// `piece` as the writer puts it in a PDF string: WinAnsi bytes, `(`, `)` and `\` escaped;
    /// nil when it holds a character WinAnsi lacks.
    static func pdfString(_ piece: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        for scalar in String(decoding: piece, as: UTF8.self).unicodeScalars {
            guard let byte = PDFWriter.winAnsi(scalar) else { return nil }
            if byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
            out.append(byte)
        }
        return out
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        return haystack.withUnsafeBufferPointer { hay -> Bool in
            guard let base = hay.baseAddress else { return false }
            var offset = 0
            let last = hay.count - needle.count
            while offset <= last, let hit = memchr(base + offset, Int32(needle[0]), last - offset + 1) {
                let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if hay[at..<(at + needle.count)].elementsEqual(needle) { return true }
                offset = at + 1
            }
            return false
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
