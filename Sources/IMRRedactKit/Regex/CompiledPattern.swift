import CPCRE2

/// Compile options of a pattern, a typed view over the `PCRE2_*` compile flags.
public struct CompileOptions: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `PCRE2_CASELESS`
    public static let caseless = CompileOptions(rawValue: PCRE2_CASELESS)
    /// `PCRE2_MULTILINE`: `^` and `$` match at line starts and ends.
    public static let multiline = CompileOptions(rawValue: PCRE2_MULTILINE)
    /// `PCRE2_DOTALL`
    public static let dotAll = CompileOptions(rawValue: PCRE2_DOTALL)
    /// `PCRE2_EXTENDED`: whitespace and `#` comments in the pattern are ignored.
    public static let extended = CompileOptions(rawValue: PCRE2_EXTENDED)
    /// `PCRE2_UCP`: `\w`, `\d`, `\b` and POSIX classes use Unicode properties.
    public static let ucp = CompileOptions(rawValue: PCRE2_UCP)
    /// `PCRE2_UTF`: pattern and subjects are UTF-8. Always set by `CompiledPattern`.
    public static let utf = CompileOptions(rawValue: PCRE2_UTF)
    /// `PCRE2_DUPNAMES`: several groups may share a name.
    public static let duplicateNames = CompileOptions(rawValue: PCRE2_DUPNAMES)
    /// `PCRE2_USE_OFFSET_LIMIT`: a match may be told where it must start by (`Matcher.firstMatch(startingBy:)`).
    public static let offsetLimit = CompileOptions(rawValue: PCRE2_USE_OFFSET_LIMIT)

    /// The names accepted in rule files, mapped to options.
    public static let byName: [String: CompileOptions] = [
        "caseless": .caseless, "i": .caseless,
        "multiline": .multiline, "m": .multiline,
        "dotall": .dotAll, "s": .dotAll,
        "extended": .extended, "x": .extended,
        "ucp": .ucp,
    ]
}

/// A compiled, JIT-compiled PCRE2 pattern (`pcre2_code`). Immutable once built and safe to share
/// between threads; each thread matches it with its own `Matcher`.
public final class CompiledPattern: @unchecked Sendable {
    let code: OpaquePointer
    /// The pattern as given.
    public let source: String
    /// Number of capture groups.
    public let captureCount: Int
    /// Group numbers by name (several when `(?J)` or `PCRE2_DUPNAMES` allows duplicates).
    public let groupsByName: [String: [Int]]
    /// Whether JIT compilation succeeded (it can fail on exotic patterns; the interpreter is then used).
    public let isJIT: Bool

    /// Compiles `pattern` with `pcre2_compile` (always UTF, newline = any of CR, LF, CRLF) and
    /// JIT-compiles it with `pcre2_jit_compile`.
    /// - Throws: `PatternCompileError` with PCRE2's message and the offset in the pattern.
    public init(_ pattern: String, options: CompileOptions = []) throws(PatternCompileError) {
        let context = pcre2_compile_context_create_8(nil)
        defer { pcre2_compile_context_free_8(context) }
        pcre2_set_newline_8(context, UInt32(PCRE2_NEWLINE_ANYCRLF))
        pcre2_set_bsr_8(context, UInt32(PCRE2_BSR_ANYCRLF))
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let bytes = Array(pattern.utf8)
        let compiled = bytes.withUnsafeBufferPointer { buffer in
            cpcre2_compile(
                buffer.baseAddress, buffer.count, options.union(.utf).rawValue,
                &errorCode, &errorOffset, context)
        }
        guard let compiled else {
            throw PatternCompileError(message: PCRE2Error(code: errorCode).message, offset: errorOffset)
        }
        self.code = compiled
        self.source = pattern
        self.isJIT = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0

        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        self.captureCount = Int(count)
        self.groupsByName = Self.readNameTable(compiled)
    }

    deinit { pcre2_code_free_8(code) }

    /// Bytes that may begin a match, from PCRE2's start-of-match analysis (`PCRE2_INFO_FIRSTBITMAP`
    /// or the first code unit); `nil` when any position may start one.
    public var startBytes: Set<UInt8>? {
        var type: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODETYPE), &type)
        if type == 1 {
            var unit: UInt32 = 0
            pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODEUNIT), &unit)
            return [UInt8(truncatingIfNeeded: unit)]
        }
        var bitmap: UnsafePointer<UInt8>? = nil
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTBITMAP), &bitmap)
        guard let bitmap else { return nil }
        var bytes = Set<UInt8>()
        for byte in 0..<256 where bitmap[byte / 8] & (1 << (byte % 8)) != 0 { bytes.insert(UInt8(byte)) }
        return bytes
    }

    /// Reads the name table (`PCRE2_INFO_NAMETABLE`): entries of a 2-byte group number and a
    /// zero-terminated name, `PCRE2_INFO_NAMEENTRYSIZE` bytes each.
    private static func readNameTable(_ code: OpaquePointer) -> [String: [Int]] {
        var nameCount: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>? = nil
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &nameCount)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard let table, nameCount > 0 else { return [:] }
        var result: [String: [Int]] = [:]
        for index in 0..<Int(nameCount) {
            let entry = table + index * Int(entrySize)
            let number = Int(entry[0]) << 8 | Int(entry[1])
            let name = String(cString: entry + 2)
            result[name, default: []].append(number)
        }
        return result
    }
}
