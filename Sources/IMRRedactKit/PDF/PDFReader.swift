import CPoppler

/// One metadata field of a PDF: a document-information key or an XMP property, and its value.
/// The value is the file's own text: it is never written to a log, an error or the audit.
public struct PDFMetadataField: Sendable, Hashable {
    public enum Source: String, Sendable {
        /// The trailer's document-information dictionary (`/Info`).
        case info
        /// The XMP packet of the catalogue's `/Metadata` stream.
        case xmp
    }

    public var source: Source
    /// `Author`, `Creator`, `Company` ... (Info), or `dc:creator`, `pdfx:Company` ... (XMP).
    public var name: String
    public var value: String

    public init(source: Source, name: String, value: String) {
        self.source = source
        self.name = name
        self.value = value
    }
}

/// A PDF letter as read: its text as `pdftotext -layout` gives it, and its metadata.
public struct PDFLetter: Sendable {
    /// The text of every page, each followed by a form feed (UTF-8).
    public var text: [UInt8]
    /// Where each page's text ends in `text` (its form feed is there).
    public var pageEnds: [Int]
    /// The Info dictionary's fields, then the XMP properties, in the file's order.
    public var metadata: [PDFMetadataField]
    /// Encrypted with an owner password only (read as poppler reads it).
    public var encrypted: Bool
    /// The file holds embedded files (attachments).
    public var embeddedFiles: Bool

    public var pageCount: Int { pageEnds.count }
}

/// Reads PDF letters through poppler-cpp (the `CPoppler` target): the text of `pdftotext
/// -layout`, byte for byte, and the Info and XMP metadata. A file that cannot be read in full
/// fails closed with one reason: a password, damage, truncation, no text layer, a page without
/// text among pages with text, or a file named `.pdf` that is no PDF.
public enum PDFReader {
    /// `%PDF-`: how every PDF file starts.
    static let magic: [UInt8] = Array("%PDF-".utf8)

    /// Whether `bytes` are a PDF file (they start with `%PDF-`).
    public static func isPDF<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        bytes.starts(with: magic)
    }

    /// Whether `path` is named as a PDF (`.pdf`, any case).
    public static func isNamedPDF(_ path: String) -> Bool {
        path.lowercased().hasSuffix(".pdf")
    }

    /// Reads a PDF from its bytes.
    /// - Throws: `DocumentError.unreadable` with the reason (never the file's text).
    /// - Complexity: about 10 ms for a two-page letter; one file at a time in the process.
    public static func read(_ bytes: [UInt8]) throws(DocumentError) -> PDFLetter {
        guard isPDF(bytes) else { throw .unreadable(reason: "not a PDF (named .pdf, but it does not start with %PDF-)") }
        // A PDF ends with %%EOF (in its last 1024 bytes, as readers look for it); a file cut short
        // does not, and poppler would rebuild what it could of it.
        guard endsWithEOFMarker(bytes) else { throw .unreadable(reason: "truncated PDF (no %%EOF at its end)") }
        var extraction = imr_pdf_extraction()
        bytes.withUnsafeBytes { raw in imr_pdf_extract(raw.baseAddress, raw.count, &extraction) }
        defer { imr_pdf_extraction_free(&extraction) }
        switch extraction.status {
        case IMR_PDF_OK: break
        case IMR_PDF_LOCKED: throw .unreadable(reason: "password-protected PDF (it needs a user password to open)")
        case IMR_PDF_TOO_LARGE: throw .unreadable(reason: "PDF larger than 2 GB")
        default: throw .unreadable(reason: "damaged PDF (poppler cannot load it)")
        }
        if extraction.poppler_errors > 0 {
            throw .unreadable(reason: "damaged PDF (poppler reported \(extraction.poppler_errors) errors reading it)")
        }
        let pageCount = Int(extraction.page_count)
        guard pageCount > 0 else { throw .unreadable(reason: "PDF without pages") }
        let text = extraction.text.map { Array(UnsafeRawBufferPointer(start: $0, count: extraction.text_length)) } ?? []
        var pageEnds: [Int] = []
        pageEnds.reserveCapacity(pageCount)
        var ink: [Bool] = []
        for index in 0..<pageCount {
            pageEnds.append(extraction.page_ends[index])
            ink.append(extraction.page_ink[index] != 0)
        }
        try requireTextLayer(text, pageEnds: pageEnds, ink: ink)

        var metadata: [PDFMetadataField] = []
        for index in 0..<Int(extraction.info_count) {
            guard let key = extraction.info_keys[index], let value = extraction.info_values[index] else { continue }
            let valueBytes = UnsafeRawBufferPointer(start: value, count: extraction.info_value_lengths[index])
            metadata.append(PDFMetadataField(
                source: .info, name: String(cString: key),
                value: String(decoding: valueBytes, as: UTF8.self)))
        }
        if let xmp = extraction.metadata {
            let packet = Array(UnsafeRawBufferPointer(start: xmp, count: extraction.metadata_length))
            metadata += XMPFields.fields(of: packet)
        }
        return PDFLetter(
            text: text, pageEnds: pageEnds, metadata: metadata, encrypted: extraction.encrypted != 0,
            embeddedFiles: extraction.embedded_files != 0)
    }

    /// The text properties of an XMP packet (see `XMPFields`).
    public static func xmpFields(_ packet: [UInt8]) -> [PDFMetadataField] { XMPFields.fields(of: packet) }

    /// Whether `%%EOF` occurs in the last 1024 bytes.
    static func endsWithEOFMarker(_ bytes: [UInt8]) -> Bool {
        let marker = Array("%%EOF".utf8)
        let from = max(0, bytes.count - 1024)
        var index = bytes.count - marker.count
        while index >= from {
            if bytes[index] == 0x25, bytes[index..<(index + marker.count)].elementsEqual(marker) { return true }
            index -= 1
        }
        return false
    }

    /// A letter's every page that paints anything has text: a page with none is an image (a
    /// scan) whose words no rule can see, so the letter cannot be redacted in full. A blank page
    /// (nothing painted: three of the real letters end with one) is fine.
    static func requireTextLayer(_ text: [UInt8], pageEnds: [Int], ink: [Bool]) throws(DocumentError) {
        var start = 0
        var scanned: [Int] = []
        var withText = 0
        for (index, end) in pageEnds.enumerated() {
            if text[start..<end].contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0x0C }) {
                withText += 1
            } else if ink[index] {
                scanned.append(index + 1)
            }
            start = end + 1
        }
        if withText == 0 {
            throw .unreadable(reason: scanned.isEmpty ? "PDF without text (its pages are blank)" : "PDF without a text layer (a scan?); its text cannot be read")
        }
        if let first = scanned.first {
            let pages = scanned.count == 1 ? "page \(first)" : "pages " + scanned.map(String.init).joined(separator: ", ")
            throw .unreadable(reason: "\(pages) of \(pageEnds.count) without text while the others have it (a scanned page?)")
        }
    }
}
