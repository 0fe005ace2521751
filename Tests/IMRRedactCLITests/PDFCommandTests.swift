import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

/// End-to-end: PDF letters through `redact`, `parse`, `verify` and `check`.
@Suite struct PDFCommandTests {
    static var firstPDF: URL { Fixtures.realPDFs.appendingPathComponent(Fixtures.realPDFNames[0] + ".pdf") }
    static var firstText: URL { Fixtures.realLetters.appendingPathComponent(Fixtures.realPDFNames[0] + ".txt") }

    /// A PDF is redacted as its text: the same output as the `pdftotext -layout` text gives.
    @Test func aPDFIsRedactedAsItsText() throws {
        let fromPDF = try CommandRunner.run(["redact", Self.firstPDF.path])
        let fromText = try CommandRunner.run(["redact", Self.firstText.path])
        #expect(fromPDF.status == 0)
        #expect(!fromPDF.stdout.isEmpty)
        #expect(Fixtures.firstDifference(Array(fromPDF.stdout), Array(fromText.stdout)) == nil)
        #expect(fromPDF.stderr.contains("1 documents in, 1 written, 0 rejected"))
    }

    /// Known by content: a PDF named otherwise (and read from stdin) is still a PDF.
    @Test func aPDFIsKnownByContentNotName() throws {
        let folder = try Fixtures.temporaryDirectory()
        let renamed = folder.appendingPathComponent("letter.bin")
        try FileManager.default.copyItem(at: Self.firstPDF, to: renamed)
        let fromText = try CommandRunner.run(["redact", Self.firstText.path])
        let byName = try CommandRunner.run(["redact", renamed.path])
        let byStdin = try CommandRunner.run(["redact"], stdin: try Data(contentsOf: Self.firstPDF))
        #expect(byName.status == 0)
        #expect(byStdin.status == 0)
        #expect(Fixtures.firstDifference(Array(byName.stdout), Array(fromText.stdout)) == nil)
        #expect(Fixtures.firstDifference(Array(byStdin.stdout), Array(fromText.stdout)) == nil)
    }

    /// With --out, a PDF's redacted text is named .txt.
    @Test func aPDFsTextOutputIsNamedTxt() throws {
        let folder = try Fixtures.temporaryDirectory()
        let result = try CommandRunner.run(["redact", "--out", folder.path, Self.firstPDF.path])
        #expect(result.status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names == [Fixtures.realPDFNames[0] + ".txt"])
    }

    @Test func parseReadsAPDF() throws {
        let fromPDF = try CommandRunner.run(["parse", Self.firstPDF.path])
        let fromText = try CommandRunner.run(["parse", Self.firstText.path])
        #expect(fromPDF.status == 0)
        // The same structure; only the id (the path) differs.
        let strip = { (output: CommandRunner.Output) in output.stdoutText.split(separator: ",", maxSplits: 1).last.map(String.init) }
        #expect(strip(fromPDF) == strip(fromText))
        #expect(fromPDF.stdoutText.contains(#""layout":"case-number""#))
    }

    @Test func verifyReadsAPDFOriginal() throws {
        let folder = try Fixtures.temporaryDirectory()
        let redacted = folder.appendingPathComponent("r.txt")
        try CommandRunner.run(["redact", Self.firstPDF.path]).stdout.write(to: redacted)
        let result = try CommandRunner.run(["verify", Self.firstPDF.path, redacted.path])
        #expect(result.status == 0)
        #expect(result.stdoutText.contains(": pass:"))
    }

    @Test func checkReadsAPDF() throws {
        let fromPDF = try CommandRunner.run(["check", "--quiet", Self.firstPDF.path])
        let fromText = try CommandRunner.run(["check", "--quiet", Self.firstText.path])
        #expect(fromPDF.status == 1)
        let tails = { (output: CommandRunner.Output) in
            output.stdoutText.split(separator: "\n").filter { !$0.contains("metadata") }.map { $0.split(separator: ":", maxSplits: 1).last.map(String.init) ?? "" }
        }
        #expect(!tails(fromPDF).isEmpty)
        #expect(tails(fromPDF) == tails(fromText))
    }

    /// Bad PDFs fail closed, each with one line naming the file and the reason; the good one is
    /// written; the counts reconcile; exit 1.
    @Test func badPDFsAreRejectedAndTheOthersWritten() throws {
        let folder = try Fixtures.temporaryDirectory()
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let pdf = try Data(contentsOf: Self.firstPDF)
        let truncated = folder.appendingPathComponent("truncated.pdf")
        try pdf.prefix(pdf.count / 2).write(to: truncated)
        let encrypted = folder.appendingPathComponent("encrypted.pdf")
        let qpdf = try Fixtures.tool("qpdf", ["--encrypt", "user", "owner", "256", "--", Self.firstPDF.path, encrypted.path])
        #expect(qpdf.status == 0)
        let renamed = folder.appendingPathComponent("renamed.pdf")
        try FileManager.default.copyItem(at: Self.firstText, to: renamed)
        let damaged = folder.appendingPathComponent("damaged.pdf")
        var bytes = Array(pdf)
        // The cross-reference table and trailer overwritten, %%EOF kept: poppler cannot load it.
        for index in (bytes.count / 3)..<(bytes.count - 8) { bytes[index] = 0x20 }
        try Data(bytes).write(to: damaged)
        let good = folder.appendingPathComponent("good.pdf")
        try FileManager.default.copyItem(at: Self.firstPDF, to: good)

        let audit = folder.appendingPathComponent("audit.jsonl")
        let result = try CommandRunner.run([
            "redact", "--out", out.path, "--audit", audit.path, truncated.path, encrypted.path, renamed.path, damaged.path, good.path,
        ])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("imr-redact: \(truncated.path): cannot read: truncated PDF (no %%EOF at its end); not written"))
        #expect(lines.contains("imr-redact: \(encrypted.path): cannot read: password-protected PDF (it needs a user password to open); not written"))
        #expect(lines.contains("imr-redact: \(renamed.path): cannot read: not a PDF (named .pdf, but it does not start with %PDF-); not written"))
        #expect(lines.contains { $0.hasPrefix("imr-redact: \(damaged.path): cannot read: damaged PDF") && $0.hasSuffix("; not written") })
        #expect(result.stderr.contains("5 documents in, 1 written, 4 rejected"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["good.txt"])
        let records = try String(contentsOf: audit, encoding: .utf8)
        #expect(records.contains(#""documents_in":5,"written":1,"rejected":4"#))
    }
}

/// The metadata of PDF inputs: reported in the audit (field, category, digest; never the value),
/// in the summary and by `check`.
@Suite struct PDFMetadataCommandTests {
    static var firstPDF: URL { PDFCommandTests.firstPDF }

    /// The Author value of the first real PDF (kept in memory, never printed).
    static func author() throws -> [UInt8] {
        let letter = try PDFReader.read(Array(try Data(contentsOf: firstPDF)))
        return Array(try #require(letter.metadata.first { $0.name == "Author" }).value.utf8)
    }

    @Test func theAuditRecordsMetadataFindingsWithoutTheirValue() throws {
        let folder = try Fixtures.temporaryDirectory()
        let key = folder.appendingPathComponent("key")
        try Data(repeating: 7, count: 32).write(to: key)
        let audit = folder.appendingPathComponent("audit.jsonl")
        let result = try CommandRunner.run(["redact", "--audit", audit.path, "--key-file", key.path, Self.firstPDF.path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("; PDF metadata: 2 identifiers in 1 documents (PERSON 2), none carried over"))
        let bytes = Array(try Data(contentsOf: audit))
        let records = String(decoding: bytes, as: UTF8.self).split(separator: "\n").filter { $0.contains(#""type":"metadata""#) }
        #expect(records.count == 2)
        #expect(records.allSatisfy { $0.contains(#""category":"PERSON","rule":"metadata.author","action":"remove","digest":""#) })
        #expect(records.first?.contains(#""source":"info","field":"Author""#) == true)
        #expect(records.last?.contains(#""source":"xmp","field":"dc:creator""#) == true)
        // The two digests are of the same name.
        let digests = records.map { $0.split(separator: #""digest":""#).last?.prefix(64) }
        #expect(digests[0] == digests[1])
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""metadata_documents":1,"metadata":{"PATIENT":0,"PROVIDER":0,"PERSON":2"#))
        let name = try Self.author()
        #expect(!bytes.containsSubsequence(name))
        #expect(!Array(result.stderr.utf8).containsSubsequence(name))
        #expect(!Array(result.stdout).containsSubsequence(name))
    }

    @Test func checkReportsTheMetadataFindings() throws {
        let result = try CommandRunner.run(["check", "--quiet", Self.firstPDF.path])
        #expect(result.status == 1)
        let lines = result.stdoutText.split(separator: "\n")
        #expect(lines.filter { $0.hasSuffix("(in the PDF's metadata: Info Author)") }.count == 1)
        #expect(lines.filter { $0.hasSuffix("(in the PDF's metadata: XMP dc:creator)") }.count == 1)
        #expect(lines.first?.contains(": PERSON metadata.author ") == true)
        #expect(!Array(result.stdout).containsSubsequence(try Self.author()))
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in the array.
    func containsSubsequence(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        for start in 0...(count - needle.count) where self[start] == needle[0] {
            if self[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}

/// `redact --format pdf` on the 150 real PDFs: every letter written as a new PDF that passes
/// `--verify`, holds no identifier of the original and no metadata, and reads back as its text.
@Suite struct PDFOutputCommandTests {
    @Test func everyRealLetterRoundTripsAsAPDF() throws {
        let folder = try Fixtures.temporaryDirectory()
        let pdfs = folder.appendingPathComponent("pdf")
        let texts = folder.appendingPathComponent("txt")
        for sub in [pdfs, texts] { try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true) }
        let inputs = Fixtures.realPDFNames.map { Fixtures.realPDFs.appendingPathComponent($0 + ".pdf").path }
        let written = try CommandRunner.run(["redact", "--quiet", "--verify", "--format", "pdf", "--out", pdfs.path] + inputs)
        #expect(written.status == 0)
        #expect(written.stderr.contains("150 documents in, 150 written, 0 rejected"))
        let asText = try CommandRunner.run(["redact", "--quiet", "--out", texts.path] + inputs)
        #expect(asText.status == 0)
        let engine = RedactionEngine(ruleSet: Fixtures.ruleSet)
        var wordExact = 0
        var clean = 0
        for name in Fixtures.realPDFNames {
            let pdf = Array(try Data(contentsOf: pdfs.appendingPathComponent(name + ".pdf")))
            let redacted = Array(try Data(contentsOf: texts.appendingPathComponent(name + ".txt")))
            let back = try PDFReader.read(pdf)
            #expect(back.metadata.isEmpty, "\(name)")
            let words = { (text: [UInt8]) in String(decoding: text, as: UTF8.self).split(whereSeparator: \.isWhitespace) }
            if words(back.text) == words(redacted) { wordExact += 1 }
            // No identifier of the original in the PDF's bytes (unless the redacted text shows it,
            // as the default policy's placeholders never do), nor the metadata's name.
            let source = try PDFReader.read(Array(try Data(contentsOf: Fixtures.realPDFs.appendingPathComponent(name + ".pdf"))))
            let result = try engine.redact(source.text)
            var leaks = 0
            let identifiers = result.substitutions.map { Array(source.text[$0.start..<$0.end]) }
                + source.metadata.filter { $0.name == "Author" }.map { Array($0.value.utf8) }
            for identifier in identifiers where identifier.count >= 4 && !redacted.containsSubsequence(identifier) {
                if pdf.containsSubsequence(identifier) { leaks += 1 }
            }
            #expect(leaks == 0, "\(name): \(leaks) identifiers of the original in the PDF's bytes")
            if leaks == 0 { clean += 1 }
        }
        #expect(wordExact == 150)
        #expect(clean == 150)
        // pdfinfo sees no author, no metadata stream.
        let info = try Fixtures.tool("pdfinfo", [pdfs.appendingPathComponent(Fixtures.realPDFNames[0] + ".pdf").path])
        #expect(info.status == 0)
        #expect(!info.stdoutText.contains("Author:"))
        #expect(!info.stdoutText.contains("Creator:"))
        #expect(info.stdoutText.contains("Metadata Stream: no"))
    }

    @Test func anOutputNamedPDFIsAPDF() throws {
        let folder = try Fixtures.temporaryDirectory()
        let out = folder.appendingPathComponent("published.pdf")
        let result = try CommandRunner.run(["redact", "--policy", "public-release", "--out", out.path, PDFCommandTests.firstPDF.path])
        #expect(result.status == 0)
        #expect(PDFReader.isPDF(Array(try Data(contentsOf: out)).prefix(8)))
        let two = try CommandRunner.run(["redact", "--out", out.path, PDFCommandTests.firstPDF.path, PDFCommandTests.firstPDF.path])
        #expect(two.status == 2)
        let stdout = try CommandRunner.run(["redact", "--format", "pdf", PDFCommandTests.firstPDF.path])
        #expect(stdout.status == 2)
        #expect(stdout.stderr.contains("--format pdf needs --out"))
    }

    /// A text letter to PDF; a character the font cannot show rejects that letter only.
    @Test func anUnshowableCharacterRejectsThatLetterOnly() throws {
        let folder = try Fixtures.temporaryDirectory()
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let good = folder.appendingPathComponent("good.txt")
        try Data("Date of injury 3/5/12.\n".utf8).write(to: good)
        let bad = folder.appendingPathComponent("bad.txt")
        try Data("Decision: Upheld 中\n".utf8).write(to: bad)
        let result = try CommandRunner.run(["redact", "--format", "pdf", "--out", out.path, good.path, bad.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains(
            "\(bad.path): cannot write the output: line 1, column 18: the character U+4E2D cannot be shown in the PDF's font (Courier, WinAnsiEncoding); no PDF written; not written"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["good.pdf"])
        #expect(result.stderr.contains("2 documents in, 1 written, 1 rejected"))
    }
}

/// `verify ORIGINAL REDACTED.pdf`, and the scanned-page cases of fail-closed reading.
@Suite struct PDFVerifyCommandTests {
    /// Every real letter written as a PDF verifies against its original PDF (ten of them here;
    /// `redact --verify` checks all 150 in PDFOutputCommandTests).
    @Test func aWrittenPDFVerifiesAgainstItsOriginal() throws {
        let folder = try Fixtures.temporaryDirectory()
        let names = Array(Fixtures.realPDFNames.prefix(10))
        let inputs = names.map { Fixtures.realPDFs.appendingPathComponent($0 + ".pdf").path }
        let written = try CommandRunner.run(["redact", "--quiet", "--policy", "public-release", "--format", "pdf", "--out", folder.path] + inputs)
        #expect(written.status == 0)
        for name in names {
            let result = try CommandRunner.run([
                "verify", "--policy", "public-release", Fixtures.realPDFs.appendingPathComponent(name + ".pdf").path,
                folder.appendingPathComponent(name + ".pdf").path,
            ])
            #expect(result.status == 0, "\(name): \(result.stdoutText)")
            #expect(result.stdoutText.contains("; PDF: "), "\(name)")
        }
    }

    /// The original itself as the "redacted" PDF: its metadata, images, compression and
    /// encryption fail it (its text, dates and case number kept, would pass as published).
    @Test func theOriginalPDFDoesNotPassAsItsRedaction() throws {
        let original = PDFCommandTests.firstPDF.path
        let result = try CommandRunner.run(["verify", original, original])
        #expect(result.status == 1)
        #expect(result.stdoutText.contains("pdf-structure: the PDF is encrypted"))
        #expect(result.stdoutText.contains("pdf-structure: the PDF has"))
        #expect(result.stdoutText.contains("pdf-structure: the PDF holds /Info"))
        #expect(result.stdoutText.contains("pdf-structure: the PDF holds /Metadata"))
        #expect(result.stdoutText.contains("pdf-structure: the PDF holds /Image"))
        #expect(result.stdoutText.contains("pdf-structure: the PDF holds /Filter"))
        #expect(result.stdoutText.hasSuffix(": fail: 9 violations\n"))
    }

    /// A PDF with a page without text among pages with text, and one without text at all (its
    /// one page paints a rule: not blank), are rejected; a blank page is fine.
    @Test func scannedPagesAreRejected() throws {
        let folder = try Fixtures.temporaryDirectory()
        let pdf = try PDFWriter.write(Array("Case Number: CM16-0000001\nDecision: Upheld\n\u{0C}".utf8)).pdf
        let textPDF = folder.appendingPathComponent("text.pdf")
        try Data(pdf).write(to: textPDF)
        // A page that paints a filled rectangle and no text: a scan as far as the reader can tell.
        let ink = folder.appendingPathComponent("ink.pdf")
        try Data(TestPDF.onePage(content: "0 0 0 rg 72 72 400 600 re f\n")).write(to: ink)
        let blank = folder.appendingPathComponent("blank.pdf")
        try Data(TestPDF.onePage()).write(to: blank)
        let mixed = folder.appendingPathComponent("mixed.pdf")
        let qpdf = try Fixtures.tool("qpdf", ["--empty", "--pages", textPDF.path, ink.path, "--", mixed.path])
        #expect(qpdf.status == 0)
        let withBlank = folder.appendingPathComponent("with-blank.pdf")
        #expect(try Fixtures.tool("qpdf", ["--empty", "--pages", textPDF.path, blank.path, "--", withBlank.path]).status == 0)

        let result = try CommandRunner.run(["redact", ink.path, mixed.path, withBlank.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(ink.path): cannot read: PDF without a text layer (a scan?); its text cannot be read; not written"))
        #expect(result.stderr.contains("\(mixed.path): cannot read: page 2 of 2 without text while the others have it (a scanned page?); not written"))
        #expect(result.stderr.contains("3 documents in, 1 written, 2 rejected"))
    }
}
