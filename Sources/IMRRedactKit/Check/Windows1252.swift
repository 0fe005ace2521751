/// Windows-1252 (cp1252) decoding, for text files that are not valid UTF-8.
///
/// Bytes 0x00–0x7F and 0xA0–0xFF are the Unicode code points of the same value (as in Latin-1);
/// 0x80–0x9F hold the typographic characters (`€`, curly quotes, dashes, `™` ...). The five bytes
/// Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 controls of the same
/// value, as the WHATWG Encoding Standard's decoder does, so that decoding never fails.
public enum Windows1252 {
    /// Code points of bytes 0x80 through 0x9F.
    static let highTable: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80-87
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // 88-8F
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90-97
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // 98-9F
    ]

    /// The character a Windows-1252 byte stands for.
    public static func scalar(for byte: UInt8) -> Unicode.Scalar {
        let value = (0x80...0x9F).contains(byte) ? highTable[Int(byte - 0x80)] : UInt32(byte)
        // Every table entry is a valid scalar; the fallback is never taken.
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// Decodes `bytes` and returns the text as UTF-8.
    /// - Complexity: O(n).
    public static func decodeToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
            } else {
                appendUTF8(scalar(for: byte).value, to: &out)
            }
        }
        return out
    }

    /// Appends the UTF-8 form of a code point below U+10000 (all this table holds).
    private static func appendUTF8(_ value: UInt32, to out: inout [UInt8]) {
        if value < 0x800 {
            out.append(UInt8(0xC0 | (value >> 6)))
        } else {
            out.append(UInt8(0xE0 | (value >> 12)))
            out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
        }
        out.append(UInt8(0x80 | (value & 0x3F)))
    }
}
