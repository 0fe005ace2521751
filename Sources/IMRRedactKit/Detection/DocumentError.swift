/// Why a document was rejected. Every case fails closed: the document is not written.
/// Messages name the place (byte offset, line, rule id), never the document's text.
public enum DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(reason: String)
    case empty
    case nulByte(offset: Int)
    case invalidUTF8(offset: Int)
    /// A rule hit the match limit, the depth limit or the JIT stack limit.
    case limitReached(ruleID: String, message: String)
    case matchFailed(ruleID: String, message: String)
    /// A JSON Lines input line that is not a usable `{"id": ..., "text": ...}` object.
    case malformedJSON(reason: String)
    case duplicateID
    case outputFailed(reason: String)
    /// A policy's action could not be carried out (the pseudonym vault could not be read or written).
    case transformFailed(reason: String)
    /// `redact --verify`: the redacted letter does not pass `verify` (the reason names places only).
    case verificationFailed(reason: String)
    /// SIGINT or SIGTERM arrived while the document was being read (it is not counted or written).
    case interrupted
    /// `--strict`: tokens that may identify someone are left (the audit's `residue` records).
    case needsReview(tokens: Int)

    public var description: String {
        switch self {
        case .unreadable(let reason): return "cannot read: \(reason)"
        case .empty: return "empty document"
        case .nulByte(let offset): return "NUL byte at byte \(offset)"
        case .invalidUTF8(let offset): return "invalid UTF-8 at byte \(offset)"
        case .limitReached(let rule, let message): return "rule '\(rule)' reached a match limit (\(message)); document not scanned in full"
        case .matchFailed(let rule, let message): return "rule '\(rule)' failed (\(message))"
        case .malformedJSON(let reason): return "malformed JSON line: \(reason)"
        case .duplicateID: return "duplicate document id"
        case .outputFailed(let reason): return "cannot write the output: \(reason)"
        case .transformFailed(let reason): return "cannot transform: \(reason)"
        case .verificationFailed(let reason): return "verification failed: \(reason)"
        case .interrupted: return "interrupted"
        case .needsReview(let tokens): return "needs review: \(tokens) residue token\(tokens == 1 ? "" : "s") left (offsets in the audit's residue records)"
        }
    }
}
