#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The tool's own placeholders: `[PATIENT]`, `[DATE]` ..., numbered forms such as
/// `[PATIENT-2]` and pseudonyms such as `[PATIENT-3A3WC9YR]`, one per identifier category. Text
/// made of them is already redacted.
public enum Placeholders {
    private static let names: Set<[UInt8]> = Set(Category.allCases.map { Array($0.rawValue.utf8) })

    /// The byte ranges of every placeholder in `bytes`, in order.
    /// - Complexity: O(n).
    public static func ranges(in bytes: [UInt8]) -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { ranges(in: $0) }
    }

    /// The byte ranges of every placeholder in `bytes`, in order.
    /// - Complexity: O(n).
    public static func ranges(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        guard let base = bytes.baseAddress else { return result }
        var index = 0
        let count = bytes.count
        while index < count {
            guard let found = memchr(base + index, Int32(UInt8(ascii: "[")), count - index) else { break }
            index = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            var cursor = index + 1
            while cursor < count, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[cursor]) { cursor += 1 }
            let name = UnsafeBufferPointer(rebasing: bytes[(index + 1)..<cursor])
            if cursor < count, bytes[cursor] == UInt8(ascii: "-") {
                // A number or a pseudonym's code: digits and capitals.
                let code = cursor + 1
                var end = code
                while end < count,
                    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[end])
                {
                    end += 1
                }
                if end > code { cursor = end }
            }
            if cursor < count, bytes[cursor] == UInt8(ascii: "]"), names.contains(Array(name)) {
                result.append(index..<(cursor + 1))
                index = cursor + 1
            } else {
                index += 1
            }
        }
        return result
    }

    /// The category of the placeholder that starts at `offset` (`[DATE]`, `[ID-2]`), or `nil`.
    public static func category(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Category? {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "[") else { return nil }
        // The longest placeholder is a category's name, a dash and a pseudonym's code.
        let end = min(bytes.count, offset + 40)
        guard let first = ranges(in: UnsafeBufferPointer(rebasing: bytes[offset..<end])).first, first.lowerBound == 0 else {
            return nil
        }
        var nameEnd = offset + 1
        while nameEnd < end, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[nameEnd]) { nameEnd += 1 }
        return Category(rawValue: String(decoding: UnsafeBufferPointer(rebasing: bytes[(offset + 1)..<nameEnd]), as: UTF8.self))
    }

    /// Whether every letter and digit of `span` lies inside one of `placeholders` (sorted), so
    /// that the span holds nothing but placeholders, spaces and punctuation. Bytes of non-ASCII
    /// characters count as letters.
    public static func covers(_ span: Range<Int>, in bytes: [UInt8], placeholders: [Range<Int>]) -> Bool {
        bytes.withUnsafeBufferPointer { covers(span, in: $0, placeholders: placeholders) }
    }

    /// Whether every letter and digit of `span` lies inside one of `placeholders` (sorted).
    public static func covers(_ span: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, placeholders: [Range<Int>]) -> Bool {
        // First placeholder that ends after the span starts.
        var low = 0
        var high = placeholders.count
        while low < high {
            let mid = (low + high) / 2
            if placeholders[mid].upperBound <= span.lowerBound { low = mid + 1 } else { high = mid }
        }
        var next = low
        for offset in span {
            guard KeywordIndex.isWordByte(bytes[offset]) else { continue }
            while next < placeholders.count && placeholders[next].upperBound <= offset { next += 1 }
            guard next < placeholders.count, placeholders[next].contains(offset) else { return false }
        }
        return true
    }
}
