/// The lines of a document with their byte ranges, as PDF-to-text writes them: LF, CRLF or a
/// lone CR end a line; a form feed, a tab and spaces at either end are padding, and so is a
/// byte-order mark that opens the document (the letter is parsed as if it were not there; it is
/// kept in the output like any other byte).
public struct LineIndex: Sendable {
    /// One line: `range` excludes the line end; `content` also excludes padding at both ends
    /// (empty for a blank line).
    public struct Line: Sendable, Hashable {
        public var range: Range<Int>
        public var content: Range<Int>
        public var isBlank: Bool { content.isEmpty }
    }

    public let lines: [Line]

    public init(_ text: UnsafeBufferPointer<UInt8>) {
        var lines: [Line] = []
        var start = 0
        var index = 0
        let count = text.count
        let byteOrderMark = count >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF ? 3 : 0
        while index <= count {
            if index == count || text[index] == 0x0A || text[index] == 0x0D {
                var low = start == 0 ? min(byteOrderMark, index) : start
                var high = index
                while low < high && Self.isPadding(text[low]) { low += 1 }
                while high > low && Self.isPadding(text[high - 1]) { high -= 1 }
                lines.append(Line(range: start..<index, content: low..<high))
                if index == count { break }
                if text[index] == 0x0D && index + 1 < count && text[index + 1] == 0x0A { index += 1 }
                index += 1
                start = index
                continue
            }
            index += 1
        }
        self.lines = lines
    }

    @inline(__always)
    static func isPadding(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0C || byte == 0x0B }

    /// The index of the line holding byte `offset`.
    public func line(containing offset: Int) -> Int {
        var low = 0
        var high = lines.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lines[middle].range.lowerBound <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The next non-blank line after `index`, if any.
    public func nextContent(after index: Int) -> Int? {
        var next = index + 1
        while next < lines.count {
            if !lines[next].isBlank { return next }
            next += 1
        }
        return nil
    }

    /// The previous non-blank line before `index`, if any.
    public func previousContent(before index: Int) -> Int? {
        var previous = index - 1
        while previous >= 0 {
            if !lines[previous].isBlank { return previous }
            previous -= 1
        }
        return nil
    }
}

/// A stretch of a document with every run of white space (line ends, blank lines, form feeds,
/// indentation) collapsed to one space, and a map back to the original, so that a phrase broken
/// across lines can be matched as one and still located exactly.
public struct FlatText: Sendable {
    public let bytes: [UInt8]
    /// Between two collapsed runs the flat bytes map one to one onto the original: each entry
    /// is (flat index, original offset) where such a stretch begins.
    private let stretches: [(flat: Int, original: Int)]

    public init(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        var bytes = [UInt8](repeating: 0, count: range.count)
        var stretches: [(flat: Int, original: Int)] = []
        var count = 0
        var pendingSpace = false
        var offset = range.lowerBound
        bytes.withUnsafeMutableBufferPointer { out in
            while offset < range.upperBound {
                let byte = text[offset]
                if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x0B {
                    // A single space between two words maps one to one; only a run (or another
                    // white-space byte) starts a new stretch.
                    if byte == 0x20, count > 0, !pendingSpace, offset + 1 < range.upperBound,
                        !Self.isSpace(text[offset + 1]), stretches.last.map({ $0.original - $0.flat == offset - count }) ?? false
                    {
                        out[count] = 0x20
                        count += 1
                        offset += 1
                        continue
                    }
                    pendingSpace = count > 0
                    offset += 1
                    continue
                }
                if pendingSpace {
                    out[count] = 0x20
                    stretches.append((count, offset - 1))
                    count += 1
                    pendingSpace = false
                    stretches.append((count, offset))
                } else if stretches.isEmpty || stretches[stretches.count - 1].original - stretches[stretches.count - 1].flat != offset - count {
                    stretches.append((count, offset))
                }
                out[count] = byte
                count += 1
                offset += 1
            }
        }
        bytes.removeSubrange(count...)
        self.bytes = bytes
        self.stretches = stretches.isEmpty ? [(0, range.lowerBound)] : stretches
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x0B
    }

    /// The original offset of flat byte `index`.
    func originalOffset(_ index: Int) -> Int {
        var low = 0
        var high = stretches.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if stretches[middle].flat <= index { low = middle } else { high = middle - 1 }
        }
        return stretches[low].original + (index - stretches[low].flat)
    }

    /// The original byte range of flat range `range`.
    public func original(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let at = originalOffset(range.lowerBound)
            return at..<at
        }
        return originalOffset(range.lowerBound)..<(originalOffset(range.upperBound - 1) + 1)
    }

    public func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
}
