import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

/// The properties the fuzz target checks on PDF inputs (`PDFProperties`): reading fails closed
/// and repeats itself, a letter read has a consistent shape, a PDF written reads back clean.
/// Messages carry counts and offsets only.
@Suite struct PDFPropertiesTests {
    let engine = RedactionEngine(ruleSet: Fixtures.ruleSet)

    func realPDF(_ index: Int) throws -> [UInt8] {
        Array(try Data(contentsOf: Fixtures.realPDFs.appendingPathComponent(Fixtures.realPDFNames[index] + ".pdf")))
    }

    /// Real letters read, twice, with every property holding.
    @Test func realPDFsReadWithEveryPropertyHolding() throws {
        for index in 0..<5 {
            let (outcome, violations) = PDFProperties.read(try realPDF(index))
            #expect(violations.isEmpty, "\(violations)")
            guard case .success(let letter) = outcome else {
                Issue.record("letter \(index) did not read")
                continue
            }
            #expect(PDFProperties.shape(of: letter).isEmpty)
        }
    }

    /// Damaged real letters fail closed with `unreadable`, the same way each time: no violation.
    @Test func damagedPDFsFailClosedTheSameWayTwice() throws {
        let pdf = try realPDF(0)
        let marker = Array("\n%%EOF\n".utf8)
        var mangled = pdf
        // Every `startxref` offset and xref entry pointing nowhere (digits made 9s).
        if let at = find(Array("startxref".utf8), in: mangled) {
            var index = at + 9
            while index < mangled.count && mangled[index] != UInt8(ascii: "%") {
                if mangled[index] >= UInt8(ascii: "0") && mangled[index] <= UInt8(ascii: "9") { mangled[index] = UInt8(ascii: "9") }
                index += 1
            }
        }
        let variants: [[UInt8]] = [
            Array(pdf.prefix(pdf.count / 2)),  // cut short: no %%EOF
            Array(pdf.prefix(pdf.count / 2)) + marker,  // cut short, %%EOF put back
            Array(pdf.prefix(4000)) + marker,
            Array("%PDF-1.4\n".utf8) + marker,  // nothing but the header
            mangled,
        ]
        for (index, variant) in variants.enumerated() {
            let (outcome, violations) = PDFProperties.read(variant)
            #expect(violations.isEmpty, "variant \(index): \(violations)")
            guard case .failure(let error) = outcome, case .unreadable = error else {
                Issue.record("variant \(index) was read")
                continue
            }
        }
    }

    /// A letter whose pages and form feeds do not fit together breaks the shape property.
    @Test func aLetterOfTheWrongShapeIsAViolation() throws {
        let letter = try PDFReader.read(try realPDF(0))
        #expect(PDFProperties.shape(of: letter).isEmpty)

        var extraText = letter
        extraText.text += Array("more".utf8)
        #expect(PDFProperties.shape(of: extraText).map(\.kind) == [.letterShape])

        var noPages = letter
        noPages.pageEnds = []
        #expect(PDFProperties.shape(of: noPages).map(\.kind) == [.letterShape])

        var outside = letter
        outside.pageEnds[outside.pageEnds.count - 1] = letter.text.count + 5
        #expect(PDFProperties.shape(of: outside).map(\.kind) == [.letterShape])

        var blank = letter
        blank.text = blank.text.map { $0 == 0x0C || $0 == 0x0A ? $0 : 0x20 }
        let violations = PDFProperties.shape(of: blank)
        #expect(violations.map(\.kind) == [.letterShape])
        #expect(violations.allSatisfy { $0.detail == "a letter read without any text" })

        var moved = letter
        moved.pageEnds[0] -= 1
        #expect(!PDFProperties.shape(of: moved).isEmpty)
    }

    /// Only `unreadable` (with a reason) is a reading failure that keeps the properties.
    @Test func aReadingErrorMustBeUnreadable() {
        #expect(PDFProperties.reading(.failure(.unreadable(reason: "damaged PDF"))).isEmpty)
        #expect(PDFProperties.reading(.failure(.empty)).map(\.kind) == [.readError])
        #expect(PDFProperties.reading(.failure(.unreadable(reason: ""))).map(\.kind) == [.readError])
    }

    /// A PDF the writer made reads back and passes the structure checks; the same with a
    /// forbidden name added does not.
    @Test func aWrittenPDFReadsBackClean() throws {
        let text = Array("Case Number:    CM16-0000001\nDecision:       Upheld\n\u{0C}".utf8)
        let written = try PDFWriter.write(text)
        let verification = PDFVerification(engine: engine)
        let report = try verification.check(pdf: written.pdf, written: written.layoutText, identifiers: [])
        #expect(report.passed)
        #expect(PDFProperties.written(written.pdf, report: report).isEmpty)

        let withName = written.pdf + Array("% /Metadata\n%%EOF\n".utf8)
        let bad = try verification.check(pdf: withName, written: written.layoutText, identifiers: [])
        #expect(PDFProperties.written(withName, report: bad).contains { $0.kind == .writtenStructure })

        let garbage = Array("%PDF-1.4\nnot a PDF at all\n%%EOF\n".utf8)
        let unread = try verification.check(pdf: garbage, written: written.layoutText, identifiers: [])
        let kinds = PDFProperties.written(garbage, report: unread).map(\.kind)
        #expect(kinds.contains(.writtenUnreadable))
        #expect(kinds.contains(.writtenStructure))
    }

    func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).last { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
