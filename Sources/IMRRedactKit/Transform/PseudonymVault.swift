import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#endif

/// A vault of pseudonyms, surrogates and date shifts in a SQLite file (through GRDB), so that the
/// same identifier gets the same value across runs and machines.
///
/// It holds only random values under keyed digests: `pseudonym(digest, kind, value)` with
/// digest = hex HMAC-SHA256(key, kind NUL normalised identifier), and `date_shift(patient, days)`
/// with patient = the same digest of the patient's claim number or name. No identifier, and no
/// unkeyed hash of one, is ever written. The file (and the key file it may create) is owner-only.
/// WAL mode and a busy timeout let several processes use one vault at once: every new entry is
/// written in an immediate transaction that first looks for it, so two runs never disagree.
public final class PseudonymVault: PseudonymStore, @unchecked Sendable {
    public let path: String
    private let pool: DatabasePool
    private let digester: Digester
    private let lock = NSLock()
    private var cache: [String: String] = [:]
    private var shiftCache: [String: Int] = [:]

    /// Opens (or creates, owner-only) the vault at `path` with `key`.
    /// - Throws: `DocumentError.transformFailed` when the file cannot be opened, is not a vault,
    ///   or was made with another key.
    public init(path: String, key: DigestKey) throws(DocumentError) {
        self.path = path
        self.digester = key.digester()
        // Create the file owner-only before SQLite does (SQLite gives its -wal and -shm files the
        // database file's permissions).
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .transformFailed(reason: "vault \(path): \(String(cString: strerror(errno)))") }
        close(fd)
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        configuration.label = "imr-redact vault"
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            let check = digester.hex(Array("imr-redact vault key check".utf8))
            let stored: String? = try pool.writeWithoutTransaction { db in
                var result: String? = nil
                try db.inTransaction(.immediate) {
                    try db.execute(sql: """
                        CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                        CREATE TABLE IF NOT EXISTS pseudonym (
                            digest TEXT PRIMARY KEY, kind TEXT NOT NULL, value TEXT NOT NULL);
                        CREATE INDEX IF NOT EXISTS pseudonym_value ON pseudonym (kind, value);
                        CREATE TABLE IF NOT EXISTS date_shift (patient TEXT PRIMARY KEY, days INTEGER NOT NULL);
                        INSERT INTO meta (name, value) VALUES ('schema', '1') ON CONFLICT DO NOTHING;
                        """)
                    try db.execute(sql: "INSERT INTO meta (name, value) VALUES ('key-check', ?) ON CONFLICT DO NOTHING", arguments: [check])
                    result = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'key-check'")
                    return .commit
                }
                return result
            }
            guard stored == check else {
                throw DocumentError.transformFailed(reason: "vault \(path) was made with another key (give its key with --key-file or IMR_REDACT_KEY)")
            }
        } catch let error as DocumentError {
            throw error
        } catch {
            throw .transformFailed(reason: "vault \(path): \(Self.describe(error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    /// The keyed digest under which an identifier's value is kept.
    func digest(kind: String, identifier: String) -> String {
        digester.hex(Array((kind + "\u{0}" + identifier).utf8))
    }

    public func value(kind: String, identifier: String, unique: Bool, make: () -> String) throws(DocumentError) -> String {
        let digest = digest(kind: kind, identifier: identifier)
        lock.lock()
        defer { lock.unlock() }
        if let value = cache[digest] { return value }
        do {
            let value: String = try pool.writeWithoutTransaction { db in
                var value: String? = nil
                try db.inTransaction(.immediate) {
                    value = try String.fetchOne(db, sql: "SELECT value FROM pseudonym WHERE digest = ?", arguments: [digest])
                    if value != nil { return .commit }
                    for _ in 0..<64 {
                        let candidate = make()
                        let taken = unique
                            ? (try Bool.fetchOne(
                                db, sql: "SELECT 1 FROM pseudonym WHERE kind = ? AND value = ?", arguments: [kind, candidate]) ?? false)
                            : false
                        if taken { continue }
                        try db.execute(
                            sql: "INSERT INTO pseudonym (digest, kind, value) VALUES (?, ?, ?)", arguments: [digest, kind, candidate])
                        value = candidate
                        break
                    }
                    return .commit
                }
                guard let value else { throw DocumentError.transformFailed(reason: "no unused \(kind) value could be made") }
                return value
            }
            cache[digest] = value
            return value
        } catch let error as DocumentError {
            throw error
        } catch {
            throw .transformFailed(reason: "vault \(path): \(Self.describe(error))")
        }
    }

    public func dateShift(patient: String) throws(DocumentError) -> Int {
        let digest = digest(kind: "patient", identifier: patient)
        lock.lock()
        defer { lock.unlock() }
        if let days = shiftCache[digest] { return days }
        do {
            let days: Int = try pool.writeWithoutTransaction { db in
                var days = 0
                try db.inTransaction(.immediate) {
                    try db.execute(
                        sql: "INSERT INTO date_shift (patient, days) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        arguments: [digest, Self.randomShift()])
                    days = try Int.fetchOne(db, sql: "SELECT days FROM date_shift WHERE patient = ?", arguments: [digest]) ?? 0
                    return .commit
                }
                return days
            }
            guard days != 0 else { throw DocumentError.transformFailed(reason: "vault \(path): no date shift stored") }
            shiftCache[digest] = days
            return days
        } catch let error as DocumentError {
            throw error
        } catch {
            throw .transformFailed(reason: "vault \(path): \(Self.describe(error))")
        }
    }

    /// The value kept for an identifier, without making one (for re-linking).
    public func existingValue(kind: String, identifier: String) throws(DocumentError) -> String? {
        let digest = digest(kind: kind, identifier: identifier)
        do {
            return try pool.read { db in
                try String.fetchOne(db, sql: "SELECT value FROM pseudonym WHERE digest = ?", arguments: [digest])
            }
        } catch {
            throw .transformFailed(reason: "vault \(path): \(Self.describe(error))")
        }
    }

    /// The date shift kept for a patient, without making one (for re-linking).
    public func existingShift(patient: String) throws(DocumentError) -> Int? {
        let digest = digest(kind: "patient", identifier: patient)
        do {
            return try pool.read { db in try Int.fetchOne(db, sql: "SELECT days FROM date_shift WHERE patient = ?", arguments: [digest]) }
        } catch {
            throw .transformFailed(reason: "vault \(path): \(Self.describe(error))")
        }
    }

    /// Stores `value` for an identifier (key rotation copies entries into a new vault).
    /// - Returns: false when the identifier already has a value.
    @discardableResult
    public func insert(kind: String, identifier: String, value: String) throws(DocumentError) -> Bool {
        let digest = digest(kind: kind, identifier: identifier)
        do {
            return try pool.write { db in
                try db.execute(
                    sql: "INSERT INTO pseudonym (digest, kind, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    arguments: [digest, kind, value])
                return db.changesCount > 0
            }
        } catch {
            throw .transformFailed(reason: "vault \(path): \(Self.describe(error))")
        }
    }

    /// Stores a patient's date shift (key rotation).
    @discardableResult
    public func insertShift(patient: String, days: Int) throws(DocumentError) -> Bool {
        let digest = digest(kind: "patient", identifier: patient)
        do {
            return try pool.write { db in
                try db.execute(sql: "INSERT INTO date_shift (patient, days) VALUES (?, ?) ON CONFLICT DO NOTHING", arguments: [digest, days])
                return db.changesCount > 0
            }
        } catch {
            throw .transformFailed(reason: "vault \(path): \(Self.describe(error))")
        }
    }

    /// Number of pseudonyms and date shifts kept.
    public func counts() throws(DocumentError) -> (values: Int, shifts: Int) {
        do {
            return try pool.read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM pseudonym") ?? 0,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM date_shift") ?? 0)
            }
        } catch {
            throw .transformFailed(reason: "vault \(path): \(Self.describe(error))")
        }
    }

    /// The vault's key: `--key-file` / `IMR_REDACT_KEY` when given, else `PATH.key` beside the
    /// vault, created (random, owner-only) on first use. `report` is told when a key is created.
    public static func key(forVault path: String, given: DigestKey?, report: (String) -> Void) throws(DocumentError) -> DigestKey {
        if let given { return given }
        let keyPath = path + ".key"
        if access(keyPath, F_OK) == 0 {
            guard let key = try DigestKey.load(keyFile: keyPath, environment: [:]) else {
                throw .unreadable(reason: "vault key \(keyPath) is empty")
            }
            return key.withOrigin("vault-key-file")
        }
        // A new key only for a new vault: a vault that exists was made with a key that is lost,
        // and a new one would only leave a stray key file beside it.
        var info = stat()
        if stat(path, &info) == 0, info.st_size > 0 {
            throw .unreadable(
                reason: "the vault \(path) exists but its key \(keyPath) does not: give --key-file or IMR_REDACT_KEY")
        }
        var random = SystemRandom()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
        let hex = Digester.hexString(bytes) + "\n"
        // Written under a temporary name and linked into place, so that two first runs at once
        // agree on one key (the second link fails and that run reads the first one's key).
        let temporary = keyPath + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .unreadable(reason: "cannot create the vault key \(keyPath): \(String(cString: strerror(errno)))") }
        let written = Array(hex.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd)
        close(fd)
        defer { unlink(temporary) }
        guard written == hex.utf8.count, synced == 0 else { throw .unreadable(reason: "cannot write the vault key \(keyPath)") }
        if link(temporary, keyPath) == 0 {
            report("created a new vault key in \(keyPath) (owner-only); keep it secret and with the vault: without it the vault cannot be used")
        } else if errno != EEXIST {
            throw .unreadable(reason: "cannot create the vault key \(keyPath): \(String(cString: strerror(errno)))")
        }
        guard let key = try DigestKey.load(keyFile: keyPath, environment: [:]) else { throw .unreadable(reason: "vault key \(keyPath) is empty") }
        return key.withOrigin("vault-key-file")
    }
}
