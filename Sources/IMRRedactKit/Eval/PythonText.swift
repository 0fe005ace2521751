/// Python's character classes, as the reference scorer uses them, so that "alphanumeric" and the
/// masked text mean the same in both tools.
public enum PythonText {
    /// `str.isalnum()` of one code point: a letter (general category Lu, Ll, Lt, Lm, Lo) or any
    /// character with a numeric type (decimal, digit or numeric: `²`, `½`, `Ⅻ` count).
    @inline(__always)
    public static func isAlnum(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return properties.numericType != nil
        }
    }

    /// `str.isprintable()` of one code point: not a control, format, surrogate, private-use,
    /// unassigned, line or paragraph separator, nor a space separator other than U+0020.
    public static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
            .spaceSeparator:
            return false
        default: return true
        }
    }

    /// One flag per byte of `text`: set for every byte of an alphanumeric character.
    /// - Complexity: O(n).
    public static func alnumMask(_ text: [UInt8]) -> [Bool] {
        var out: [Bool] = []
        out.reserveCapacity(text.count)
        for scalar in String(decoding: text, as: UTF8.self).unicodeScalars {
            let flag = isAlnum(scalar)
            for _ in 0..<UTF8.width(scalar) { out.append(flag) }
        }
        // Only well-formed UTF-8 reaches here (gold text comes from a JSON string), so the counts agree.
        if out.count != text.count { out = Array(repeating: false, count: text.count) }
        return out
    }

    /// The eval README's masking: the first character kept, every later letter or digit `*`,
    /// `\r \n \t \f` escaped, a first character that cannot be printed shown as `?`; everything
    /// else (spaces, punctuation) kept. Invalid UTF-8 is decoded with U+FFFD as Python does.
    public static func mask(_ bytes: ArraySlice<UInt8>) -> String {
        var out = ""
        for (position, scalar) in String(decoding: bytes, as: UTF8.self).unicodeScalars.enumerated() {
            if position > 0 && isAlnum(scalar) {
                out += "*"
            } else if let escaped = escapes[scalar] {
                out += escaped
            } else if position == 0 && !isPrintable(scalar) {
                out += "?"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static let escapes: [Unicode.Scalar: String] = ["\r": "\\r", "\n": "\\n", "\t": "\\t", "\u{0C}": "\\f"]
}
