import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

/// Identifiers in a PDF's metadata: author fields name a person unless they name software or an
/// account; other fields go through the letter detection; software names are no findings.
@Suite struct MetadataFindingsTests {
    let scanner = MetadataFindings(engine: RedactionEngine(ruleSet: Fixtures.ruleSet))

    func field(_ name: String, _ value: String, _ source: PDFMetadataField.Source = .info) -> PDFMetadataField {
        PDFMetadataField(source: source, name: name, value: value)
    }

    /// Every real PDF names a person in Info Author and XMP dc:creator, and nowhere else
    /// (Creator and Producer name software; Company names the review organisation).
    @Test func everyRealPDFNamesAPersonInAuthorAndDcCreator() throws {
        var letters = 0
        for name in Fixtures.realPDFNames {
            let pdf = Array(try Data(contentsOf: Fixtures.realPDFs.appendingPathComponent(name + ".pdf")))
            let letter = try PDFReader.read(pdf)
            let findings = try scanner.findings(letter.metadata)
            let places = findings.map { "\($0.place) \($0.category.rawValue) \($0.ruleID)" }
            #expect(places == ["Info Author PERSON metadata.author", "XMP dc:creator PERSON metadata.author"], "\(name)")
            // Both fields hold the same name.
            #expect(Set(findings.map(\.value)).count == 1, "\(name)")
            if places.count == 2 { letters += 1 }
        }
        #expect(letters == 150)
    }

    @Test func softwareAndAccountsAreNoFindings() throws {
        let fields = [
            field("Creator", "Microsoft® Word 2013"), field("Producer", "Adobe PDF Library 15.0"),
            field("Creator", "Acrobat PDFMaker 15 for Word"), field("Author", "Administrator"),
            field("Author", "Microsoft Office User"), field("xmp:CreatorTool", "LibreOffice Writer", .xmp),
            field("Producer", "GPL Ghostscript 9.56.1"), field("CreationDate", "D:20161229102204-05'00'"),
            field("xmpMM:DocumentID", "uuid:5b11822a-a1ea-4e34-a800-829ca6086a11", .xmp), field("Author", "  "),
        ]
        #expect(try scanner.findings(fields).isEmpty)
    }

    @Test func anAuthorIsAPersonAndOtherFieldsAreDetected() throws {
        let findings = try scanner.findings([
            field("Author", "Joy Rivers"), field("dc:creator", "Kalani Okafor-Brandt", .xmp),
            field("Title", "Letter to Dr. Alan Chu"), field("Subject", "Independent Medical Review"),
            field("My Own Key", "Joy Rivers, MD"),
        ])
        let shown = findings.map { "\($0.place) \($0.category.rawValue) \($0.ruleID == MetadataFindings.authorRule)" }
        #expect(shown.prefix(3) == ["Info Author PERSON true", "XMP dc:creator PERSON true", "Info Title PROVIDER false"])
        #expect(findings.count == 4)
        // A custom key is the file's own text: it is not shown.
        #expect(findings.last?.place == "Info (custom field)")
        #expect(findings.last?.category.isPersonName == true)
    }
}
