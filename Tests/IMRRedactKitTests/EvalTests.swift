import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

/// UTF-8 byte range of the `occurrence`-th `needle` in `text`.
func byteRange(_ needle: String, in text: String, occurrence: Int = 0) -> (Int, Int) {
    let haystack = Array(text.utf8)
    let pattern = Array(needle.utf8)
    var found = -1
    var start = 0
    while start + pattern.count <= haystack.count {
        if Array(haystack[start..<start + pattern.count]) == pattern {
            found += 1
            if found == occurrence { return (start, start + pattern.count) }
        }
        start += 1
    }
    return (-1, -1)
}

/// A small gold set with known figures (worked out by hand in the comments below).
enum TinyCase {
    static let text = "Seen by Dr. Ana Ruiz on 3/5/12; pain 6/10. Jos\u{E9} O'Neil called."

    static var gold: GoldSet {
        func span(_ needle: String, _ category: Category) -> GoldSpan {
            let (start, end) = byteRange(needle, in: text)
            return GoldSpan(start: start, end: end, category: category)
        }
        let pain = byteRange("6/10", in: text)
        let letter = GoldDocument(
            id: "tiny-1", layout: "unknown", text: Array(text.utf8),
            spans: [span("Ana Ruiz", .PROVIDER), span("3/5/12", .DATE), span("Jos\u{E9}", .PATIENT), span("O'Neil", .PATIENT)],
            protected: [GoldProtected(start: pain.0, end: pain.1, kind: .PAIN_SCORE)])
        return GoldSet(letters: [letter])
    }

    static var predictions: PredictionSet {
        func span(_ needle: String, _ category: Category, _ rule: String) -> PredictedSpan {
            let (start, end) = byteRange(needle, in: text)
            return PredictedSpan(start: start, end: end, category: category, rule: rule)
        }
        let oneil = byteRange("O'Neil", in: text)
        return PredictionSet(byID: [
            "tiny-1": [
                span("Ana Ruiz", .PROVIDER, "names.a"),  // caught, right category
                span("3/5/12", .ID, "id.b"),  // caught, wrong category
                span("Jos", .PATIENT, "names.c"),  // é is alphanumeric: not caught
                PredictedSpan(start: oneil.0, end: oneil.0 + 1, category: .PATIENT, rule: "names.d"),  // "O"
                PredictedSpan(start: oneil.0 + 2, end: oneil.1, category: .PATIENT, rule: "names.d"),  // "Neil": the apostrophe need not be covered
                span("6/10", .DATE, "date.e"),  // spurious, damages the pain score
                PredictedSpan(start: 0, end: 4, category: .PERSON, rule: "names.f"),  // "Seen" and "een b" merge
                PredictedSpan(start: 1, end: 6, category: .PERSON, rule: "names.g"),
            ]
        ])
    }
}

@Suite struct EvalTests {
    @Test func tinyCaseHasTheFiguresWorkedOutByHand() {
        let report = Scorer.score(TinyCase.gold, TinyCase.predictions)
        let all = report.overall
        #expect(all.gold == 4 && all.caught == 3 && all.categoryCaught == 2)
        // Merged: [Seen b], Ana Ruiz, 3/5/12, 6/10, Jos, O, Neil; five of them touch gold.
        #expect(all.predicted == 7 && all.predictedOverlappingGold == 5)
        #expect(all.leakRecall == 0.75 && all.categoryRecall == 0.5 && all.precision == 5.0 / 7.0)
        #expect(abs((all.f2 ?? 0) - 75.0 / 101.0) < 1e-12)
        #expect(all.protectedDamaged == 1 && all.protectedTotal == 1)

        let patient = report.row(.PATIENT)
        #expect(patient.gold == 2 && patient.caught == 1 && patient.predicted == 3 && patient.precision == 1)
        let date = report.row(.DATE)
        #expect(date.gold == 1 && date.caught == 1 && date.categoryCaught == 0 && date.precision == 0 && date.protectedDamaged == 1)
        #expect(date.f2 == 0)
        let id = report.row(.ID)
        #expect(id.gold == 0 && id.leakRecall == nil && id.f2 == nil && id.precision == 1)
        let person = report.row(.PERSON)
        #expect(person.predicted == 1 && person.precision == 0 && person.f2 == nil)
        let contact = report.row(.CONTACT)
        #expect(contact.precision == nil && contact.f2 == nil)

        let misses = report.misses.map { "\($0.type.rawValue) \($0.category) \($0.masked ?? $0.text ?? "")" }
        // Gold spans in text order: 3/5/12 (mislabelled) comes before José (missed; its alphanumeric
        // bytes are counted as bytes, so é counts twice).
        #expect(misses == ["mislabel DATE 3/*/**", "missed PATIENT J***", "spurious PERSON S*** *", "spurious DATE 6/**", "damaged PAIN_SCORE 6/10"])
        #expect(report.misses[1].alnum == 5 && report.misses[1].alnumCovered == 3 && report.misses[1].rules == ["names.c"])
        #expect(report.misses[0].predicted == ["ID"] && report.misses[0].rules == ["id.b"])
        #expect(report.misses[2].rules == ["names.f", "names.g"])
        #expect(report.misses[4].predicted == ["DATE"])
        #expect(report.protectedByKind.first { $0.0 == .PAIN_SCORE }?.1 == { var k = KindCount(); k.total = 1; k.damaged = 1; return k }())
    }

    @Test func f2IsZeroOrUndefinedAsScorePySays() {
        let text = Array("Seen 3/5/12.".utf8)
        let letter = GoldDocument(id: "a", layout: "", text: text, spans: [GoldSpan(start: 5, end: 11, category: .DATE)], protected: [])
        // Gold spans and no predictions: R = 0, so F2 = 0 although P is undefined.
        let none = Scorer.score(GoldSet(letters: [letter]), PredictionSet())
        #expect(none.overall.leakRecall == 0 && none.overall.precision == nil && none.overall.f2 == 0)
        #expect(none.documentsPredicted == 0)
        // No gold spans: R and F2 undefined.
        let empty = GoldDocument(id: "b", layout: "", text: text, spans: [], protected: [])
        let report = Scorer.score(GoldSet(letters: [empty]), PredictionSet(byID: ["b": [PredictedSpan(start: 0, end: 4, category: .ORG)]]))
        #expect(report.overall.leakRecall == nil && report.overall.f2 == nil && report.overall.precision == 0)
        // Overlapping predictions merge; adjacent ones do not.
        let adjacent = PredictionSet(byID: ["a": [
            PredictedSpan(start: 5, end: 8, category: .DATE), PredictedSpan(start: 8, end: 11, category: .DATE),
        ]])
        let split = Scorer.score(GoldSet(letters: [letter]), adjacent)
        #expect(split.overall.predicted == 2 && split.overall.caught == 1)
        let overlapping = PredictionSet(byID: ["a": [
            PredictedSpan(start: 5, end: 9, category: .DATE), PredictedSpan(start: 8, end: 11, category: .ID),
        ]])
        let merged = Scorer.score(GoldSet(letters: [letter]), overlapping)
        #expect(merged.overall.predicted == 1 && merged.row(.DATE).predicted == 1 && merged.row(.ID).predicted == 1)
    }

    @Test(arguments: [
        ("María L. Gonzalez", "M**** *. ********"),
        ("(559) 555-0142", "(***) ***-****"),
        ("Ruth\nDelgado", "R***\\n*******"),
        ("Kalay- \r\n\r\ndjian", "K****- \\r\\n\\r\\n*****"),
        ("\u{C}X1", "\\f**"),
        ("\u{A0}Ab", "?**"),
        ("José", "J***"),
        ("½ ² Ⅻ", "½ * *"),
    ])
    func maskingShowsOnlyTheFirstCharacter(text: String, masked: String) {
        #expect(PythonText.mask(ArraySlice(Array(text.utf8))) == masked)
    }

    @Test func alphanumericMeansWhatPythonsIsalnumMeans() throws {
        // Ranges that every Unicode version since 14 agrees on: Latin, Greek, Cyrillic, Arabic and
        // Devanagari digits, number forms (Roman numerals, fractions, superscripts), CJK, fullwidth.
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x24F, 0x370...0x3FF, 0x400...0x4FF, 0x660...0x669, 0x966...0x96F, 0x2070...0x218B,
            0x2460...0x24FF, 0x3000...0x303F, 0x4E00...0x4E2F, 0xFF10...0xFF5A,
        ]
        let python = try ScorePy.python(
            "import sys\nfor a, b in [\(ranges.map { "(\($0.lowerBound), \($0.upperBound))" }.joined(separator: ", "))]:\n"
                + "    sys.stdout.write(''.join('1' if chr(c).isalnum() else '0' for c in range(a, b + 1)))\n")
        var swift = ""
        for range in ranges {
            for value in range { swift += Unicode.Scalar(value).map { PythonText.isAlnum($0) ? "1" : "0" } ?? "0" }
        }
        try #require(python.count == swift.count)
        let differences = zip(python, swift).enumerated().filter { $0.element.0 != $0.element.1 }.count
        #expect(differences == 0)
    }

    @Test func jsonReaderTellsIntegersFromFloatsAndWriterMatchesPython() throws {
        let value = try EvalJSON.parse(ArraySlice(Array(#"{"a": 23, "b": 23.0, "c": [1e2, -0, "\u00e9\ud83d\ude00"], "a": 7}"#.utf8)))
        #expect(value["a"] == .int(7))
        #expect(value["b"] == .float(23))
        #expect(value["c"] == .array([.float(100), .int(0), .string("é😀")]))
        #expect(throws: EvalJSONError.self) { _ = try EvalJSON.parse(ArraySlice(Array(#"{"a": 1} x"#.utf8))) }
        #expect(throws: EvalJSONError.self) { _ = try EvalJSON.parse(ArraySlice(Array(#"{"a": "\ud800"}"#.utf8))) }
        let out = EvalJSON.object([("x", .array([.int(1), .float(0.5), .null])), ("y", .object([])), ("z", .string("é\n\u{1}"))])
        #expect(out.pretty() == "{\n \"x\": [\n  1,\n  0.5,\n  null\n ],\n \"y\": {},\n \"z\": \"é\\n\\u0001\"\n}")
    }

    @Test func badGoldAndPredictionFilesNameTheFileAndLine() throws {
        let folder = try Fixtures.temporaryDirectory()
        let gold = folder.appendingPathComponent("gold.jsonl")
        try Data((#"{"id": "a", "text": "Seen 3/5/12.", "spans": [{"start": 5, "end": 11, "category": "DATE"}]}"# + "\n\n").utf8)
            .write(to: gold)
        let set = try GoldSet.load(path: gold.path)
        #expect(set.letters.count == 1)
        let cases: [(String, String)] = [
            (#"{"id": "zz", "spans": []}"#, "pred.jsonl:1: id 'zz' is not in the gold file"),
            ("{\"id\": \"a\", \"spans\": []}\n{\"id\": \"a\", \"spans\": []}", "pred.jsonl:2: duplicate id 'a'"),
            (#"{"id": "a", "spans": [{"start": 5, "end": 99, "category": "DATE"}]}"#, "pred.jsonl:1: spans[1] [5, 99) is empty or outside the letter's 12 bytes"),
            (#"{"id": "a", "spans": [{"start": 5, "end": 5, "category": "DATE"}]}"#, "is empty or outside"),
            (#"{"id": "a", "spans": [{"start": 5, "end": 11, "category": "NAME"}]}"#, "pred.jsonl:1: spans[1] has unknown category"),
            (#"{"id": "a", "spans": [{"start": 5.0, "end": 11, "category": "DATE"}]}"#, "needs integer start and end"),
            ("{\"id\": \"a\", \"spans\": [}", "pred.jsonl:1: bad JSON"),
            (#"{"spans": []}"#, "each line must be an object with a string id"),
        ]
        for (content, message) in cases {
            let pred = folder.appendingPathComponent("pred.jsonl")
            try Data(content.utf8).write(to: pred)
            #expect {
                _ = try PredictionSet.load(path: pred.path, gold: set)
            } throws: { error in
                (error as? EvalInputError)?.message.contains(message) ?? false
            }
        }
        #expect(throws: EvalInputError.self) { _ = try GoldSet.load(path: folder.appendingPathComponent("missing.jsonl").path) }
    }

    @Test func barsNameEveryRowBelowThem() {
        let report = Scorer.score(TinyCase.gold, TinyCase.predictions)
        #expect(EvalBars().failures(of: report).isEmpty)
        let failures = EvalBars(minLeakRecall: 0.9, minPrecision: 0.9, maxDamaged: 0).failures(of: report)
        #expect(failures == [
            "leak recall of PATIENT 0.5000 is below 0.9", "leak recall of ALL 0.7500 is below 0.9",
            "precision 0.7143 is below 0.9", "1 protected spans damaged, more than 0",
        ])
    }

    /// score.py on the same predictions prints the same table and the same JSON, byte for byte.
    @Test(arguments: ["tiny", "dev", "synthetic"])
    func figuresEqualScorePys(set name: String) throws {
        let gold: GoldSet
        let predictions: PredictionSet
        switch name {
        case "tiny":
            gold = TinyCase.gold
            predictions = TinyCase.predictions
        case "dev":
            gold = try GoldSet.load(path: Fixtures.devGold.path)
            predictions = PredictionSet.detect(gold, ruleSet: Fixtures.ruleSet, jobs: 2)
        default:
            gold = GoldSet(letters: try Synthesizer(seed: 11).letters(count: 60))
            predictions = PredictionSet.detect(gold, ruleSet: Fixtures.ruleSet, jobs: 2)
        }
        let folder = try Fixtures.temporaryDirectory()
        let goldURL = folder.appendingPathComponent("gold.jsonl")
        let predURL = folder.appendingPathComponent("pred.jsonl")
        try Data(gold.letters.map { $0.jsonLine() + "\n" }.joined().utf8).write(to: goldURL)
        try Data(predictions.jsonLines(for: gold).utf8).write(to: predURL)
        // Read back what was written, as the CLI does, so that the file format is covered too.
        let reread = try GoldSet.load(path: goldURL.path)
        let report = Scorer.score(reread, try PredictionSet.load(path: predURL.path, gold: reread))

        let json = try ScorePy.run(gold: goldURL, pred: predURL, ["--json"])
        try #require(json.status == 0, "score.py failed: \(json.stderr)")
        #expect(json.stdoutText == report.json(misses: false).pretty() + "\n")
        let table = try ScorePy.run(gold: goldURL, pred: predURL)
        #expect(table.stdoutText == report.table(misses: false) + "\n")

        // With misses: the same entries (eval adds `line` and `rules`).
        let misses = try ScorePy.run(gold: goldURL, pred: predURL, ["--json", "--misses"])
        let python = try #require(try JSONSerialization.jsonObject(with: misses.stdout) as? [String: Any])
        let pythonMisses = try #require(python["misses"] as? [[String: Any]])
        try #require(pythonMisses.count == report.misses.count)
        for (theirs, ours) in zip(pythonMisses, report.misses) {
            #expect(theirs["type"] as? String == ours.type.rawValue && theirs["id"] as? String == ours.id)
            #expect(theirs["start"] as? Int == ours.start && theirs["end"] as? Int == ours.end)
            #expect(theirs["category"] as? String == ours.category)
            #expect(theirs["masked"] as? String == ours.masked && theirs["text"] as? String == ours.text)
            #expect(theirs["predicted"] as? [String] == ours.predicted)
            #expect(theirs["alnum"] as? Int == ours.alnum && theirs["alnum_covered"] as? Int == ours.alnumCovered)
        }
    }

    /// Issue item 4: the bars every category must meet on the dev set and on 500 synthetic letters
    /// (seed 2026): leak recall >= 0.995 per category, no PATIENT name leaked, precision >= 0.97,
    /// no protected span damaged. Binding since the rules were grown under issue item 3.
    @Test func detectionMeetsTheAccuracyBarsOnDevAndSyntheticSets() throws {
        let bars = EvalBars(minLeakRecall: 0.995, minPrecision: 0.97, maxDamaged: 0)
        let sets: [(String, GoldSet)] = [
            ("dev set", try GoldSet.load(path: Fixtures.devGold.path)),
            ("synth --count 500 --seed 2026", GoldSet(letters: try Synthesizer(seed: 2026).letters(count: 500))),
        ]
        var failures: [String] = []
        for (name, gold) in sets {
            let report = Scorer.score(gold, PredictionSet.detect(gold, ruleSet: Fixtures.ruleSet, jobs: 2))
            print("== eval: \(name)\n" + report.table(misses: false))
            failures += bars.failures(of: report).map { "\(name): \($0)" }
            let patient = report.row(.PATIENT)
            if patient.caught < patient.gold { failures.append("\(name): \(patient.gold - patient.caught) PATIENT names leaked") }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "; "))")
    }
    /// Issue "Detection and parse that hold on letters nobody tuned to", item 6: the figures on
    /// the letters and notes the rules were not built on cannot slide back. The floors are the
    /// figures measured when they were last raised (dev2 leak 1.000, precision 0.9982, nothing
    /// damaged, no PATIENT name leaked; deid leak 0.9043, precision 0.8046, no PATIENT name
    /// leaked), a hair below; on dev2 every category also holds the issue's 0.995. The issue's
    /// deid target (0.90 at 0.70) is met.
    @Test func figuresOnLettersTheRulesWereNotBuiltOnDoNotSlideBack() throws {
        let floors: [(String, URL, Double, Double, Int, EvalBars?)] = [
            ("dev2", Fixtures.shared.appendingPathComponent("eval/dev2/gold.jsonl"), 0.999, 0.995, 0, EvalBars(minLeakRecall: 0.995)),
            ("deid", Fixtures.shared.appendingPathComponent("eval/deid/gold.jsonl"), 0.90, 0.80, 0, nil),
        ]
        var failures: [String] = []
        for (name, url, leak, precision, damaged, bars) in floors {
            let gold = try GoldSet.load(path: url.path)
            let report = Scorer.score(gold, PredictionSet.detect(gold, ruleSet: Fixtures.ruleSet, jobs: 2))
            let recall = try #require(report.overall.leakRecall)
            let exact = try #require(report.overall.precision)
            print("== eval: \(name): leak \(recall), precision \(exact), damaged \(report.protectedDamaged)")
            if recall < leak { failures.append("\(name): leak recall \(recall) < \(leak)") }
            if exact < precision { failures.append("\(name): precision \(exact) < \(precision)") }
            if report.protectedDamaged > damaged { failures.append("\(name): \(report.protectedDamaged) protected spans damaged") }
            failures += (bars?.failures(of: report) ?? []).map { "\(name): \($0)" }
            let patient = report.row(.PATIENT)
            if patient.caught < patient.gold { failures.append("\(name): \(patient.gold - patient.caught) PATIENT names leaked") }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "; "))")
    }
}
