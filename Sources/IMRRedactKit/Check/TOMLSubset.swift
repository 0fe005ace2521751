/// A value of the TOML subset that `.imr-redact.toml` may use.
public enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case stringArray([String])

    /// The value's kind, for messages.
    public var kind: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .boolean: return "a boolean"
        case .stringArray: return "an array of strings"
        }
    }
}

/// A parsed TOML file: its tables (`""` is the top level) and their keys, with line numbers.
public struct TOMLDocument: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var value: TOMLValue
        /// 1-based line of the key.
        public var line: Int

        public init(value: TOMLValue, line: Int) {
            self.value = value
            self.line = line
        }
    }

    public var tables: [String: [String: Entry]] = ["": [:]]
    /// 1-based line of each table header (`0` for the top level).
    public var tableLines: [String: Int] = ["": 0]
}

/// A small, strict reader for the part of TOML 1.0 a settings file needs: comments, `[table]`
/// and `[table.sub]` headers, `key = value` with bare keys, and values that are basic strings
/// (`"..."` with escapes), literal strings (`'...'`), integers, booleans, and arrays of strings
/// (over several lines, with comments and a trailing comma). Everything else (floats, dates,
/// inline tables, arrays of tables, multi-line strings, dotted or quoted keys) is rejected with
/// the file and line, never guessed at.
public struct TOMLSubsetReader {
    private let scalars: [Unicode.Scalar]
    private let file: String
    private var index = 0
    private var line = 1

    private init(_ text: String, file: String) {
        self.scalars = Array(text.unicodeScalars)
        self.file = file
    }

    /// Parses `text`; `file` names it in errors.
    /// - Throws: `CheckError.configuration` with the file, the line and what is wrong.
    public static func parse(_ text: String, file: String) throws(CheckError) -> TOMLDocument {
        var reader = TOMLSubsetReader(text, file: file)
        return try reader.document()
    }

    private mutating func document() throws(CheckError) -> TOMLDocument {
        var document = TOMLDocument()
        var table = ""
        while true {
            skipBlanks()
            guard let scalar = peek() else { return document }
            if scalar == "#" || scalar == "\n" || scalar == "\r" {
                try endOfLine()
                continue
            }
            if scalar == "[" {
                let headerLine = line
                advance()
                if peek() == "[" { throw error("arrays of tables ([[...]]) are not supported") }
                skipBlanks()
                var parts: [String] = []
                repeat {
                    skipBlanks()
                    parts.append(try bareKey())
                    skipBlanks()
                } while consume(".")
                guard consume("]") else { throw error("expected ']' to close the table header") }
                try endOfLine()
                table = parts.joined(separator: ".")
                guard document.tables[table] == nil else {
                    throw error("table [\(table)] is defined twice", line: headerLine)
                }
                document.tables[table] = [:]
                document.tableLines[table] = headerLine
                continue
            }
            let keyLine = line
            let key = try bareKey()
            skipBlanks()
            if peek() == "." { throw error("dotted keys are not supported; use a [table] header") }
            guard consume("=") else { throw error("expected '=' after the key '\(key)'") }
            skipBlanks()
            let value = try value()
            try endOfLine()
            guard document.tables[table]?[key] == nil else {
                throw error("key '\(key)' is defined twice", line: keyLine)
            }
            document.tables[table, default: [:]][key] = TOMLDocument.Entry(value: value, line: keyLine)
        }
    }

    // MARK: Values

    private mutating func value() throws(CheckError) -> TOMLValue {
        guard let scalar = peek() else { throw error("expected a value") }
        switch scalar {
        case "\"", "'": return .string(try string())
        case "[": return .stringArray(try array())
        case "{": throw error("inline tables are not supported")
        case "t", "f":
            let word = takeWhile { $0.properties.isAlphabetic }
            if word == "true" { return .boolean(true) }
            if word == "false" { return .boolean(false) }
            throw error("unsupported value '\(word)' (strings must be quoted)")
        case "+", "-", "0"..."9": return .integer(try integer())
        default:
            throw error("unsupported value (strings must be quoted)")
        }
    }

    private mutating func string() throws(CheckError) -> String {
        let quote = peek()
        if lookahead(3) == [quote, quote, quote].compactMap({ $0 }) {
            throw error("multi-line strings are not supported")
        }
        advance()
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = peek(), scalar != "\n", scalar != "\r" else { throw error("unterminated string") }
            advance()
            if scalar == quote { return String(result) }
            if quote == "\"" && scalar == "\\" {
                result.append(try escape())
                continue
            }
            if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F {
                throw error("control character U+\(String(scalar.value, radix: 16, uppercase: true)) in a string")
            }
            result.append(scalar)
        }
    }

    private mutating func escape() throws(CheckError) -> Unicode.Scalar {
        guard let scalar = peek() else { throw error("unterminated string") }
        advance()
        switch scalar {
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "\"": return "\""
        case "\\": return "\\"
        case "u", "U":
            let count = scalar == "u" ? 4 : 8
            let digits = String(String.UnicodeScalarView(scalars[index..<min(scalars.count, index + count)]))
            guard digits.count == count, let value = UInt32(digits, radix: 16), let result = Unicode.Scalar(value)
            else {
                throw error("invalid \\\(scalar) escape")
            }
            index += count
            return result
        default:
            throw error("invalid escape '\\\(scalar)'")
        }
    }

    private mutating func array() throws(CheckError) -> [String] {
        advance()  // [
        var items: [String] = []
        while true {
            try skipArrayBlanks()
            if consume("]") { return items }
            guard peek() == "\"" || peek() == "'" else {
                if peek() == nil { throw error("unterminated array") }
                throw error("arrays may hold only strings")
            }
            items.append(try string())
            try skipArrayBlanks()
            if consume("]") { return items }
            if peek() == nil { throw error("unterminated array") }
            guard consume(",") else { throw error("expected ',' or ']' in the array") }
        }
    }

    private mutating func integer() throws(CheckError) -> Int {
        var text = ""
        if let sign = peek(), sign == "+" || sign == "-" {
            text.unicodeScalars.append(sign)
            advance()
        }
        let digits = takeWhile { ("0"..."9").contains($0) || $0 == "_" }
        if let next = peek(),
            next == "." || next == "e" || next == "E" || next == ":" || next == "-" || next == "x" || next == "o"
                || next == "b"
        {
            throw error("only decimal integers are supported (no floats, dates or other bases)")
        }
        let valid =
            !digits.isEmpty && digits.first != "_" && digits.last != "_" && !digits.contains("__")
            && !(digits.count > 1 && digits.first == "0")
        guard valid, let value = Int(text + digits.replacingOccurrences(of: "_", with: "")) else {
            throw error("invalid integer '\(text)\(digits)'")
        }
        return value
    }

    private mutating func bareKey() throws(CheckError) -> String {
        if peek() == "\"" || peek() == "'" { throw error("quoted keys are not supported") }
        let key = takeWhile { scalar in
            ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "_"
                || scalar == "-"
        }
        guard !key.isEmpty else { throw error("expected a key") }
        return key
    }

    // MARK: Layout

    private func peek() -> Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private func lookahead(_ count: Int) -> [Unicode.Scalar] {
        Array(scalars[index..<min(scalars.count, index + count)])
    }

    private mutating func advance() { index += 1 }

    private mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
        guard peek() == scalar else { return false }
        advance()
        return true
    }

    private mutating func takeWhile(_ predicate: (Unicode.Scalar) -> Bool) -> String {
        var result = String.UnicodeScalarView()
        while let scalar = peek(), predicate(scalar) {
            result.append(scalar)
            advance()
        }
        return String(result)
    }

    private mutating func skipBlanks() {
        while let scalar = peek(), scalar == " " || scalar == "\t" { advance() }
    }

    /// Spaces, an optional comment, then a line end (or the end of the file).
    private mutating func endOfLine() throws(CheckError) {
        skipBlanks()
        if peek() == "#" {
            while let scalar = peek(), scalar != "\n" {
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\r" {
                    throw error("control character in a comment")
                }
                advance()
            }
        }
        if consume("\r") {
            guard consume("\n") else { throw error("a carriage return must be followed by a line feed") }
            line += 1
            return
        }
        if consume("\n") {
            line += 1
            return
        }
        guard peek() == nil else { throw error("unexpected text after the value") }
    }

    /// Inside an array: spaces, line ends and comments.
    private mutating func skipArrayBlanks() throws(CheckError) {
        while true {
            skipBlanks()
            guard let scalar = peek(), scalar == "#" || scalar == "\n" || scalar == "\r" else { return }
            try endOfLine()
        }
    }

    private func error(_ message: String, line: Int? = nil) -> CheckError {
        .configuration(file: file, line: line ?? self.line, message: message)
    }
}
