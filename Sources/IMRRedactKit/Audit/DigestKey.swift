import Crypto
import Foundation

/// The secret that keys the HMAC-SHA256 digests of audit records (and, later, baselines and vaults).
public struct DigestKey: Sendable {
    let key: SymmetricKey
    /// Where the key came from, for the audit header: `file` or `environment`.
    public let origin: String

    public init(bytes: [UInt8], origin: String) {
        self.key = SymmetricKey(data: bytes)
        self.origin = origin
    }

    init(key: SymmetricKey, origin: String) {
        self.key = key
        self.origin = origin
    }

    /// The same key, said to come from `origin` (`vault-key-file` for a vault's own key file).
    public func withOrigin(_ origin: String) -> DigestKey { DigestKey(key: key, origin: origin) }

    public static let environmentVariable = "IMR_REDACT_KEY"

    /// The key from `--key-file` (its bytes, one trailing newline dropped), else from
    /// `IMR_REDACT_KEY`, else `nil` (no key, no digest).
    /// - Throws: a message naming the file when it cannot be read or is empty.
    public static func load(keyFile: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(DocumentError) -> DigestKey?
    {
        if let keyFile {
            var bytes = try FileReader.contents(ofPath: keyFile)
            if bytes.last == 0x0A { bytes.removeLast() }
            if bytes.last == 0x0D { bytes.removeLast() }
            guard !bytes.isEmpty else { throw .unreadable(reason: "key file \(keyFile) is empty") }
            return DigestKey(bytes: bytes, origin: "file")
        }
        if let value = environment[environmentVariable], !value.isEmpty {
            return DigestKey(bytes: Array(value.utf8), origin: "environment")
        }
        return nil
    }

    /// A keyed digester; copy it per thread.
    public func digester() -> Digester { Digester(prototype: HMAC<SHA256>(key: key)) }
}

/// HMAC-SHA256 under one key, with the keyed state computed once and copied per digest.
public struct Digester: Sendable {
    let prototype: HMAC<SHA256>

    /// Lower-case hex HMAC-SHA256 of `bytes`.
    public func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var mac = prototype
        bytes.withContiguousStorageIfAvailable { mac.update(data: UnsafeRawBufferPointer($0)) }
            ?? mac.update(data: Array(bytes))
        return Self.hexString(mac.finalize())
    }

    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    static func hexString<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
