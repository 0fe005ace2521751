/// Disputed items, demographics and reviewer qualifications.
extension LetterParser {
    // MARK: Matching helpers

    /// Runs `pattern` on `bytes` from `offset`; a PCRE2 limit counts as no match (the parser
    /// never fails, and detection does not depend on it alone).
    func matches(_ pattern: CompiledPattern, _ bytes: UnsafeBufferPointer<UInt8>, from offset: Int = 0) -> Bool {
        (try? matcher.firstMatch(pattern, in: bytes, from: offset)) ?? false
    }

    /// A named group of the last match.
    func group(_ pattern: CompiledPattern, _ name: String) -> Range<Int>? {
        guard let number = pattern.groupsByName[name]?.first else { return nil }
        return matcher.range(ofGroup: number)
    }

    /// A span of `flat` mapped back to the original text, its value the flat (collapsed) text.
    static func span(_ flat: FlatText, _ range: Range<Int>) -> TextSpan {
        TextSpan(value: flat.string(range), range: flat.original(range))
    }

    // MARK: Demographics and reviewer

    /// How far into a letter the age and the reviewer's qualifications are looked for (they
    /// come in its first pages).
    static let demographicsReach = 10 * 1024

    func demographicsAndReviewer(_ text: UnsafeBufferPointer<UInt8>, into result: inout LetterStructure) {
        let flat = FlatText(text, range: 0..<min(text.count, Self.demographicsReach))
        flat.bytes.withUnsafeBufferPointer { bytes in
            if matches(ParsePatterns.ageSex, bytes), let age = group(ParsePatterns.ageSex, "age") {
                result.age = Self.span(flat, age)
                if let sex = group(ParsePatterns.ageSex, "sex") { result.sex = Self.span(flat, sex) }
            } else if matches(ParsePatterns.ageLabel, bytes), let age = group(ParsePatterns.ageLabel, "age") {
                result.age = Self.span(flat, age)
            }
            reviewer(flat, bytes, into: &result.reviewer)
        }
    }

    /// `State(s) of Licensure: A,B` and `Certification(s)/Specialty: S` (case-number letters), or
    /// `Board Certified in S, has a subspecialty in T and is licensed to practice in A`.
    private func reviewer(_ flat: FlatText, _ bytes: UnsafeBufferPointer<UInt8>, into reviewer: inout ReviewerQualifications) {
        if matches(ParsePatterns.licensureLabel, bytes), let whole = matcher.range(ofGroup: 0) {
            let end = valueEnd(bytes, from: whole.upperBound)
            var start = whole.upperBound
            var offset = start
            while offset <= end {
                if offset == end || bytes[offset] == UInt8(ascii: ",") {
                    var low = start
                    var high = offset
                    while low < high && bytes[low] == 0x20 { low += 1 }
                    while high > low && bytes[high - 1] == 0x20 { high -= 1 }
                    if low < high { reviewer.licensure.append(Self.span(flat, low..<high)) }
                    start = offset + 1
                }
                offset += 1
            }
        }
        if matches(ParsePatterns.specialtyLabel, bytes), let whole = matcher.range(ofGroup: 0) {
            let end = valueEnd(bytes, from: whole.upperBound)
            if end > whole.upperBound { reviewer.specialty = Self.span(flat, whole.upperBound..<end) }
        }
        if reviewer.specialty == nil, matches(ParsePatterns.boardCertified, bytes),
            let specialty = group(ParsePatterns.boardCertified, "specialty")
        {
            reviewer.specialty = Self.span(flat, specialty)
            if matches(ParsePatterns.subspecialty, bytes, from: specialty.upperBound),
                let sub = group(ParsePatterns.subspecialty, "subspecialty"), sub.lowerBound - specialty.upperBound < 80
            {
                reviewer.subspecialty = Self.span(flat, sub)
            }
        }
        if reviewer.licensure.isEmpty, matches(ParsePatterns.licensedIn, bytes), let states = group(ParsePatterns.licensedIn, "states") {
            // Split `A, B and C` into states.
            let value = Array(bytes[states])
            var start = 0
            var index = 0
            func flush(_ end: Int) {
                if start < end { reviewer.licensure.append(Self.span(flat, (states.lowerBound + start)..<(states.lowerBound + end))) }
            }
            while index < value.count {
                if value[index] == UInt8(ascii: ",") {
                    flush(index)
                    index += 1
                    while index < value.count && value[index] == 0x20 { index += 1 }
                    if value[index...].starts(with: Array("and ".utf8)) { index += 4 }
                    start = index
                    continue
                }
                if value[index...].starts(with: Array(" and ".utf8)) {
                    flush(index)
                    index += 5
                    start = index
                    continue
                }
                index += 1
            }
            flush(value.count)
        }
    }

    /// Where a labelled value of the case-number reviewer block ends in flat text: at the next
    /// label, heading or sentence of the letter.
    private func valueEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let stops = ["Certification(s)", "CLINICAL CASE SUMMARY", "The expert reviewer", "The Expert Reviewer", "He/she", "State(s) of"]
        var end = min(bytes.count, start + 200)
        for stop in stops {
            let needle = Array(stop.utf8)
            var offset = start
            while offset + needle.count <= end {
                if bytes[offset] == needle[0] && bytes[offset..<(offset + needle.count)].elementsEqual(needle) {
                    end = offset
                    break
                }
                offset += 1
            }
        }
        while end > start && bytes[end - 1] == 0x20 { end -= 1 }
        return end
    }

    // MARK: Items

    /// The labels that open an item's paragraphs.
    enum ItemLabel {
        case claimsAdministrator, reviewer, rationale

        static let table: [(String, ItemLabel)] = [
            ("CLAIMS ADMINISTRATOR GUIDELINE:", .claimsAdministrator), ("CLAIMS ADMINISTRATOR'S GUIDELINE:", .claimsAdministrator),
            ("SECTION OF THE MTUS CITED BY THE CLAIMS ADMINISTRATOR:", .claimsAdministrator),
            ("SECTION OF THE MEDICAL TREATMENT UTILIZATION SCHEDULE (MTUS) CITED BY THE CLAIMS ADMINISTRATOR:", .claimsAdministrator),
            ("GUIDELINE CITED BY THE CLAIMS ADMINISTRATOR:", .claimsAdministrator),
            ("MAXIMUS GUIDELINE:", .reviewer), ("REVIEWER GUIDELINE:", .reviewer), ("EXPERT REVIEWER GUIDELINE:", .reviewer),
            ("SECTION OF THE MTUS USED BY THE EXPERT REVIEWER IN MAKING THIS DECISION:", .reviewer),
            ("GUIDELINE CITED BY THE REVIEWER:", .reviewer), ("GUIDELINES CITED BY THE REVIEWER:", .reviewer),
            ("DECISION RATIONALE:", .rationale), ("RATIONALE FOR THE DECISION:", .rationale), ("RATIONALE:", .rationale),
        ]

        /// The label a line opens with, and its upper-cased text.
        static func at(_ normalisedLine: String) -> (ItemLabel, String)? {
            for (label, kind) in table where normalisedLine.hasPrefix(label) { return (kind, label) }
            return nil
        }
    }

    struct DecisionLine {
        var service: TextSpan
        var decision: TextSpan
        /// Line where the item's text starts, and the line after its decision.
        var firstLine: Int
        var nextLine: Int
    }

    func items(_ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, structure: LetterStructure) -> [DisputedItem] {
        if structure.layout == .notice, let notice = noticeItems(text, lines: lines, structure: structure), !notice.isEmpty {
            return notice
        }
        var found = decisionLines(text, lines: lines, structure: structure)
        let headingStarts = Set(structure.sections.map(\.range.lowerBound))
        let opening = openingDecisions(text, lines: lines, headingStarts: headingStarts, taken: found)
        if !opening.isEmpty { found = (found + opening).sorted { $0.firstLine < $1.firstLine } }
        // No item line at all: items as blocks (headings, issue list, decisions in their text).
        if found.isEmpty {
            var items = headedItems(text, lines: lines, structure: structure)
            if structure.layout == .professionalReview {
                professionalReviewGuideline(text, lines: lines, structure: structure, into: &items)
            }
            return items
        }
        // An item a summary table lists and the letter then decides again under its own heading
        // is one item: the later mention, with its paragraphs, stands.
        var later = Set<String>()
        var unique: [DecisionLine] = []
        for line in found.reversed() {
            let key = line.service.value.lowercased() + "\u{0}" + line.decision.value
            if later.insert(key).inserted { unique.append(line) }
        }
        if unique.count < found.count { found = unique.reversed() }
        var items: [DisputedItem] = []
        for (index, line) in found.enumerated() {
            let regionEnd = index + 1 < found.count ? found[index + 1].firstLine : regionLimit(after: line.firstLine, lines: lines, structure: structure)
            var item = DisputedItem(service: line.service, decision: line.decision)
            labelledParagraphs(text, lines: lines, from: line.nextLine, to: regionEnd, into: &item)
            if item.rationale == nil, line.nextLine < regionEnd, line.nextLine < lines.lines.count {
                // No `Rationale:` label (professional-review letters): the rest of the item.
                let end = paragraphEnd(lines: lines, from: line.nextLine, to: regionEnd)
                let start = lines.lines[line.nextLine].range.lowerBound
                if start < end { item.rationale = start..<end }
            }
            items.append(item)
        }
        if structure.layout == .professionalReview {
            professionalReviewGuideline(text, lines: lines, structure: structure, into: &items)
        }
        return items
    }

    /// `SERVICE: DECISION` lines, in letter order (a service may wrap onto the line above; the
    /// decision may stand alone on the line below).
    private func decisionLines(_ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, structure: LetterStructure) -> [DecisionLine] {
        var found: [DecisionLine] = []
        let headingStarts = Set(structure.sections.map(\.range.lowerBound))
        var index = 0
        while index < lines.lines.count {
            let line = lines.lines[index]
            guard !line.isBlank, !headingStarts.contains(line.content.lowerBound) else {
                index += 1
                continue
            }
            // Cheap test first: the line ends with a decision word, or with a colon over one.
            guard Self.mayHoldDecision(text, line.content) || text[line.content.upperBound - 1] == UInt8(ascii: ":") else {
                index += 1
                continue
            }
            var range = line.content
            var last = index
            // A decision alone on the next line.
            if text[range.upperBound - 1] == UInt8(ascii: ":"), let next = lines.nextContent(after: index), next - index <= 2,
                Self.isDecisionWord(Self.normalised(text, lines.lines[next].content))
            {
                range = range.lowerBound..<lines.lines[next].content.upperBound
                last = next
            }
            // A service that starts on a line above (up to three, each going on into the next).
            var first = index
            for _ in 0..<3 {
                guard let previous = lines.previousContent(before: first), first - previous <= 2,
                    continues(text, lines.lines[previous], into: lines.lines[first], headingStarts: headingStarts)
                else { break }
                range = lines.lines[previous].content.lowerBound..<range.upperBound
                first = previous
            }
            guard Self.mayHoldDecision(text, range) else {
                index += 1
                continue
            }
            let flat = FlatText(text, range: range)
            let matched = flat.bytes.withUnsafeBufferPointer { bytes -> DecisionLine? in
                guard matches(ParsePatterns.decisionLine, bytes), let written = group(ParsePatterns.decisionLine, "service"),
                    let decision = group(ParsePatterns.decisionLine, "decision")
                else { return nil }
                // The last sentence of a rationale that ends `... necessary. MRI: Upheld`.
                let service = Self.namedRequest(bytes, Self.lastSentence(bytes, written))
                let label = Self.normalised(text, flat.original(service))
                // A paragraph label (`Decision rationale: Upheld ...`) or a decision's own label
                // (`Decision: UPHELD`, `Determination: Overturned`) is not an item.
                guard !Self.isLabel(label) else { return nil }
                var decisionSpan = Self.span(flat, decision)
                decisionSpan.value = Self.canonicalDecision(decisionSpan.value)
                // The item opens where the matched text does (lines above it were not needed).
                let opening = lines.line(containing: flat.original(written).lowerBound)
                return DecisionLine(service: Self.span(flat, service), decision: decisionSpan, firstLine: opening, nextLine: last + 1)
            }
            if let matched {
                found.append(matched)
                index = last + 1
                continue
            }
            index += 1
        }
        return found
    }

    /// The part of `range` after its last sentence end (`endsSentence`).
    static func lastSentence(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var offset = range.upperBound - 3
        while offset >= range.lowerBound + 3 {
            if endsSentence(bytes, at: offset) { return (offset + 2)..<range.upperBound }
            offset -= 1
        }
        return range
    }

    /// Whether the stop at `offset` ends a sentence: a space and a capital follow it, and it
    /// closes a lower-case word of three letters or more, a number or a parenthesis (`necessary.
    /// MRI`, `2 sets. The`, `#30. The`), not a title, an initial or a label (`Dr. Chu`, `J. Doe`,
    /// `No. 4`). `offset` must leave two bytes before it and two after.
    static func endsSentence(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard bytes[offset] == UInt8(ascii: "."), bytes[offset + 1] == 0x20, bytes[offset + 2] >= 0x41 && bytes[offset + 2] <= 0x5A
        else { return false }
        func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        let last = bytes[offset - 1]
        if isDigit(last) || last == UInt8(ascii: ")") { return isDigit(bytes[offset - 2]) || last == UInt8(ascii: ")") || bytes[offset - 2] == UInt8(ascii: "#") }
        return offset >= 3 && isLower(last) && isLower(bytes[offset - 2]) && isLower(bytes[offset - 3])
    }

    /// The service of a sentence that names the request before it, `The remaining IMR eligible
    /// portion of the original request, X[ is]: Upheld`, `The original request, X is: Upheld` → `X`;
    /// and never the verb (`is`, `are`) that ends a service before its colon.
    static func namedRequest(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var end = range.upperBound
        for verb in [" is", " are"] where end - range.lowerBound > verb.utf8.count + 2 {
            if bytes[(end - verb.utf8.count)..<end].elementsEqual(verb.utf8) {
                end -= verb.utf8.count
                break
            }
        }
        let marker = Array("request, ".utf8)
        var offset = end - marker.count - 2
        while offset >= range.lowerBound {
            if bytes[offset..<(offset + marker.count)].elementsEqual(marker) {
                let before = String(decoding: bytes[range.lowerBound..<offset], as: UTF8.self).lowercased()
                if before.contains("original ") || before.contains("remaining ") { return (offset + marker.count)..<end }
                break
            }
            offset -= 1
        }
        return range.lowerBound..<end
    }

    /// Whether `above` is the first part of a service that ends on `line`: it is not a heading, a
    /// label or a page marker, it ends without a sentence or label stop, and `line` goes on in
    /// lower case or after a dangling word.
    func continues(_ text: UnsafeBufferPointer<UInt8>, _ above: LineIndex.Line, into line: LineIndex.Line, headingStarts: Set<Int>) -> Bool {
        guard !headingStarts.contains(above.content.lowerBound), above.content.count < 140 else { return false }
        // A table's rule (`-----   -----`) or any line without a letter or digit starts nothing.
        guard text[above.content].contains(where: { KeywordIndex.lower($0) >= 0x61 && KeywordIndex.lower($0) <= 0x7A || $0 >= 0x30 && $0 <= 0x39 })
        else { return false }
        let last = text[above.content.upperBound - 1]
        if last == UInt8(ascii: ".") || last == UInt8(ascii: ":") || last == UInt8(ascii: ";") { return false }
        let upper = Self.normalised(text, above.content)
        if ItemLabel.at(upper) != nil || upper.contains("PAGE ") { return false }
        let firstByte = text[line.content.lowerBound]
        if firstByte >= 0x61 && firstByte <= 0x7A { return true }
        let dangling = ["FOR", "AND", "OF", "WITH", "TO", "THE", "OR", "IN", "X", "-", ","]
        return dangling.contains { upper.hasSuffix(" " + $0) || upper.hasSuffix($0) && $0.count == 1 }
    }

    /// Whether `range` ends with `upheld`, `overturned`, `modified` or `part` (any case).
    static func mayHoldDecision(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var range = range
        // A note in parentheses after the decision (`MODIFIED (80 hours certified)`).
        if range.count > 2, text[range.upperBound - 1] == UInt8(ascii: ")") {
            var open = range.upperBound - 2
            while open > range.lowerBound, range.upperBound - open <= 82, text[open] != UInt8(ascii: "(") { open -= 1 }
            if text[open] == UInt8(ascii: "(") {
                var end = open
                while end > range.lowerBound, text[end - 1] == 0x20 { end -= 1 }
                range = range.lowerBound..<end
            }
        }
        for word in ["upheld", "overturned", "modified", "part"] where range.count >= word.utf8.count {
            var offset = range.upperBound - word.utf8.count
            var matched = true
            for byte in word.utf8 {
                if KeywordIndex.lower(text[offset]) != byte {
                    matched = false
                    break
                }
                offset += 1
            }
            if matched { return true }
        }
        return false
    }

    static func isDecisionWord(_ upper: String) -> Bool {
        ["UPHELD", "OVERTURNED", "MODIFIED", "PARTIALLY UPHELD", "UPHELD IN PART", "OVERTURNED IN PART", "PARTIALLY OVERTURNED"]
            .contains(upper)
    }

    /// `UPHELD` → `Upheld`, `upheld in part` → `Upheld in part`.
    static func canonicalDecision(_ value: String) -> String {
        let lower = value.lowercased()
        return lower.prefix(1).uppercased() + lower.dropFirst()
    }

    /// The line where the last item's region ends: the next heading after `line`, or the end.
    func regionLimit(after line: Int, lines: LineIndex, structure: LetterStructure) -> Int {
        let start = lines.lines[line].content.lowerBound
        for section in structure.sections where section.range.lowerBound > start {
            return lines.line(containing: section.range.lowerBound)
        }
        return lines.lines.count
    }

    /// Reads an item's labelled paragraphs between lines `from` and `to`.
    func labelledParagraphs(_ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, from: Int, to: Int, into item: inout DisputedItem) {
        var starts: [(ItemLabel, Int, Int)] = []  // label, line, value start offset
        var index = from
        while index < min(to, lines.lines.count) {
            let line = lines.lines[index]
            // Cheap test first: every label opens with a capital and has a colon early on.
            if !line.isBlank, text[line.content.lowerBound] >= 0x41 && text[line.content.lowerBound] <= 0x5A,
                text[line.content.lowerBound..<min(line.content.upperBound, line.content.lowerBound + 110)].contains(UInt8(ascii: ":"))
            {
                let upper = Self.normalised(text, line.content.lowerBound..<min(line.content.upperBound, line.content.lowerBound + 110))
                if let (label, written) = ItemLabel.at(upper) {
                    starts.append((label, index, valueStart(text, line.content, label: written)))
                }
            }
            index += 1
        }
        for (position, (label, lineIndex, valueStart)) in starts.enumerated() {
            let endLine = position + 1 < starts.count ? starts[position + 1].1 : min(to, lines.lines.count)
            let end = paragraphEnd(lines: lines, from: lineIndex, to: endLine)
            switch label {
            case .claimsAdministrator:
                item.claimsAdministratorGuideline = item.claimsAdministratorGuideline ?? paragraph(text, lines: lines, valueStart, end)
            case .reviewer:
                item.reviewerGuideline = item.reviewerGuideline ?? paragraph(text, lines: lines, valueStart, end)
            case .rationale:
                if item.rationale == nil { item.rationale = lines.lines[lineIndex].content.lowerBound..<end }
            }
        }
    }

    /// The offset after the label that opens `range` (`label` upper-cased, its spaces standing
    /// for any run of white space), and after the spaces that follow it.
    private func valueStart(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, label: String) -> Int {
        var offset = range.lowerBound
        for byte in label.utf8 {
            guard offset < range.upperBound else { break }
            if byte == 0x20 {
                while offset < range.upperBound && (text[offset] == 0x20 || text[offset] == 0x09) { offset += 1 }
            } else {
                offset += 1
            }
        }
        while offset < range.upperBound && (text[offset] == 0x20 || text[offset] == 0x09) { offset += 1 }
        return offset
    }

    /// End offset of the last non-blank, non-page-marker line in `from..<to`.
    func paragraphEnd(lines: LineIndex, from: Int, to: Int) -> Int {
        var last = lines.lines[from].content.upperBound
        var index = from
        while index < to {
            if !lines.lines[index].isBlank { last = lines.lines[index].content.upperBound }
            index += 1
        }
        return last
    }

    /// The flat text of `start..<end`, leaving out running page markers.
    private func paragraph(_ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, _ start: Int, _ end: Int) -> TextSpan? {
        guard start < end else { return nil }
        var value: [UInt8] = []
        value.reserveCapacity(end - start)
        var index = lines.line(containing: start)
        while index < lines.lines.count && lines.lines[index].range.lowerBound < end {
            let line = lines.lines[index]
            index += 1
            let range = max(start, line.content.lowerBound)..<min(end, line.content.upperBound)
            guard !range.isEmpty else { continue }
            // Cheap test first: a page marker holds `Page ` or `P.0`.
            let piece = UnsafeBufferPointer(rebasing: text[range])
            if (piece.firstRange(of: Array("Page ".utf8)) != nil || piece.firstRange(of: Array("P.0".utf8)) != nil),
                matches(ParsePatterns.pageMarker, piece)
            {
                continue
            }
            var space = !value.isEmpty
            for byte in piece {
                if FlatText.isSpace(byte) {
                    space = true
                    continue
                }
                if space { value.append(0x20) }
                space = false
                value.append(byte)
            }
        }
        return value.isEmpty ? nil : TextSpan(value: String(decoding: value, as: UTF8.self), range: start..<end)
    }

    /// Professional-review letters give the reviewer's guidelines once, in their own section.
    private func professionalReviewGuideline(
        _ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, structure: LetterStructure, into items: inout [DisputedItem]
    ) {
        guard let index = structure.sections.firstIndex(where: { $0.value.uppercased().hasPrefix("MEDICAL TREATMENT GUIDELINE") }) else {
            return
        }
        let range = structure.sections[index].range.upperBound..<structure.sectionRanges[index].upperBound
        guard let guideline = paragraph(text, lines: lines, range.lowerBound, paragraphEnd(lines: lines, from: lines.line(containing: range.lowerBound), to: lines.line(containing: max(range.lowerBound, range.upperBound - 1)) + 1)) else { return }
        for position in items.indices where items[position].reviewerGuideline == nil {
            items[position].reviewerGuideline = guideline
        }
    }

    /// Notice letters: the plain list (`1. X is not medically necessary ...`), or else the
    /// `MAXIMUS ... has determined the request for X is ...` list; guidelines and rationale from
    /// the `1. X:` blocks.
    private func noticeItems(_ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, structure: LetterStructure) -> [DisputedItem]? {
        var plain: [(Int, DisputedItem)] = []
        var determined: [(Int, DisputedItem)] = []
        var blocks: [Int: Int] = [:]  // item number → line of its `N. X:` block
        for (index, line) in lines.lines.enumerated() where !line.isBlank {
            guard let first = text[line.content].first, first >= 0x30 && first <= 0x39 else { continue }
            let end = min(text.count, line.content.lowerBound + 600)
            let flat = FlatText(text, range: line.content.lowerBound..<end)
            flat.bytes.withUnsafeBufferPointer { bytes in
                let lineLength = FlatText(text, range: line.content).bytes.count
                if matches(ParsePatterns.numberedHeading, UnsafeBufferPointer(rebasing: bytes[0..<lineLength])),
                    let number = group(ParsePatterns.numberedHeading, "number")
                {
                    if let value = Int(flat.string(number)) { blocks[value] = blocks[value] ?? index }
                    return
                }
                for (pattern, list) in [(ParsePatterns.noticePlain, 0), (ParsePatterns.noticeDetermined, 1)] {
                    guard matches(pattern, bytes), let number = group(pattern, "number"), let service = group(pattern, "service"),
                        let value = Int(flat.string(number)), let whole = matcher.range(ofGroup: 0)
                    else { continue }
                    let not = group(pattern, "not") != nil
                    let decisionRange = flat.original(whole)
                    var serviceSpan = Self.span(flat, service)
                    if list == 1, let first = serviceSpan.value.first {
                        serviceSpan.value = first.uppercased() + serviceSpan.value.dropFirst()
                    }
                    let decision = TextSpan(value: not ? "Upheld" : "Overturned", range: decisionRange)
                    let item = DisputedItem(service: serviceSpan, decision: decision)
                    if list == 0 { plain.append((value, item)) } else { determined.append((value, item)) }
                    return
                }
            }
        }
        let chosen = !plain.isEmpty ? plain : determined
        guard !chosen.isEmpty else { return nil }
        var seen = Set<Int>()
        var items: [DisputedItem] = []
        let blockLines = blocks.values.sorted()
        for (number, var item) in chosen where seen.insert(number).inserted {
            if let start = blocks[number] {
                let end = blockLines.first { $0 > start } ?? regionLimit(after: start, lines: lines, structure: structure)
                labelledParagraphs(text, lines: lines, from: start + 1, to: end, into: &item)
            }
            items.append(item)
        }
        return items
    }
}
