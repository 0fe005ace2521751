/// Disputed items of letters that do not write `SERVICE: DECISION` at the end of a line.
///
/// Two shapes are read here. A decision that opens a paragraph and runs on as a sentence
/// (`MRI of the knee: Upheld. The MTUS ...`) is an item line like any other. Otherwise an item is
/// a *block*: it opens at a heading that names the service (`ISSUE 1: X`, `2) X`, a bare line
/// over the item's `Claims Administrator guideline:`), its service may be written out in an
/// issue list (`ISSUE AT DISPUTE:`), and its decision is stated in its own text (`Determination:
/// Upheld`, `the request for X is overturned`, `X: Upheld.`) or in a summary table at the end
/// (`ISSUE 1   MRI   UPHELD`).
extension LetterParser {
    // MARK: Decisions that open a paragraph

    /// `SERVICE: DECISION. Rationale ...` or `SERVICE -- DECISION. ...` at the start of a
    /// paragraph (after a blank line, a heading, a page marker or a fax stamp), the service
    /// possibly wrapped onto the next line. Lines that `taken` already covers are left out.
    /// - Complexity: O(n) in the letter's length; the pattern runs on two lines at a time.
    func openingDecisions(
        _ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, headingStarts: Set<Int>, taken: [DecisionLine]
    ) -> [DecisionLine] {
        var takenLines = Set<Int>()
        for line in taken { takenLines.formUnion(line.firstLine..<line.nextLine) }
        var found: [DecisionLine] = []
        var index = 0
        while index < lines.lines.count {
            let line = lines.lines[index]
            // Cheap tests first: a capital or a digit opens the line, and it opens a paragraph.
            guard !line.isBlank, !takenLines.contains(index), !headingStarts.contains(line.content.lowerBound),
                Self.isCapitalOrDigit(text[line.content.lowerBound]),
                opensParagraph(text, lines: lines, index, headingStarts: headingStarts)
            else {
                index += 1
                continue
            }
            var range = line.content
            // A service wrapped onto the next line (which goes on in lower case or after a
            // dangling word); a title over the paragraph (`Decisions`) is not part of it.
            if index + 1 < lines.lines.count, !lines.lines[index + 1].isBlank, !takenLines.contains(index + 1),
                continues(text, line, into: lines.lines[index + 1], headingStarts: headingStarts)
            {
                range = range.lowerBound..<lines.lines[index + 1].content.upperBound
            }
            guard Self.containsDecisionWord(text, range), let matched = openingDecision(text, lines: lines, range, line: index) else {
                index += 1
                continue
            }
            found.append(matched)
            index = matched.nextLine
        }
        return found
    }

    /// The `SERVICE: DECISION` sentence that opens `range`, if any.
    private func openingDecision(_ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, _ range: Range<Int>, line: Int) -> DecisionLine? {
        let flat = FlatText(text, range: range)
        return flat.bytes.withUnsafeBufferPointer { bytes -> DecisionLine? in
            let pattern = ParsePatterns.decisionSentence
            guard matches(pattern, bytes), matcher.range(ofGroup: 0)?.lowerBound == 0,
                let service = group(pattern, "service"), let decision = group(pattern, "decision")
            else { return nil }
            let serviceSpan = Self.span(flat, service)
            guard !Self.isLabel(Self.normalised(text, serviceSpan.range)) else { return nil }
            var decisionSpan = Self.span(flat, decision)
            decisionSpan.value = Self.canonicalDecision(decisionSpan.value)
            let decisionLine = lines.line(containing: decisionSpan.range.lowerBound)
            return DecisionLine(service: serviceSpan, decision: decisionSpan, firstLine: line, nextLine: decisionLine + 1)
        }
    }

    /// Whether line `index` opens a paragraph: it is the first line, or the line above is blank,
    /// a heading, a title of its own (a short line after a blank one, without a closing stop:
    /// `Decisions`, `Summary of the case`), a page marker or a fax stamp.
    private func opensParagraph(_ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, _ index: Int, headingStarts: Set<Int>) -> Bool {
        guard index > 0 else { return true }
        let above = lines.lines[index - 1]
        if above.isBlank || headingStarts.contains(above.content.lowerBound) { return true }
        if above.content.count <= 40, index < 2 || lines.lines[index - 2].isBlank,
            ![UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":")].contains(text[above.content.upperBound - 1])
        {
            return true
        }
        if above.content.count <= 200, matchesPageMarker(text, above.content) { return true }
        return above.content.count <= 200 && Self.isTransmissionLine(Self.normalised(text, above.content))
    }

    static func isCapitalOrDigit(_ byte: UInt8) -> Bool { (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) }

    /// Whether `range` holds `upheld`, `overturned` or `modified` in any case.
    /// - Complexity: O(range.count).
    static func containsDecisionWord(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let words: [[UInt8]] = [Array("upheld".utf8), Array("overturned".utf8), Array("modified".utf8)]
        var offset = range.lowerBound
        while offset < range.upperBound {
            let byte = KeywordIndex.lower(text[offset])
            if byte == UInt8(ascii: "u") || byte == UInt8(ascii: "o") || byte == UInt8(ascii: "m") {
                for word in words where word[0] == byte && offset + word.count <= range.upperBound {
                    var matched = true
                    for (position, expected) in word.enumerated() where KeywordIndex.lower(text[offset + position]) != expected {
                        matched = false
                        break
                    }
                    if matched { return true }
                }
            }
            offset += 1
        }
        return false
    }

    /// Words that make a `LABEL: DECISION` line a label, not a service (`Decision: Upheld`,
    /// `IMR Determination: Overturned`, `Note: Upheld`).
    static let labelWords: Set<String> = [
        "DECISION", "DECISIONS", "DETERMINATION", "DETERMINATIONS", "OUTCOME", "RESULT", "STATUS", "NOTE", "FINDING", "RULING",
    ]

    /// Whether an upper-cased service is a paragraph label or a decision's label.
    static func isLabel(_ upper: String) -> Bool {
        if ItemLabel.at(upper + ":") != nil || upper.hasPrefix("FINAL DETERMINATION") { return true }
        guard let last = upper.split(separator: " ").last else { return true }
        return labelWords.contains(String(last))
    }

    // MARK: Items as blocks

    /// How an item's heading names it.
    enum OpeningKind: Int, Comparable {
        /// `ISSUE 1: X`, `Item 2 - X` (the strongest: a word says it is an item).
        case labelled
        /// A bare line right over the item's `Claims Administrator guideline:` label.
        case overLabel
        /// `1) X`, `2. X` in the decisions part of the letter.
        case numbered

        static func < (lhs: OpeningKind, rhs: OpeningKind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Where an item's block opens: its number, the service its heading names (nil when the
    /// heading is a sentence, `1) The request for X is overturned`), and its line.
    struct ItemOpening {
        var kind: OpeningKind
        var number: Int?
        var service: TextSpan?
        var line: Int
        /// For numbered headings: `.` or `)`, which a letter keeps for one list.
        var style: UInt8 = 0
    }

    /// One row of a summary or decisions table.
    struct TableRow {
        var number: Int?
        var service: TextSpan
        var decision: TextSpan
        var line: Int
    }

    /// A decision stated in a block, with the service it names, if it names one.
    struct Statement {
        var offset: Int
        var decision: TextSpan
        var service: TextSpan?
    }

    /// The items of a letter without item lines, read as blocks; empty when it has none.
    func headedItems(_ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, structure: LetterStructure) -> [DisputedItem] {
        let headingStarts = Set(structure.sections.map(\.range.lowerBound))
        let list = issueList(text, lines: lines, structure: structure)
        let listLines = list?.lines ?? 0..<0
        let entries = list?.entries ?? []
        let regionStart = decisionsStart(lines: lines, structure: structure)
        let rows = tableRows(text, lines: lines, skipping: listLines)
        let rowLines = Set(rows.map(\.line))
        let openings = itemOpenings(
            text, lines: lines, from: regionStart, skipping: listLines, rowLines: rowLines, headingStarts: headingStarts)

        guard !openings.isEmpty else {
            return itemsWithoutHeadings(text, lines: lines, structure: structure, entries: entries, rows: rows, from: regionStart)
        }
        let byNumber = entries.count == Set(entries.compactMap(\.number)).count
        var items: [DisputedItem] = []
        for (position, opening) in openings.enumerated() {
            let nextRow = rows.first { $0.line > opening.line }?.line ?? lines.lines.count
            let end = min(
                position + 1 < openings.count ? openings[position + 1].line : lines.lines.count, nextRow,
                regionLimit(after: opening.line, lines: lines, structure: structure))
            let statement = lastStatement(text, lines: lines, opening.line..<max(end, opening.line + 1))
            // The service as the issue list writes it, else as the heading does, else as the
            // decision's sentence does.
            var service: TextSpan? = nil
            if let number = opening.number, byNumber { service = entries.first { $0.number == number }?.service }
            if service == nil, entries.count == openings.count, entries.allSatisfy({ $0.number == nil }) || opening.number == nil {
                service = entries[position].service
            }
            service = service ?? opening.service ?? statement?.service.map(Self.capitalised)
            var decision = statement?.decision
            if decision == nil, let number = opening.number { decision = rows.first { $0.number == number }?.decision }
            if decision == nil, rows.count == openings.count, rows.allSatisfy({ $0.number == nil }) { decision = rows[position].decision }
            guard let service else { continue }
            var item = DisputedItem(service: service, decision: decision)
            labelledParagraphs(text, lines: lines, from: opening.line + 1, to: end, into: &item)
            if item.rationale == nil, opening.line + 1 < end {
                let last = paragraphEnd(lines: lines, from: opening.line + 1, to: end)
                let start = lines.lines[opening.line + 1].range.lowerBound
                if start < last { item.rationale = start..<last }
            }
            items.append(item)
        }
        return items
    }

    /// Items when no heading opens a block: the issue list with decisions from a table (by
    /// number, or in order when the counts agree); or the table's own rows; or, failing both,
    /// each decision sentence that names its service (`the request for X is overturned`).
    private func itemsWithoutHeadings(
        _ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, structure: LetterStructure, entries: [IssueEntry], rows: [TableRow], from regionStart: Int
    ) -> [DisputedItem] {
        if !entries.isEmpty {
            return entries.enumerated().map { position, entry in
                var decision = entry.number.flatMap { number in rows.first { $0.number == number }?.decision }
                if decision == nil, rows.count == entries.count { decision = rows[position].decision }
                return DisputedItem(service: entry.service, decision: decision)
            }
        }
        if !rows.isEmpty { return rows.map { DisputedItem(service: $0.service, decision: $0.decision) } }
        guard regionStart < lines.lines.count else { return [] }
        var seen = Set<String>()
        var items: [DisputedItem] = []
        for statement in statements(text, lines.lines[regionStart].range.lowerBound..<text.count) {
            guard let named = statement.service else { continue }
            let service = Self.capitalised(named)
            guard seen.insert(service.value.lowercased()).inserted else { continue }
            items.append(DisputedItem(service: service, decision: statement.decision))
        }
        return items
    }

    /// `the request for custom orthotics` → `Custom orthotics`: a service named inside a
    /// sentence opens with a capital, as a listed one does.
    static func capitalised(_ span: TextSpan) -> TextSpan {
        var span = span
        for article in ["a ", "an ", "the "] where span.value.lowercased().hasPrefix(article) && span.value.count > article.count + 1 {
            span.value = String(span.value.dropFirst(article.count))
            span.range = (span.range.lowerBound + article.utf8.count)..<span.range.upperBound
            break
        }
        if let first = span.value.first { span.value = first.uppercased() + span.value.dropFirst() }
        return span
    }

    /// The line where the decisions part of the letter begins: the first heading that names
    /// decisions or a rationale (`IMR DECISION(S) AND RATIONALE(S)`, `RATIONALE FOR WHY ...`,
    /// `Decisions`), else the first line.
    private func decisionsStart(lines: LineIndex, structure: LetterStructure) -> Int {
        for section in structure.sections {
            let upper = section.value.uppercased()
            if upper.contains("DECISION") || upper.contains("RATIONALE") { return lines.line(containing: section.range.lowerBound) }
        }
        return 0
    }

    // MARK: Headings

    /// The headings that open items, of one kind (the strongest the letter has), one per number.
    private func itemOpenings(
        _ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, from start: Int, skipping listLines: Range<Int>, rowLines: Set<Int>,
        headingStarts: Set<Int>
    ) -> [ItemOpening] {
        var found: [ItemOpening] = []
        var index = start
        while index < lines.lines.count {
            defer { index += 1 }
            let line = lines.lines[index]
            guard !line.isBlank, !listLines.contains(index), !rowLines.contains(index), !headingStarts.contains(line.content.lowerBound)
            else { continue }
            if let opening = numberedOpening(text, lines: lines, index) {
                found.append(opening)
            } else if let opening = openingOverLabel(text, lines: lines, index, headingStarts: headingStarts) {
                found.append(opening)
            }
        }
        guard let strongest = found.map(\.kind).min() else { return [] }
        found = found.filter { $0.kind == strongest }
        // A letter numbers its items once: a number seen again (a list inside a rationale, a
        // summary) opens no new item; bare numbers must run 1, 2, 3 in one style.
        var seen = Set<Int>()
        var expected = 1
        var style: UInt8? = nil
        return found.filter { opening in
            guard let number = opening.number else { return true }
            if opening.kind == .numbered {
                guard number == expected, style == nil || style == opening.style else { return false }
                style = opening.style
                expected += 1
            }
            return seen.insert(number).inserted
        }
    }

    /// `ISSUE 1: X` or `1) X` on line `index`. The heading's service runs to its first sentence
    /// end (`Issue 2: Home health aide. The MTUS ...`); a heading that is itself the decision's
    /// sentence (`1) The request for X is overturned.`) names none.
    private func numberedOpening(_ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, _ index: Int) -> ItemOpening? {
        let line = lines.lines[index]
        let first = text[line.content.lowerBound]
        guard Self.isCapitalOrDigit(first) || (first >= 0x61 && first <= 0x7A) else { return nil }
        var range = line.content
        // A heading wrapped onto a line that goes on in lower case.
        if index + 1 < lines.lines.count, !lines.lines[index + 1].isBlank, text[range.upperBound - 1] != UInt8(ascii: "."),
            let next = text[lines.lines[index + 1].content].first, next >= 0x61 && next <= 0x7A
        {
            range = range.lowerBound..<lines.lines[index + 1].content.upperBound
        }
        let flat = FlatText(text, range: range)
        return flat.bytes.withUnsafeBufferPointer { bytes -> ItemOpening? in
            var kind = OpeningKind.labelled
            var pattern = ParsePatterns.labelledOpening
            if !(first >= 0x30 && first <= 0x39) {
                guard matches(pattern, bytes) else { return nil }
            } else {
                kind = .numbered
                pattern = ParsePatterns.numberedOpening
                guard matches(pattern, bytes) else { return nil }
            }
            guard let number = group(pattern, "number"), let rest = group(pattern, "rest"), let value = Int(flat.string(number)) else {
                return nil
            }
            let style = kind == .numbered ? group(pattern, "style").map { bytes[$0.lowerBound] } ?? 0 : 0
            let service = headingService(flat, bytes, rest)
            return ItemOpening(kind: kind, number: value, service: service, line: index, style: style)
        }
    }

    /// The service a numbered heading names: its text up to the first sentence end, without
    /// closing punctuation; nil when that is a sentence that decides (`The request for X is
    /// upheld`) or opens like one (`The request ...`, `This ...`).
    private func headingService(_ flat: FlatText, _ bytes: UnsafeBufferPointer<UInt8>, _ rest: Range<Int>) -> TextSpan? {
        var end = rest.upperBound
        var offset = rest.lowerBound
        while offset + 2 < rest.upperBound {
            if offset - rest.lowerBound >= 3, Self.endsSentence(bytes, at: offset) {
                end = offset
                break
            }
            offset += 1
        }
        while end > rest.lowerBound, [UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: ","), 0x20].contains(bytes[end - 1]) {
            end -= 1
        }
        guard end - rest.lowerBound >= 2, end - rest.lowerBound <= 200 else { return nil }
        let sentence = UnsafeBufferPointer(rebasing: bytes[rest.lowerBound..<end])
        let upper = flat.string(rest.lowerBound..<min(end, rest.lowerBound + 20)).uppercased()
        if upper.hasPrefix("THE ") || upper.hasPrefix("THIS ") || upper.hasPrefix("IN ") || upper.hasPrefix("A REQUEST") { return nil }
        if matches(ParsePatterns.requestDecided, sentence) || matches(ParsePatterns.labelledDecision, sentence) { return nil }
        return Self.span(flat, rest.lowerBound..<end)
    }

    /// A bare line right over an item's `Claims Administrator guideline:` (or reviewer's) label:
    /// the item's service (with the line above it when the service wraps).
    private func openingOverLabel(_ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, _ index: Int, headingStarts: Set<Int>) -> ItemOpening? {
        let line = lines.lines[index]
        guard line.content.count <= 200, let next = lines.nextContent(after: index), next - index <= 2 else { return nil }
        let below = lines.lines[next]
        // Cheap test first: the label opens with a capital and has a colon early on.
        guard Self.isCapitalOrDigit(text[below.content.lowerBound]),
            text[below.content.lowerBound..<min(below.content.upperBound, below.content.lowerBound + 110)].contains(UInt8(ascii: ":"))
        else { return nil }
        let label = Self.normalised(text, below.content.lowerBound..<min(below.content.upperBound, below.content.lowerBound + 110))
        guard let (kind, _) = ItemLabel.at(label), kind != .rationale else { return nil }
        let upper = Self.normalised(text, line.content)
        let last = text[line.content.upperBound - 1]
        guard ItemLabel.at(upper) == nil, !upper.contains(": "), last != UInt8(ascii: "."), last != UInt8(ascii: ":"),
            !matchesPageMarker(text, line.content)
        else { return nil }
        var range = line.content
        var first = index
        if let previous = lines.previousContent(before: index), index - previous <= 2,
            continues(text, lines.lines[previous], into: line, headingStarts: headingStarts)
        {
            range = lines.lines[previous].content.lowerBound..<range.upperBound
            first = previous
        }
        let flat = FlatText(text, range: range)
        return ItemOpening(kind: .overLabel, number: nil, service: Self.span(flat, 0..<flat.bytes.count), line: first)
    }

    // MARK: Issue lists and tables

    /// One entry of an issue list.
    struct IssueEntry {
        var number: Int?
        var service: TextSpan
    }

    /// The entries under an `ISSUE(S) AT DISPUTE:` heading: numbered lines (`1) X`, `Issue 2:
    /// X`), a line going on in lower case joined to its entry; or, with no number at all, one
    /// entry per line. The list ends at the next heading or at a line that is neither.
    private func issueList(_ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, structure: LetterStructure) -> (entries: [IssueEntry], lines: Range<Int>)? {
        guard let section = structure.sections.indices.first(where: { structure.sections[$0].value.uppercased().contains("DISPUTE") })
        else { return nil }
        let start = lines.line(containing: structure.sections[section].range.upperBound - 1) + 1
        let end = section + 1 < structure.sections.count ? lines.line(containing: structure.sections[section + 1].range.lowerBound) : lines.lines.count
        guard start < end else { return nil }
        var pieces: [(number: Int?, range: Range<Int>)] = []
        var numbered = false
        var index = start
        while index < end, pieces.count <= 30 {
            defer { index += 1 }
            let line = lines.lines[index]
            guard !line.isBlank, !matchesPageMarker(text, line.content) else { continue }
            let flat = FlatText(text, range: line.content)
            let entry = flat.bytes.withUnsafeBufferPointer { bytes -> (Int, Range<Int>)? in
                for pattern in [ParsePatterns.labelledOpening, ParsePatterns.numberedOpening] where matches(pattern, bytes) {
                    guard let number = group(pattern, "number"), let rest = group(pattern, "rest"), let value = Int(flat.string(number))
                    else { continue }
                    return (value, flat.original(rest))
                }
                return nil
            }
            let first = text[line.content.lowerBound]
            if let (number, range) = entry {
                numbered = true
                pieces.append((number, range))
            } else if let last = pieces.last, first >= 0x61 && first <= 0x7A {
                pieces[pieces.count - 1].range = last.range.lowerBound..<line.content.upperBound
            } else if !numbered, Self.isCapitalOrDigit(first), line.content.count <= 200 {
                pieces.append((nil, line.content))
            } else {
                break
            }
        }
        if numbered { pieces = pieces.filter { $0.number != nil } }
        let entries = pieces.compactMap { piece -> IssueEntry? in
            var upper = piece.range.upperBound
            while upper > piece.range.lowerBound, [UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: ","), 0x20].contains(text[upper - 1]) {
                upper -= 1
            }
            guard upper - piece.range.lowerBound >= 2 else { return nil }
            let flat = FlatText(text, range: piece.range.lowerBound..<upper)
            return IssueEntry(number: piece.number, service: Self.span(flat, 0..<flat.bytes.count))
        }
        return entries.isEmpty ? nil : (entries, start..<end)
    }

    /// Rows of a decisions or summary table: columns two or more spaces apart, the last opening
    /// with a decision (`UPHELD`, `MODIFIED to 2x2`) and not ending a sentence, the first
    /// numbering the row (`ISSUE 1`, `2.`) or holding the service.
    private func tableRows(_ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, skipping listLines: Range<Int>) -> [TableRow] {
        var rows: [TableRow] = []
        for (index, line) in lines.lines.enumerated() where !line.isBlank && !listLines.contains(index) {
            // Cheap tests first: a short line whose last byte is not a stop.
            guard line.content.count <= 200, text[line.content.upperBound - 1] != UInt8(ascii: "."),
                Self.containsDecisionWord(text, line.content)
            else { continue }
            let cells = Self.columns(text, line.content)
            guard cells.count >= 2, let last = cells.last else { continue }
            let decision = UnsafeBufferPointer(rebasing: text[last])
            guard matches(ParsePatterns.decisionCell, decision), let word = group(ParsePatterns.decisionCell, "decision") else { continue }
            let decisionRange = (last.lowerBound + word.lowerBound)..<(last.lowerBound + word.upperBound)
            var number: Int? = nil
            var serviceStart = cells[0].lowerBound
            let firstCell = UnsafeBufferPointer(rebasing: text[cells[0]])
            if matches(ParsePatterns.rowNumber, firstCell), let digits = group(ParsePatterns.rowNumber, "number") {
                number = Int(String(decoding: firstCell[digits], as: UTF8.self))
                guard cells.count >= 3 else { continue }
                serviceStart = cells[1].lowerBound
            } else {
                for pattern in [ParsePatterns.numberedOpening, ParsePatterns.labelledOpening] where matches(pattern, firstCell) {
                    guard let digits = group(pattern, "number"), let rest = group(pattern, "rest") else { continue }
                    number = Int(String(decoding: firstCell[digits], as: UTF8.self))
                    serviceStart = cells[0].lowerBound + rest.lowerBound
                    break
                }
            }
            let serviceEnd = cells[cells.count - 2].upperBound
            guard serviceStart < serviceEnd, text[serviceEnd - 1] != UInt8(ascii: ":") else { continue }
            let flat = FlatText(text, range: serviceStart..<serviceEnd)
            var decisionSpan = TextSpan(value: "", range: decisionRange)
            decisionSpan.value = Self.canonicalDecision(String(decoding: text[decisionRange], as: UTF8.self))
            rows.append(TableRow(number: number, service: Self.span(flat, 0..<flat.bytes.count), decision: decisionSpan, line: index))
        }
        return rows
    }

    // MARK: Decision statements

    /// The last decision stated in lines `block`.
    private func lastStatement(_ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, _ block: Range<Int>) -> Statement? {
        let start = lines.lines[block.lowerBound].content.lowerBound
        let end = paragraphEnd(lines: lines, from: block.lowerBound, to: min(block.upperBound, lines.lines.count))
        guard start < end else { return nil }
        return statements(text, start..<end).last
    }

    /// Every decision stated in `range`, in order: under a label (`Determination: Upheld`), as
    /// the request's (`the request for X is overturned`) or the denial's (`the Claims
    /// Administrator's decision is upheld`) fate, or as a `SERVICE: DECISION.` sentence.
    /// - Complexity: O(n) in `range.count` times the patterns' bounded look-ahead.
    func statements(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Statement] {
        guard Self.containsDecisionWord(text, range) else { return [] }
        let flat = FlatText(text, range: range)
        var found: [Statement] = []
        flat.bytes.withUnsafeBufferPointer { bytes in
            let patterns = [
                ParsePatterns.labelledDecision, ParsePatterns.requestDecided, ParsePatterns.denialDecided, ParsePatterns.decisionSentence,
            ]
            for pattern in patterns {
                var from = 0
                while from < bytes.count, matches(pattern, bytes, from: from), let whole = matcher.range(ofGroup: 0),
                    let decision = group(pattern, "decision")
                {
                    from = max(whole.upperBound, from + 1)
                    var service = group(pattern, "service").map { Self.span(flat, $0) }
                    if let named = service, Self.isLabel(Self.normalised(text, named.range)) {
                        // `Decision: Upheld` read as a sentence: the label's decision, no service.
                        service = nil
                    }
                    var decisionSpan = Self.span(flat, decision)
                    decisionSpan.value = Self.canonicalDecision(decisionSpan.value)
                    found.append(Statement(offset: decisionSpan.range.lowerBound, decision: decisionSpan, service: service))
                }
            }
        }
        // One statement per decision word, in letter order.
        var seen = Set<Int>()
        return found.sorted { $0.offset < $1.offset }.filter { seen.insert($0.offset).inserted }
    }
}
