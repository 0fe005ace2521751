import IMRRedactKit

/// Turns the sample letters into many distinct, letter-shaped letters.
///
/// Each sample is parsed once into a `LetterTemplate`: literal text with slots where an
/// identifier stands (names, organisations, streets, dates, ID numbers, phones, ZIP codes ...).
/// Rendering a letter then only copies literal bytes and fills the slots from a seeded generator,
/// which makes 100 MB of letters take about a second. Within one letter the same original
/// identifier always gets the same replacement ("Dr. Temple" and "Temple Spine & Pain Medicine"
/// keep agreeing), so letters stay coherent and the rules see realistic repetition.
struct CorpusGenerator {
    let templates: [LetterTemplate]

    init(samples: [(name: String, bytes: [UInt8])]) throws {
        let recognizers = try Recognizers()
        templates = samples.map { LetterTemplate(name: $0.name, bytes: $0.bytes, recognizers: recognizers) }
    }

    /// What was generated.
    struct Summary {
        var letters = 0
        var jsonlBytes = 0
        var textBytes = 0
        var perTemplate: [Int] = []
    }

    /// Writes letters `bench-000001`, `bench-000002` ... as JSON Lines to `path` until the file
    /// holds at least `targetBytes` bytes.
    /// - Throws: `BenchError` when the file cannot be written or the generator keeps producing
    ///   duplicates (a sample with too few identifiers to vary).
    func writeCorpus(to path: String, targetBytes: Int, seed: UInt64) throws -> Summary {
        var rng = SynthRandom(seed: seed)
        let file = try OutputFile(path: path)
        var summary = Summary(perTemplate: Array(repeating: 0, count: templates.count))
        var seen = Set<UInt64>()
        var line: [UInt8] = []
        line.reserveCapacity(1 << 16)
        while summary.jsonlBytes < targetBytes {
            let index = rng.below(templates.count)
            var text: [UInt8] = []
            var attempts = 0
            repeat {
                attempts += 1
                guard attempts <= 64 else {
                    throw BenchError(
                        "sample \(templates[index].name) gives too few distinct letters (64 duplicates in a row)")
                }
                text = templates[index].render(using: &rng)
            } while !seen.insert(fnv1a(text)).inserted
            summary.letters += 1
            summary.perTemplate[index] += 1
            summary.textBytes += text.count
            line.removeAll(keepingCapacity: true)
            JSONLines.appendRecord(id: JSONLines.corpusID(summary.letters), text: text, to: &line)
            summary.jsonlBytes += line.count
            try file.write(line)
        }
        try file.close()
        return summary
    }
}

/// How a slot's digits are drawn.
enum DigitRule {
    case any
    /// No leading zero (house numbers, suites, boxes).
    case nonZero
    /// The NPI check digit (Luhn over `80840` and the first nine digits), computed last.
    case npiCheck
}

/// A place in a sample where an identifier stands.
enum Slot {
    /// A person or organisation name from a pool; `key` is the canonical spelling.
    case name(pool: NamePool, key: String, upper: Bool)
    /// A street, with its house number (`houseDigits` digits, 0 when none) before it.
    case street(key: String, upper: Bool, houseDigits: Int)
    /// Digits to redraw at `positions` (offsets in the slot), the rest kept.
    case digits(tag: String, positions: [Int], rules: [DigitRule])
    /// A 555-01xx phone number: the area code (offsets) and the last two digits are redrawn.
    case phone(area: [Int], last: [Int])
    case date(LetterDate)
    case email
    /// `A.C.`-style initials with `count` letters.
    case initials(count: Int)
}

enum NamePool: Int, CaseIterable {
    case given, surname, employer, clinic, company, street

    var known: [String] {
        switch self {
        case .given: return KnownIdentifiers.givenNames
        case .surname: return KnownIdentifiers.surnames
        case .employer: return KnownIdentifiers.employers
        case .clinic: return KnownIdentifiers.clinics
        case .company: return KnownIdentifiers.companies
        case .street: return KnownIdentifiers.streets
        }
    }

    var replacements: [String] {
        switch self {
        case .given: return Pool.givenNames
        case .surname: return Pool.surnames
        case .employer: return Pool.employers
        case .clinic: return Pool.clinics
        case .company: return Pool.companies
        case .street: return Pool.streets
        }
    }
}

/// The PCRE2 patterns that find identifiers in a sample, in priority order: an earlier
/// recognizer claims its bytes first (an e-mail before the name inside it, a phone before the
/// bare digits of a fax header, a date before an ID).
struct Recognizers {
    /// One spelling the phrase pattern can match.
    struct Phrase {
        var pool: NamePool
        var canonical: String
        var upper: Bool
    }

    let phrases: [Phrase]
    let phrasePattern: CompiledPattern
    let email: CompiledPattern
    let ssn: CompiledPattern
    let npi: CompiledPattern
    let phone: CompiledPattern
    /// Date patterns with the format each one parses, most specific first.
    let dates: [(CompiledPattern, DateKind)]
    let id: CompiledPattern
    let longNumber: CompiledPattern
    let zip: CompiledPattern
    let unitNumber: CompiledPattern
    let initials: CompiledPattern
    let maxCaptureCount: Int

    enum DateKind { case monthDayYear, monthDayYearNoComma, dayMonthYear, iso, slashed, monthYear }

    init() throws {
        var phrases: [(String, Phrase)] = []
        for pool in NamePool.allCases {
            for entry in pool.known {
                let spellings = entry.split(separator: "|").map(String.init)
                guard let canonical = spellings.first else { continue }
                for spelling in spellings {
                    phrases.append(
                        (spelling, Phrase(pool: pool, canonical: canonical, upper: spelling == spelling.uppercased())))
                    let upper = spelling.uppercased()
                    if upper != spelling {
                        phrases.append((upper, Phrase(pool: pool, canonical: canonical, upper: true)))
                    }
                }
            }
        }
        // Longest first: PCRE2 takes the first alternative that matches, so "Del Valle Muñoz"
        // must come before "Del Valle".
        phrases.sort { $0.0.utf8.count > $1.0.utf8.count }
        self.phrases = phrases.map(\.1)
        // A space in a phrase also matches a line break, as in "Delta Lakes Imaging\nCenter".
        let alternatives = phrases.enumerated().map { offset, phrase in
            "(*MARK:\(offset))"
                + phrase.0.split(separator: " ").map { "\\Q\($0)\\E" }.joined(separator: #"(?:[ ]|\r?\n[ \t]*)"#)
        }
        let letter = #"\p{L}\p{N}"#
        phrasePattern = try Self.compile(
            "(?<![\(letter)'\\-])(?:" + alternatives.joined(separator: "|") + ")(?![\(letter)\\-])")

        email = try Self.compile(#"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"#)
        ssn = try Self.compile(#"\bXXX-XX-(\d{4})\b"#)
        npi = try Self.compile(#"\bNPI:? (\d{10})\b"#)
        phone = try Self.compile(#"(?<![\d\-])(?:\+1 )?\(?(\d{3})\)?[ .\-/]?555[ .\-]?01(\d\d)(?!\d)"#)
        let full = LetterDate.fullMonths.joined(separator: "|")
        let short = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
        dates = [
            (
                try Self.compile(#"(?<!\p{L})("# + full + "|" + short + #")(\.?)(\s+)(\d{1,2}),(\s+)(\d{4})(?!\d)"#),
                .monthDayYear
            ),
            (try Self.compile(#"(?<!\p{L})("# + short + #") (\d{2}) (\d{4})(?!\d)"#), .monthDayYearNoComma),
            (try Self.compile(#"(?<![\d\-])(\d{1,2})-("# + short + #")-(\d{2})(?![\d\-])"#), .dayMonthYear),
            (try Self.compile(#"(?<![\d\-])(\d{4})-(\d{2})-(\d{2})(?![\d\-])"#), .iso),
            (try Self.compile(#"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])"#), .slashed),
            (try Self.compile(#"(?<!\p{L})("# + full + #")(\s+)(\d{4})(?!\d)"#), .monthYear),
        ]
        // Letters, then letters/digits/dashes holding a run of at least five digits:
        // CM16-0241873, ADJ9275530, SCR-1610-22817 (never L4-5, M54.12 or CPT 64493).
        id = try Self.compile(
            #"(?<![\p{L}\p{N}.\-])(?=[A-Z0-9\-]*\d{5})[A-Z]{2,}[A-Z0-9]*(?:-[A-Z0-9]+)*(?![\p{L}\p{N}\-])"#)
        longNumber = try Self.compile(#"(?<![\p{L}\p{N}.\-/])\d{6,}(?![\p{N}\-])"#)
        zip = try Self.compile(#"\bCA\s+(\d{5})(?!\d)"#)
        unitNumber = try Self.compile(#"\b(?:Suite|Apt|Box) (\d{1,5})(?!\d)"#)
        initials = try Self.compile(#"(?<=")(?:[A-Z]\.){2,3}"#)
        maxCaptureCount = 6
    }

    private static func compile(_ pattern: String) throws -> CompiledPattern {
        do {
            return try CompiledPattern(pattern, options: [])
        } catch {
            throw BenchError("generator pattern does not compile: \(error) in \(pattern.prefix(120))")
        }
    }
}

/// A sample letter as literal runs and slots.
struct LetterTemplate {
    let name: String
    let bytes: [UInt8]
    /// Pieces in order; a `nil` slot is literal text.
    private(set) var pieces: [(range: Range<Int>, slot: Slot?)] = []
    private(set) var slotCount = 0

    init(name: String, bytes: [UInt8], recognizers r: Recognizers) {
        self.name = name
        self.bytes = bytes
        var claimed = [Bool](repeating: false, count: bytes.count)
        var slots: [(Range<Int>, Slot)] = []
        let matcher = Matcher(maxCaptureCount: r.maxCaptureCount)

        /// Accepts a slot when none of its bytes is taken yet.
        func claim(_ range: Range<Int>, _ slot: Slot) {
            guard !range.isEmpty, !claimed[range].contains(true) else { return }
            for index in range { claimed[index] = true }
            slots.append((range, slot))
        }
        func text(_ range: Range<Int>?) -> String {
            guard let range else { return "" }
            return String(decoding: bytes[range], as: UTF8.self)
        }
        func number(_ range: Range<Int>?) -> Int { Int(text(range)) ?? -1 }
        func digitPositions(_ range: Range<Int>?, in whole: Range<Int>) -> [Int] {
            guard let range else { return [] }
            return range.filter { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }.map { $0 - whole.lowerBound }
        }

        Self.forEachMatch(r.email, in: bytes, matcher) { whole in claim(whole, .email) }

        Self.forEachMatch(r.phrasePattern, in: bytes, matcher) { whole in
            guard let mark = matcher.mark, let index = Int(mark), index < r.phrases.count else { return }
            let phrase = r.phrases[index]
            if phrase.pool == .street {
                // Take the house number along: "2418 Harrowgate Lane".
                var start = whole.lowerBound
                if start >= 2, bytes[start - 1] == 0x20 {
                    var digitStart = start - 1
                    while digitStart > 0, bytes[digitStart - 1] >= 0x30, bytes[digitStart - 1] <= 0x39 {
                        digitStart -= 1
                    }
                    let count = start - 1 - digitStart
                    if count > 0, count <= 5,
                        digitStart == 0 || bytes[digitStart - 1] == 0x20 || bytes[digitStart - 1] == 0x0A
                    {
                        start = digitStart
                        claim(
                            start..<whole.upperBound,
                            .street(key: phrase.canonical, upper: phrase.upper, houseDigits: count))
                        return
                    }
                }
                claim(whole, .street(key: phrase.canonical, upper: phrase.upper, houseDigits: 0))
            } else {
                claim(whole, .name(pool: phrase.pool, key: phrase.canonical, upper: phrase.upper))
            }
        }

        Self.forEachMatch(r.ssn, in: bytes, matcher) { whole in
            let positions = digitPositions(matcher.range(ofGroup: 1), in: whole)
            claim(
                whole, .digits(tag: "ssn", positions: positions, rules: Array(repeating: .any, count: positions.count)))
        }
        Self.forEachMatch(r.npi, in: bytes, matcher) { whole in
            let positions = digitPositions(matcher.range(ofGroup: 1), in: whole)
            guard positions.count == 10 else { return }
            claim(
                whole,
                .digits(
                    tag: "npi", positions: positions, rules: [.nonZero] + Array(repeating: .any, count: 8) + [.npiCheck]
                ))
        }
        Self.forEachMatch(r.phone, in: bytes, matcher) { whole in
            claim(
                whole,
                .phone(
                    area: digitPositions(matcher.range(ofGroup: 1), in: whole),
                    last: digitPositions(matcher.range(ofGroup: 2), in: whole)))
        }

        for (pattern, kind) in r.dates {
            Self.forEachMatch(pattern, in: bytes, matcher) { whole in
                let g = (1...6).map { matcher.range(ofGroup: $0) }
                var year = 0
                var month = 0
                var day = 0
                let format: LetterDate.Format
                switch kind {
                case .monthDayYear:
                    month = LetterDate.month(named: text(g[0])) ?? 0
                    day = number(g[3])
                    year = number(g[5])
                    format = .monthDayYear(
                        fullName: LetterDate.fullMonths.contains(text(g[0])), dot: !text(g[1]).isEmpty,
                        separator1: text(g[2]), separator2: text(g[4]))
                case .monthDayYearNoComma:
                    month = LetterDate.month(named: text(g[0])) ?? 0
                    day = number(g[1])
                    year = number(g[2])
                    format = .monthDayYearNoComma
                case .dayMonthYear:
                    day = number(g[0])
                    month = LetterDate.month(named: text(g[1])) ?? 0
                    year = LetterDate.fullYear(number(g[2]), digits: 2)
                    format = .dayMonthYear(paddedDay: g[0]?.count == 2)
                case .iso:
                    year = number(g[0])
                    month = number(g[1])
                    day = number(g[2])
                    format = .iso
                case .slashed:
                    month = number(g[0])
                    day = number(g[1])
                    let yearDigits = g[2]?.count ?? 0
                    year = LetterDate.fullYear(number(g[2]), digits: yearDigits)
                    let monthText = text(g[0])
                    let dayText = text(g[1])
                    // Zero-padded when either part shows a leading zero, or both are two digits.
                    let padded =
                        monthText.hasPrefix("0") || dayText.hasPrefix("0")
                        || (monthText.count == 2 && dayText.count == 2)
                    format = .slashed(padded: padded, fourDigitYear: yearDigits == 4)
                case .monthYear:
                    month = LetterDate.month(named: text(g[0])) ?? 0
                    day = 15
                    year = number(g[2])
                    format = .monthYear(separator: text(g[1]))
                }
                guard let civil = CivilDate(year: year, month: month, day: day) else { return }
                claim(
                    whole, .date(LetterDate(format: format, days: civil.dayNumber)))
            }
        }

        Self.forEachMatch(r.id, in: bytes, matcher) { whole in
            // Redraw the digit runs of three or more; short parts ("CM16", "-13-") read as years.
            var positions: [Int] = []
            var run: [Int] = []
            for index in whole {
                if bytes[index] >= 0x30 && bytes[index] <= 0x39 {
                    run.append(index - whole.lowerBound)
                } else {
                    if run.count >= 3 { positions += run }
                    run = []
                }
            }
            if run.count >= 3 { positions += run }
            claim(
                whole, .digits(tag: "id", positions: positions, rules: Array(repeating: .any, count: positions.count)))
        }
        Self.forEachMatch(r.longNumber, in: bytes, matcher) { whole in
            let positions = Array(0..<whole.count)
            claim(
                whole,
                .digits(
                    tag: "num", positions: positions, rules: [.nonZero] + Array(repeating: .any, count: whole.count - 1)
                ))
        }
        Self.forEachMatch(r.zip, in: bytes, matcher) { whole in
            // Keep the first two digits (the region), redraw the last three.
            let positions = Array(digitPositions(matcher.range(ofGroup: 1), in: whole).suffix(3))
            claim(
                whole, .digits(tag: "zip", positions: positions, rules: Array(repeating: .any, count: positions.count)))
        }
        Self.forEachMatch(r.unitNumber, in: bytes, matcher) { whole in
            let positions = digitPositions(matcher.range(ofGroup: 1), in: whole)
            claim(
                whole,
                .digits(
                    tag: "unit", positions: positions,
                    rules: [.nonZero] + Array(repeating: .any, count: positions.count - 1)))
        }
        Self.forEachMatch(r.initials, in: bytes, matcher) { whole in
            claim(whole, .initials(count: whole.count / 2))
        }

        slots.sort { $0.0.lowerBound < $1.0.lowerBound }
        var position = 0
        for (range, slot) in slots {
            if range.lowerBound > position { pieces.append((position..<range.lowerBound, nil)) }
            pieces.append((range, slot))
            position = range.upperBound
        }
        if position < bytes.count { pieces.append((position..<bytes.count, nil)) }
        slotCount = slots.count
    }

    /// Calls `body` with the range of every non-overlapping match of `pattern`.
    private static func forEachMatch(
        _ pattern: CompiledPattern, in bytes: [UInt8], _ matcher: Matcher, _ body: (Range<Int>) -> Void
    ) {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset <= buffer.count {
                guard (try? matcher.firstMatch(pattern, in: buffer, from: offset)) == true,
                    let whole = matcher.range(ofGroup: 0)
                else { return }
                body(whole)
                offset = whole.isEmpty ? whole.upperBound + 1 : whole.upperBound
                while offset < buffer.count && buffer[offset] & 0xC0 == 0x80 { offset += 1 }
            }
        }
    }

    /// One letter: the sample with every slot filled for this letter.
    func render(using rng: inout SynthRandom) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var memo: [String: [UInt8]] = [:]
        var usedNames: Set<String> = []
        var movedDays: [Int: Int] = [:]
        // Up to about four years either way keeps every letter in a believable 2008-2021 range.
        let dateShift = rng.within(-1500...1500)

        func pickName(_ pool: NamePool, key: String) -> [UInt8] {
            let memoKey = "\(pool.rawValue):\(key)"
            if let known = memo[memoKey] { return known }
            var choice = rng.pick(pool.replacements)
            for _ in 0..<8 where usedNames.contains(choice) { choice = rng.pick(pool.replacements) }
            usedNames.insert(choice)
            let value = Array(choice.utf8)
            memo[memoKey] = value
            return value
        }
        func cased(_ value: [UInt8], upper: Bool) -> [UInt8] {
            upper ? Array(String(decoding: value, as: UTF8.self).uppercased().utf8) : value
        }
        /// Copies the slot's original bytes with new digits written at `positions`.
        func withDigits(_ range: Range<Int>, positions: [Int], digits: [UInt8]) {
            let start = out.count
            out.append(contentsOf: bytes[range])
            for (position, digit) in zip(positions, digits) { out[start + position] = digit }
        }

        for (range, slot) in pieces {
            guard let slot else {
                out.append(contentsOf: bytes[range])
                continue
            }
            switch slot {
            case .name(let pool, let key, let upper):
                out += cased(pickName(pool, key: key), upper: upper)
            case .street(let key, let upper, let houseDigits):
                if houseDigits > 0 {
                    let original = String(
                        decoding: bytes[range.lowerBound..<(range.lowerBound + houseDigits)], as: UTF8.self)
                    let memoKey = "house:\(original):\(key)"
                    let number = memo[memoKey] ?? (0..<houseDigits).map { $0 == 0 ? rng.digit(from: 1) : rng.digit() }
                    memo[memoKey] = number
                    out += number
                    out.append(0x20)
                }
                out += cased(pickName(.street, key: key), upper: upper)
            case .digits(let tag, let positions, let rules):
                let originalDigits = positions.map { bytes[range.lowerBound + $0] }
                let memoKey = tag + ":" + String(decoding: originalDigits, as: UTF8.self)
                let digits: [UInt8]
                if let known = memo[memoKey] {
                    digits = known
                } else {
                    var drawn: [UInt8] = []
                    for rule in rules {
                        switch rule {
                        case .any: drawn.append(rng.digit())
                        case .nonZero: drawn.append(rng.digit(from: 1))
                        case .npiCheck: drawn.append(Self.npiCheckDigit(drawn))
                        }
                    }
                    digits = drawn
                    memo[memoKey] = digits
                }
                withDigits(range, positions: positions, digits: digits)
            case .phone(let area, let last):
                let all = area + last
                let memoKey = "tel:" + String(decoding: all.map { bytes[range.lowerBound + $0] }, as: UTF8.self)
                let digits: [UInt8]
                if let known = memo[memoKey] {
                    digits = known
                } else {
                    // Area code from a list, line number kept in the fictional 555-01xx block.
                    digits = (area.isEmpty ? [] : Array(rng.pick(Pool.areaCodes).utf8)) + [rng.digit(), rng.digit()]
                    memo[memoKey] = digits
                }
                withDigits(range, positions: all, digits: digits)
            case .date(let date):
                let moved = movedDays[date.days] ?? (date.days + dateShift + rng.within(0...6))
                movedDays[date.days] = moved
                out += Array(date.render(days: moved).utf8)
            case .email:
                let memoKey = "mail:" + String(decoding: bytes[range], as: UTF8.self)
                if let known = memo[memoKey] {
                    out += known
                } else {
                    let initial = rng.pick(Pool.givenNames).lowercased().unicodeScalars.first {
                        $0.isASCII && $0.properties.isAlphabetic
                    }
                    let surname = String(
                        String.UnicodeScalarView(
                            rng.pick(Pool.surnames).lowercased().unicodeScalars.filter {
                                $0.isASCII && $0.properties.isAlphabetic
                            }))
                    let value = Array(
                        ((initial.map { String($0) } ?? "") + surname + "@" + rng.pick(Pool.mailDomains)).utf8)
                    memo[memoKey] = value
                    out += value
                }
            case .initials(let count):
                let memoKey = "init:" + String(decoding: bytes[range], as: UTF8.self)
                let value = memo[memoKey] ?? (0..<count).flatMap { _ in [0x41 + UInt8(rng.below(26)), 0x2E] }
                memo[memoKey] = value
                out += value
            }
        }
        return out
    }

    /// Luhn check digit of an NPI: computed over `80840` followed by the first nine digits.
    static func npiCheckDigit(_ firstNine: [UInt8]) -> UInt8 {
        let payload = Array("80840".utf8) + firstNine
        var sum = 0
        // From the right, every other digit (starting with the rightmost payload digit) doubles.
        for (index, byte) in payload.reversed().enumerated() {
            var value = Int(byte) - 0x30
            if index % 2 == 0 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return 0x30 + UInt8((10 - sum % 10) % 10)
    }
}
