/// Gives the text read back from a typeset PDF the spacing of the letter it was typeset from.
///
/// `pdftotext -layout` finds a page's columns again from the glyphs' positions, and now and then
/// puts a column one character to the left or right of where it was (7 of the 150 real letters,
/// in the two-column header). The words and lines come back exactly; only runs of spaces differ.
/// A redaction changes words, never the spaces around them, so each run of spaces between words
/// the original shows on the same line is the original's, and the runs around the replaced words
/// are those the original had there. What `verify` then compares is the redacted text as it was
/// written, whose space runs the PDF did not carry.
public enum LayoutRepair {
    /// `extracted` with the runs of spaces of `original` restored, line by line (lines at LF and
    /// form feeds; a form feed where the original has LF is a page break the writer added, and
    /// becomes LF). When the two have different numbers of lines, `extracted` is returned as it is.
    public static func restoreSpaces(extracted: [UInt8], original: [UInt8]) -> [UInt8] {
        let originalText = original.filter { $0 != 0x0D }
        let ours = lines(of: extracted)
        let theirs = lines(of: originalText)
        guard ours.count == theirs.count || (ours.count == theirs.count + 1 && ours.last?.text.isEmpty == true) else { return extracted }
        var out: [UInt8] = []
        out.reserveCapacity(originalText.count)
        for (index, line) in ours.enumerated() {
            guard index < theirs.count else {
                out += line.text
                if let end = line.end { out.append(end) }
                continue
            }
            out += restore(line.text, from: theirs[index].text)
            if let end = line.end {
                // A page break the writer added where the original's line ended.
                out.append(end == 0x0C && theirs[index].end == 0x0A ? 0x0A : end)
            }
        }
        return out
    }

    struct Line {
        var text: ArraySlice<UInt8>
        /// LF, form feed, or nil for the last line.
        var end: UInt8?
    }

    static func lines(of text: [UInt8]) -> [Line] {
        var result: [Line] = []
        var start = 0
        for (index, byte) in text.enumerated() where byte == 0x0A || byte == 0x0C {
            result.append(Line(text: text[start..<index], end: byte))
            start = index + 1
        }
        result.append(Line(text: text[start..<text.count], end: nil))
        return result
    }

    /// A line as leading spaces, words and the runs of spaces between them.
    struct Words {
        var lead = 0
        var words: [ArraySlice<UInt8>] = []
        var gaps: [Int] = []

        init(_ line: ArraySlice<UInt8>) {
            var index = line.startIndex
            while index < line.endIndex && line[index] == 0x20 { index += 1 }
            lead = index - line.startIndex
            while index < line.endIndex {
                let start = index
                while index < line.endIndex && line[index] != 0x20 { index += 1 }
                words.append(line[start..<index])
                let gapStart = index
                while index < line.endIndex && line[index] == 0x20 { index += 1 }
                if index < line.endIndex { gaps.append(index - gapStart) }
            }
        }
    }

    static func restore(_ line: ArraySlice<UInt8>, from originalLine: ArraySlice<UInt8>) -> [UInt8] {
        let ours = Words(line)
        let theirs = Words(originalLine)
        guard !ours.words.isEmpty else { return [] }
        let most = min(ours.words.count, theirs.words.count)
        var prefix = 0
        while prefix < most && ours.words[prefix] == theirs.words[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < most - prefix
            && ours.words[ours.words.count - 1 - suffix] == theirs.words[theirs.words.count - 1 - suffix]
        {
            suffix += 1
        }
        let ourMiddle = ours.words.count - prefix - suffix
        let theirMiddle = theirs.words.count - prefix - suffix
        var lead = theirs.lead
        var gaps = ours.gaps
        // Between words the original shows on both sides: the original's runs.
        for index in 0..<max(0, prefix - 1) { gaps[index] = theirs.gaps[index] }
        for offset in 0..<max(0, suffix - 1) {
            gaps[ours.gaps.count - 1 - offset] = theirs.gaps[theirs.gaps.count - 1 - offset]
        }
        if ourMiddle == 0 && theirMiddle == 0 {
            gaps = theirs.gaps
        } else if ourMiddle == 0 {
            // Words removed: the runs on both sides of them are left, side by side.
            let before = prefix > 0 ? theirs.gaps[prefix - 1] : 0
            let after = suffix > 0 ? theirs.gaps[theirs.gaps.count - suffix] : 0
            if prefix == 0 {
                lead = theirs.lead + after
            } else if suffix > 0 {
                gaps[prefix - 1] = before + after
            }
        } else {
            if prefix > 0 { gaps[prefix - 1] = theirs.gaps[prefix - 1] }
            if suffix > 0 && theirMiddle > 0 { gaps[ours.gaps.count - suffix] = theirs.gaps[theirs.gaps.count - suffix] }
            if suffix > 0 && theirMiddle == 0 && prefix > 0 {
                // Words added where the original had one run: it is split as the PDF shows it.
                gaps[ours.gaps.count - suffix] = ours.gaps[ours.gaps.count - suffix]
            }
        }
        var out = [UInt8](repeating: 0x20, count: lead)
        for (index, word) in ours.words.enumerated() {
            out += word
            if index < gaps.count { out += [UInt8](repeating: 0x20, count: gaps[index]) }
        }
        return out
    }
}
