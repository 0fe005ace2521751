import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

/// The PDF writer: a new PDF typeset from the text, deterministic, nothing but text.
@Suite struct PDFWriterTests {
    let letter = Array("Case Number:    CM16-0000001\nDate:   [DATE]      Priority: Standard\n\nRésumé (“quoted”) \\ 6/10 – €5\n\u{0C}Page two\n\u{0C}".utf8)

    @Test func theSameTextGivesTheSameBytes() throws {
        let first = try PDFWriter.write(letter)
        let second = try PDFWriter.write(letter)
        #expect(first.pdf == second.pdf)
        #expect(first.pages == 2)
        #expect(first.pdf.starts(with: Array("%PDF-1.4\n".utf8)))
        #expect(first.layoutText == Array(letter))
    }

    /// The text read back (poppler, as pdftotext -layout) is the text written, runs of spaces aside.
    @Test func theTextReadsBack() throws {
        let written = try PDFWriter.write(letter)
        let read = try PDFReader.read(written.pdf)
        #expect(read.pageCount == 2)
        #expect(read.metadata.isEmpty)
        #expect(!read.encrypted)
        let collapse = { (text: [UInt8]) in String(decoding: text, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        #expect(collapse(read.text) == collapse(letter))
    }

    @Test func aCharacterTheFontCannotShowIsAnError() {
        #expect(throws: DocumentError.outputFailed(
            reason: "line 2, column 3: the character U+4E2D cannot be shown in the PDF's font (Courier, WinAnsiEncoding); no PDF written")) {
            try PDFWriter.write(Array("ok\nab中\n".utf8))
        }
        #expect(throws: DocumentError.outputFailed(
            reason: "line 1, column 2: the character U+0009 cannot be shown in the PDF's font (Courier, WinAnsiEncoding); no PDF written")) {
            try PDFWriter.write(Array("a\tb\n".utf8))
        }
    }

    /// A text letter of 150 lines without form feeds is cut into pages of 66 lines, and says so.
    @Test func aLongPageIsCut() throws {
        let text = (1...150).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let written = try PDFWriter.write(Array(text.utf8))
        #expect(written.pages == 3)
        #expect(written.layoutText.filter { $0 == 0x0C }.count == 3)
        #expect(try PDFReader.read(written.pdf).pageCount == 3)
    }

    /// CRLF line ends are line ends, not characters.
    @Test func crlfIsALineEnd() throws {
        let written = try PDFWriter.write(Array("one\r\ntwo\r\n".utf8))
        #expect(written.layoutText == Array("one\ntwo\n\u{0C}".utf8))
    }
}
