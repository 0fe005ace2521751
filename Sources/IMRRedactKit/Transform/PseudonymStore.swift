import Crypto
import Foundation

/// Where pseudonyms, surrogates and date shifts live, so that the same identifier gets the same
/// value in every letter: the run's memory (`MemoryStore`) or a vault file (`PseudonymVault`).
/// Values are random (45 CFR 164.514(c): a re-identification code must not be derived from the
/// person's data); a store only remembers them, under a keyed digest of the normalised identifier.
public protocol PseudonymStore: AnyObject, Sendable {
    /// The value of an identifier of `kind`, made by `make` the first time it is asked for. With
    /// `unique`, `make` is called again while its value is already another identifier's of the
    /// same kind (two people never share a pseudonym or a surrogate).
    func value(kind: String, identifier: String, unique: Bool, make: () -> String) throws(DocumentError) -> String

    /// The patient's date shift in days: random, 30 to 360 either way, made the first time.
    func dateShift(patient: String) throws(DocumentError) -> Int
}

extension PseudonymStore {
    /// A new random date shift: a whole number of days between 30 and 360 in either direction,
    /// so never a multiple of 365 or 366 and every date, `7/22` included, changes.
    public static func randomShift() -> Int {
        var random = SystemRandom()
        return Int.random(in: 30...360, using: &random) * (Bool.random(using: &random) ? 1 : -1)
    }
}

/// Pseudonyms kept in memory for one run: random, and the same for the same identifier in every
/// letter of the run (shared by every thread).
public final class MemoryStore: PseudonymStore, @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: String] = [:]
    private var taken: Set<String> = []
    private var shifts: [String: Int] = [:]

    public init() {}

    public func value(kind: String, identifier: String, unique: Bool, make: () -> String) throws(DocumentError) -> String {
        let key = kind + "\u{0}" + identifier
        lock.lock()
        defer { lock.unlock() }
        if let value = values[key] { return value }
        for _ in 0..<64 {
            let candidate = make()
            if !unique || taken.insert(kind + "\u{0}" + candidate).inserted {
                values[key] = candidate
                return candidate
            }
        }
        throw .transformFailed(reason: "no unused \(kind) value could be made")
    }

    public func dateShift(patient: String) throws(DocumentError) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if let days = shifts[patient] { return days }
        let days = Self.randomShift()
        shifts[patient] = days
        return days
    }
}
