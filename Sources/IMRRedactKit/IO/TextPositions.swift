/// A 1-based line and column. Columns count Unicode code points (characters as SARIF's
/// `unicodeCodePoints` column kind counts them) of the decoded text, not bytes: in a
/// Windows-1252 file one byte is one column, in UTF-8 `é` is one column.
public struct TextPosition: Sendable, Hashable, Comparable, Codable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: TextPosition, rhs: TextPosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// Maps UTF-8 byte offsets of one text to lines and columns. Lines end at `\n` (a `\r` before it
/// belongs to the line it ends).
public struct TextPositions: Sendable {
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    /// - Complexity: O(n).
    public init(_ bytes: [UInt8]) {
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        lineStarts = starts
    }

    /// The 1-based line holding byte `offset`.
    /// - Complexity: O(log lines).
    public func line(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count
        while low < high {
            let mid = (low + high) / 2
            if lineStarts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        return max(1, low)
    }

    /// The line and column of byte `offset` of `bytes` (the text this index was built from).
    /// - Complexity: O(log lines + length of the line).
    public func position(of offset: Int, in bytes: [UInt8]) -> TextPosition {
        var cursor = Cursor(self, bytes: bytes)
        return cursor.position(of: offset)
    }

    /// Positions of increasing offsets, each counted on from the last one: for the findings of a
    /// document, which come in order, so that a long line is walked once, not once per finding.
    public struct Cursor {
        private let positions: TextPositions
        private let bytes: [UInt8]
        private var offset = 0
        private var position = TextPosition(line: 1, column: 1)

        public init(_ positions: TextPositions, bytes: [UInt8]) {
            self.positions = positions
            self.bytes = bytes
        }

        /// The position of `target`; an offset before the last one asked for is counted from its
        /// line's start.
        public mutating func position(of target: Int) -> TextPosition {
            let line = positions.line(of: target)
            if target < offset || line != position.line {
                offset = positions.lineStarts[line - 1]
                position = TextPosition(line: line, column: 1)
            }
            for byte in bytes[offset..<min(target, bytes.count)] where byte & 0xC0 != 0x80 { position.column += 1 }
            offset = max(offset, min(target, bytes.count))
            return position
        }
    }
}
