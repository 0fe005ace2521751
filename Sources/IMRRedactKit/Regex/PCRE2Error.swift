import CPCRE2

/// An error code returned by a PCRE2 call, with PCRE2's own message.
///
/// Modelled on swift-system's `Errno`: the code is PCRE2's, the text comes from
/// `pcre2_get_error_message`. "No match" is never an error; it is `nil` or `false`.
public struct PCRE2Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// The negative PCRE2 error code (`PCRE2_ERROR_*`), or a positive compile error code.
    public let code: Int32

    public init(code: Int32) { self.code = code }

    /// PCRE2's message for the code (`pcre2_get_error_message`).
    public var message: String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer { pointer in
            pcre2_get_error_message_8(code, pointer.baseAddress, pointer.count)
        }
        guard length > 0 else { return "PCRE2 error \(code)" }
        return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
    }

    public var description: String { message }

    /// The match limit (`pcre2_set_match_limit`) was reached.
    public var isMatchLimit: Bool { code == PCRE2_ERROR_MATCHLIMIT }
    /// The depth limit (interpreter) or the JIT stack limit was reached.
    public var isDepthLimit: Bool {
        code == PCRE2_ERROR_DEPTHLIMIT || code == PCRE2_ERROR_JIT_STACKLIMIT || code == PCRE2_ERROR_HEAPLIMIT
    }
}

/// A pattern that PCRE2 refused to compile, with PCRE2's message and the byte offset in the pattern.
public struct PatternCompileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    /// Byte offset in the pattern where PCRE2 stopped.
    public let offset: Int

    public var description: String { "\(message) at offset \(offset)" }
}
