/// The lines of a document with their byte ranges, as PDF-to-text writes them: LF, CRLF or a
/// lone CR end a line; a form feed, a tab and spaces at either end are padding.
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
        while index <= count {
            if index == count || text[index] == 0x0A || text[index] == 0x0D {
                var low = start
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
/// indentation) collapsed to one space, and a map from each of its bytes back to the original,
/// so that a phrase broken across lines can be matched as one and still located exactly.
public struct FlatText: Sendable {
    public let bytes: [UInt8]
    /// `origin[i]`: the original offset of `bytes[i]`; one extra entry for the end.
    public let origin: [Int]

    public init(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        var bytes: [UInt8] = []
        var origin: [Int] = []
        bytes.reserveCapacity(range.count)
        origin.reserveCapacity(range.count + 1)
        var pendingSpace = false
        for offset in range {
            let byte = text[offset]
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x0B {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace {
                bytes.append(0x20)
                origin.append(offset - 1)
                pendingSpace = false
            }
            bytes.append(byte)
            origin.append(offset)
        }
        origin.append(bytes.isEmpty ? range.lowerBound : (origin.last ?? range.lowerBound) + 1)
        // A multi-byte character's last byte maps to its own offset; the end maps one past it.
        self.bytes = bytes
        self.origin = origin
    }

    /// The original byte range of flat range `range`.
    public func original(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else { return origin[range.lowerBound]..<origin[range.lowerBound] }
        return origin[range.lowerBound]..<(origin[range.upperBound - 1] + 1)
    }

    public func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
}
