import Foundation

/// How a rule that matches a right-hand anchor (a credential, a company suffix) grows its span
/// to the left over the words of a name. Anchoring on the rare right-hand word and walking left
/// in code is much cheaper than a regex that tries every capital letter of the letter.
public enum LeftExtension: String, Sendable, Hashable, CaseIterable {
    /// A personal name of one to four words (initials and particles allowed) that ends right
    /// before the anchor; the span is the name without the anchor (`Ana M. Reyes`, not `, L.Ac.`).
    case name
    /// An organisation name of up to seven words ending right before the anchor, which is part of
    /// it (`Pacific Rim Logistics, Inc.`); generic words are trimmed from its left end.
    case org
    /// A practice named for a place or a person before the kind of care or law it practises
    /// (`Pajaro Creek Hand Therapy`, `Ojai Ear, Nose & Throat`, `Okafor Workers' Compensation
    /// Law`): walked like `org`, and kept only when a word before the anchor, past the generic
    /// and clinical ones, names a kind of place (`Creek`, `Valley`) or is on no list of ordinary
    /// words (a name). `Post-Operative Hand Therapy`, `Additional Functional Restoration` and
    /// `California Workers' Compensation Law` are care and law, not a practice.
    case named
}

/// Word lists the detectors use (`Patterns/lexicons/*.txt`), compared case-insensitively.
public struct Lexicons: Sendable {
    public var stopwords: Set<[UInt8]>
    public var orgGeneric: Set<[UInt8]>
    public var particles: Set<[UInt8]>
    /// Ordinary words of the letters (`lexicons/common-words.txt`): a name word that is also one
    /// of these needs context before it is masked on its own.
    public var commonWords: Set<[UInt8]>

    public init(
        stopwords: Set<[UInt8]> = [], orgGeneric: Set<[UInt8]> = [], particles: Set<[UInt8]> = [],
        commonWords: Set<[UInt8]> = []
    ) {
        self.stopwords = stopwords
        self.orgGeneric = orgGeneric
        self.particles = particles
        self.commonWords = commonWords
    }

    static let defaultParticles: Set<[UInt8]> = Set(
        ["de", "del", "dela", "della", "des", "la", "las", "los", "da", "das", "do", "dos", "du", "van", "von", "der", "den", "di", "le",
         "bin", "bint", "ibn", "abu", "ben", "al", "el", "ul", "ter", "ten", "st."]
            .map { Array($0.utf8) })

    /// Parses a word list: one entry per line, `#` comments, blank lines ignored.
    public static func words(_ text: String) -> Set<[UInt8]> {
        var result = Set<[UInt8]>()
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let word = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = word.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { result.insert(Array(trimmed.lowercased().utf8)) }
        }
        return result
    }

    /// The lexicons built into the binary.
    public static func defaults() -> Lexicons {
        Lexicons(
            stopwords: words(EmbeddedResources.file("lexicons/stopwords.txt") ?? ""),
            orgGeneric: words(EmbeddedResources.file("lexicons/org-generic.txt") ?? ""),
            particles: defaultParticles,
            commonWords: words(EmbeddedResources.file("lexicons/common-words.txt") ?? ""))
    }
}

/// Walks left from an anchor over name words.
enum LeftExtender {
    /// Lower-case words that join the parts of an organisation's name.
    static let connectors: Set<[UInt8]> = [Array("&".utf8), Array("of".utf8), Array("and".utf8)]

    /// The span the extension gives for an anchor at `anchor`, or `nil` when no word qualifies.
    /// In a note written in capitals (`inCapitals`), an ordinary word ends a person's name unless
    /// it is the surname next to the anchor and on a name list, or a given name before it
    /// (`ONCOMING NURSE` before `ODALYS KOWALCZYK, RN`).
    static func extend(
        _ kind: LeftExtension, anchor: Range<Int>, in text: UnsafeBufferPointer<UInt8>, lexicons: Lexicons, inCapitals: Bool = false
    ) -> Range<Int>? {
        let maxWords = kind == .name || kind == .named ? 4 : 7
        var words: [Range<Int>] = []
        var cursor = anchor.lowerBound
        var crossedLine = false
        while words.count < maxWords {
            // The gap before the word: none before the first word, then one or two spaces, or
            // (once) a line break of the PDF, with blank lines and spaces around it.
            var position = cursor
            var crossesHere = false
            if !words.isEmpty {
                guard let gap = gapStart(before: position, in: text) else { break }
                if gap.lines > 0 {
                    if crossedLine { break }
                    crossedLine = true
                    crossesHere = true
                }
                position = gap.start
            }
            guard var word = wordBefore(position, in: text) else { break }
            // The tail of a compound credential (`OTR/L`, `PA/C`) is no name.
            if kind == .name && word.lowerBound > 0 && text[word.lowerBound - 1] == UInt8(ascii: "/") { break }
            var bytes = lowered(text[word])
            // A word the PDF hyphenated across a line end (`Utilizat-` / `ion`, `Amand-` / `eep`)
            // is one word; its line break is the one the extension may cross.
            if !crossedLine, !startsUppercase(word, in: text), let head = hyphenHead(before: word.lowerBound, in: text) {
                bytes = lowered(text[head]).filter { $0 != UInt8(ascii: "-") } + bytes
                word = head.lowerBound..<word.upperBound
                crossedLine = true
            }
            if inCapitals && kind == .name {
                // The surname next to the anchor may be an ordinary word too (BAKER); the words
                // before it must be given names (ODALYS, JOHN) or on no ordinary list.
                let classes = WordLexicon.shared.classes(text, word)
                let allowed: WordClasses = words.isEmpty ? .name : .givenName
                if classes.isDisjoint(with: allowed) && !classes.isDisjoint(with: .ordinary) { break }
            }
            // A person's name goes on over a line break only with a word written as a name
            // (Gevorg / Sargsyan, R. / Cheema), never an all-capitals heading.
            if crossesHere && kind == .name && !isNameCased(word, in: text) { break }
            // Nor with an ordinary word that is no name (a decision or heading ending the line
            // above: Upheld / Petra Novak, MD).
            if crossesHere && kind == .name {
                let classes = WordLexicon.shared.classes(text, word)
                if classes.isDisjoint(with: .name) && !classes.isDisjoint(with: .ordinary) { break }
            }
            // Generic words may sit inside an organisation's name even where they are stopwords
            // for a person's (Coastline Utilization Review, Inc.); the surname Do is not the
            // credential DO.
            if lexicons.stopwords.contains(bytes) && !(kind == .org && lexicons.orgGeneric.contains(bytes))
                && !isSurnameDo(word, in: text)
            {
                break
            }
            // A sentence ends before a practice's name; only a short abbreviation (`Mt.`, `St.`)
            // ends in a full stop inside one.
            if kind == .named && text[word.upperBound - 1] == UInt8(ascii: ".") && !(word.count <= 3 && isNameCased(word, in: text)) {
                break
            }
            let capitalised = startsUppercase(word, in: text)
            let connector = kind != .name && connectors.contains(bytes)
            let particle = kind == .name && lexicons.particles.contains(bytes)
            if !(capitalised || connector || particle) { break }
            words.append(word)
            cursor = word.lowerBound
        }
        // Connectors and particles cannot open a name; generic words cannot open an organisation,
        // nor clinical words a practice named for a place or person.
        while let first = words.last {
            let bytes = lowered(text[first])
            let generic = kind != .name && lexicons.orgGeneric.contains(bytes)
            let clinical = kind == .named && !WordLexicon.shared.classes(text, first).isDisjoint(with: [.clinical, .drug])
            let joiner = !startsUppercase(first, in: text)
            if generic || clinical || joiner { words.removeLast() } else { break }
        }
        guard let first = words.last, let last = words.first else { return nil }
        switch kind {
        case .name: return first.lowerBound..<last.upperBound
        case .org: return first.lowerBound..<anchor.upperBound
        case .named:
            return words.contains { namesPlaceOrPerson($0, in: text) } ? first.lowerBound..<anchor.upperBound : nil
        }
    }

    /// In a note written in capitals, whether the words an extension took (the anchor left out)
    /// hold one that is on a name list and no ordinary list: capitals alone make no name there,
    /// and a word no list knows is an abbreviation (`IABP`, `LCX`) as often as a name.
    static func standsOutInCapitals(span: Range<Int>, anchor: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let taken = span.lowerBound..<min(span.upperBound, anchor.lowerBound)
        return Words.ranges(in: text, within: taken).contains { $0.count >= 2 && WordLexicon.shared.classes(text, $0).isOnlyName }
    }

    /// A word of a practice's name that says it is named for something: a kind of place
    /// (`Valley`, `Hills`, `District`) or a word written as a name that is on no list of ordinary
    /// words (`Pajaro`, `Lindqvist`; each part of a hyphenated word looked up).
    static func namesPlaceOrPerson(_ word: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let classes = WordLexicon.shared.classes(text, word)
        if classes.contains(.placeWord) { return true }
        guard isNameCased(word, in: text) else { return false }
        var partStart = word.lowerBound
        var anyUnknown = false
        for position in word.lowerBound...word.upperBound {
            guard position == word.upperBound || text[position] == UInt8(ascii: "-") else { continue }
            var end = position
            while end > partStart && text[end - 1] == UInt8(ascii: ".") { end -= 1 }
            if end - partStart >= 2, WordLexicon.shared.classes(text, partStart..<end).isDisjoint(with: .ordinary) {
                anyUnknown = true
            }
            partStart = position + 1
        }
        return anyUnknown
    }

    /// Where the gap before `end` starts: one or two spaces on one line, or white space holding
    /// one to three line ends (a PDF line break, blank lines between); `nil` for any other gap.
    static func gapStart(before end: Int, in text: UnsafeBufferPointer<UInt8>) -> (start: Int, lines: Int)? {
        var position = end
        var spaces = 0
        var lines = 0
        while position > 0 && end - position < 16 {
            let byte = text[position - 1]
            if byte == 0x20 || byte == 0x09 {
                spaces += 1
            } else if byte == 0x0A {
                lines += 1
            } else if byte != 0x0D && byte != 0x0C {
                break
            }
            position -= 1
        }
        if lines == 0 { return (1...2).contains(spaces) ? (position, 0) : nil }
        return lines <= 3 ? (position, lines) : nil
    }

    /// The first part of a word hyphenated across a line end, when `start` begins its second
    /// part: `Utilizat-` for `ion` in `Utilizat-\nion`; `nil` otherwise.
    static func hyphenHead(before start: Int, in text: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var position = start
        var lines = 0
        while position > 0 && start - position < 12 {
            let byte = text[position - 1]
            if byte == 0x0A { lines += 1 } else if byte != 0x20 && byte != 0x0D && byte != 0x09 { break }
            position -= 1
        }
        guard (1...3).contains(lines), position > 1, text[position - 1] == UInt8(ascii: "-") else { return nil }
        let letter = text[position - 2]
        guard (letter | 0x20 >= 0x61 && letter | 0x20 <= 0x7A) || letter >= 0x80,
            let head = wordBefore(position, in: text), startsUppercase(head, in: text)
        else { return nil }
        return head
    }

    /// An initial (`R.`) or a word with a lower-case letter after its capital (`Sargsyan`).
    static func isNameCased(_ word: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard startsUppercase(word, in: text) else { return false }
        if word.count == 2 && text[word.lowerBound + 1] == UInt8(ascii: ".") { return true }
        return word.dropFirst().contains { text[$0] >= 0x61 && text[$0] <= 0x7A }
    }

    /// `Do` written as a surname (Kim Yen Do, NP), not the credential `DO` nor the verb.
    static func isSurnameDo(_ word: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        word.count == 2 && text[word.lowerBound] == UInt8(ascii: "D") && text[word.lowerBound + 1] == UInt8(ascii: "o")
    }

    /// The word that ends at `end`: letters (any non-ASCII byte counts as one), digits,
    /// apostrophes, hyphens, and a trailing period of an initial or abbreviation.
    static func wordBefore(_ end: Int, in text: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var start = end
        if start > 0 && text[start - 1] == UInt8(ascii: ".") { start -= 1 }
        while start > 0 {
            let byte = text[start - 1]
            let isLetter = (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte >= 0x80
            let isInner = byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "&")
            if isLetter || isInner || (byte >= 0x30 && byte <= 0x39) { start -= 1 } else { break }
        }
        // A word starts with a letter or '&'.
        while start < end && (text[start] == UInt8(ascii: "'") || text[start] == UInt8(ascii: "-") || text[start] == UInt8(ascii: ".")) {
            start += 1
        }
        return start < end ? start..<end : nil
    }

    static func startsUppercase(_ word: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = text[word.lowerBound]
        if first >= 0x41 && first <= 0x5A { return true }
        if first < 0x80 { return false }
        var iterator = UnsafeBufferPointer(rebasing: text[word]).makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar.properties.isUppercase }
        return false
    }

    static func lowered(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8] {
        bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }
}

