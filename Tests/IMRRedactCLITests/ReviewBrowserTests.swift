import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

/// The review report in a real browser: headless Chromium (Debian's `chromium`, which
/// `scripts/ensure-deps.sh` installs) opens the pages `imr-redact review` writes from file URLs
/// and dumps their DOM once their scripts have run; each page's script counts what it shows
/// into `#selftest`. Screenshots of the index and of a letter with residue are saved under
/// `.build/review-screenshots/` for a person to look at. Failures name letters, offsets and
/// categories, never letter text.
@Suite(.serialized) struct ReviewBrowserTests {
    /// Where the screenshots go.
    static let screenshots = Fixtures.packageRoot.appendingPathComponent(".build/review-screenshots")

    struct BrowserMissing: Error, CustomStringConvertible {
        var description: String {
            "chromium was not found on PATH: the review page's browser tests need it (sh scripts/ensure-deps.sh installs Debian's chromium package)"
        }
    }

    /// The Chromium binary on PATH. Missing, the test fails (the test command installs it).
    static func chromium() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":").map(String.init) + ["/usr/bin"] {
            for name in ["chromium", "chromium-browser"] {
                let url = URL(fileURLWithPath: folder).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        throw BrowserMissing()
    }

    /// Runs headless Chromium on `page` (a file, with `fragment` appended to its URL) with `arguments`.
    static func browse(_ page: URL, fragment: String = "", _ arguments: [String]) throws -> CommandRunner.Output {
        let profile = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: profile) }
        var flags = ["--headless", "--disable-gpu", "--no-first-run", "--disable-extensions", "--user-data-dir=\(profile.path)"]
        // Chromium's sandbox does not run as root.
        if getuid() == 0 { flags.append("--no-sandbox") }
        return try CommandRunner.execute(try chromium(), flags + arguments + [page.absoluteString + fragment])
    }

    /// The DOM of `page` after its scripts ran.
    static func dom(_ page: URL, fragment: String = "") throws -> String {
        let output = try browse(page, fragment: fragment, ["--dump-dom"])
        #expect(output.status == 0, "chromium --dump-dom \(page.lastPathComponent): exit \(output.status)")
        return output.stdoutText
    }

    /// The JSON the page's script wrote into `<pre id="selftest">`.
    static func selftest(_ dom: String) throws -> [String: Any] {
        guard let open = dom.range(of: #"<pre id="selftest" hidden="">"#),
            let close = dom.range(of: "</pre>", range: open.upperBound..<dom.endIndex)
        else {
            Issue.record("no #selftest in the DOM (did the page's script run?)")
            return [:]
        }
        let text = dom[open.upperBound..<close.lowerBound].replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&nbsp;", with: "\u{A0}")
            .replacingOccurrences(of: "&amp;", with: "&")
        guard !text.isEmpty else {
            Issue.record("#selftest is empty (the page's script did not finish)")
            return [:]
        }
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func screenshot(_ page: URL, to name: String, height: Int = 1600) throws -> URL {
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        let target = screenshots.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: target)
        let output = try browse(page, ["--hide-scrollbars", "--screenshot=\(target.path)", "--window-size=1280,\(height)"])
        #expect(output.status == 0, "chromium --screenshot \(name): exit \(output.status)")
        let size = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? Int) ?? 0
        #expect(size > 10_000, "screenshot \(name) is \(size) bytes")
        return target
    }

    static var devLetterPaths: [String] {
        let folder = Fixtures.shared.appendingPathComponent("eval/dev/letters")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { folder.appendingPathComponent($0).path }
    }

    /// The audit's records of `type`, each one's `data`.
    static func audit(_ url: URL, _ type: String) throws -> [[String: Any]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
            let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return record?["type"] as? String == type ? record?["data"] as? [String: Any] : nil
        }
    }

    /// Gold identifiers of the dev letters of 4 bytes or more, by letter id (`dev-001`).
    static func goldIdentifiers() throws -> [String: [(category: String, start: Int, end: Int, text: [UInt8])]] {
        var result: [String: [(category: String, start: Int, end: Int, text: [UInt8])]] = [:]
        for letter in try GoldLetter.loadDev() {
            let text = Array(letter.text.utf8)
            // Spans shorter than 4 bytes (an age, `CA`) are not searched raw: such short strings
            // occur in any page as parts of ordinary words and markup.
            result[letter.id] = letter.spans.filter { $0.end - $0.start >= 4 }.map {
                (category: $0.category, start: $0.start, end: $0.end, text: Array(text[$0.start..<$0.end]))
            }
        }
        return result
    }

    @Test func theDevLettersInABrowserShowEveryRedactionAndNoIdentifier() throws {
        _ = try Self.chromium()
        let folder = try Fixtures.temporaryDirectory()
        let report = folder.appendingPathComponent("report")
        let auditFile = folder.appendingPathComponent("audit.jsonl")
        let paths = Self.devLetterPaths
        #expect(paths.count == 12)
        let run = try CommandRunner.run(["review", "--out", report.path, "--audit", auditFile.path] + paths)
        #expect(run.status == 0, "imr-redact review: exit \(run.status)")
        #expect(run.stderr.contains("review report: \(report.path)/index.html"))

        let substitutions = try Self.audit(auditFile, "substitution")
        let residue = try Self.audit(auditFile, "residue")
        let summary = try #require(try Self.audit(auditFile, "summary").first)
        let gold = try Self.goldIdentifiers()
        var searched = 0

        for (offset, path) in paths.enumerated() {
            let number = offset + 1
            let page = report.appendingPathComponent("letters/" + ReviewHTML.pageName(number))
            let dom = try Self.dom(page)
            let shown = try Self.selftest(dom)
            #expect(shown["page"] as? String == "letter")
            #expect(shown["number"] as? Int == number)
            #expect(shown["withOriginal"] as? Bool == false)
            #expect((shown["external"] as? [Any])?.isEmpty == true, "letter \(number) refers outside the report")
            // Every substitution of the audit has its highlight, with its category, action and rule, in order.
            let expected = substitutions.filter { $0["doc"] as? String == path }
            let marks = shown["marks"] as? [[Any]] ?? []
            #expect(marks.count == expected.count, "letter \(number): \(marks.count) highlights, \(expected.count) substitutions in the audit")
            for (mark, record) in zip(marks, expected) {
                let same = mark.count == 5 && mark[0] as? Int == record["start"] as? Int && mark[1] as? Int == record["end"] as? Int
                    && mark[2] as? String == record["category"] as? String && mark[3] as? String == record["action"] as? String
                    && mark[4] as? String == record["rule"] as? String
                if !same {
                    Issue.record("letter \(number): the highlight at \(mark.first ?? "?") is not the audit's substitution at \(record["start"] ?? "?") \(record["category"] ?? "?")")
                    break
                }
            }
            var byCategory: [String: Int] = [:]
            for record in expected { byCategory[record["category"] as? String ?? "", default: 0] += 1 }
            #expect((shown["byCategory"] as? [String: Int]) ?? [:] == byCategory, "letter \(number)")
            // Every residue token of the audit is marked.
            let tokens = residue.filter { $0["doc"] as? String == path }.map { record -> [Int] in
                let start = record["start"] as? Int ?? -1
                return [start, start + (record["length"] as? Int ?? 0)]
            }
            let marked = (shown["residue"] as? [[Any]] ?? []).map { [$0[0] as? Int ?? -1, $0[1] as? Int ?? -1] }
            #expect(marked == tokens, "letter \(number): residue marked at \(marked), audit \(tokens)")
            #expect(shown["state"] as? String == (tokens.isEmpty ? "clean" : "needs-review"), "letter \(number)")
            // Every highlight is focusable and on the keyboard's path.
            let navigable = shown["navigable"] as? Int ?? -1
            #expect(navigable == marks.count + marked.count + (shown["kept"] as? Int ?? 0), "letter \(number)")
            #expect(shown["focusable"] as? Int == navigable, "letter \(number)")
            #expect((shown["protected"] as? Int ?? 0) > 0, "letter \(number): no protected span underlined")
            // No identifier of the letter is in what the browser holds.
            let id = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            for identifier in gold[id] ?? [] {
                searched += 1
                var escaped: [UInt8] = []
                HTMLOutput.appendText(identifier.text, to: &escaped)
                let raw = String(decoding: identifier.text, as: UTF8.self)
                if dom.contains(raw) || dom.contains(String(decoding: escaped, as: UTF8.self)) {
                    Issue.record("letter \(number): the gold \(identifier.category) span at \(identifier.start)-\(identifier.end) is in the page")
                }
            }
        }
        #expect(searched > 600)

        // The index: every letter, those needing attention first, totals that are the audit's summary.
        let indexPage = report.appendingPathComponent("index.html")
        let index = try Self.selftest(try Self.dom(indexPage))
        #expect(index["page"] as? String == "index")
        #expect((index["external"] as? [Any])?.isEmpty == true)
        #expect(index["filters"] as? Int == 5)
        let rows = index["rows"] as? [[String: Any]] ?? []
        #expect(rows.count == 12)
        let ranks = rows.map { ["rejected": 0, "needs-review": 1, "clean": 2][$0["state"] as? String ?? ""] ?? -1 }
        #expect(ranks == ranks.sorted(), "rows are not in attention-first order: \(ranks)")
        for row in rows {
            let number = row["number"] as? Int ?? 0
            let path = number >= 1 && number <= paths.count ? paths[number - 1] : ""
            let count = substitutions.filter { $0["doc"] as? String == path }.count
            #expect(row["substitutions"] as? Int == count, "index row \(number)")
            #expect(row["href"] as? String == "letters/" + ReviewHTML.pageName(number))
        }
        let totals = index["totals"] as? [String: Int] ?? [:]
        let perCategory = summary["substitutions"] as? [String: Int] ?? [:]
        for category in Category.allCases {
            #expect(totals[category.rawValue] == perCategory[category.rawValue], "total of \(category.rawValue)")
        }
        #expect(totals["substitutions"] == perCategory.values.reduce(0, +))
        #expect(totals["residue"] == summary["residue"] as? Int)
        let sums = Array(try Data(contentsOf: report.appendingPathComponent("SHA256SUMS")))
        #expect(index["batchDigest"] as? String == LetterReview.sha256(sums))

        // The filters and the sort buttons work in the browser.
        let controls = try #require(try Self.selftest(try Self.dom(indexPage, fragment: "#selftest-controls"))["controls"] as? [String: [Int]])
        let states = Dictionary(uniqueKeysWithValues: rows.map { ($0["number"] as? Int ?? 0, $0["state"] as? String ?? "") })
        #expect(controls["attention"] == rows.filter { $0["state"] as? String != "clean" }.map { $0["number"] as? Int ?? 0 })
        #expect(controls["clean"]?.allSatisfy { states[$0] == "clean" } == true)
        #expect(controls["all"]?.count == 12)
        let bySubstitutions = rows.sorted {
            ($0["substitutions"] as? Int ?? 0, $0["number"] as? Int ?? 0) < ($1["substitutions"] as? Int ?? 0, $1["number"] as? Int ?? 0)
        }.map { $0["number"] as? Int ?? 0 }
        #expect(controls["ascending"] == bySubstitutions)
        #expect(controls["descending"] == bySubstitutions.reversed())

        // The printable view: Chromium prints a letter to PDF with its print style.
        // (The folder first: on a fresh clone it does not exist yet, and Chromium then writes no
        // PDF and still exits 0.)
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let pdf = Self.screenshots.appendingPathComponent("letter-print.pdf")
        try? FileManager.default.removeItem(at: pdf)
        let printed = try Self.browse(
            report.appendingPathComponent("letters/" + ReviewHTML.pageName(1)), ["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)"])
        #expect(printed.status == 0)
        #expect(FileManager.default.fileExists(atPath: pdf.path), "chromium --print-to-pdf wrote no PDF")
        let pdfText = try Fixtures.tool("pdftotext", ["-layout", pdf.path, "-"]).stdoutText
        #expect(pdfText.contains("The redacted letter, as published"))
        #expect(!pdfText.contains("Keys:"), "the print view shows the key help")
        // In print each highlight carries its category's code (a greyscale print has no hover).
        #expect(pdfText.range(of: #"\[PATIENT\]\s*PT"#, options: .regularExpression) != nil)

        // For a person to look at: the index, and a letter with residue (its top, and the whole
        // page down to its residue; headless Chromium draws a blank page when a fragment scrolls it).
        let residueLetter = try #require(rows.first { $0["state"] as? String == "needs-review" }?["number"] as? Int)
        let letterPage = report.appendingPathComponent("letters/" + ReviewHTML.pageName(residueLetter))
        _ = try Self.screenshot(indexPage, to: "index.png")
        _ = try Self.screenshot(letterPage, to: "letter.png")
        _ = try Self.screenshot(letterPage, to: "letter-whole.png", height: 3400)
    }

    @Test func theKeysMoveFromOneHighlightToTheNext() throws {
        _ = try Self.chromium()
        let folder = try Fixtures.temporaryDirectory()
        let letter = folder.appendingPathComponent("letter.txt")
        try Data(
            """
            Seen by Dr. Alan Chu on 3/5/12 and by Dr. Mary Okafor on 4/6/12.
            The visit went well and Quolleth Zandravi translated for him.
            Pain was 6/10. Claim Number: 05-77831-A.

            """.utf8
        ).write(to: letter)
        let report = folder.appendingPathComponent("report")
        let run = try CommandRunner.run(["review", "--out", report.path, letter.path])
        #expect(run.status == 0)
        let shown = try Self.selftest(try Self.dom(report.appendingPathComponent("letters/000001.html"), fragment: "#selftest-keys"))
        let navigation = shown["navigation"] as? [String] ?? []
        let keys = shown["keys"] as? [String] ?? []
        try #require(navigation.count >= 4, "\(navigation.count) highlights")
        let firstResidue = try #require(navigation.dropFirst(2).first { $0.hasPrefix("r") })
        // n, n, n, p, r: the first, second, third highlight, back to the second, the next residue token.
        #expect(keys == [navigation[0], navigation[1], navigation[2], navigation[1], firstResidue])
    }

    @Test func withTheOriginalsTheBrowserShowsThemSideBySideAndSaysSo() throws {
        _ = try Self.chromium()
        let folder = try Fixtures.temporaryDirectory()
        let report = folder.appendingPathComponent("report")
        let run = try CommandRunner.run(["review", "--with-original", "--out", report.path] + Array(Self.devLetterPaths.prefix(2)))
        #expect(run.status == 0)
        #expect(run.stderr.contains("holds the original letters, owner-only"))
        for name in ["index.html", "letters/000001.html"] {
            let shown = try Self.selftest(try Self.dom(report.appendingPathComponent(name)))
            #expect((shown["title"] as? String)?.hasPrefix("CONTAINS IDENTIFIERS: ") == true, "\(name)")
        }
        let shown = try Self.selftest(try Self.dom(report.appendingPathComponent("letters/000001.html")))
        #expect(shown["withOriginal"] as? Bool == true)
        #expect(shown["originalMarks"] as? Int == (shown["marks"] as? [Any])?.count)
        let mode = try FileManager.default.attributesOfItem(atPath: report.path)[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }

    @Test func redactWithReviewWritesTheLettersTheReportsDigestsName() throws {
        let folder = try Fixtures.temporaryDirectory()
        let out = folder.appendingPathComponent("published")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let report = folder.appendingPathComponent("report")
        let paths = Array(Self.devLetterPaths.prefix(3))
        let run = try CommandRunner.run(["redact", "--policy", "public-release", "--verify", "--out", out.path, "--review", report.path] + paths)
        #expect(run.status == 0)
        // `sha256sum -c` in the output folder checks every letter against the report's listing.
        let sums = report.appendingPathComponent("SHA256SUMS")
        let check = try CommandRunner.execute(URL(fileURLWithPath: "/usr/bin/env"), ["sha256sum", "-c", sums.path], currentDirectory: out)
        #expect(check.status == 0)
        #expect(check.stdoutText.split(separator: "\n").count == 3)
        let index = try String(contentsOf: report.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<dd>public-release</dd>"))
        #expect(index.contains("every letter verified against its original"))
    }

    @Test func theReportFolderIsCreatedButItsParentMustExist() throws {
        let folder = try Fixtures.temporaryDirectory()
        let made = try CommandRunner.run(["review", "--out", folder.path + "/report/", Self.devLetterPaths[0]])
        #expect(made.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report/letters/000001.html").path))
        let missing = try CommandRunner.run(["review", "--out", folder.path + "/no/report", Self.devLetterPaths[0]])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("does not exist"))
    }

    @Test func withOriginalNeedsAReviewFolder() throws {
        let run = try CommandRunner.run(["redact", "--with-original", Self.devLetterPaths[0]])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--with-original needs --review DIR"))
    }
}
