import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

/// PDF letters read through poppler-cpp: the text `pdftotext -layout` gives, and fail-closed reading.
@Suite struct PDFReaderTests {
    @Test func theRealPDFsAreAllThere() {
        #expect(Fixtures.realPDFNames.count == 150)
    }

    /// The text of every real PDF is byte for byte its `dwc/<CASE>.txt` (made by `pdftotext -layout`).
    @Test func extractionEqualsPdftotextLayoutOnEveryRealLetter() throws {
        var equal = 0
        var pages = 0
        for name in Fixtures.realPDFNames {
            let pdf = Array(try Data(contentsOf: Fixtures.realPDFs.appendingPathComponent(name + ".pdf")))
            let text = Array(try Data(contentsOf: Fixtures.realLetters.appendingPathComponent(name + ".txt")))
            let letter = try PDFReader.read(pdf)
            let difference = Fixtures.firstDifference(letter.text, text)
            #expect(difference == nil, "\(name): differs from pdftotext -layout at byte \(difference ?? -1)")
            if difference == nil { equal += 1 }
            // A form feed after every page, and nowhere else.
            #expect(letter.pageEnds.count == letter.text.filter { $0 == 0x0C }.count)
            #expect(letter.pageEnds.allSatisfy { letter.text[$0] == 0x0C })
            #expect(letter.encrypted)
            #expect(!letter.embeddedFiles)
            pages += letter.pageCount
        }
        #expect(equal == 150)
        #expect(pages >= 300)
    }

    @Test func aPDFIsKnownByItsFirstBytes() {
        #expect(PDFReader.isPDF(Array("%PDF-1.4\n".utf8)))
        #expect(!PDFReader.isPDF(Array(" %PDF-1.4\n".utf8)))
        #expect(!PDFReader.isPDF(Array("Case Number:".utf8)))
        #expect(PDFReader.isNamedPDF("a/B.PDF"))
        #expect(!PDFReader.isNamedPDF("a/pdf.txt"))
    }

    @Test func textNamedPDFIsRejectedAsNoPDF() {
        #expect(throws: DocumentError.unreadable(reason: "not a PDF (named .pdf, but it does not start with %PDF-)")) {
            try PDFReader.read(Array("Case Number: CM16-0000000\n".utf8))
        }
    }

    @Test func aTruncatedPDFIsRejected() throws {
        let pdf = Array(try Data(contentsOf: Fixtures.realPDFs.appendingPathComponent(Fixtures.realPDFNames[0] + ".pdf")))
        for length in [pdf.count - 10, pdf.count / 2, 100] {
            #expect(throws: DocumentError.unreadable(reason: "truncated PDF (no %%EOF at its end)")) {
                try PDFReader.read(Array(pdf.prefix(length)))
            }
        }
    }

    /// The XMP packet's text properties, named by the property an `rdf:li` item belongs to; short
    /// forms as attributes; entities decoded.
    @Test func xmpPropertiesAreRead() {
        let packet = """
            <?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" pdf:Producer="Writer &amp; Co">
            <dc:creator><rdf:Seq><rdf:li>Joy Q. Rivers</rdf:li></rdf:Seq></dc:creator>
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Letter &#233;t&#xE9;</rdf:li></rdf:Alt></dc:title>
            <pdfx:Company>Example Claims</pdfx:Company>
            </rdf:Description></rdf:RDF></x:xmpmeta>
            <?xpacket end="w"?>
            """
        let fields = PDFReader.xmpFields(Array(packet.utf8)).map { "\($0.name)=\($0.value)" }
        #expect(fields == [
            "pdf:Producer=Writer & Co", "dc:creator=Joy Q. Rivers", "dc:title=Letter été", "pdfx:Company=Example Claims",
        ])
    }
}
