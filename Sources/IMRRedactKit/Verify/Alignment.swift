/// Where a redacted letter differs from its original: the stretches that are byte-identical and
/// the regions between them (the tool's replacements).
///
/// The two texts are split into tokens (words, runs of spaces, single other bytes), the tokens
/// are diffed (Myers' O((N+M)D) algorithm, after the common prefix and suffix are set aside),
/// each differing hunk is trimmed to the bytes that really differ, and a hunk that touches an
/// identifier span of the original grows to cover the whole span (so that a shifted date
/// `3/5/12` → `4/19/12` is one region, not the `5` and the `19` the tokens alone would give).
public struct Alignment: Sendable {
    public struct Region: Sendable, Hashable {
        /// Bytes of the original replaced, and the bytes that replaced them in the output.
        public var original: Range<Int>
        public var output: Range<Int>
    }

    public var regions: [Region]

    /// Token-level differences beyond which two files are taken not to be one letter.
    public static let maximumDifference = 6000

    /// Aligns `original` and `output`; nil when more than `maximumDifference` tokens differ.
    /// - Parameter spans: identifier spans of the original (sorted), that regions grow to cover.
    public static func align(original: [UInt8], output: [UInt8], spans: [Range<Int>]) -> Alignment? {
        // The texts of the spans are single tokens wherever they occur, on both sides, so that
        // unchanged text is cut into the same tokens in both.
        let atomicOriginal = occurrences(of: spans, in: original, within: original, taken: spans)
        guard let hunks = diff(original, output, atomic: atomicOriginal, atomicOutput: occurrences(of: spans, in: original, within: output))
        else { return nil }
        var trimmed: [Region] = []
        for hunk in hunks {
            var o = hunk.original
            var r = hunk.output
            while !o.isEmpty, !r.isEmpty, original[o.lowerBound] == output[r.lowerBound] {
                o = (o.lowerBound + 1)..<o.upperBound
                r = (r.lowerBound + 1)..<r.upperBound
            }
            while !o.isEmpty, !r.isEmpty, original[o.upperBound - 1] == output[r.upperBound - 1] {
                o = o.lowerBound..<(o.upperBound - 1)
                r = r.lowerBound..<(r.upperBound - 1)
            }
            // Never split a UTF-8 character: move out to character boundaries on both sides.
            while o.lowerBound > 0, r.lowerBound > 0, isContinuation(original, o.lowerBound) || isContinuation(output, r.lowerBound) {
                o = (o.lowerBound - 1)..<o.upperBound
                r = (r.lowerBound - 1)..<r.upperBound
            }
            while o.upperBound < original.count, r.upperBound < output.count,
                isContinuation(original, o.upperBound) || isContinuation(output, r.upperBound)
            {
                o = o.lowerBound..<(o.upperBound + 1)
                r = r.lowerBound..<(r.upperBound + 1)
            }
            if o.isEmpty && r.isEmpty { continue }
            if o.isEmpty || r.isEmpty { (o, r) = slide(o, r, original: original, output: output, spans: spans) }
            trimmed.append(Region(original: o, output: r))
        }
        let regions = grow(trimmed, spans: spans).filter { original[$0.original] != output[$0.output] }
        return Alignment(regions: absorbOrphans(regions, spans: spans, original: original))
    }

    /// A region that touches no identifier span, one to six bytes of spaces, line ends and punctuation from
    /// a region that does, is part of that replacement: the token diff lent the replacement's
    /// own space or hyphen to the text beside it (`(555) 555-0116` for `(661) 555-0171` can pair
    /// its space with the one after the number).
    static func absorbOrphans(_ regions: [Region], spans: [Range<Int>], original: [UInt8]) -> [Region] {
        func isOrphan(_ region: Region) -> Bool {
            !spans.contains { $0.lowerBound <= region.original.upperBound && region.original.lowerBound <= $0.upperBound }
        }
        func quietGap(_ from: Int, _ to: Int) -> Bool {
            to - from <= 6 && to >= from
                && original[from..<to].allSatisfy { [0x20, 0x09, 0x0A, 0x0D, 0x2D, 0x2C, 0x2E, 0x3A, 0x3B, 0x2F, 0x28, 0x29].contains($0) }
        }
        var result: [Region] = []
        for region in regions {
            if let last = result.last, isOrphan(region) != isOrphan(last),
                quietGap(last.original.upperBound, region.original.lowerBound)
            {
                result[result.count - 1] = Region(
                    original: last.original.lowerBound..<region.original.upperBound, output: last.output.lowerBound..<region.output.upperBound)
                continue
            }
            result.append(region)
        }
        return result
    }

    /// Where the texts of the original's spans occur in the output (kept identifiers), without
    /// overlaps, longest first: they are single tokens there too, so that a kept span pairs with
    /// itself.
    static func occurrences(
        of spans: [Range<Int>], in original: [UInt8], within output: [UInt8], taken alreadyTaken: [Range<Int>] = []
    ) -> [Range<Int>] {
        let texts = Set(spans.filter { $0.count >= 2 }.map { Array(original[$0]) }).sorted { $0.count > $1.count }
        var taken = [Bool](repeating: false, count: output.count)
        var found: [Range<Int>] = alreadyTaken.filter { !$0.isEmpty }
        for range in found { for index in range { taken[index] = true } }
        guard !texts.isEmpty else { return found.sorted { $0.lowerBound < $1.lowerBound } }
        for needle in texts {
            var offset = 0
            let first = needle[0]
            while offset + needle.count <= output.count {
                if output[offset] == first, !taken[offset], output[offset..<(offset + needle.count)].elementsEqual(needle),
                    !taken[offset + needle.count - 1]
                {
                    let range = offset..<(offset + needle.count)
                    if !range.contains(where: { taken[$0] }) {
                        for index in range { taken[index] = true }
                        found.append(range)
                        offset += needle.count
                        continue
                    }
                }
                offset += 1
            }
        }
        return found.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// A pure insertion or deletion can sit at several places when the text beside it repeats
    /// its ends (` 16 2016` inserted after `Apr` or `16 2016 ` after the space that follows): it
    /// is moved, within 64 bytes, to a place where it touches an identifier span, if there is one.
    static func slide(
        _ o: Range<Int>, _ r: Range<Int>, original: [UInt8], output: [UInt8], spans: [Range<Int>]
    ) -> (Range<Int>, Range<Int>) {
        func touches(_ o: Range<Int>) -> Bool {
            spans.contains { $0.lowerBound <= o.upperBound && o.lowerBound <= $0.upperBound }
        }
        if touches(o) { return (o, r) }
        var left = (o, r)
        for _ in 0..<64 {
            let (a, b) = left
            guard a.lowerBound > 0, b.lowerBound > 0 else { break }
            // The byte before moves to the end: original[a.lower-1] must equal the last byte moved.
            let last = a.isEmpty ? output[b.upperBound - 1] : original[a.upperBound - 1]
            guard original[a.lowerBound - 1] == last else { break }
            left = ((a.lowerBound - 1)..<(a.upperBound - 1), (b.lowerBound - 1)..<(b.upperBound - 1))
            if touches(left.0) { return left }
        }
        var right = (o, r)
        for _ in 0..<64 {
            let (a, b) = right
            guard a.upperBound < original.count, b.upperBound < output.count else { break }
            let first = a.isEmpty ? output[b.lowerBound] : original[a.lowerBound]
            guard original[a.upperBound] == first else { break }
            right = ((a.lowerBound + 1)..<(a.upperBound + 1), (b.lowerBound + 1)..<(b.upperBound + 1))
            if touches(right.0) { return right }
        }
        return (o, r)
    }

    static func isContinuation(_ bytes: [UInt8], _ offset: Int) -> Bool {
        offset < bytes.count && bytes[offset] & 0xC0 == 0x80
    }

    /// Grows regions over the identifier spans they touch and merges regions that then overlap.
    static func grow(_ hunks: [Region], spans: [Range<Int>]) -> [Region] {
        guard !hunks.isEmpty else { return [] }
        var result: [Region] = []
        var spanIndex = 0
        for hunk in hunks {
            var region = hunk
            // Spans that overlap the hunk (or hold an insertion point strictly inside them).
            while spanIndex < spans.count && spans[spanIndex].upperBound < region.original.lowerBound { spanIndex += 1 }
            var index = spanIndex
            while index < spans.count && spans[index].lowerBound <= region.original.upperBound {
                let span = spans[index]
                let touches = region.original.isEmpty
                    ? span.lowerBound <= region.original.lowerBound && region.original.lowerBound <= span.upperBound
                    : span.lowerBound < region.original.upperBound && region.original.lowerBound < span.upperBound
                if touches {
                    if span.lowerBound < region.original.lowerBound {
                        let grow = region.original.lowerBound - span.lowerBound
                        region.original = span.lowerBound..<region.original.upperBound
                        region.output = (region.output.lowerBound - grow)..<region.output.upperBound
                    }
                    if span.upperBound > region.original.upperBound {
                        let grow = span.upperBound - region.original.upperBound
                        region.original = region.original.lowerBound..<span.upperBound
                        region.output = region.output.lowerBound..<(region.output.upperBound + grow)
                    }
                }
                index += 1
            }
            if var last = result.last, last.original.upperBound >= region.original.lowerBound {
                // Growing made this region meet the one before: one region. The output between
                // them was unchanged text, so the union is contiguous on both sides.
                last.original = last.original.lowerBound..<max(last.original.upperBound, region.original.upperBound)
                last.output = last.output.lowerBound..<max(last.output.upperBound, region.output.upperBound)
                result[result.count - 1] = last
            } else {
                result.append(region)
            }
        }
        return result
    }

    // MARK: Token diff

    /// Tokens: a run of letters and digits (any non-ASCII byte counts as a letter), a run of
    /// spaces and tabs, or one other byte; each of the `atomic` ranges (sorted) is one token, so
    /// that the pieces of a replacement never pair with the pieces of the identifier it replaced.
    static func tokens(_ bytes: [UInt8], atomic: [Range<Int>] = []) -> [Range<Int>] {
        var result: [Range<Int>] = []
        result.reserveCapacity(bytes.count / 3)
        var offset = 0
        var next = 0
        while offset < bytes.count {
            let start = offset
            while next < atomic.count && atomic[next].lowerBound < offset { next += 1 }
            if next < atomic.count && atomic[next].lowerBound == offset && !atomic[next].isEmpty {
                offset = atomic[next].upperBound
                result.append(start..<offset)
                continue
            }
            let byte = bytes[offset]
            if isWord(byte) {
                while offset < bytes.count && isWord(bytes[offset]) { offset += 1 }
            } else if byte == 0x20 || byte == 0x09 {
                while offset < bytes.count && (bytes[offset] == 0x20 || bytes[offset] == 0x09) { offset += 1 }
            } else {
                offset += 1
            }
            result.append(start..<offset)
        }
        return result
    }

    @inline(__always)
    static func isWord(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte >= 0x80
    }

    /// The differing hunks as byte ranges, in order.
    static func diff(_ a: [UInt8], _ b: [UInt8], atomic: [Range<Int>] = [], atomicOutput: [Range<Int>] = []) -> [Region]? {
        let tokensA = tokens(a, atomic: atomic)
        let tokensB = tokens(b, atomic: atomicOutput)
        var interned: [ArraySlice<UInt8>: Int32] = [:]
        func ids(_ bytes: [UInt8], _ tokens: [Range<Int>]) -> [Int32] {
            tokens.map { range in
                let slice = bytes[range]
                if let id = interned[slice] { return id }
                let id = Int32(interned.count)
                interned[slice] = id
                return id
            }
        }
        let x = ids(a, tokensA)
        let y = ids(b, tokensB)
        var prefix = 0
        while prefix < x.count && prefix < y.count && x[prefix] == y[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < x.count - prefix && suffix < y.count - prefix && x[x.count - 1 - suffix] == y[y.count - 1 - suffix] { suffix += 1 }
        let xs = Array(x[prefix..<(x.count - suffix)])
        let ys = Array(y[prefix..<(y.count - suffix)])
        guard let script = myers(xs, ys) else { return nil }
        func byteStart(_ tokens: [Range<Int>], _ index: Int, _ count: Int) -> Int {
            index < tokens.count ? tokens[index].lowerBound : count
        }
        return script.map { hunk in
            let ia = hunk.a.lowerBound + prefix
            let ja = hunk.a.upperBound + prefix
            let ib = hunk.b.lowerBound + prefix
            let jb = hunk.b.upperBound + prefix
            return Region(
                original: byteStart(tokensA, ia, a.count)..<byteStart(tokensA, ja, a.count),
                output: byteStart(tokensB, ib, b.count)..<byteStart(tokensB, jb, b.count))
        }
    }

    /// Myers' greedy shortest edit script, as hunks of token ranges (a deleted, b inserted).
    static func myers(_ a: [Int32], _ b: [Int32]) -> [(a: Range<Int>, b: Range<Int>)]? {
        let n = a.count
        let m = b.count
        if n == 0 && m == 0 { return [] }
        if n == 0 || m == 0 { return [(0..<n, 0..<m)] }
        let limit = min(n + m, maximumDifference)
        let offset = limit + 1
        var v = [Int32](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int32]] = []
        var found = -1
        outer: for d in 0...limit {
            trace.append(Array(v[(offset - d - 1)...(offset + d + 1)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = Int(v[offset + k + 1])
                } else {
                    x = Int(v[offset + k - 1]) + 1
                }
                var y = x - k
                while x < n && y < m && a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = Int32(x)
                if x >= n && y >= m {
                    found = d
                    break outer
                }
            }
        }
        guard found >= 0 else { return nil }
        // Walk back, collecting the edits.
        var edits: [(x: Int, y: Int, deletion: Bool)] = []
        var x = n
        var y = m
        var d = found
        while d > 0 {
            let snapshot = trace[d]
            // snapshot[i] is V[k] for k = i - d - 1.
            func value(_ k: Int) -> Int { Int(snapshot[k + d + 1]) }
            let k = x - y
            let previousK = (k == -d || (k != d && value(k - 1) < value(k + 1))) ? k + 1 : k - 1
            let previousX = value(previousK)
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                x -= 1
                y -= 1
            }
            if x == previousX {
                edits.append((x, previousY, false))  // insertion of b[previousY]
            } else {
                edits.append((previousX, y, true))  // deletion of a[previousX]
            }
            x = previousX
            y = previousY
            d -= 1
        }
        edits.reverse()
        // Group edits into hunks: consecutive edits with no match between them.
        var hunks: [(a: Range<Int>, b: Range<Int>)] = []
        var current: (a: Range<Int>, b: Range<Int>)? = nil
        for edit in edits {
            let aRange = edit.deletion ? edit.x..<(edit.x + 1) : edit.x..<edit.x
            let bRange = edit.deletion ? edit.y..<edit.y : edit.y..<(edit.y + 1)
            if var hunk = current, hunk.a.upperBound == aRange.lowerBound, hunk.b.upperBound == bRange.lowerBound {
                hunk.a = hunk.a.lowerBound..<aRange.upperBound
                hunk.b = hunk.b.lowerBound..<bRange.upperBound
                current = hunk
            } else {
                if let hunk = current { hunks.append(hunk) }
                current = (aRange, bRange)
            }
        }
        if let hunk = current { hunks.append(hunk) }
        return hunks
    }
}
