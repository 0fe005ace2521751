/// Minimal JSON writing into a byte buffer: the tool's outputs are flat records, and writing them
/// by hand keeps the hot path free of intermediate objects.
public enum JSONOutput {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Bytes that need an escape in a JSON string.
    private static let needsEscape: [Bool] = (0..<256).map { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }

    /// Appends `bytes` as a JSON string literal, copying runs that need no escape in one go.
    /// - Complexity: O(n).
    public static func appendString(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.reserveCapacity(out.count + bytes.count + 2)
        out.append(0x22)
        var runStart = 0
        needsEscape.withUnsafeBufferPointer { escape in
            for index in 0..<bytes.count where escape[Int(bytes[index])] {
                if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                appendEscaped(bytes[index], to: &out)
                runStart = index + 1
            }
        }
        if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        out.append(0x22)
    }

    @inline(__always)
    public static func appendString(_ bytes: [UInt8], to out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { appendString($0, to: &out) }
    }

    private static func appendEscaped(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case 0x22: out.append(0x5C); out.append(0x22)
        case 0x5C: out.append(0x5C); out.append(0x5C)
        case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
        case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
        default:
            out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }

    @inline(__always)
    public static func appendString(_ string: String, to out: inout [UInt8]) {
        var string = string
        string.withUTF8 { appendString($0, to: &out) }
    }

    @inline(__always)
    public static func appendInt(_ value: Int, to out: inout [UInt8]) {
        if value == 0 { out.append(0x30); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var v = value.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while v > 0 {
                buffer[count] = UInt8(v % 10) + 0x30
                v /= 10
                count += 1
            }
            if value < 0 { out.append(UInt8(ascii: "-")) }
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }

    /// Appends `literal`'s bytes as they are (JSON punctuation and keys), without a temporary array.
    @inline(__always)
    public static func appendRaw(_ literal: StaticString, to out: inout [UInt8]) {
        literal.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Appends `,"key":` and `value` (a member after the first of an object; the key must not
    /// need escaping).
    @inline(__always)
    public static func appendMember(_ key: StaticString, _ value: Int, to out: inout [UInt8]) {
        out.append(0x2C)
        appendKey(key, to: &out)
        appendInt(value, to: &out)
    }

    /// Appends `,"key":` and `value` as a JSON string.
    @inline(__always)
    public static func appendMember(_ key: StaticString, _ value: String, to out: inout [UInt8]) {
        out.append(0x2C)
        appendKey(key, to: &out)
        appendString(value, to: &out)
    }

    /// Appends `"key":` (the key must not need escaping).
    @inline(__always)
    public static func appendKey(_ key: StaticString, to out: inout [UInt8]) {
        out.append(0x22)
        key.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(0x22)
        out.append(0x3A)
    }
}
