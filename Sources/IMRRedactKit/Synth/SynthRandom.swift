/// SplitMix64: a small, fully specified generator, so that `synth --seed S` writes the same bytes
/// on every machine and toolchain. (The standard library's `random(in:using:)` makes no promise
/// about how it consumes a generator, so every draw here goes through `below(_:)`.)
public struct SynthRandom: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The generator of letter `index` of the run seeded with `seed`: letters are independent,
    /// so the first N letters of a run are the same whatever `--count` is.
    public init(seed: UInt64, letter index: Int) {
        var mixer = SynthRandom(seed: seed ^ 0x5EED_1E77_E125_0000)
        for _ in 0...(index % 7) { _ = mixer.next() }
        state = mixer.next() &+ UInt64(index) &* 0xD1B5_4A32_D192_ED03
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (multiply-high; `bound` must be positive).
    public mutating func below(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A value in `range`.
    public mutating func within(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < p
    }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }

    /// `count` distinct elements of `values` (all of them when there are fewer), in drawn order.
    public mutating func sample<T>(_ values: [T], _ count: Int) -> [T] {
        var pool = values
        var out: [T] = []
        while out.count < count && !pool.isEmpty { out.append(pool.remove(at: below(pool.count))) }
        return out
    }

    /// `count` random decimal digits.
    public mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(Unicode.Scalar(UInt8(0x30 + below(10)))) })
    }
}
