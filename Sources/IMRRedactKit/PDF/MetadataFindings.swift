/// An identifier found in a PDF's metadata. Reported by its field, category, rule and a keyed
/// digest; the value itself stays in memory (digests, and masking the same name in the letter's
/// text) and is never written anywhere.
public struct MetadataFinding: Sendable, Hashable {
    public var source: PDFMetadataField.Source
    /// The field's name as it may be shown (`MetadataFindings.shownName`).
    public var field: String
    public var category: Category
    /// `metadata.author` (a person named in an author field), or the rule that found the
    /// identifier in another field's text.
    public var ruleID: String
    public var value: String

    /// `Info Author`, `XMP dc:creator`.
    public var place: String { "\(source == .info ? "Info" : "XMP") \(field)" }
}

/// Finds the identifiers of a PDF's metadata. Author fields (`Author`, `dc:creator`, ...) name a
/// person unless they name software or a generic account (`Microsoft Office User`,
/// `Administrator`); every other field with text (Title, Subject, Keywords, Company, custom keys,
/// `dc:title`, `pdfx:*` ...) is run through the letter detection; the document's own dates and
/// ids (`CreationDate`, `xmpMM:DocumentID` ...) and software fields that name software are not
/// identifiers. One scanner per thread (it uses an engine).
public struct MetadataFindings {
    let engine: RedactionEngine

    public init(engine: RedactionEngine) {
        self.engine = engine
    }

    /// Rule id of a person named in an author field.
    public static let authorRule = "metadata.author"

    /// Fields that name who wrote the document.
    static let authorFields: Set<String> = [
        "author", "dc:creator", "pdf:author", "pdfx:author", "lastmodifiedby", "last modified by", "manager",
        "lastauthor", "photoshop:authorsposition", "xmp:author",
    ]

    /// Fields that hold the document's own dates, ids and format: never identifiers of anyone.
    static let documentFields: Set<String> = [
        "creationdate", "moddate", "xmp:createdate", "xmp:modifydate", "xmp:metadatadate", "pdfx:sourcemodified",
        "sourcemodified", "xmpmm:documentid", "xmpmm:instanceid", "xmpmm:originaldocumentid", "xmpmm:versionid",
        "xmpmm:renditionclass", "dc:format", "trapped", "pdf:trapped", "pdf:pdfversion", "pdfaid:part",
        "pdfaid:conformance", "xmptpg:npages",
    ]

    /// Words that show a value names software (a producer, a printer driver, a scanner), not a person.
    static let softwareWords: Set<String> = [
        "microsoft", "excel", "powerpoint", "outlook", "acrobat", "adobe", "pdfmaker", "distiller",
        "indesign", "illustrator", "photoshop", "pdf", "libreoffice", "openoffice", "ghostscript",
        "gpl", "pdftex", "latex", "tex", "xetex", "luatex", "quartz", "pdfcontext", "pscript", "pscript5.dll", "dll",
        "printer", "driver", "cairo", "poppler", "qpdf", "itext", "itextsharp", "pdfsharp", "nitro", "foxit", "scanner", "scan", "xerox", "ricoh", "kyocera", "konica", "minolta", "lexmark",
        "epson", "toshiba", "windows", "macos", "chrome", "chromium", "skia", "wkhtmltopdf", "reportlab",
        "mpdf", "tcpdf", "fpdf", "dompdf", "aspose", "pdfium", "google", "smallpdf", "sejda",
        "pdfelement", "wondershare", "primopdf", "cutepdf", "bullzip", "pdfcreator", "novapdf", "nuance", "kofax",
        "paperport", "omnipage", "abbyy", "finereader", "imr-redact",
    ]

    /// Author values that name an account, not a person.
    static let genericAuthors: Set<String> = [
        "administrator", "admin", "user", "owner", "unknown", "default", "guest", "author", "staff", "scanner",
        "system", "root", "anonymous", "none", "n/a", "na", "-", "redacted",
    ]

    /// The identifiers of `fields`.
    /// - Throws: `DocumentError` when a field's text cannot be scanned in full (fail closed).
    public func findings(_ fields: [PDFMetadataField]) throws(DocumentError) -> [MetadataFinding] {
        var result: [MetadataFinding] = []
        for field in fields {
            let key = field.name.lowercased()
            if Self.documentFields.contains(key) { continue }
            let shown = Self.shownName(field.name)
            if Self.authorFields.contains(key) {
                if !Self.isSoftwareOrAccount(field.value) {
                    result.append(MetadataFinding(
                        source: field.source, field: shown, category: .PERSON, ruleID: Self.authorRule, value: field.value))
                }
                continue
            }
            if Self.isSoftware(field.value) { continue }
            // Any other text: what the letter detection finds in it.
            var text = Array(field.value.utf8)
            text.removeAll { $0 == 0 }
            guard !text.isEmpty else { continue }
            text.append(0x0A)
            let analysis: Resolver.Resolution = try text.withUnsafeBufferPointer { buffer throws(DocumentError) in
                try engine.analyze(buffer)
            }
            for span in analysis.identifiers {
                result.append(MetadataFinding(
                    source: field.source, field: shown, category: span.category, ruleID: span.ruleID,
                    value: String(decoding: text[span.start..<span.end], as: UTF8.self)))
            }
        }
        // The same value in Info and XMP is two findings (two places to look), but one name.
        return result
    }

    /// A field name as audits and messages may show it: a plain name (`Author`, `pdfx:Company`),
    /// else `(custom field)`, since a custom key is the file's own text.
    public static func shownName(_ name: String) -> String {
        let plain = !name.isEmpty && name.utf8.count <= 64 && name.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x3A || $0 == 0x5F
                || $0 == 0x2D || $0 == 0x2E
        }
        return plain ? name : "(custom field)"
    }

    static func words(_ value: String) -> [String] {
        value.lowercased().split { $0 == " " || $0 == "," || $0 == ";" || $0 == "(" || $0 == ")" || $0 == "/" || $0 == "_" }
            .map(String.init)
    }

    /// A value that names software: a software word, a registered or trade mark sign, or a
    /// version number (`15.0`, `v2.1`).
    static func isSoftware(_ value: String) -> Bool {
        if value.contains("®") || value.contains("™") { return true }
        for word in words(value) {
            if softwareWords.contains(word) { return true }
            let digits = word.drop { $0 == "v" }
            if digits.contains("."), digits.split(separator: ".").allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) {
                return true
            }
        }
        return false
    }

    static func isSoftwareOrAccount(_ value: String) -> Bool {
        let words = words(value)
        if words.isEmpty || !value.contains(where: \.isLetter) { return true }
        if words.allSatisfy(genericAuthors.contains) { return true }
        return isSoftware(value)
    }
}
