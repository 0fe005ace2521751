/// Finds which of a set of ASCII keywords occur in a document, case-insensitively, in one pass
/// (an Aho-Corasick automaton compiled to a dense table over bytes).
///
/// This is gitleaks' `keywords` prefilter done for every rule at once: a rule whose keywords are
/// all absent from a document is not run there.
public struct KeywordIndex: Sendable {
    /// Lower-cased keywords; a keyword's id is its index here.
    public let keywords: [[UInt8]]
    private let table: [Int32]  // state * 256 + byte -> next state
    private let outputs: [[Int32]]  // state -> keyword ids ending here (after following failure links)

    public init(keywords: [String]) {
        let lowered = keywords.map { Array($0.utf8).map(KeywordIndex.lower) }
        self.keywords = lowered
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
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { (byte >= 65 && byte <= 90) ? byte | 0x20 : byte }

    /// Marks in `present` (one flag per keyword) the keywords that occur in `text`.
    /// - Complexity: O(n) with one table step per byte; stops early once every keyword is seen.
    public func scan(_ text: UnsafeBufferPointer<UInt8>, into present: inout [Bool]) {
        present = Array(repeating: false, count: keywords.count)
        guard !keywords.isEmpty else { return }
        var remaining = keywords.count
        table.withUnsafeBufferPointer { table in
            var state = 0
            for byte in text {
                state = Int(table[state &* 256 &+ Int(byte)])
                let found = outputs[state]
                if !found.isEmpty {
                    for id in found where !present[Int(id)] {
                        present[Int(id)] = true
                        remaining -= 1
                    }
                    if remaining == 0 { return }
                }
            }
        }
    }
}
