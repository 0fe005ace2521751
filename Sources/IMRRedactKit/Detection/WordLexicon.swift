/// What the lexicons of `Patterns/lexicons/` know of a word: one hashed lookup per token gives
/// every list it is on.
public struct WordClasses: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// A surname of the 1990 US Census (`surnames.txt`).
    public static let surname = WordClasses(rawValue: 1 << 0)
    /// A given name of the 1990 US Census (`given-names.txt`).
    public static let givenName = WordClasses(rawValue: 1 << 1)
    /// A lower-case English word (`english-words.txt`, from wamerican).
    public static let english = WordClasses(rawValue: 1 << 2)
    /// A clinical word or note abbreviation (`clinical-terms.txt`).
    public static let clinical = WordClasses(rawValue: 1 << 3)
    /// A drug name (`drug-names.txt`, from drugstandards).
    public static let drug = WordClasses(rawValue: 1 << 4)
    /// A clinical eponym (`eponyms.txt`: Spurling, Phalen, Hawkins).
    public static let eponym = WordClasses(rawValue: 1 << 5)
    /// A month, day, state, nationality, language or public body (`proper-words.txt`).
    public static let proper = WordClasses(rawValue: 1 << 6)
    /// An ordinary word of the published letters (`common-words.txt`).
    public static let common = WordClasses(rawValue: 1 << 7)
    /// A function word or letter heading word (`stopwords.txt`).
    public static let stopword = WordClasses(rawValue: 1 << 8)
    /// A word that ends an organisation's name (`org-heads.txt`).
    public static let orgHead = WordClasses(rawValue: 1 << 9)
    /// A generic word inside organisation names (`org-generic.txt`).
    public static let orgGeneric = WordClasses(rawValue: 1 << 10)
    /// A USPS Publication 28 street suffix (`street-suffixes.txt`).
    public static let streetSuffix = WordClasses(rawValue: 1 << 11)
    /// A USPS Publication 28 secondary unit designator (`unit-designators.txt`).
    public static let unitDesignator = WordClasses(rawValue: 1 << 12)
    /// A word that labels an identifier (`id-labels.txt`).
    public static let idLabel = WordClasses(rawValue: 1 << 13)
    /// A word that names a kind of place (`place-words.txt`: valley, hills, district, harbor).
    public static let placeWord = WordClasses(rawValue: 1 << 14)

    /// Any list of names.
    public static let name: WordClasses = [.surname, .givenName]
    /// Any list of words that are no person: a name word on one of these needs context.
    public static let ordinary: WordClasses = [.english, .clinical, .drug, .eponym, .proper, .common, .stopword, .orgHead, .orgGeneric]
    /// Words safe to leave in a published letter (the residue check).
    public static let safe: WordClasses = [.english, .clinical, .drug, .eponym, .proper, .common, .stopword, .orgGeneric, .streetSuffix, .unitDesignator, .idLabel]

    /// A word that is only a name: on a name list and on no list of ordinary words.
    public var isOnlyName: Bool { !isDisjoint(with: .name) && isDisjoint(with: .ordinary) }
}

/// The lexicons of `Patterns/lexicons/`, read once per process into one hash table: the
/// 64-bit FNV-1a hash of the lower-case word (`Words.hashLowered`) to the set of lists that hold
/// it. About 184,000 words; a lookup hashes the token's bytes once and probes an open-addressing
/// table keyed by the hash itself (no second hash of the key, as a `Dictionary` would do). A slot
/// keeps the hash's high 48 bits and the classes together; a token no list holds is taken for a
/// word of them with a probability near 10⁻⁹ per lookup.
public final class WordLexicon: Sendable {
    /// Slot → the word's hash in the high 48 bits and its classes in the low 16 (0: empty), so
    /// that a lookup touches one slot of one array: the table is larger than the caches, and a
    /// letter's every capitalised word is looked up several times. The 183,979 words of the
    /// lists have distinct 48-bit hashes (checked when the lists change: `WordLexiconTests`).
    let slots: [UInt64]
    let mask: Int

    /// The files and the class each gives its words.
    static let files: [(path: String, classes: WordClasses)] = [
        ("lexicons/surnames.txt", .surname), ("lexicons/given-names.txt", .givenName),
        ("lexicons/english-words.txt", .english), ("lexicons/clinical-terms.txt", .clinical),
        ("lexicons/drug-names.txt", .drug), ("lexicons/eponyms.txt", .eponym),
        ("lexicons/proper-words.txt", .proper), ("lexicons/common-words.txt", .common),
        ("lexicons/stopwords.txt", .stopword), ("lexicons/org-heads.txt", .orgHead),
        ("lexicons/org-generic.txt", .orgGeneric), ("lexicons/street-suffixes.txt", .streetSuffix),
        ("lexicons/unit-designators.txt", .unitDesignator), ("lexicons/id-labels.txt", .idLabel),
        ("lexicons/place-words.txt", .placeWord),
    ]

    /// The built-in lexicons, read on first use.
    public static let shared = WordLexicon(files.map { (EmbeddedResources.file($0.path) ?? "", $0.classes) })

    /// Reads word lists: one word a line, `#` comment lines, any case (compared in lower case).
    init(_ lists: [(text: String, classes: WordClasses)]) {
        // At most half full, so that a miss (most tokens of a letter) ends after a probe or two;
        // sized from the line count, an upper bound on the words.
        let lines = lists.reduce(0) { total, list in total + list.text.utf8.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) } }
        var size = 1024
        while size < lines * 2 { size *= 2 }
        let mask = size - 1
        var slots = [UInt64](repeating: 0, count: size)
        for (text, classes) in lists {
            var utf8 = Array(text.utf8)
            utf8.withUnsafeMutableBufferPointer { bytes in
                var start = 0
                while start < bytes.count {
                    var end = start
                    while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                    var last = end
                    while last > start && (bytes[last - 1] == 0x0D || bytes[last - 1] == 0x20) { last -= 1 }
                    if last > start && bytes[start] != UInt8(ascii: "#") {
                        precondition(classes.rawValue < 1 << 16, "a slot keeps 16 bits of classes")
                        let hash = Words.hashLowered(UnsafeBufferPointer(bytes), start..<last)
                        let key = Self.key(hash)
                        var slot = Self.slot(hash, mask)
                        while slots[slot] != 0 && slots[slot] >> 16 != key { slot = (slot + 1) & mask }
                        slots[slot] = key << 16 | (slots[slot] & 0xFFFF) | UInt64(classes.rawValue)
                    }
                    start = end + 1
                }
            }
            utf8 = []
        }
        self.slots = slots
        self.mask = mask
    }

    /// The stored form of a word's hash: its high 48 bits, never 0 (0 marks an empty slot).
    @inline(__always)
    static func key(_ hash: UInt64) -> UInt64 { hash >> 16 == 0 ? 1 : hash >> 16 }

    /// The first slot of `key`: its high bits, mixed (FNV-1a's low bits vary less with the last byte).
    @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: ((key ^ (key >> 29)) &* 0xbf58_476d_1ce4_e5b9) >> 32) & mask }

    /// The lists that hold the word at `range` of `text` (compared in lower case).
    @inline(__always)
    public func classes(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> WordClasses {
        let hash = Words.hashLowered(text, range)
        let key = Self.key(hash)
        return slots.withUnsafeBufferPointer { slots in
            var slot = Self.slot(hash, mask)
            while true {
                let stored = slots[slot]
                if stored >> 16 == key { return WordClasses(rawValue: UInt32(stored & 0xFFFF)) }
                if stored == 0 { return [] }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The lists that hold `word` (any case).
    public func classes(of word: String) -> WordClasses {
        var bytes = Array(word.utf8)
        return bytes.withUnsafeMutableBufferPointer { classes(UnsafeBufferPointer($0), 0..<$0.count) }
    }
}
