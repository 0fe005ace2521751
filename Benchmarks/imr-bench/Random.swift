/// SplitMix64: a tiny, fully specified generator, so that `--seed S` gives byte-identical
/// corpora on every machine and toolchain (the standard library's `random(in:using:)` makes no
/// such promise about how it consumes the generator).
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (multiply-high; the bias is far below anything a benchmark sees).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "below(_:) needs a positive bound")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A value in `range`.
    mutating func within(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }

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
