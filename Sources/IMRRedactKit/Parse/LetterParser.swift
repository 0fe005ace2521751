/// Recovers the structure of an IMR letter: layout, header fields, sections, demographics,
/// reviewer qualifications and disputed items, with byte ranges into the original text.
///
/// It works on PDF-to-text output as it comes: blank lines between lines, leading spaces,
/// two-column headers in either order, wrapped labels and headings, CRLF, form feeds and running
/// page headers. It never fails: what it cannot find is left out, and an unrecognised letter is
/// `unknown`. One parser per thread (it owns a PCRE2 matcher).
public final class LetterParser {
    let matcher: Matcher

    public init() {
        matcher = Matcher(maxCaptureCount: ParsePatterns.maxCaptureCount)
    }

    /// What a parse is for: everything (`imr-redact parse`, `verify`), or only what detection
    /// uses (header fields, addressee, copy lists), which skips items, demographics, the
    /// reviewer and the headings after the first.
    public enum Depth: Sendable {
        case full, detection
    }

    /// Parses one letter (valid UTF-8, as `Detector.validate` checks).
    public func parse(_ text: UnsafeBufferPointer<UInt8>, depth: Depth = .full) -> LetterStructure {
        var result = LetterStructure()
        let lines = LineIndex(text)
        result.layout = Self.layout(text, lines: lines)
        let headings = Self.sections(text, lines: lines, firstOnly: depth == .detection)
        result.sections = headings.map(\.title)
        result.sectionRanges = headings.indices.map { index in
            headings[index].title.range.lowerBound..<(index + 1 < headings.count ? headings[index + 1].title.range.lowerBound : text.count)
        }
        let headerEnd = headings.first?.firstLine ?? lines.lines.count
        Self.fields(text, lines: lines, headerEnd: headerEnd, into: &result)
        addresseeAndCopies(text, lines: lines, headerEnd: headerEnd, into: &result)
        result.runningLines = RunningLines.groups(in: text)
        guard depth == .full else { return result }
        demographicsAndReviewer(text, into: &result)
        result.items = items(text, lines: lines, structure: result)
        return result
    }

    // MARK: Layout

    static func layout(_ text: UnsafeBufferPointer<UInt8>, lines: LineIndex) -> Layout {
        var opening: [String] = []
        var skipped = 0
        for line in lines.lines where !line.isBlank {
            let upper = normalised(text, line.content)
            // A fax machine's stamp over page 1 is not the letter's first line.
            if opening.isEmpty, skipped < 3, isTransmissionLine(upper) {
                skipped += 1
                continue
            }
            opening.append(upper)
            if opening.count == 6 { break }
        }
        guard let first = opening.first else { return .unknown }
        if first.hasPrefix("CASE NUMBER:") { return .caseNumber }
        if first.hasPrefix("MEDICAL PROFESSIONAL REVIEW") { return .professionalReview }
        if first.hasPrefix("MAXIMUS FEDERAL SERVICES"), opening.count > 1, opening[1].hasPrefix("INDEPENDENT MEDICAL REVIEW") {
            if opening.dropFirst().prefix(4).contains(where: { $0.contains("NOTICE OF INDEPENDENT MEDICAL REVIEW DETERMINATION") }) {
                return .notice
            }
            return .maximus
        }
        // The published letters' body without its page-1 block.
        if first == "HOW THE IMR FINAL DETERMINATION WAS MADE" { return .caseNumber }
        return .unknown
    }

    /// Whether an upper-cased line is a fax machine's transmission stamp (`MAY-12-2016 09:14
    /// FROM:... TO:... P.001/004`, `Jun 09 2016 10:14AM  SENDER  6615550172  p.2`): it holds a
    /// clock time and a sender or recipient word (`FROM`, `TO:`, `FAX`) or a page stamp (`P.001`,
    /// `P.2`, `PAGE 1`). A stamp says nothing of the layout; the letter opens below it.
    static func isTransmissionLine(_ upper: String) -> Bool {
        let bytes = Array(upper.utf8)
        guard bytes.count <= 200 else { return false }
        func isDigit(_ index: Int) -> Bool {
            guard index >= 0 && index < bytes.count else { return false }
            return bytes[index] >= 0x30 && bytes[index] <= 0x39
        }
        // A clock time: one or two digits, a colon, two digits, not part of a longer number.
        func isClock(_ index: Int) -> Bool {
            guard bytes[index] == UInt8(ascii: ":"), isDigit(index - 1), isDigit(index + 1), isDigit(index + 2) else { return false }
            return !isDigit(index + 3) && !(isDigit(index - 2) && isDigit(index - 3))
        }
        let clock = bytes.indices.contains(where: isClock)
        guard clock else { return false }
        let words = upper.split(whereSeparator: { $0 == " " })
        for word in words {
            if word == "FROM" || word == "FROM:" || word == "TO:" || word == "FAX" || word == "FAX:" || word.hasPrefix("FROM:") || word.hasPrefix("TO:") {
                return true
            }
            // A page stamp: `P.001/004`, `P.2`, `P2`.
            if word.hasPrefix("P"), word.count <= 10 {
                let rest = word.dropFirst().drop { $0 == "." }
                if let first = rest.first, first.isASCII, first.isNumber, rest.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "/" }) {
                    return true
                }
            }
        }
        return upper.contains("PAGE ") && words.contains { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// Upper-cased text of `range` with white space runs collapsed.
    static func normalised(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count)
        var space = false
        for offset in range {
            let byte = text[offset]
            if LineIndex.isPadding(byte) || byte == 0x0A || byte == 0x0D {
                space = !bytes.isEmpty
                continue
            }
            if space { bytes.append(0x20) }
            space = false
            bytes.append(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Sections

    struct Heading {
        var title: TextSpan
        var firstLine: Int
    }

    /// Section headings every layout uses, upper-cased; a heading may be broken over two lines.
    static let knownHeadings: Set<String> = [
        "HOW THE IMR FINAL DETERMINATION WAS MADE", "CLINICAL CASE SUMMARY", "IMR ISSUES, DECISIONS AND RATIONALES",
        "IMR ISSUES, DECISIONS AND RATIONALE", "IMR DECISION(S) AND RATIONALE(S)", "IMR DECISIONS AND RATIONALES",
        "DOCUMENTS REVIEWED", "DOCUMENTS REVIEWED:", "ISSUE AT DISPUTE:", "ISSUES AT DISPUTE:", "ISSUE(S) AT DISPUTE:",
        "CASE SUMMARY:", "CASE SUMMARY", "DOCUMENTS REVIEWED FOR DETERMINATION:",
        "MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:",
        "MEDICAL TREATMENT GUIDELINES RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:",
        "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:",
        "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS MEDICALLY NECESSARY:",
        "MEDICAL REVIEWER QUALIFICATIONS:", "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE",
        "MEDICAL QUALIFICATIONS OF THE EXPERT REVIEWER:", "EXPERT REVIEWER CASE SUMMARY:", "CLINICAL SUMMARY",
        "DECISION AND RATIONALE", "DECISIONS AND RATIONALES", "SUMMARY OF RECORDS", "CLINICAL HISTORY",
        "RECORDS REVIEWED", "DOCUMENTS REVIEWED FOR THIS DETERMINATION:", "REVIEWER QUALIFICATIONS",
        "REVIEWER QUALIFICATIONS:", "FINAL DETERMINATION", "RATIONALE", "RATIONALE:",
    ]

    /// Words of which an upper-case line must hold one to be taken as a heading not in the list.
    static let headingWords: Set<String> = [
        "SUMMARY", "DECISION", "DECISIONS", "RATIONALE", "RATIONALES", "REVIEWED", "QUALIFICATIONS", "DETERMINATION",
        "DISPUTE", "GUIDELINE", "GUIDELINES", "ISSUES", "ISSUE", "HISTORY", "RECORDS", "DOCUMENTS",
    ]

    static func sections(_ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, firstOnly: Bool = false) -> [Heading] {
        var headings: [Heading] = []
        var index = 0
        while index < lines.lines.count && !(firstOnly && !headings.isEmpty) {
            let line = lines.lines[index]
            guard !line.isBlank, line.content.count < 100 else {
                index += 1
                continue
            }
            // Cheap tests first: a heading is an upper-case line, or a short one.
            let first = text[line.content.lowerBound]
            let last = text[line.content.upperBound - 1]
            guard first >= 0x41 && first <= 0x5A,
                isUpperCaseLine(text, line.content) || (line.content.count <= 50 && (last == UInt8(ascii: ":") || line.content.count <= 30))
            else {
                index += 1
                continue
            }
            let own = normalised(text, line.content)
            if let next = lines.nextContent(after: index), next - index <= 2, lines.lines[next].content.count < 100,
                !knownHeadings.contains(own), isUpperCaseLine(text, line.content)
            {
                let joined = own + " " + normalised(text, lines.lines[next].content)
                if knownHeadings.contains(joined) {
                    let range = line.content.lowerBound..<lines.lines[next].content.upperBound
                    headings.append(Heading(title: TextSpan(value: joined.isEmpty ? own : flatString(text, range), range: range), firstLine: index))
                    index = next + 1
                    continue
                }
            }
            if knownHeadings.contains(own) || looksLikeHeading(text, line.content, normalised: own) {
                headings.append(Heading(title: TextSpan(value: flatString(text, line.content), range: line.content), firstLine: index))
            }
            index += 1
        }
        return headings
    }

    /// The text of `range` with white space runs collapsed, case kept.
    static func flatString(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let flat = FlatText(text, range: range)
        return flat.string(0..<flat.bytes.count)
    }

    static func isUpperCaseLine(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var letters = 0
        for offset in range {
            let byte = text[offset]
            if byte >= 0x61 && byte <= 0x7A { return false }
            if byte >= 0x41 && byte <= 0x5A { letters += 1 }
        }
        return letters >= 4
    }

    /// An upper-case line of two to twelve words without digits that holds a heading word.
    static func looksLikeHeading(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, normalised: String) -> Bool {
        guard isUpperCaseLine(text, range) else { return false }
        var normalised = normalised
        return normalised.withUTF8 { bytes in
            // Outside ASCII a number may be any numeric character (Unicode's, as `Character`).
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return looksLikeHeadingSlowly(String(decoding: bytes, as: UTF8.self)) }
            guard !bytes.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return false }
            // `normalised` has no blank at either end and single spaces between its words.
            let words = bytes.split(separator: 0x20)
            guard (2...12).contains(words.count) else { return false }
            return words.contains { word in
                var trimmed = word[...]
                while let first = trimmed.first, first == UInt8(ascii: ":") || first == UInt8(ascii: ",") { trimmed.removeFirst() }
                while let last = trimmed.last, last == UInt8(ascii: ":") || last == UInt8(ascii: ",") { trimmed.removeLast() }
                return headingWords.contains(String(decoding: trimmed, as: UTF8.self))
            }
        }
    }

    /// `looksLikeHeading` for a line with characters outside ASCII.
    private static func looksLikeHeadingSlowly(_ normalised: String) -> Bool {
        guard !normalised.contains(where: \.isNumber) else { return false }
        let words = normalised.split(separator: " ")
        guard (2...12).contains(words.count) else { return false }
        return words.contains { headingWords.contains(String($0).trimmingCharacters(in: [":", ","])) }
    }

    // MARK: Header fields

    /// Reads `Label: value` pairs. Columns are separated by two or more spaces; a label without
    /// a value on its line waits for the next line of bare values (the "labels, then values"
    /// order); `Application` over `Received:` is one label. Above the first heading every line
    /// is read; below it, only lines that open with a label (a running header, a second-page
    /// block).
    static func fields(_ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, headerEnd: Int, into result: inout LetterStructure) {
        var pending: [HeaderLabels.Label] = []
        var wrappedReceived: Int? = nil
        for (index, line) in lines.lines.enumerated() where !line.isBlank {
            // Below the first heading, only a line that opens with a label.
            if index >= headerEnd, HeaderLabels.label(at: line.content.lowerBound, in: text, end: line.content.upperBound) == nil {
                continue
            }
            let chunks = columns(text, line.content)
            if index >= headerEnd {
                guard let first = chunks.first, HeaderLabels.label(at: first.lowerBound, in: text, end: first.upperBound) != nil
                else { continue }
            }
            var labelled = false
            var chunk = 0
            while chunk < chunks.count {
                let range = chunks[chunk]
                if let (label, after) = HeaderLabels.label(at: range.lowerBound, in: text, end: range.upperBound) {
                    labelled = true
                    if label.key == "application_received", index == wrappedReceived, text[range.lowerBound] == UInt8(ascii: "R") {
                        chunk += 1
                        continue
                    }
                    var valueStart = after
                    while valueStart < range.upperBound && text[valueStart] == 0x20 { valueStart += 1 }
                    if valueStart < range.upperBound {
                        record(label, valueStart..<range.upperBound, in: text, into: &result)
                    } else if chunk + 1 < chunks.count,
                        HeaderLabels.label(at: chunks[chunk + 1].lowerBound, in: text, end: chunks[chunk + 1].upperBound) == nil,
                        !isWrappedApplication(text, chunks[chunk + 1])
                    {
                        chunk += 1
                        record(label, chunks[chunk], in: text, into: &result)
                    } else if index < headerEnd {
                        pending.append(label)
                    }
                } else if isWrappedApplication(text, range) {
                    // Paired with `Received:` below by column: a value replaced before either
                    // moves it (the re-scan must then read these lines again).
                    result.columnLines.append(line.range)
                    var below = index
                    for _ in 0..<2 {
                        guard let next = lines.nextContent(after: below) else { break }
                        result.columnLines.append(lines.lines[next].range)
                        below = next
                    }
                    if let below = receivedBelow(text, lines: lines, after: index, column: range.lowerBound - line.range.lowerBound) {
                        labelled = true
                        wrappedReceived = below
                        let label = HeaderLabels.all.first { $0.key == "application_received" }!
                        if chunk + 1 < chunks.count,
                            HeaderLabels.label(at: chunks[chunk + 1].lowerBound, in: text, end: chunks[chunk + 1].upperBound) == nil
                        {
                            chunk += 1
                            record(label, chunks[chunk], in: text, into: &result)
                        } else if index < headerEnd {
                            pending.append(label)
                        }
                    }
                }
                chunk += 1
            }
            if !labelled, index < headerEnd, !pending.isEmpty {
                for range in chunks {
                    guard !pending.isEmpty else { break }
                    record(pending.removeFirst(), range, in: text, into: &result)
                }
            }
        }
    }

    /// Columns of a line: runs separated by two or more spaces or a tab.
    static func columns(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = range.lowerBound
        var offset = range.lowerBound
        while offset < range.upperBound {
            let byte = text[offset]
            if byte == 0x09 || (byte == 0x20 && offset + 1 < range.upperBound && text[offset + 1] == 0x20) {
                if start < offset { result.append(start..<offset) }
                while offset < range.upperBound && (text[offset] == 0x20 || text[offset] == 0x09) { offset += 1 }
                start = offset
                continue
            }
            offset += 1
        }
        if start < range.upperBound { result.append(start..<range.upperBound) }
        return result
    }

    static func isWrappedApplication(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        range.count == 11 && normalised(text, range) == "APPLICATION"
    }

    /// The line (within two non-blank lines below) that holds `Received:` near `column`.
    static func receivedBelow(_ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, after index: Int, column: Int) -> Int? {
        var next = index
        for _ in 0..<2 {
            guard let candidate = lines.nextContent(after: next) else { return nil }
            let line = lines.lines[candidate]
            for chunk in columns(text, line.content) where normalised(text, chunk).hasPrefix("RECEIVED:") {
                if abs((chunk.lowerBound - line.range.lowerBound) - column) <= 4 { return candidate }
            }
            next = candidate
        }
        return nil
    }

    /// Whether a value can be what its label names: a date or an ID holds a digit; a name holds
    /// a letter, no digit and no placeholder, and at most eight words. A blanked or redacted
    /// header (`Applicant:` followed by the next label, `[ORG]`) gives no value.
    static func plausible(_ range: Range<Int>, for role: FieldRole, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = 0
        var letters = 0
        var words = 1
        for offset in range {
            let byte = text[offset]
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") { return false }
            if byte >= 0x30 && byte <= 0x39 { digits += 1 }
            if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte >= 0xC0 { letters += 1 }
            if byte == 0x20 { words += 1 }
        }
        // A chunk that ends with a colon is a label this parser does not know, not a value.
        if text[range.upperBound - 1] == UInt8(ascii: ":") { return false }
        switch role {
        case .date, .identifier: return digits > 0
        case .patient, .provider, .person: return letters > 1 && digits == 0 && words <= 8
        case .organisation: return letters > 1
        case .contact, .age, .plain: return letters + digits > 0
        }
    }

    /// The addressee block under `Dated:` (lines without a label, up to the first labelled line)
    /// and the entries of `cc:` lists.
    func addresseeAndCopies(_ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, headerEnd: Int, into result: inout LetterStructure) {
        if let dated = result.fields["letter_date"], result.layout == .maximus || result.layout == .notice {
            var index = lines.line(containing: dated.range.lowerBound)
            while let next = lines.nextContent(after: index), next < headerEnd, result.addressee.count < 6 {
                let line = lines.lines[next]
                let first = Self.columns(text, line.content).first ?? line.content
                if HeaderLabels.label(at: first.lowerBound, in: text, end: first.upperBound) != nil { break }
                if Self.normalised(text, line.content).hasPrefix("DEAR ") { break }
                result.addressee.append(TextSpan(value: String(decoding: UnsafeBufferPointer(rebasing: text[line.content]), as: UTF8.self), range: line.content))
                index = next
            }
        }
        copies(text, lines: lines, into: &result)
    }

    /// The entries of `cc:` lists and of `... sent to:` lists: one entry per line at the list's
    /// indentation; a line under an entry that ends with a comma, a deeper-indented line, or a
    /// line that opens with a digit continues it. The list ends at a blank run, a page break, a
    /// heading, a shallower line, or a line that is not a `name, address` entry.
    func copies(_ text: UnsafeBufferPointer<UInt8>, lines: LineIndex, into result: inout LetterStructure) {
        var index = 0
        while index < lines.lines.count {
            let line = lines.lines[index]
            // Cheap test first: `cc` opens the line, or a colon ends it.
            guard !line.isBlank,
                text[line.content.lowerBound] | 0x20 == UInt8(ascii: "c") || text[line.content.upperBound - 1] == UInt8(ascii: ":")
                    || line.content.count == 2
            else {
                index += 1
                continue
            }
            let upper = Self.normalised(text, line.content)
            var firstEntry: Range<Int>? = nil
            if upper.hasPrefix("CC:") {
                var start = line.content.lowerBound + 3
                while start < line.content.upperBound && (text[start] == 0x20 || text[start] == 0x09) { start += 1 }
                if start < line.content.upperBound { firstEntry = start..<line.content.upperBound }
            } else if !(upper.hasSuffix("SENT TO:") || upper.hasSuffix("COPIES TO:") || upper.hasSuffix("COPY TO:")
                || upper == "DISTRIBUTION:" || upper == "CC")
            {
                index += 1
                continue
            }
            var column: Int? = firstEntry.map { $0.lowerBound - line.range.lowerBound }
            var continues = false
            if let firstEntry {
                Self.addEntry(firstEntry, text, into: &result)
                continues = text[firstEntry.upperBound - 1] == UInt8(ascii: ",")
            }
            var next = index + 1
            var blanks = 0
            while next < lines.lines.count {
                let entry = lines.lines[next]
                if entry.isBlank {
                    blanks += 1
                    if blanks > 2 { break }
                    next += 1
                    continue
                }
                blanks = 0
                if text[entry.range].contains(0x0C) || matchesPageMarker(text, entry.content) { break }
                let indent = entry.content.lowerBound - entry.range.lowerBound
                let first = text[entry.content.lowerBound]
                if column == nil { column = indent }
                let deeper = indent > (column ?? indent) + 1
                if continues || deeper || (first >= 0x30 && first <= 0x39) {
                    continues = text[entry.content.upperBound - 1] == UInt8(ascii: ",")
                    next += 1
                    continue
                }
                guard indent + 1 >= (column ?? indent),
                    text[entry.content].contains(UInt8(ascii: ",")) || Self.isBareEntry(entry.content, text, column: column, indent: indent)
                else { break }
                Self.addEntry(entry.content, text, into: &result)
                continues = text[entry.content.upperBound - 1] == UInt8(ascii: ",")
                next += 1
            }
            index = next
        }
    }

    /// A copy-list entry with no address on its own line at the list's column (`Brine Lake
    /// Dairy`, `Tamsin Okafor`): one to six words, each opening with a capital, no digit, no
    /// colon or full stop at its end (not `Enclosures:`, not a sentence).
    static func isBareEntry(_ content: Range<Int>, _ text: UnsafeBufferPointer<UInt8>, column: Int?, indent: Int) -> Bool {
        guard let column, indent == column, content.count <= 80 else { return false }
        let last = text[content.upperBound - 1]
        guard last != UInt8(ascii: ":"), last != UInt8(ascii: "."), !text[content].contains(where: { $0 >= 0x30 && $0 <= 0x39 })
        else { return false }
        var words = 0
        var atStart = true
        for offset in content {
            let byte = text[offset]
            if byte == 0x20 {
                atStart = true
                continue
            }
            if atStart {
                words += 1
                guard (byte >= 0x41 && byte <= 0x5A) || byte >= 0xC0 || byte == UInt8(ascii: "&") else { return false }
                atStart = false
            }
        }
        return (1...6).contains(words)
    }

    /// The part of a copy-list entry before its first comma.
    static func addEntry(_ range: Range<Int>, _ text: UnsafeBufferPointer<UInt8>, into result: inout LetterStructure) {
        var end = range.lowerBound
        while end < range.upperBound && text[end] != UInt8(ascii: ",") { end += 1 }
        while end > range.lowerBound && text[end - 1] == 0x20 { end -= 1 }
        guard range.lowerBound < end else { return }
        let span = range.lowerBound..<end
        result.ccEntries.append(TextSpan(value: String(decoding: UnsafeBufferPointer(rebasing: text[span]), as: UTF8.self), range: span))
    }

    /// `Page N of M` or a fax page stamp.
    func matchesPageMarker(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        matches(ParsePatterns.pageMarker, UnsafeBufferPointer(rebasing: text[range]))
    }

    static func record(_ label: HeaderLabels.Label, _ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>, into result: inout LetterStructure) {
        var end = range.upperBound
        while end > range.lowerBound && LineIndex.isPadding(text[end - 1]) { end -= 1 }
        guard end > range.lowerBound, plausible(range.lowerBound..<end, for: label.role, in: text) else { return }
        let span = TextSpan(value: String(decoding: UnsafeBufferPointer(rebasing: text[range.lowerBound..<end]), as: UTF8.self), range: range.lowerBound..<end)
        result.labelled.append((label.key, label.role, span))
        if result.fields[label.key] == nil { result.fields[label.key] = span }
    }
}
