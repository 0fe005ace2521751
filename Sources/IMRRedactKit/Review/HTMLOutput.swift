/// Minimal HTML writing into a byte buffer, in the manner of `JSONOutput`: text and attribute
/// values are escaped byte by byte (`&`, `<`, `>`, `"`, `'`), so that nothing of a letter can
/// open a tag, close an attribute or start an entity, whatever it holds.
public enum HTMLOutput {
    /// What each byte becomes: nil when it is copied as it is.
    private static let escapes: [[UInt8]?] = (0..<256).map { byte -> [UInt8]? in
        switch byte {
        case 0x26: return Array("&amp;".utf8)
        case 0x3C: return Array("&lt;".utf8)
        case 0x3E: return Array("&gt;".utf8)
        case 0x22: return Array("&quot;".utf8)
        case 0x27: return Array("&#39;".utf8)
        // A control character other than tab and line feed (a form feed, a vertical tab, DEL) is
        // no text: it is shown as U+FFFD. A CR is handled by `appendText`.
        case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F: return Array("&#xFFFD;".utf8)
        default: return nil
        }
    }

    /// Appends `bytes` (valid UTF-8) escaped for HTML text or a quoted attribute value. CRLF
    /// becomes LF and a lone CR becomes LF (an HTML parser would do the same); a form feed
    /// becomes `formFeed` when given (a page-break element in a letter's text).
    /// - Complexity: O(n); runs that need no escape are copied in one go.
    public static func appendText(
        _ bytes: UnsafeBufferPointer<UInt8>, formFeed: StaticString? = nil, to out: inout [UInt8]
    ) {
        out.reserveCapacity(out.count + bytes.count + bytes.count / 16)
        var runStart = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard byte < 0x40 || byte == 0x7F else { continue }
            let replacement: [UInt8]?
            if byte == 0x0D {
                replacement = index + 1 < bytes.count && bytes[index + 1] == 0x0A ? [] : [0x0A]
            } else if byte == 0x0C, let formFeed {
                if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                appendRaw(formFeed, to: &out)
                runStart = index + 1
                continue
            } else {
                replacement = escapes[Int(byte)]
            }
            guard let replacement else { continue }
            if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            out.append(contentsOf: replacement)
            runStart = index + 1
        }
        if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    @inline(__always)
    public static func appendText(_ bytes: [UInt8], to out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { appendText($0, to: &out) }
    }

    @inline(__always)
    public static func appendText(_ string: String, to out: inout [UInt8]) {
        var string = string
        string.withUTF8 { appendText($0, to: &out) }
    }

    /// Appends ` name="value"` with the value escaped.
    public static func appendAttribute(_ name: StaticString, _ value: String, to out: inout [UInt8]) {
        out.append(0x20)
        appendRaw(name, to: &out)
        out.append(contentsOf: [0x3D, 0x22])
        appendText(value, to: &out)
        out.append(0x22)
    }

    /// Appends markup as it is (tags, attribute names, the page's own CSS and script).
    @inline(__always)
    public static func appendRaw(_ literal: StaticString, to out: inout [UInt8]) {
        literal.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Appends markup made at run time (tags and class names the report builds, never letter text).
    @inline(__always)
    public static func appendMarkup(_ markup: String, to out: inout [UInt8]) {
        out += Array(markup.utf8)
    }

    /// Appends a number's decimal digits.
    @inline(__always)
    public static func appendInt(_ value: Int, to out: inout [UInt8]) {
        JSONOutput.appendInt(value, to: &out)
    }
}
