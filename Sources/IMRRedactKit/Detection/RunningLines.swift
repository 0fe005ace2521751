/// Lines a letter prints again on every page: running headers and footers (`Re: LAST, First M.
/// Case CM16-0000001  Page 2 of 5`) and fax banners (`05/12/2016 10:31 FAX 555 0100  FROM: X
/// P.002/007`). They are structure, not text: what one copy of such a line carries is masked on
/// every copy, and a name written `LAST, First` in one of them is a name whatever its words are
/// (a surname that is an English word, `BACK, L.`, is still the patient's).
///
/// A running line is a line of 8 to 200 bytes that the letter repeats, equal to another once
/// every run of digits is one digit (page 2 and page 10 are the same line) and every run of
/// blanks one space, and that carries a page number, a fax mark, a `Re:` or a case number.
/// Boilerplate repeated in the body (a guideline sentence per item) carries none, and is left
/// to the rules.
public enum RunningLines {
    /// The copies of one running line, in the letter's order (trimmed line ranges).
    public typealias Group = [Range<Int>]

    /// The running lines of a letter.
    /// - Complexity: O(n).
    public static func groups(in text: UnsafeBufferPointer<UInt8>) -> [Group] {
        var byKey: [UInt64: Group] = [:]
        var order: [UInt64] = []
        var lineStart = 0
        while lineStart < text.count {
            var lineEnd = lineStart
            var digit = false
            while lineEnd < text.count && text[lineEnd] != 0x0A {
                digit = digit || (text[lineEnd] >= 0x30 && text[lineEnd] <= 0x39)
                lineEnd += 1
            }
            var start = lineStart
            var end = lineEnd
            while start < end && isBlank(text[start]) { start += 1 }
            while end > start && isBlank(text[end - 1]) { end -= 1 }
            // A running line carries a digit (its page or case number): lines without one are not hashed.
            if digit && end - start >= 8 && end - start <= 200 {
                let key = normalisedHash(text, start..<end)
                if byKey[key] == nil { order.append(key) }
                byKey[key, default: []].append(start..<end)
            }
            lineStart = lineEnd + 1
        }
        return order.compactMap { key in
            guard let copies = byKey[key], copies.count >= 2, carriesPageOrReference(copies[0], in: text) else { return nil }
            return copies
        }
    }

    /// FNV-1a of the line in lower case, each run of digits as one `#`, each run of blanks as one space.
    static func normalisedHash(_ text: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var previous: UInt8 = 0
        for index in line {
            var byte = text[index]
            if byte >= 0x30 && byte <= 0x39 { byte = UInt8(ascii: "#") } else if isBlank(byte) { byte = 0x20 } else if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if (byte == UInt8(ascii: "#") || byte == 0x20) && byte == previous { continue }
            previous = byte
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }

    /// Whether a line with a digit carries a page number (`Page 2`, `p. 3`, `2 of 5`), a fax mark
    /// (`FAX`, `FROM:`), a `Re:` or a case or claim number (`CM16-0000001`).
    static func carriesPageOrReference(_ line: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.contains(where: { text[$0] >= 0x30 && text[$0] <= 0x39 }) else { return false }
        let words = Words.ranges(in: text, within: line)
        for (index, word) in words.enumerated() {
            let lowered = Words.lowered(text, word)
            let next = index + 1 < words.count ? words[index + 1] : nil
            let nextIsNumber = next.map { text[$0.lowerBound] >= 0x30 && text[$0.lowerBound] <= 0x39 } ?? false
            switch lowered {
            case Array("page".utf8), Array("pg".utf8), Array("p".utf8): if nextIsNumber { return true }
            case Array("of".utf8):
                if nextIsNumber, index > 0, words[index - 1].allSatisfy({ text[$0] >= 0x30 && text[$0] <= 0x39 }) { return true }
            case Array("fax".utf8): return true
            case Array("re".utf8), Array("from".utf8):
                if word.upperBound < line.upperBound && text[word.upperBound] == UInt8(ascii: ":") { return true }
            default:
                // A case or claim number: capitals and digits (CM16-0000001, WC4471).
                if word.count >= 4, LeftExtender.startsUppercase(word, in: text),
                    word.contains(where: { text[$0] >= 0x30 && text[$0] <= 0x39 }),
                    word.contains(where: { text[$0] >= 0x41 && text[$0] <= 0x5A })
                {
                    return true
                }
            }
        }
        return false
    }

    // MARK: Names written LAST, First

    /// `LAST, First M.` names in the running lines: a field of the line (between column gaps,
    /// bars, slashes, dashes and labels) that holds one to four surname words, a comma, and one to
    /// three given names or initials, and nothing else. After `FROM:` or `TO:` (a fax banner's
    /// sender) it is a person; elsewhere the letter's patient, whom its running lines name.
    static func findings(
        _ groups: [Group], in text: UnsafeBufferPointer<UInt8>, ruleSet: RuleSet, into findings: inout [Finding]
    ) {
        for group in groups {
            for line in group {
                for field in fields(of: line, in: text) {
                    guard let name = nameField(field.range, in: text, lexicons: ruleSet.lexicons) else { continue }
                    let rule: StructuralRule = field.afterSender ? .runningPerson : .runningPatient
                    findings.append(Finding(start: name.lowerBound, end: name.upperBound, rule: ruleSet.index(of: rule)))
                }
            }
        }
    }

    /// The fields of a line: stretches between two blanks, a tab, ` | `, ` / `, ` - `, ` -- ` and
    /// after a label's colon; each trimmed, with whether a `FROM:` or `TO:` label opens it.
    static func fields(of line: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> [(range: Range<Int>, afterSender: Bool)] {
        var out: [(Range<Int>, Bool)] = []
        var start = line.lowerBound
        var afterSender = false
        var index = line.lowerBound
        /// Closes the field before `end`; whether it held anything.
        @discardableResult
        func close(_ end: Int, next: Int) -> Bool {
            var low = start
            var high = end
            while low < high && isBlank(text[low]) { low += 1 }
            while high > low && isBlank(text[high - 1]) { high -= 1 }
            start = next
            guard low < high else { return false }
            out.append((low..<high, afterSender))
            return true
        }
        while index < line.upperBound {
            let byte = text[index]
            // A label's flag holds over the blanks after it (`FROM:   X, Y`).
            if byte == 0x09 || (byte == 0x20 && index + 1 < line.upperBound && text[index + 1] == 0x20) {
                if close(index, next: index + 1) { afterSender = false }
            } else if byte == 0x20, index + 2 < line.upperBound, [UInt8(ascii: "|"), UInt8(ascii: "/"), UInt8(ascii: "-")].contains(text[index + 1]),
                text[index + 2] == 0x20 || (text[index + 2] == UInt8(ascii: "-") && index + 3 < line.upperBound && text[index + 3] == 0x20)
            {
                if close(index, next: index + 2) { afterSender = false }
            } else if byte == UInt8(ascii: ":") {
                let label = Words.lowered(text, start..<index).filter { $0 != 0x20 }
                afterSender = label == Array("from".utf8) || label == Array("to".utf8)
                close(index, next: index + 1)
            }
            index += 1
        }
        close(line.upperBound, next: line.upperBound)
        return out
    }

    /// The name in a field that is `LAST, First M.` and nothing else.
    static func nameField(_ field: Range<Int>, in text: UnsafeBufferPointer<UInt8>, lexicons: Lexicons) -> Range<Int>? {
        guard let comma = field.firstIndex(where: { text[$0] == UInt8(ascii: ",") }),
            !field[(comma + 1)...].contains(where: { text[$0] == UInt8(ascii: ",") })
        else { return nil }
        let surname = Words.ranges(in: text, within: field.lowerBound..<comma)
        let given = Words.ranges(in: text, within: (comma + 1)..<field.upperBound)
        guard (1...4).contains(surname.count), (1...3).contains(given.count),
            surname.last!.upperBound == comma, Words.ranges(in: text, within: field).count == surname.count + given.count
        else { return nil }
        // Every byte of the field is a letter, a hyphen, an apostrophe, a full stop, a blank or the comma.
        for index in field where !(isLetter(text[index]) || isBlank(text[index]) || [0x2C, 0x2D, 0x27, 0x2E].contains(text[index])) {
            return nil
        }
        let lexicon = WordLexicon.shared
        var capitalised = 0
        for word in surname {
            let lowered = Words.lowered(text, word)
            if lexicons.particles.contains(lowered) { continue }
            guard LeftExtender.startsUppercase(word, in: text), word.count >= 2 else { return nil }
            let classes = lexicon.classes(text, word)
            if !classes.isDisjoint(with: [.stopword, .orgHead, .orgGeneric, .idLabel]) && classes.isDisjoint(with: .name) { return nil }
            capitalised += 1
        }
        guard capitalised > 0 else { return nil }
        for word in given {
            guard LeftExtender.startsUppercase(word, in: text) else { return nil }
            if word.count == 1 { continue }
            // A state after a town (Sacramento, CA; Fresno, Calif.; Fresno, California) is an
            // address: a state's code, an abbreviation with its full stop (a given name has
            // none), a proper word.
            if word.count == 2 && word.allSatisfy({ text[$0] >= 0x41 && text[$0] <= 0x5A }) && stateCodes.contains(Words.lowered(text, word)) {
                return nil
            }
            if word.upperBound < text.count && text[word.upperBound] == UInt8(ascii: ".") && !suffixes.contains(Words.lowered(text, word)) {
                return nil
            }
            let classes = lexicon.classes(text, word)
            if !classes.isDisjoint(with: [.proper, .stopword, .orgHead, .orgGeneric, .idLabel]) && classes.isDisjoint(with: .name) { return nil }
        }
        // An initial's full stop is part of the name (`Delia M.`).
        var end = given.last!.upperBound
        if end < field.upperBound, text[end] == UInt8(ascii: "."), given.last!.count <= 2 { end += 1 }
        return surname.first!.lowerBound..<end
    }

    /// The postal codes of the states and territories, lower case.
    static let stateCodes: Set<[UInt8]> = Set(
        ["al", "ak", "az", "ar", "ca", "co", "ct", "de", "fl", "ga", "hi", "id", "il", "in", "ia", "ks", "ky", "la", "me", "md",
         "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj", "nm", "ny", "nc", "nd", "oh", "ok", "or", "pa", "ri", "sc",
         "sd", "tn", "tx", "ut", "vt", "va", "wa", "wv", "wi", "wy", "dc", "pr", "gu", "vi"].map { Array($0.utf8) })
    /// Generational suffixes, written with a full stop after a given name (`SMITH, JOHN JR.`).
    static let suffixes: Set<[UInt8]> = Set(["jr", "sr"].map { Array($0.utf8) })

    // MARK: Every copy masked alike

    /// `spans` with what any copy of a running line has masked masked on every copy: a span is
    /// carried word for word (a word that differs between copies, a page number, is taken whole)
    /// to the copies where that stretch is not yet masked, unless a protected span lies there.
    /// - Complexity: O(c·m·log s) for c copies, m distinct masks of a line (at most
    ///   `maskLimit`) and s spans: linear in the letter, however many times a line repeats.
    public static func unified(
        _ spans: [IdentifierSpan], groups: [Group], guarded: [Range<Int>], in text: UnsafeBufferPointer<UInt8>
    ) -> [IdentifierSpan] {
        guard !groups.isEmpty, !spans.isEmpty else { return spans }
        var added: [IdentifierSpan] = []
        for group in groups {
            let tokens = group.map { tokensOf($0, in: text) }
            // What the copies mask, as words of the line: (first word, offset in it, last word,
            // offset in it, category, the copy it was seen on), each once.
            var masks: [Mask] = []
            var seen = Set<MaskKey>()
            for (source, line) in group.enumerated() {
                for span in spans[firstSpan(endingAfter: line.lowerBound, in: spans)...] {
                    if span.start >= line.upperBound { break }
                    let start = max(span.start, line.lowerBound)
                    let end = min(span.end, line.upperBound)
                    guard let first = tokens[source].firstIndex(where: { $0.upperBound > start }),
                        let last = tokens[source].lastIndex(where: { $0.lowerBound < end }), first <= last
                    else { continue }
                    // Offsets inside the words: blanks around them differ between copies.
                    let key = MaskKey(
                        first: first, startOffset: max(0, start - tokens[source][first].lowerBound), last: last,
                        endOffset: min(end, tokens[source][last].upperBound) - tokens[source][last].lowerBound, category: span.category)
                    if seen.insert(key).inserted { masks.append(Mask(key: key, source: source)) }
                }
                if masks.count > maskLimit { break }
            }
            guard !masks.isEmpty, masks.count <= maskLimit else { continue }
            for (target, targetTokens) in tokens.enumerated() {
                for mask in masks where mask.source != target && targetTokens.count == tokens[mask.source].count {
                    let key = mask.key
                    let from = tokens[mask.source][key.first]
                    let to = tokens[mask.source][key.last]
                    let targetFrom = targetTokens[key.first]
                    let targetTo = targetTokens[key.last]
                    let copyStart = same(from, targetFrom, in: text) ? targetFrom.lowerBound + key.startOffset : targetFrom.lowerBound
                    let copyEnd = same(to, targetTo, in: text) ? min(targetTo.upperBound, targetTo.lowerBound + key.endOffset) : targetTo.upperBound
                    guard copyStart < copyEnd else { continue }
                    for piece in uncovered(copyStart..<copyEnd, by: spans, in: text)
                    where !RedactionEngine.overlaps(piece, guarded)
                    {
                        added.append(IdentifierSpan(start: piece.lowerBound, end: piece.upperBound, category: key.category, ruleID: StructuralRule.runningCopy.id))
                    }
                }
            }
        }
        guard !added.isEmpty else { return spans }
        // Pieces carried from two copies may overlap: the first stands, the rest of the next is kept.
        added.sort { ($0.start, $1.end) < ($1.start, $0.end) }
        var disjoint: [IdentifierSpan] = []
        for var span in added {
            if let last = disjoint.last, last.end > span.start {
                guard span.end > last.end else { continue }
                span.start = last.end
            }
            disjoint.append(span)
        }
        return (spans + disjoint).sorted { $0.start < $1.start }
    }

    /// Distinct masks of one running line carried at most; a line whose copies mask more differ
    /// too much to be one line's copies, and is left as the rules found it.
    static let maskLimit = 64

    struct MaskKey: Hashable {
        var first: Int
        var startOffset: Int
        var last: Int
        var endOffset: Int
        var category: Category
    }

    struct Mask {
        var key: MaskKey
        var source: Int
    }

    /// The index of the first of `spans` (sorted, disjoint) that ends after `offset`.
    static func firstSpan(endingAfter offset: Int, in spans: [IdentifierSpan]) -> Int {
        var low = 0
        var high = spans.count
        while low < high {
            let mid = (low + high) / 2
            if spans[mid].end <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The stretches of `range` no span covers, trimmed of blanks and commas, holding a letter or digit.
    static func uncovered(_ range: Range<Int>, by spans: [IdentifierSpan], in text: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var cursor = range.lowerBound
        for span in spans[firstSpan(endingAfter: range.lowerBound, in: spans)...] {
            if span.start >= range.upperBound { break }
            if span.start > cursor { pieces.append(cursor..<span.start) }
            cursor = max(cursor, span.end)
        }
        if cursor < range.upperBound { pieces.append(cursor..<range.upperBound) }
        return pieces.compactMap { piece in
            var low = piece.lowerBound
            var high = piece.upperBound
            while low < high && (isBlank(text[low]) || text[low] == UInt8(ascii: ",")) { low += 1 }
            while high > low && (isBlank(text[high - 1]) || text[high - 1] == UInt8(ascii: ",")) { high -= 1 }
            return low < high && (low..<high).contains(where: { KeywordIndex.isWordByte(text[$0]) }) ? low..<high : nil
        }
    }

    /// The blank-separated tokens of a line.
    static func tokensOf(_ line: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var index = line.lowerBound
        while index < line.upperBound {
            while index < line.upperBound && isBlank(text[index]) { index += 1 }
            let start = index
            while index < line.upperBound && !isBlank(text[index]) { index += 1 }
            if start < index { out.append(start..<index) }
        }
        return out
    }

    static func same(_ a: Range<Int>, _ b: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { text[$0] == text[$1] }
    }

    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0C }

    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte >= 0x80 }
}
