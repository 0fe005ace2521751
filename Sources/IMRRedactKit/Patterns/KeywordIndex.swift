/// Finds where a set of ASCII keywords occur in a document, case-insensitively, in one pass (an
/// Aho-Corasick automaton compiled to a dense table over bytes).
///
/// This is gitleaks' `keywords` prefilter done for every rule at once, and made local: a rule
/// with keywords runs only in windows of text around their occurrences. A keyword that starts
/// (or ends) with a letter or digit only counts where it starts (or ends) a word, so `md` finds
/// `Chu, MD` but not `cmd`.
public struct KeywordIndex: Sendable {
    /// Lower-cased keywords; a keyword's id is its index here.
    public let keywords: [[UInt8]]
    private let table: [Int32]  // state * 256 + byte -> next state
    private let outputs: [[Int32]]  // state -> keyword ids ending here (after following failure links)
    private let accepting: [Bool]  // state -> outputs[state] is not empty
    private let boundedStart: [Bool]
    private let boundedEnd: [Bool]

    public init(keywords: [String]) {
        let lowered = keywords.map { Array($0.utf8).map(KeywordIndex.lower) }
        self.keywords = lowered
        boundedStart = lowered.map { $0.first.map(KeywordIndex.isWordByte) ?? false }
        boundedEnd = lowered.map { $0.last.map(KeywordIndex.isWordByte) ?? false }
        var gotoTable: [[Int32]] = [Array(repeating: -1, count: 256)]
        var outputs: [[Int32]] = [[]]
        for (id, word) in lowered.enumerated() where !word.isEmpty {
            var state = 0
            for byte in word {
                let next = gotoTable[state][Int(byte)]
                if next >= 0 {
                    state = Int(next)
                } else {
                    gotoTable.append(Array(repeating: -1, count: 256))
                    outputs.append([])
                    gotoTable[state][Int(byte)] = Int32(gotoTable.count - 1)
                    state = gotoTable.count - 1
                }
            }
            outputs[state].append(Int32(id))
        }
        // Breadth-first: failure links, then a complete transition table.
        var failure = Array(repeating: 0, count: gotoTable.count)
        var queue: [Int] = []
        for byte in 0..<256 {
            let next = gotoTable[0][byte]
            if next > 0 {
                failure[Int(next)] = 0
                queue.append(Int(next))
            } else {
                gotoTable[0][byte] = 0
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            outputs[state] += outputs[failure[state]]
            for byte in 0..<256 {
                let next = gotoTable[state][byte]
                if next >= 0 {
                    failure[Int(next)] = Int(gotoTable[failure[state]][byte])
                    queue.append(Int(next))
                } else {
                    gotoTable[state][byte] = gotoTable[failure[state]][byte]
                }
            }
        }
        // Fold case: an upper-case ASCII byte moves like its lower-case letter.
        var flat: [Int32] = []
        flat.reserveCapacity(gotoTable.count * 256)
        for row in gotoTable {
            var folded = row
            for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { folded[Int(byte)] = row[Int(byte | 0x20)] }
            flat += folded
        }
        self.table = flat
        self.outputs = outputs
        self.accepting = outputs.map { !$0.isEmpty }
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { (byte >= 65 && byte <= 90) ? byte | 0x20 : byte }

    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte >= 0x80
    }

    /// Records in `hits[id]` the start offset of every occurrence of keyword `id` in `text`.
    /// - Complexity: O(n), one table step per byte.
    public func scan(_ text: UnsafeBufferPointer<UInt8>, into hits: inout [[Int]]) {
        if hits.count != keywords.count { hits = Array(repeating: [], count: keywords.count) }
        for index in hits.indices { hits[index].removeAll(keepingCapacity: true) }
        guard !keywords.isEmpty else { return }
        let count = text.count
        table.withUnsafeBufferPointer { table in
            accepting.withUnsafeBufferPointer { accepting in
            var state = 0
            for position in 0..<count {
                state = Int(table[state &* 256 &+ Int(text[position])])
                if !accepting[state] { continue }
                for id in outputs[state] {
                    let keyword = Int(id)
                    let end = position + 1
                    let start = end - keywords[keyword].count
                    if boundedStart[keyword] && start > 0 && Self.isWordByte(text[start - 1]) { continue }
                    if boundedEnd[keyword] && end < count && Self.isWordByte(text[end]) { continue }
                    hits[keyword].append(start)
                }
            }
            }
        }
    }
}
