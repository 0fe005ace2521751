/// Why `check` cannot go on, or cannot vouch for a file. Every case maps to exit status 2.
/// Messages name the place (path, line, key), never a letter's text.
public enum CheckError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A bad option value, such as an exclude pattern with an unclosed `[`.
    case usage(String)
    /// `.imr-redact.toml` outside the supported subset, or a key with a wrong value.
    case configuration(file: String, line: Int, message: String)
    /// An input that cannot be read, or cannot be scanned in full.
    case unreadable(path: String, reason: String)
    /// A baseline that cannot be read, written or used.
    case baseline(path: String, message: String)

    public var description: String {
        switch self {
        case .usage(let message): return message
        case .configuration(let file, let line, let message):
            return line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
        case .unreadable(let path, let reason): return "\(path): \(reason)"
        case .baseline(let path, let message): return "baseline \(path): \(message)"
        }
    }
}
