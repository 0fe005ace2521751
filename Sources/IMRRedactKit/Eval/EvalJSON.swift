/// A JSON value as the reference scorer (`score.py`, Python's `json` module) sees it: integers
/// and floats are distinct (`23` is an offset, `23.0` is not), objects keep their key order for
/// writing and the last of duplicate keys wins for reading, and `NaN`/`Infinity` are accepted.
///
/// The eval files are flat and small, so a hand-written reader is simpler than bending
/// `JSONDecoder` to tell `23` from `23.0`; the writer reproduces `json.dumps(indent=1,
/// ensure_ascii=False)` so that `eval --json` and `score.py --json` can be compared byte for byte.
public indirect enum EvalJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case array([EvalJSON])
    /// Keys in order (writing); reading keeps only the last value of a repeated key.
    case object([(String, EvalJSON)])

    public static func == (lhs: EvalJSON, rhs: EvalJSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.float(let a), .float(let b)): return a == b || (a.isNaN && b.isNaN)
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The value of `key` in an object (the last one when the key repeats), else `nil`.
    public subscript(key: String) -> EvalJSON? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.last { $0.0 == key }?.1
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}

/// Why a line is not JSON: a message and the 1-based column (in bytes) where reading stopped.
public struct EvalJSONError: Error, Sendable, Equatable {
    public var message: String
    public var column: Int
}

extension EvalJSON {
    /// Parses one JSON document (one JSON Lines line).
    /// - Throws: `EvalJSONError` with the byte column of the problem.
    /// - Complexity: O(n).
    public static func parse(_ bytes: ArraySlice<UInt8>) throws(EvalJSONError) -> EvalJSON {
        var reader = Reader(bytes: bytes)
        reader.skipSpace()
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        if reader.index < bytes.endIndex { throw reader.error("extra data") }
        return value
    }

    private struct Reader {
        let bytes: ArraySlice<UInt8>
        var index: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            self.index = bytes.startIndex
        }

        func error(_ message: String) -> EvalJSONError {
            EvalJSONError(message: message, column: index - bytes.startIndex + 1)
        }

        var peek: UInt8? { index < bytes.endIndex ? bytes[index] : nil }

        mutating func skipSpace() {
            while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        mutating func literal(_ word: String, _ value: EvalJSON) throws(EvalJSONError) -> EvalJSON {
            for byte in word.utf8 {
                guard peek == byte else { throw error("expecting value") }
                index += 1
            }
            return value
        }

        mutating func value(depth: Int) throws(EvalJSONError) -> EvalJSON {
            guard depth < 512 else { throw error("nesting too deep") }
            guard let byte = peek else { throw error("expecting value") }
            switch byte {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            case UInt8(ascii: "N"): return try literal("NaN", .float(.nan))
            case UInt8(ascii: "I"): return try literal("Infinity", .float(.infinity))
            case UInt8(ascii: "-") where index + 1 < bytes.endIndex && bytes[index + 1] == UInt8(ascii: "I"):
                index += 1
                return try literal("Infinity", .float(-.infinity))
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw error("expecting value")
            }
        }

        mutating func object(depth: Int) throws(EvalJSONError) -> EvalJSON {
            index += 1
            var pairs: [(String, EvalJSON)] = []
            var positions: [String: Int] = [:]
            skipSpace()
            if peek == UInt8(ascii: "}") {
                index += 1
                return .object(pairs)
            }
            while true {
                skipSpace()
                guard peek == UInt8(ascii: "\"") else { throw error("expecting property name enclosed in double quotes") }
                let key = try string()
                skipSpace()
                guard peek == UInt8(ascii: ":") else { throw error("expecting ':' delimiter") }
                index += 1
                skipSpace()
                let item = try value(depth: depth + 1)
                if let at = positions[key] {
                    pairs[at].1 = item
                } else {
                    positions[key] = pairs.count
                    pairs.append((key, item))
                }
                skipSpace()
                if peek == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard peek == UInt8(ascii: "}") else { throw error("expecting ',' delimiter") }
                index += 1
                return .object(pairs)
            }
        }

        mutating func array(depth: Int) throws(EvalJSONError) -> EvalJSON {
            index += 1
            var items: [EvalJSON] = []
            skipSpace()
            if peek == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                if peek == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard peek == UInt8(ascii: "]") else { throw error("expecting ',' delimiter") }
                index += 1
                return .array(items)
            }
        }

        mutating func hex4() throws(EvalJSONError) -> UInt32 {
            guard index + 4 <= bytes.endIndex else { throw error("invalid \\uXXXX escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw error("invalid \\uXXXX escape")
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }

        mutating func string() throws(EvalJSONError) -> String {
            index += 1
            var out: [UInt8] = []
            while true {
                guard let byte = peek else { throw error("unterminated string") }
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    // The file was checked to be UTF-8 as a whole, and escapes add only scalars.
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    index += 1
                    guard let escape = peek else { throw error("unterminated string") }
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""): out.append(0x22)
                    case UInt8(ascii: "\\"): out.append(0x5C)
                    case UInt8(ascii: "/"): out.append(0x2F)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800..<0xDC00).contains(code) {
                            guard index + 1 < bytes.endIndex, bytes[index] == UInt8(ascii: "\\"),
                                bytes[index + 1] == UInt8(ascii: "u")
                            else { throw error("lone surrogate in \\u escape") }
                            index += 2
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw error("lone surrogate in \\u escape") }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00..<0xE000).contains(code) {
                            throw error("lone surrogate in \\u escape")
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\uXXXX escape") }
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default:
                        index -= 1
                        throw error("invalid \\escape")
                    }
                default:
                    if byte < 0x20 { throw error("invalid control character") }
                    out.append(byte)
                    index += 1
                }
            }
        }

        mutating func number() throws(EvalJSONError) -> EvalJSON {
            let start = index
            if peek == UInt8(ascii: "-") { index += 1 }
            func digits(_ reader: inout Reader) -> Int {
                var count = 0
                while let byte = reader.peek, byte >= 0x30 && byte <= 0x39 {
                    reader.index += 1
                    count += 1
                }
                return count
            }
            if peek == UInt8(ascii: "0") {
                index += 1
            } else if digits(&self) == 0 {
                throw error("expecting value")
            }
            var isInteger = true
            if peek == UInt8(ascii: "."), index + 1 < bytes.endIndex, (0x30...0x39).contains(bytes[index + 1]) {
                index += 1
                _ = digits(&self)
                isInteger = false
            }
            if let byte = peek, byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                var probe = index + 1
                if probe < bytes.endIndex, bytes[probe] == UInt8(ascii: "+") || bytes[probe] == UInt8(ascii: "-") { probe += 1 }
                if probe < bytes.endIndex, (0x30...0x39).contains(bytes[probe]) {
                    index = probe
                    _ = digits(&self)
                    isInteger = false
                }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if isInteger, let value = Int(text) { return .int(value) }
            // An integer too large for Int is still an integer to Python; no offset is that large,
            // so it only needs to fail the range check, which a float does too (with another message).
            return .float(Double(text) ?? .nan)
        }
    }
}

extension EvalJSON {
    /// Writes the value as Python's `json.dumps(value, indent=1, ensure_ascii=False)` does.
    public func pretty() -> String {
        var out = ""
        write(into: &out, indent: 1, level: 0)
        return out
    }

    /// Writes the value on one line, as `json.dumps(value, ensure_ascii=False)` does.
    public func compact() -> String {
        var out = ""
        write(into: &out, indent: nil, level: 0)
        return out
    }

    private func write(into out: inout String, indent: Int?, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .float(let value): out += Self.pythonRepr(value)
        case .string(let value): Self.writeString(value, into: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (position, item) in items.enumerated() {
                if position > 0 { out += indent == nil ? ", " : "," }
                Self.newline(into: &out, indent: indent, level: level + 1)
                item.write(into: &out, indent: indent, level: level + 1)
            }
            Self.newline(into: &out, indent: indent, level: level)
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            for (position, pair) in pairs.enumerated() {
                if position > 0 { out += indent == nil ? ", " : "," }
                Self.newline(into: &out, indent: indent, level: level + 1)
                Self.writeString(pair.0, into: &out)
                out += ": "
                pair.1.write(into: &out, indent: indent, level: level + 1)
            }
            Self.newline(into: &out, indent: indent, level: level)
            out += "}"
        }
    }

    private static func newline(into out: inout String, indent: Int?, level: Int) {
        guard let indent else { return }
        out += "\n" + String(repeating: " ", count: indent * level)
    }

    /// Python's `repr(float)`: the shortest round-trip digits, like Swift's `description`, which
    /// also agrees on where exponents start for the ratios written here.
    static func pythonRepr(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return value.description
    }

    /// A JSON string as `json.dumps(..., ensure_ascii=False)` writes it.
    static func writeString(_ value: String, into out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
