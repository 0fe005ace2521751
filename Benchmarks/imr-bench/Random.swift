import IMRRedactKit

/// The corpus uses the library's seeded generator (`SynthRandom`, SplitMix64), so that `--seed S`
/// gives byte-identical corpora on every machine and toolchain.
extension SynthRandom {
    /// An ASCII digit byte.
    mutating func digit(from low: UInt8 = 0) -> UInt8 { 0x30 + low + UInt8(below(10 - Int(low))) }
}

/// FNV-1a, 64 bits: a deterministic fingerprint to keep generated letters distinct (Swift's
/// `Hasher` is seeded per process, which would make the retry decisions non-reproducible).
func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in bytes {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash
}
