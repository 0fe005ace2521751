import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

/// The review report (`ReviewReport`, `ReviewHTML`): escaping, the marks drawn over each letter,
/// the redacted text as published, what the default report holds (no original identifier),
/// owner-only folders with originals, and totals and digests that reconcile. The same report in
/// a real browser: `ReviewBrowserTests`. Failures print offsets and categories, never letter text.
@Suite struct ReviewTests {
    /// Runs the redaction over `paths` with a review report into a new folder.
    static func report(
        paths: [String], withOriginal: Bool = false, strict: Bool = false, verify: Bool = true,
        ruleSet: RuleSet = Fixtures.ruleSet
    ) throws -> (folder: URL, summary: RunSummary, documents: [FinishedDocument]) {
        let folder = try Fixtures.temporaryDirectory().appendingPathComponent("report")
        var options = RedactOptions()
        options.writesOutput = false
        options.verify = verify
        options.strict = strict
        var context = ReviewHTML.Context()
        context.withOriginal = withOriginal
        context.verify = verify
        context.rules = Fixtures.ruleSet.digest
        let report = try ReviewReport(directory: folder.path, context: context)
        let runner = RedactRunner(ruleSet: ruleSet, options: options) { _ in }
        nonisolated(unsafe) var documents: [FinishedDocument] = []
        runner.finished = { document throws(DocumentError) in
            documents.append(document)
            try report.add(document)
        }
        let summary = try runner.run(paths: paths)
        try report.finish(summary: summary)
        return (folder, summary, documents)
    }

    static var devLetterPaths: [String] {
        let folder = Fixtures.shared.appendingPathComponent("eval/dev/letters")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { folder.appendingPathComponent($0).path }
    }

    static func read(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    /// The text between `<pre ... id="ID">` and its `</pre>`, tags removed and entities decoded:
    /// what a browser shows as the letter's text.
    static func shownText(of page: [UInt8], id: String) -> [UInt8]? {
        let html = String(decoding: page, as: UTF8.self)
        guard let open = html.range(of: "id=\"\(id)\">"), let close = html.range(of: "</pre>", range: open.upperBound..<html.endIndex)
        else { return nil }
        var text = ""
        var inTag = false
        // A form feed is shown as a page-break element.
        let body = html[open.upperBound..<close.lowerBound].replacingOccurrences(of: "<span class=\"ff\"", with: "\u{0C}<span")
        for character in body {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        let decoded = text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&#xFFFD;", with: "\u{FFFD}").replacingOccurrences(of: "&amp;", with: "&")
        return Array(decoded.utf8)
    }

    /// `bytes` with CRLF and a lone CR as LF, as an HTML page shows them.
    static func lineFeeds(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0D {
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A { continue }
                result.append(0x0A)
            } else {
                result.append(byte)
            }
        }
        return result
    }

    /// `(start, end, category)` of every substitution mark of the redacted view (`id="sN"`).
    static func marks(in page: [UInt8]) throws -> [(Int, Int, String)] {
        let html = String(decoding: page, as: UTF8.self)
        let pattern = try NSRegularExpression(
            pattern: #"<mark class="s c-([A-Z]+)[^"]*" id="s\d+"[^>]* data-cat="([A-Z]+)"[^>]* data-start="(\d+)" data-end="(\d+)""#)
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { match in
            func group(_ index: Int) -> String { String(html[Range(match.range(at: index), in: html)!]) }
            #expect(group(1) == group(2))
            return (Int(group(3))!, Int(group(4))!, group(2))
        }
    }

    @Test func textAndAttributesAreEscaped() {
        var out: [UInt8] = []
        HTMLOutput.appendText("a & b < c > d \" e ' f\r\ng\rh\u{0C}i\u{07}", to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "a &amp; b &lt; c &gt; d &quot; e &#39; f\ng\nh&#xFFFD;i&#xFFFD;")
        out = []
        HTMLOutput.appendAttribute("title", "x\" onmouseover='y'", to: &out)
        #expect(String(decoding: out, as: UTF8.self) == #" title="x&quot; onmouseover=&#39;y&#39;""#)
    }

    @Test func aLetterThatHoldsMarkupIsShownAsTextNeverAsMarkup() throws {
        let folder = try Fixtures.temporaryDirectory()
        let letter = folder.appendingPathComponent("a&b.txt")
        let text = "Seen by Dr. Alan Chu on 3/5/12. <script>alert(1)</script> <img src=x onerror=y> & \"quoted\" 'single'\n"
        try Data(text.utf8).write(to: letter)
        let (report, _, documents) = try Self.report(paths: [letter.path])
        let page = try Self.read(report.appendingPathComponent("letters/000001.html"))
        let html = String(decoding: page, as: UTF8.self)
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("a&amp;b.txt"))
        let output = try #require(documents.first?.result?.output)
        #expect(Self.shownText(of: page, id: "redacted") == output)
    }

    @Test func everySubstitutionHasItsMarkAndTheRedactedViewIsTheOutputByteForByte() throws {
        let (report, _, documents) = try Self.report(paths: Self.devLetterPaths)
        #expect(documents.count == 12)
        for document in documents {
            let result = try #require(document.result)
            let page = try Self.read(report.appendingPathComponent("letters/" + ReviewHTML.pageName(document.number)))
            let marks = try Self.marks(in: page)
            let expected = result.substitutions.map { ($0.start, $0.end, $0.category.rawValue) }
            #expect(marks.count == expected.count, "letter \(document.number)")
            for (found, wanted) in zip(marks, expected) where found != wanted {
                Issue.record("letter \(document.number): mark at \(found.0)-\(found.1) \(found.2), substitution at \(wanted.0)-\(wanted.1) \(wanted.2)")
                break
            }
            let shown = try #require(Self.shownText(of: page, id: "redacted"))
            if let offset = Fixtures.firstDifference(shown, Self.lineFeeds(result.output)) {
                Issue.record("letter \(document.number): the page's text differs from the output at byte \(offset)")
            }
            // Every residue token is marked, and a needs-review letter says so.
            let html = String(decoding: page, as: UTF8.self)
            for (index, token) in result.residue.enumerated() {
                #expect(html.contains("id=\"r\(index)\""), "letter \(document.number): residue at \(token.start)")
            }
            #expect(html.contains("data-state=\"\(result.residue.isEmpty ? "clean" : "needs-review")\""))
            #expect(!html.contains("id=\"original\""))
            #expect(!html.contains("CONTAINS IDENTIFIERS"))
        }
    }

    @Test func theDefaultReportHoldsNoIdentifierOfTheDevLetters() throws {
        let (report, _, _) = try Self.report(paths: Self.devLetterPaths)
        var everything: [UInt8] = []
        for name in try FileManager.default.subpathsOfDirectory(atPath: report.path).sorted() {
            var isFolder: ObjCBool = false
            let url = report.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                everything += try Self.read(url)
            }
        }
        let shown = String(decoding: everything, as: UTF8.self)
        var searched = 0
        var short = 0
        for letter in try GoldLetter.loadDev() {
            let text = Array(letter.text.utf8)
            for span in letter.spans {
                let identifier = Array(text[span.start..<span.end])
                // Spans shorter than 4 bytes (an age, `CA`) are not searched raw: such short
                // strings occur in any page as parts of ordinary words and markup.
                guard identifier.count >= 4 else {
                    short += 1
                    continue
                }
                searched += 1
                let raw = String(decoding: identifier, as: UTF8.self)
                var escaped: [UInt8] = []
                HTMLOutput.appendText(identifier, to: &escaped)
                if shown.contains(raw) || shown.contains(String(decoding: escaped, as: UTF8.self)) {
                    Issue.record("\(letter.id): the gold \(span.category) span at \(span.start)-\(span.end) is in the report")
                }
            }
        }
        #expect(searched > 600)
        #expect(short < 30)
    }

    @Test func withOriginalsEveryPageSaysSoAndTheFolderIsOwnerOnly() throws {
        let paths = Array(Self.devLetterPaths.prefix(2))
        let (report, _, documents) = try Self.report(paths: paths, withOriginal: true)
        func mode(_ url: URL) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? -1
        }
        #expect(try mode(report) == 0o700)
        #expect(try mode(report.appendingPathComponent("letters")) == 0o700)
        let pages = ["index.html", "letters/000001.html", "letters/000002.html"]
        for name in pages + ["SHA256SUMS"] {
            #expect(try mode(report.appendingPathComponent(name)) == 0o600, "\(name)")
        }
        for name in pages {
            let html = String(decoding: try Self.read(report.appendingPathComponent(name)), as: UTF8.self)
            #expect(html.contains("<title>CONTAINS IDENTIFIERS: "), "\(name)")
            #expect(html.contains("id=\"identifiers-warning\""), "\(name)")
            #expect(html.contains("<h1>CONTAINS IDENTIFIERS: "), "\(name)")
        }
        // The original view shows the original byte for byte, with the same marks.
        for document in documents {
            let page = try Self.read(report.appendingPathComponent("letters/" + ReviewHTML.pageName(document.number)))
            let original = try #require(document.original)
            let shown = try #require(Self.shownText(of: page, id: "original"))
            #expect(Fixtures.firstDifference(shown, Self.lineFeeds(original)) == nil, "letter \(document.number)")
            let html = String(decoding: page, as: UTF8.self)
            #expect(html.components(separatedBy: "id=\"o-s").count - 1 == document.result?.substitutions.count)
        }
    }

    @Test func aReportWithoutOriginalsReplacesOneWithThemAndNoEarlierPageIsLeft() throws {
        let paths = Array(Self.devLetterPaths.prefix(3))
        let (report, _, _) = try Self.report(paths: paths, withOriginal: true)
        // A second report into the same folder, of one letter, without originals.
        var context = ReviewHTML.Context()
        context.rules = Fixtures.ruleSet.digest
        let again = try ReviewReport(directory: report.path, context: context)
        let runner = RedactRunner(ruleSet: Fixtures.ruleSet, options: { var o = RedactOptions(); o.writesOutput = false; return o }()) { _ in }
        runner.finished = { document throws(DocumentError) in try again.add(document) }
        try again.finish(summary: try runner.run(paths: [paths[0]]))
        let pages = try FileManager.default.contentsOfDirectory(atPath: report.appendingPathComponent("letters").path).sorted()
        #expect(pages == ["000001.html"])
        let html = String(decoding: try Self.read(report.appendingPathComponent("letters/000001.html")), as: UTF8.self)
        #expect(!html.contains("CONTAINS IDENTIFIERS"))
    }

    @Test func nothingPointsOutsideTheFolderAndEveryPageForbidsLoading() throws {
        let (report, _, _) = try Self.report(paths: Array(Self.devLetterPaths.prefix(4)), withOriginal: true)
        let pattern = try NSRegularExpression(pattern: #"(?<![-\w])(src|href|action|srcset|poster|data)\s*=\s*["']?([^"' >]*)"#, options: [.caseInsensitive])
        for name in ["index.html"] + (1...4).map({ "letters/" + ReviewHTML.pageName($0) }) {
            let html = String(decoding: try Self.read(report.appendingPathComponent(name)), as: UTF8.self)
            #expect(html.contains("content=\"default-src 'none';"), "\(name)")
            #expect(!html.lowercased().contains("url("), "\(name)")
            #expect(!html.lowercased().contains("@import"), "\(name)")
            for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let attribute = String(html[Range(match.range(at: 1), in: html)!]).lowercased()
                let value = String(html[Range(match.range(at: 2), in: html)!])
                // `data-...` attributes are no links; the regex above only matches `data=`.
                if attribute == "data" { Issue.record("\(name): a data= attribute"); continue }
                let inside = value.hasPrefix("#") || (!value.contains(":") && !value.hasPrefix("/") && !value.hasPrefix("\\")
                    && !value.hasPrefix("../../") && (name.hasPrefix("letters/") || !value.hasPrefix("../")))
                #expect(inside, "\(name): \(attribute)=\(value)")
                if !value.hasPrefix("#") {
                    let target = report.appendingPathComponent(name).deletingLastPathComponent().appendingPathComponent(value)
                    #expect(FileManager.default.fileExists(atPath: target.standardizedFileURL.path), "\(name): \(value) is missing")
                }
            }
        }
    }

    @Test func totalsAndDigestsReconcileWithTheRunAndTheOutputs() throws {
        let (report, summary, documents) = try Self.report(paths: Self.devLetterPaths)
        let index = String(decoding: try Self.read(report.appendingPathComponent("index.html")), as: UTF8.self)
        #expect(index.contains("data-reconciles=\"true\""))
        #expect(index.contains(summary.countsDescription))
        for category in Category.allCases {
            #expect(index.contains("data-total=\"\(category.rawValue)\" data-sort=\"\(summary.perCategory[category, default: 0])\""))
        }
        #expect(index.contains("data-total=\"residue\" data-sort=\"\(summary.residue)\""))
        // SHA256SUMS: one line per letter, the SHA-256 of its output; the batch digest is its SHA-256.
        let sums = try Self.read(report.appendingPathComponent("SHA256SUMS"))
        let lines = String(decoding: sums, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == documents.count)
        for (line, document) in zip(lines, documents) {
            let output = try #require(document.output)
            #expect(line == "\(LetterReview.sha256(output))  \(document.outputName ?? "")")
        }
        #expect(index.contains("id=\"batch-digest\">\(LetterReview.sha256(sums))<"))
        #expect(LetterReview.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func lettersThatNeedAttentionComeFirstAndRejectedOnesSayWhy() throws {
        let folder = try Fixtures.temporaryDirectory()
        let clean = folder.appendingPathComponent("clean.txt")
        try Data("Date of injury 3/5/12.\n".utf8).write(to: clean)
        let residue = folder.appendingPathComponent("residue.txt")
        try Data("The visit went well and Quolleth Zandravi translated for him.\n".utf8).write(to: residue)
        let invalid = folder.appendingPathComponent("invalid.txt")
        try Data([0x41, 0x42, 0xFF, 0x43]).write(to: invalid)
        let (report, summary, _) = try Self.report(paths: [clean.path, residue.path, invalid.path])
        #expect(summary.rejected == 1)
        let index = String(decoding: try Self.read(report.appendingPathComponent("index.html")), as: UTF8.self)
        let order = ["data-number=\"3\" data-state=\"rejected\"", "data-number=\"2\" data-state=\"needs-review\"",
                     "data-number=\"1\" data-state=\"clean\""].map { index.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        if let first = order[0], let second = order[1], let third = order[2] { #expect(first < second && second < third) }
        let rejected = String(decoding: try Self.read(report.appendingPathComponent("letters/000003.html")), as: UTF8.self)
        #expect(rejected.contains("invalid UTF-8 at byte 2"))
        #expect(!rejected.contains("id=\"redacted\""))
        let needsReview = String(decoding: try Self.read(report.appendingPathComponent("letters/000002.html")), as: UTF8.self)
        #expect(needsReview.contains("<mark class=\"r\" id=\"r0\""))
        #expect(needsReview.contains("data-reason=\"unknown-word\""))
    }

    @Test func strictRejectsAResidueLetterButTheReportStillShowsItsResidue() throws {
        let folder = try Fixtures.temporaryDirectory()
        let residue = folder.appendingPathComponent("residue.txt")
        try Data("The visit went well and Quolleth Zandravi translated for him.\n".utf8).write(to: residue)
        let (report, summary, _) = try Self.report(paths: [residue.path], strict: true)
        #expect(summary.rejected == 1 && summary.residue == 2)
        let page = String(decoding: try Self.read(report.appendingPathComponent("letters/000001.html")), as: UTF8.self)
        #expect(page.contains("data-state=\"rejected\""))
        #expect(page.contains("needs review: 2 residue tokens left"))
        #expect(page.contains("id=\"r1\""))
        let index = String(decoding: try Self.read(report.appendingPathComponent("index.html")), as: UTF8.self)
        #expect(index.contains("data-reconciles=\"true\""))
    }

    @Test func aLetterThatFailsVerificationShowsItsRedactionMarkedNotWritten() throws {
        // A broken rule set: decisions are "IDs" and nothing protects them (as PolicyCLITests).
        let rules = try Fixtures.temporaryDirectory()
        try Data(
            """
            rules:
              - id: broken.decision
                category: ID
                description: masks decisions
                regex: '\\b(?:Upheld|Overturned)\\b'

            """.utf8
        ).write(to: rules.appendingPathComponent("broken.yaml"))
        let ruleSet = try RuleSet.load(extraDirectories: [rules.path], replaceDefaults: true)
        let seed = Fixtures.samples.appendingPathComponent("seed-000.txt").path
        let (report, summary, documents) = try Self.report(paths: [seed], ruleSet: ruleSet)
        #expect(summary.rejected == 1)
        #expect(documents.first?.verification == .failed)
        let page = String(decoding: try Self.read(report.appendingPathComponent("letters/000001.html")), as: UTF8.self)
        #expect(page.contains("data-state=\"rejected\""))
        #expect(page.contains("verification failed: fail: "))
        #expect(page.contains("The redacted letter (not written)"))
        #expect(page.contains("<dt>Verification</dt><dd>failed</dd>"))
        let index = String(decoding: try Self.read(report.appendingPathComponent("index.html")), as: UTF8.self)
        #expect(index.contains("data-reconciles=\"true\""))
        #expect(String(decoding: try Self.read(report.appendingPathComponent("SHA256SUMS")), as: UTF8.self).isEmpty)
    }

    @Test func theHookChangesNothingTheRunWrites() throws {
        let paths = Array(Self.devLetterPaths.prefix(3))
        func run(withHook: Bool) throws -> [[UInt8]] {
            let out = try Fixtures.temporaryDirectory()
            var options = RedactOptions()
            options.outputDirectory = out.path
            options.auditPath = out.appendingPathComponent("audit.jsonl.log").path
            let runner = RedactRunner(ruleSet: Fixtures.ruleSet, options: options) { _ in }
            if withHook { runner.finished = { _ throws(DocumentError) in } }
            _ = try runner.run(paths: paths)
            return try FileManager.default.contentsOfDirectory(atPath: out.path).sorted().map {
                try Self.read(out.appendingPathComponent($0))
            }
        }
        #expect(try run(withHook: true) == run(withHook: false))
    }
}
