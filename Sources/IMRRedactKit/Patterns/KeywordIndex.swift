/// Finds where a set of ASCII keywords occur in a document, case-insensitively, in one pass (an
/// Aho-Corasick automaton compiled to a dense table over byte classes).
///
/// This is gitleaks' `keywords` prefilter done for every rule at once, and made local: a rule
/// with keywords runs only in windows of text around their occurrences. A keyword that starts
/// (or ends) with a letter or digit only counts where it starts (or ends) a word, so `md` finds
/// `Chu, MD` but not `cmd`.
public struct KeywordIndex: Sendable {
    /// Lower-cased keywords; a keyword's id is its index here.
    public let keywords: [[UInt8]]
    /// Byte → class: each byte used by a keyword (case folded) has a class of its own, every
    /// other byte is class 0. Keeps the table small enough for the cache.
    private let classes: [UInt8]
    private let classCount: Int
    /// `state * classCount + class` → next state, with `acceptBit` set when keywords end there.
    private let table: [UInt16]
    /// Keyword ids ending in each state (after failure links): `outputs[outputStart[s]..<outputStart[s+1]]`.
    private let outputs: [Int32]
    private let outputStart: [Int32]
    private let boundedStart: [Bool]
    private let boundedEnd: [Bool]
    private let lengths: [Int]

    static let acceptBit: UInt16 = 0x8000

    public init(keywords: [String]) {
        let lowered = keywords.map { Array($0.utf8).map(KeywordIndex.lower) }
        self.keywords = lowered
        lengths = lowered.map(\.count)
        boundedStart = lowered.map { $0.first.map(KeywordIndex.isWordByte) ?? false }
        boundedEnd = lowered.map { $0.last.map(KeywordIndex.isWordByte) ?? false }
        var classes = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for byte in Set(lowered.joined()).sorted() {
            classes[Int(byte)] = UInt8(classCount)
            classCount += 1
        }
        for upper in UInt8(ascii: "A")...UInt8(ascii: "Z") { classes[Int(upper)] = classes[Int(upper | 0x20)] }
        precondition(classCount <= 256, "keywords use at most 255 distinct bytes")
        self.classes = classes
        self.classCount = classCount

        var goto: [[Int32]] = [Array(repeating: -1, count: classCount)]
        var ends: [[Int32]] = [[]]
        for (id, word) in lowered.enumerated() where !word.isEmpty {
            var state = 0
            for byte in word {
                let symbol = Int(classes[Int(byte)])
                if goto[state][symbol] < 0 {
                    goto.append(Array(repeating: -1, count: classCount))
                    ends.append([])
                    goto[state][symbol] = Int32(goto.count - 1)
                }
                state = Int(goto[state][symbol])
            }
            ends[state].append(Int32(id))
        }
        precondition(goto.count < Int(Self.acceptBit), "too many keyword states")
        // Breadth-first: failure links, then a complete transition table.
        var failure = Array(repeating: 0, count: goto.count)
        var queue: [Int] = []
        for symbol in 0..<classCount {
            let next = goto[0][symbol]
            if next > 0 { queue.append(Int(next)) } else { goto[0][symbol] = 0 }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            ends[state] += ends[failure[state]]
            for symbol in 0..<classCount {
                let next = goto[state][symbol]
                if next >= 0 {
                    failure[Int(next)] = Int(goto[failure[state]][symbol])
                    queue.append(Int(next))
                } else {
                    goto[state][symbol] = goto[failure[state]][symbol]
                }
            }
        }
        var table: [UInt16] = []
        table.reserveCapacity(goto.count * classCount)
        for row in goto {
            for next in row { table.append(UInt16(next) | (ends[Int(next)].isEmpty ? 0 : Self.acceptBit)) }
        }
        self.table = table
        var outputs: [Int32] = []
        var outputStart: [Int32] = [0]
        for list in ends {
            outputs += list
            outputStart.append(Int32(outputs.count))
        }
        self.outputs = outputs
        self.outputStart = outputStart
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { (byte >= 65 && byte <= 90) ? byte | 0x20 : byte }

    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte >= 0x80
    }

    /// Records in `hits[id]` the start offset of every occurrence of keyword `id` in `text`
    /// (word-bounded where the keyword starts or ends with a letter or digit).
    /// - Complexity: O(n), one table step per byte.
    public func scan(_ text: UnsafeBufferPointer<UInt8>, into hits: inout [[Int]]) {
        if hits.count != keywords.count { hits = Array(repeating: [], count: keywords.count) }
        for index in hits.indices { hits[index].removeAll(keepingCapacity: true) }
        guard !keywords.isEmpty, let bytes = text.baseAddress else { return }
        let count = text.count
        let width = classCount
        table.withUnsafeBufferPointer { table in
            classes.withUnsafeBufferPointer { classes in
                var state = 0
                for position in 0..<count {
                    let next = table[state &* width &+ Int(classes[Int(bytes[position])])]
                    state = Int(next & ~Self.acceptBit)
                    guard next & Self.acceptBit != 0 else { continue }
                    record(state: state, end: position + 1, in: bytes, count: count, into: &hits)
                }
            }
        }
    }

    /// Appends the word-bounded keywords that end at `end` in `state`.
    private func record(
        state: Int, end: Int, in bytes: UnsafePointer<UInt8>, count: Int, into hits: inout [[Int]]
    ) {
        for slot in Int(outputStart[state])..<Int(outputStart[state + 1]) {
            let keyword = Int(outputs[slot])
            let start = end - lengths[keyword]
            if boundedStart[keyword] && start > 0 && Self.isWordByte(bytes[start - 1]) { continue }
            if boundedEnd[keyword] && end < count && Self.isWordByte(bytes[end]) { continue }
            hits[keyword].append(start)
        }
    }
}
