/// Typesets a letter's text as a new PDF: nothing of any original file is carried over.
///
/// PDF 1.4, uncompressed (so that verification can search every byte), one page per form-feed
/// page, US Letter, the standard Type 1 font Courier in WinAnsiEncoding (every viewer has it; no
/// font is embedded), monospaced so that the `-layout` columns stay where they were. One font
/// size for the whole letter, the largest of `sizes` at which its longest line and its longest
/// page fit. No document-information dictionary, no XMP, no `/ID`, no dates: the same text gives
/// the same bytes on every run and machine.
///
/// A character that Courier in WinAnsiEncoding cannot show (outside Latin-1 and the Windows-1252
/// punctuation, a tab, a control character) is an error for the letter, never replaced.
public enum PDFWriter {
    /// Page size (US Letter) and margin, in points.
    static let pageWidth = 612
    static let pageHeight = 792
    static let margin = 24
    /// Courier's advance width, in thousandths of the font size.
    static let advance = 600
    /// Font sizes tried, in hundredths of a point, largest first: sizes at which poppler's
    /// `-layout` reading of a written page gave the real letters' columns back most often (some
    /// sizes between, 8 and 8.5 points, moved a column on every letter). Below the last, the size
    /// that fits is taken as it is.
    static let sizes = [900, 750, 720, 700]
    /// A page of more lines than this (a text letter without form feeds) is cut into pages of
    /// `linesPerPage` lines.
    static let longestPage = 100
    static let linesPerPage = 66

    /// A written PDF and the text it shows: the letter's text with the page breaks the writer
    /// added (form feeds, for pages it cut), without carriage returns, and with a form feed
    /// after the last page.
    public struct Output: Sendable {
        public var pdf: [UInt8]
        public var layoutText: [UInt8]
        public var pages: Int
        /// The font size, in hundredths of a point.
        public var fontSize: Int
    }

    /// Typesets `text` (UTF-8).
    /// - Throws: `DocumentError.outputFailed` naming the line, column and code point of the
    ///   first character the font cannot show.
    public static func write(_ text: [UInt8]) throws(DocumentError) -> Output {
        let pages = try encodedPages(text)
        var layoutText: [UInt8] = []
        var longestLine = 1
        var mostLines = 1
        for page in pages {
            for (index, line) in page.enumerated() {
                if index > 0 { layoutText.append(0x0A) }
                layoutText += line.text
                longestLine = max(longestLine, line.encoded.count)
            }
            layoutText.append(0x0C)
            mostLines = max(mostLines, page.count)
        }
        let fontSize = size(longestLine: longestLine, lines: mostLines)
        let leading = fontSize * 12 / 10

        var objects: [[UInt8]] = []
        objects.append(Array("<< /Type /Catalog /Pages 2 0 R >>".utf8))
        let kids = (0..<pages.count).map { "\(4 + 2 * $0) 0 R" }.joined(separator: " ")
        objects.append(Array("<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>".utf8))
        objects.append(Array("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>".utf8))
        for (index, page) in pages.enumerated() {
            var content: [UInt8] = []
            content += Array("BT\n/F1 \(fixed(fontSize)) Tf\n\(fixed(leading)) TL\n".utf8)
            content += Array("\(margin) \(fixed(pageHeight * 100 - margin * 100 - fontSize)) Td\n".utf8)
            for (lineIndex, line) in page.enumerated() {
                if lineIndex > 0 { content += Array("T*\n".utf8) }
                guard !line.encoded.isEmpty else { continue }
                content.append(UInt8(ascii: "("))
                for byte in line.encoded {
                    if byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "\\") {
                        content.append(UInt8(ascii: "\\"))
                    }
                    content.append(byte)
                }
                content += Array(") Tj\n".utf8)
            }
            content += Array("ET\n".utf8)
            objects.append(Array(
                ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(pageWidth) \(pageHeight)] "
                    + "/Resources << /Font << /F1 3 0 R >> >> /Contents \(5 + 2 * index) 0 R >>").utf8))
            objects.append(Array("<< /Length \(content.count) >>\nstream\n".utf8) + content + Array("endstream".utf8))
        }

        // The header's second line marks the file as binary (bytes above 127), as the spec advises.
        var pdf: [UInt8] = Array("%PDF-1.4\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.count)
            pdf += Array("\(index + 1) 0 obj\n".utf8)
            pdf += object
            pdf += Array("\nendobj\n".utf8)
        }
        let xref = pdf.count
        pdf += Array("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets {
            let digits = String(offset)
            pdf += Array((String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n").utf8)
        }
        pdf += Array("trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return Output(pdf: pdf, layoutText: layoutText, pages: pages.count, fontSize: fontSize)
    }

    /// The font size (hundredths of a point) for a letter whose longest line has `longestLine`
    /// characters and whose longest page has `lines` lines.
    static func size(longestLine: Int, lines: Int) -> Int {
        let width = (pageWidth - 2 * margin) * 100_000 / (advance * longestLine)
        let height = (pageHeight - 2 * margin) * 100 * 10 / (12 * lines)
        let fits = min(width, height)
        return sizes.first { $0 <= fits } ?? max(1, fits)
    }

    /// `9.2` for 920, `10` for 1000: a number as PDF writes it, the same on every machine.
    static func fixed(_ hundredths: Int) -> String {
        let whole = hundredths / 100
        let fraction = hundredths % 100
        if fraction == 0 { return String(whole) }
        if fraction % 10 == 0 { return "\(whole).\(fraction / 10)" }
        return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    struct Line {
        /// The line's text (UTF-8, no line end).
        var text: [UInt8]
        /// The same in WinAnsiEncoding, trailing spaces left out (they show nothing).
        var encoded: [UInt8]
    }

    /// The text's pages (at form feeds; a trailing form feed ends the last page), each a list of
    /// lines (at LF, CRLF or a lone CR), encoded; long pages cut.
    static func encodedPages(_ text: [UInt8]) throws(DocumentError) -> [[Line]] {
        var pages: [[Line]] = []
        var page: [Line] = []
        var line: [UInt8] = []
        var encoded: [UInt8] = []
        var lineNumber = 1
        var column = 1
        /// Ends the line; `newline`: at a line end of the text (not a form feed).
        func endLine(newline: Bool) {
            while encoded.last == 0x20 { encoded.removeLast() }
            page.append(Line(text: line, encoded: encoded))
            line = []
            encoded = []
            if newline {
                lineNumber += 1
                column = 1
            }
        }
        func endPage() {
            endLine(newline: false)
            if page.count > longestPage {
                for start in stride(from: 0, to: page.count, by: linesPerPage) {
                    pages.append(Array(page[start..<min(page.count, start + linesPerPage)]))
                }
            } else {
                pages.append(page)
            }
            page = []
        }
        let scalars = String(decoding: text, as: UTF8.self).unicodeScalars
        var iterator = scalars.makeIterator()
        var pending = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            switch scalar.value {
            case 0x0A:
                endLine(newline: true)
            case 0x0D:
                if pending?.value == 0x0A { pending = iterator.next() }
                endLine(newline: true)
            case 0x0C:
                endPage()
                column += 1
            default:
                guard let byte = winAnsi(scalar) else {
                    let code = String(scalar.value, radix: 16, uppercase: true)
                    throw .outputFailed(
                        reason: "line \(lineNumber), column \(column): the character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code) "
                            + "cannot be shown in the PDF's font (Courier, WinAnsiEncoding); no PDF written")
                }
                line += Array(String(scalar).utf8)
                encoded.append(byte)
                column += 1
            }
        }
        // Text after the last form feed is a last page; a trailing form feed ends the letter.
        if !line.isEmpty || !page.isEmpty || pages.isEmpty { endPage() }
        return pages
    }

    /// The WinAnsiEncoding byte of `scalar`, or nil when Courier in that encoding has no glyph for it.
    static func winAnsi(_ scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        if value >= 0x20 && value <= 0x7E { return UInt8(value) }
        if value >= 0xA0 && value <= 0xFF { return UInt8(value) }
        return windows1252Punctuation[value]
    }

    /// Windows-1252's characters in 0x80–0x9F.
    static let windows1252Punctuation: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02C6: 0x88,
        0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91, 0x2019: 0x92, 0x201C: 0x93,
        0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98, 0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B,
        0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]
}
