/// What `check` makes of one file's bytes: binary (skipped), empty (clean), or text to scan.
public enum CheckInput: Sendable, Equatable {
    /// A NUL byte in the first `binaryProbeLength` bytes: skipped and counted, as git does.
    case binary
    /// No bytes: clean.
    case empty
    case text(CheckText)

    /// git's rule (`buffer_is_binary`): a file is binary when its first 8000 bytes hold a NUL.
    public static let binaryProbeLength = 8000

    /// Classifies and decodes a file's bytes.
    ///
    /// Valid UTF-8 is scanned as it is; anything else is decoded as Windows-1252, never skipped.
    /// A NUL byte past the probe (git calls such a file text) becomes a space, so that the
    /// detector, which rejects NUL bytes, can scan the file; offsets do not move.
    /// - Complexity: O(n).
    public static func classify(_ bytes: [UInt8]) -> CheckInput {
        if bytes.isEmpty { return .empty }
        if bytes.prefix(binaryProbeLength).contains(0) { return .binary }
        let valid = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) == nil }
        var text = valid ? bytes : Windows1252.decodeToUTF8(bytes)
        // The probe held none; only the rest can (decoding keeps NUL bytes as they are).
        if bytes.dropFirst(binaryProbeLength).contains(0) {
            for index in text.indices where text[index] == 0 { text[index] = 0x20 }
        }
        return .text(CheckText(bytes: text, encoding: valid ? .utf8 : .windows1252))
    }
}

/// A text file ready for detection: well-formed UTF-8 without NUL bytes.
public struct CheckText: Sendable, Equatable {
    public enum Encoding: String, Sendable {
        case utf8 = "utf-8"
        case windows1252 = "windows-1252"
    }

    /// The text as UTF-8 (decoded from Windows-1252 when `encoding` says so).
    public var bytes: [UInt8]
    /// The encoding the file was read in.
    public var encoding: Encoding

    public init(bytes: [UInt8], encoding: Encoding) {
        self.bytes = bytes
        self.encoding = encoding
    }
}
