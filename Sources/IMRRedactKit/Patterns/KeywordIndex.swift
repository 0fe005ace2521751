/// Finds where a set of ASCII keywords occur in a document, case-insensitively, in one pass.
///
/// This is gitleaks' `keywords` prefilter done for every rule at once, and made local: a rule
/// with keywords runs only in windows of text around their occurrences. A keyword that starts
/// (or ends) with a letter or digit only counts where it starts (or ends) a word, so `md` finds
/// `Chu, MD` but not `cmd`.
///
/// The pass walks the text word by word: a keyword that starts with a letter or digit is filed
/// under its first word (`m.d.` under `m`, `date of injury` under `date`), and each word of the
/// text is hashed once and looked up in a small open-addressing table that stays in the cache;
/// only a hit compares bytes. A keyword that starts with a symbol (`@`) is checked where that
/// byte occurs.
public struct KeywordIndex: Sendable {
    /// Lower-cased keywords; a keyword's id is its index here.
    public let keywords: [[UInt8]]
    private let boundedEnd: [Bool]
    /// Length of each keyword's first word (0 for a keyword that starts with a symbol).
    private let firstWordLength: [Int]
    /// Open-addressing table over first-word hashes: slot → (hash, range in `filed`).
    private let slotHash: [UInt64]
    private let slotRange: [Range<Int>]
    private let slotMask: Int
    /// Keyword ids grouped by first word.
    private let filed: [Int]
    /// Byte → keyword ids that start with that symbol byte.
    private let bySymbol: [[Int]]
    /// Byte → 1 for a word byte (ASCII letter or digit, or any byte of a multi-byte character),
    /// 2 for a byte some keyword starts with, else 0.
    private let byteKind: [UInt8]

    public init(keywords: [String]) {
        let lowered = keywords.map { Array($0.utf8).map(KeywordIndex.lower) }
        self.keywords = lowered
        boundedEnd = lowered.map { $0.last.map(KeywordIndex.isWordByte) ?? false }
        firstWordLength = lowered.map { word in
            guard let first = word.first, Self.isWordByte(first) else { return 0 }
            return word.firstIndex(where: { !Self.isWordByte($0) }) ?? word.count
        }
        var byFirstWord: [[UInt8]: [Int]] = [:]
        var bySymbol = [[Int]](repeating: [], count: 256)
        for (id, word) in lowered.enumerated() where !word.isEmpty {
            if firstWordLength[id] > 0 {
                byFirstWord[Array(word[..<firstWordLength[id]]), default: []].append(id)
            } else {
                bySymbol[Int(word[0])].append(id)
            }
        }
        var size = 16
        while size < byFirstWord.count * 4 { size *= 2 }
        var slotHash = [UInt64](repeating: 0, count: size)
        var slotRange = [Range<Int>](repeating: 0..<0, count: size)
        var filed: [Int] = []
        for (word, ids) in byFirstWord.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            let hash = Words.hash(word)
            var slot = Int(truncatingIfNeeded: hash) & (size - 1)
            while !slotRange[slot].isEmpty { slot = (slot + 1) & (size - 1) }
            slotHash[slot] = hash
            slotRange[slot] = filed.count..<(filed.count + ids.count)
            filed += ids
        }
        self.slotHash = slotHash
        self.slotRange = slotRange
        self.slotMask = size - 1
        self.filed = filed
        self.bySymbol = bySymbol
        var byteKind = [UInt8](repeating: 0, count: 256)
        for byte in 0..<256 {
            if Self.isWordByte(UInt8(byte)) { byteKind[byte] = 1 } else if !bySymbol[byte].isEmpty { byteKind[byte] = 2 }
        }
        // Lead bytes of punctuation characters (U+00A0–U+00BF, U+2000–U+206F: no-break space,
        // curly quotes, dashes): decided by the byte after them.
        byteKind[0xC2] = 3
        byteKind[0xE2] = 3
        self.byteKind = byteKind
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { (byte >= 65 && byte <= 90) ? byte | 0x20 : byte }

    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte >= 0x80
    }

    /// FNV-1a, the word hash of the keyword pass and of propagation (`Words.hash`).
    static let hashSeed: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    static func hashStep(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }

    /// Records in `hits[id]` the start offset of every occurrence of keyword `id` in `text`.
    /// - Complexity: O(n): one hash step per byte, one table probe per word.
    public func scan(_ text: UnsafeBufferPointer<UInt8>, into hits: inout [[Int]]) {
        if hits.count != keywords.count { hits = Array(repeating: [], count: keywords.count) }
        for index in hits.indices { hits[index].removeAll(keepingCapacity: true) }
        guard !keywords.isEmpty, let bytes = text.baseAddress else { return }
        let count = text.count
        byteKind.withUnsafeBufferPointer { kind in
            slotHash.withUnsafeBufferPointer { slotHash in
                var position = 0
                while position < count {
                    var byteKind = kind[Int(bytes[position])]
                    if byteKind == 3 {
                        if Self.punctuationWidth(bytes, position, count) > 0 {
                            position += Self.punctuationWidth(bytes, position, count)
                            continue
                        }
                        byteKind = 1
                    }
                    if byteKind == 0 {
                        position += 1
                        continue
                    }
                    if byteKind == 2 {
                        for id in bySymbol[Int(bytes[position])] where matches(id, at: position, wordEnd: position, in: bytes, count: count) {
                            hits[id].append(position)
                        }
                        position += 1
                        continue
                    }
                    // A word: hash it to its end, then probe.
                    let start = position
                    var hash = Self.hashSeed
                    while position < count {
                        let byte = bytes[position]
                        let byteKind = kind[Int(byte)]
                        guard byteKind == 1 || (byteKind == 3 && Self.punctuationWidth(bytes, position, count) == 0) else { break }
                        hash = Self.hashStep(hash, Self.lower(byte))
                        position += 1
                    }
                    var slot = Int(truncatingIfNeeded: hash) & slotMask
                    while true {
                        let range = slotRange[slot]
                        if range.isEmpty { break }
                        if slotHash[slot] == hash {
                            for id in filed[range]
                            where firstWordLength[id] == position - start
                                && matches(id, at: start, wordEnd: position, in: bytes, count: count)
                            {
                                hits[id].append(start)
                            }
                            break
                        }
                        slot = (slot + 1) & slotMask
                    }
                }
            }
        }
    }

    /// Whether keyword `id` occurs at `start` (its first word already matched up to `wordEnd`
    /// by hash; checked here byte by byte) and ends on a word boundary when it ends in a word byte.
    @inline(__always)
    private func matches(_ id: Int, at start: Int, wordEnd: Int, in bytes: UnsafePointer<UInt8>, count: Int) -> Bool {
        let keyword = keywords[id]
        let end = start + keyword.count
        guard end <= count else { return false }
        for index in 0..<keyword.count where Self.lower(bytes[start + index]) != keyword[index] { return false }
        if boundedEnd[id] && end < count && Self.isWordByte(bytes[end]) && Self.punctuationWidth(bytes, end, count) == 0 {
            return false
        }
        return true
    }

    /// Byte length of the punctuation character that starts at `offset` (U+00A0–U+00BF as C2 xx,
    /// U+2000–U+206F as E2 80/81 xx), or 0 when it is not one.
    @inline(__always)
    static func punctuationWidth(_ bytes: UnsafePointer<UInt8>, _ offset: Int, _ count: Int) -> Int {
        let byte = bytes[offset]
        if byte == 0xC2 { return offset + 1 < count ? 2 : 0 }
        if byte == 0xE2, offset + 2 < count, bytes[offset + 1] == 0x80 || bytes[offset + 1] == 0x81 { return 3 }
        return 0
    }
}
