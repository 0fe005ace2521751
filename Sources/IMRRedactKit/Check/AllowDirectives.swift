/// In-text allow comments: `imr-redact:allow` allows the findings of its own line,
/// `imr-redact:allow-next-line` those of the line after it. Any comment syntax works, since
/// only the marker is looked for (`# imr-redact:allow`, `<!-- imr-redact:allow -->`).
public struct AllowDirectives: Sendable {
    /// 1-based lines whose findings are allowed.
    public let lines: Set<Int>

    static let marker = Array("imr-redact:allow".utf8)
    static let nextLine = Array("-next-line".utf8)

    /// Finds the markers of `bytes`.
    /// - Complexity: O(n) for text with few `i` bytes followed by the marker's start.
    public init(_ bytes: [UInt8], lines index: TextPositions) {
        var lines = Set<Int>()
        let marker = Self.marker
        var start = 0
        while start + marker.count <= bytes.count {
            guard bytes[start] == marker[0], bytes[start..<(start + marker.count)].elementsEqual(marker) else {
                start += 1
                continue
            }
            let after = start + marker.count
            let line = index.line(of: start)
            let nextEnd = after + Self.nextLine.count
            if nextEnd <= bytes.count, bytes[after..<nextEnd].elementsEqual(Self.nextLine),
                Self.endsWord(bytes, at: nextEnd)
            {
                lines.insert(line + 1)
            } else if Self.endsWord(bytes, at: after) {
                lines.insert(line)
            }
            start = after
        }
        self.lines = lines
    }

    /// True when no word character (letter, digit, `_`, `-`) follows `offset`, so that
    /// `imr-redact:allowed` is not a marker.
    private static func endsWord(_ bytes: [UInt8], at offset: Int) -> Bool {
        guard offset < bytes.count else { return true }
        let byte = bytes[offset]
        return !(KeywordIndex.isWordByte(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-"))
    }
}
