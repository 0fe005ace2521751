import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

/// Input built to make every rule backtrack. Each rule of the default rule set runs as the
/// detector runs it (alone over the text, or in the windows around its keywords) over about
/// 100 KB of hostile text: runs of digits, slashes, spaces, dots, dashes, capitalised words,
/// initials, titles, credentials, labels and line breaks with the rule's keywords between them,
/// and its own examples repeated, joined, and pumped (a piece of the example between two of its
/// word boundaries repeated, `Dear Ms. O'N` + `O'N`... + `eil:`). Each run finishes within the
/// match limit or rejects the document with a limit error naming the rule; none may reach the
/// limit (a rule that did would reject a letter that merely holds such a run), and none may be
/// super-linear. Messages name rules and shapes, never text.
@Suite struct HostileRuleTests {
    /// 100 KB; 25 KB under a sanitizer (`scripts/sanitizers.sh`), where the instrumented Swift
    /// code is several times slower: a shape over 250 ms is then run again at four times the
    /// size, and one rule with many examples took six minutes over 100 KB under AddressSanitizer.
    static let size = Fixtures.sanitizer == nil ? 100_000 : 25_000
    /// Per-rule bound: a hang detector, not a speed test (a debug build on a shared two-core
    /// machine under load took 100 s for one rule; the ratio check below finds super-linear rules).
    /// Under a sanitizer, 900 s.
    static let perRule: Duration = Fixtures.sanitizer == nil ? .seconds(600) : .seconds(900)

    /// Repeated units, each named for messages.
    static let units: [(name: String, unit: String)] = [
        ("digits", "1"), ("slashes", "/"), ("spaces", " "), ("dots", "."), ("dashes", "-"), ("commas", ","),
        ("hashes", "#"), ("newlines", "\n"), ("space-newline", " \n"), ("crlf", "\r\n"), ("blank-lines", "\n\n "),
        ("digit-slash", "1/"), ("digit-dash", "1-"), ("digit-dot", "1."), ("digit-space", "1 "), ("2digit-slash", "12/"),
        ("2digit-dash", "12-"), ("fraction-space", "1/1 "), ("digit-comma", "1,"), ("digit-x", "1x"),
        ("digit-newline", "1\n"), ("capital", "A"), ("initial", "A."), ("initial-space", "A. "), ("dotted", "A.B."),
        ("word", "Aaa "), ("caps-word", "AAA "), ("word-newline", "Aaa\n"), ("word-crlf", "Aaa \r\n"),
        ("word-hyphen", "Aaa-"), ("apostrophe", "O'Aa"), ("word-comma", "Aaa, "), ("lower", "aaa "),
        ("dr-names", "Dr. Aaa Bbb Ccc "), ("credential", "Aaa Bbb, MD "), ("title", "Mr. Aaa "),
        ("street", "1 Aaa St "), ("city-state", "Aaa, CA "), ("company", "Aaa Inc. "), ("parenthesised", "(1) "),
        ("colon", "Aaa: "), ("accented", "Ñaaa "), ("label-gap", "Employee:   "), ("word-digit", "Aaa 1 "),
    ]

    /// Units that carry their own keywords and run unbroken over the whole text (each once made
    /// a rule quadratic: a match could start at every piece and re-read the run).
    static let bareUnits: [(name: String, unit: String)] = [
        ("hyphenated-state", "Califor-"), ("dotted-host", "www.a."), ("apostrophes", "O'Rourke'"), ("hyphenated-month", "Novem- \n"),
    ]

    /// `unit` repeated to `size` bytes, with one of the rule's keywords every 200 bytes (as
    /// written, capitalised and in capitals in turn, and followed by a colon every other time, as
    /// a label) so that a windowed rule runs over all of it.
    static func text(_ unit: String, keywords: [String], matchCase: Bool, size: Int = size) -> [UInt8] {
        let unitBytes = Array(unit.utf8)
        guard !keywords.isEmpty else { return repeated(unitBytes, to: size) }
        let run = repeated(unitBytes, to: 200)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size + 512)
        var turn = 0
        while bytes.count < size {
            let keyword = keywords[turn % keywords.count]
            let round = turn / keywords.count
            let spelling = matchCase ? keyword : [keyword, keyword.capitalized, keyword.uppercased()][round % 3]
            bytes += Array(spelling.utf8) + (round % 2 == 0 ? [0x20] : [0x3A, 0x20])
            bytes += run
            turn += 1
        }
        return bytes
    }

    /// Whole copies of `piece`, at least `size` bytes of them (built by doubling: the suite runs
    /// in a debug build, where a byte-by-byte loop would cost more than the rules).
    static func repeated(_ piece: [UInt8], to size: Int) -> [UInt8] {
        guard !piece.isEmpty else { return [] }
        var result = piece
        while result.count < size { result += result }
        let copies = (size + piece.count - 1) / piece.count
        result.removeLast(result.count - copies * piece.count)
        return result
    }

    /// Hostile forms of an example, each a function of the size: repeated with nothing, a space
    /// or a line break between, and pumped between pairs of up to eight of its word boundaries.
    static func variants(of example: String) -> [(name: String, make: (Int) -> [UInt8])] {
        let bytes = Array(example.utf8)
        guard !bytes.isEmpty else { return [] }
        var result: [(String, (Int) -> [UInt8])] = []
        for (name, separator) in [("repeated", [UInt8]()), ("repeated-space", [0x20]), ("repeated-newline", [0x0A])] {
            result.append((name, { size in repeated(bytes + separator, to: size) }))
        }
        func kind(_ byte: UInt8) -> Int {
            switch byte {
            case 0x30...0x39: 0
            case 0x41...0x5A: 1
            case 0x61...0x7A, 0x80...: 2
            default: 3 + Int(byte)
            }
        }
        var cuts = [0]
        for index in bytes.indices.dropFirst() where bytes[index] & 0xC0 != 0x80 && kind(bytes[index]) != kind(bytes[index - 1]) {
            cuts.append(index)
        }
        cuts.append(bytes.count)
        if cuts.count > 8 {
            let step = Double(cuts.count - 1) / 7
            cuts = (0...7).map { cuts[Int((Double($0) * step).rounded())] }
        }
        for low in cuts.indices {
            for high in cuts.indices where high > low {
                let (a, b) = (cuts[low], cuts[high])
                result.append(("pumped \(a)..<\(b)", { size in
                    Array(bytes[..<a]) + repeated(Array(bytes[a..<b]), to: size) + bytes[b...]
                }))
            }
        }
        return result
    }

    /// Runs rule `index` alone as the detector does over `text`: nil, or the error.
    static func run(_ detector: Detector, ruleAt index: Int, over text: [UInt8]) -> DocumentError? {
        text.withUnsafeBufferPointer { buffer in
            var spans: [Finding] = []
            if !detector.ruleSet.rules[index].keywordIDs.isEmpty { detector.prepare(buffer) }
            do throws(DocumentError) {
                try detector.run(ruleAt: index, in: buffer, into: &spans)
                return nil
            } catch {
                return error
            }
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    @Test(arguments: Fixtures.ruleSet.rules.indices)
    func ruleFinishesWithinTheLimitOnItsHostileShapes(index: Int) throws {
        let ruleSet = Fixtures.ruleSet
        let detector = Detector(ruleSet: ruleSet)
        let rule = ruleSet.rules[index].rule
        var shapes: [(name: String, make: (Int) -> [UInt8])] = Self.units.map { unit in
            (unit.name, { Self.text(unit.unit, keywords: rule.keywords, matchCase: rule.keywordsMatchCase, size: $0) })
        }
        shapes += Self.bareUnits.map { unit in (unit.name, { Self.text(unit.unit, keywords: [], matchCase: true, size: $0) }) }
        for (number, example) in (rule.shouldMatch.map(\.text) + rule.shouldNotMatch).enumerated() {
            shapes += Self.variants(of: example).map { ("example \(number + 1) \($0.name)", $0.make) }
        }
        let clock = ContinuousClock()
        let start = clock.now
        for (name, make) in shapes {
            let text = make(Self.size)
            let before = clock.now
            let error = Self.run(detector, ruleAt: index, over: text)
            let took = clock.now - before
            switch error {
            case nil: break
            case .limitReached(let named, _)? where named == rule.id:
                Issue.record("rule '\(rule.id)' reached the match limit on \(name)")
            case .limitReached(let named, _)?:
                Issue.record("rule '\(rule.id)' on \(name): the limit error names '\(named)'")
            case _?:
                Issue.record("rule '\(rule.id)' on \(name): failed with an error other than a limit")
            }
            // Linear work takes milliseconds here; a slow shape is run at four times the size,
            // where a quadratic rule takes sixteen times as long.
            if took > .milliseconds(250) {
                let bigger = make(4 * Self.size)
                let again = clock.now
                _ = Self.run(detector, ruleAt: index, over: bigger)
                let ratio = Self.seconds(clock.now - again) / Self.seconds(took)
                #expect(ratio < 10, "rule '\(rule.id)' on \(name): four times the text took \(ratio) times as long")
            }
        }
        let elapsed = clock.now - start
        #expect(elapsed < Self.perRule, "rule '\(rule.id)' took \(elapsed) over \(shapes.count) hostile shapes")
    }

    /// The whole detection (the combined pass of the digit-led rules, the rules that run alone,
    /// the windowed rules) over the generic shapes, bare and with every keyword of the rule set
    /// between the runs: it finishes without reaching a limit.
    @Test func theWholeDetectionFinishesOnEveryShape() throws {
        let ruleSet = Fixtures.ruleSet
        let detector = Detector(ruleSet: ruleSet)
        let keywords = Array(Set(ruleSet.rules.flatMap(\.rule.keywords))).sorted()
        let ids = Set(ruleSet.rules.map(\.rule.id))
        let clock = ContinuousClock()
        for (name, unit) in Self.units {
            for text in [Self.text(unit, keywords: [], matchCase: true), Self.text(unit, keywords: keywords, matchCase: false)] {
                let start = clock.now
                let error: DocumentError? = text.withUnsafeBufferPointer { buffer in
                    do throws(DocumentError) {
                        _ = try detector.findings(in: buffer)
                        return nil
                    } catch {
                        return error
                    }
                }
                if case .limitReached(let rule, _)? = error {
                    #expect(ids.contains(rule), "\(name): the limit error names no rule of the set")
                    Issue.record("\(name): rule '\(rule)' reached the match limit")
                } else if error != nil {
                    Issue.record("\(name): detection failed with an error other than a limit")
                }
                #expect(clock.now - start < .seconds(300), "\(name): detection took \(clock.now - start)")
            }
        }
    }
}
