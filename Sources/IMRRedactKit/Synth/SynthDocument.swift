/// What a piece of a synthetic letter is: plain text, an identifier, or a protected clinical span.
enum SynthTag: Sendable, Equatable {
    case plain
    case identifier(Category)
    case protected(ClinicalKind)
}

/// A run of text with one tag. A letter is built from pieces, so the gold spans are the pieces'
/// own byte ranges after rendering and cannot drift from the text.
struct Piece: Sendable {
    var text: String
    var tag: SynthTag

    init(_ text: String, _ tag: SynthTag = .plain) {
        self.text = text
        self.tag = tag
    }

    static func id(_ category: Category, _ text: String) -> Piece { Piece(text, .identifier(category)) }
    static func keep(_ kind: ClinicalKind, _ text: String) -> Piece { Piece(text, .protected(kind)) }
}

/// A block of a letter before rendering.
enum SynthBlock: Sendable {
    /// A line laid out by hand (headers, columns, lists): never wrapped.
    case line([Piece])
    /// A paragraph, wrapped to the letter's width.
    case paragraph([Piece])
    /// An empty line.
    case blank
    /// A page break here (rendering adds more where pages fill up).
    case pageBreak
}

/// How a letter's text was damaged on its way through a PDF: the artefacts of `pdftotext`.
struct PDFDamage: Sendable {
    var crlf = false
    /// An empty line after every line (`pdftotext` of some Word letters).
    var doubleSpaced = false
    /// A space at the end of every line.
    var trailingSpace = false
    /// Chance that a line starts with a space.
    var leadingSpace = 0.0
    /// Wrap width in characters.
    var width = 95
    /// Chance that a long word at a line end is hyphenated across the break.
    var hyphenation = 0.0
    /// Lines per page before a break is forced (0: only the template's breaks).
    var pageLines = 0
    var pageStyle = PageStyle.formFeed

    enum PageStyle: Sendable {
        /// `\f` glued to the next line (the real DWC letters).
        case formFeed
        /// `\f`, then a running header with the case number and `Page N of M`.
        case runningHeader
        /// A `Page N of M` footer, then `\f`.
        case footer
        /// `\f`, then a fax header line (date, time, fax number, sender, page).
        case faxHeader
    }
}

/// Renders blocks into bytes and gold spans, and checks the result.
struct SynthRenderer {
    var damage: PDFDamage
    var random: SynthRandom
    /// The pieces of a running header or fax header for page `n` of `m` (pages from 2).
    var header: (Int, Int) -> [Piece]

    /// One character of a laid-out line and the piece it belongs to (nil: inserted by rendering).
    private struct Cell {
        var text: Substring
        var piece: Int?
        /// Only plain text and identifiers may be hyphenated across a line end.
        var hyphenable: Bool
    }

    private typealias Line = [Cell]

    /// The rendered letter: bytes, identifier spans, protected spans.
    struct Output {
        var text: [UInt8]
        var spans: [GoldSpan]
        var protected: [GoldProtected]
    }

    /// A problem found by the self-check (a generator bug, never a property of the seed).
    struct CheckFailure: Error, CustomStringConvertible {
        var description: String
    }

    mutating func render(_ blocks: [SynthBlock]) throws(CheckFailure) -> Output {
        var pieces: [Piece] = []
        var lines: [Line] = []
        var forcedBreaks = Set<Int>()

        func cells(_ list: [Piece]) -> Line {
            var out: Line = []
            for piece in list {
                let index = pieces.count
                pieces.append(piece)
                var hyphenable = true
                if case .protected = piece.tag { hyphenable = false }
                var text = Substring(piece.text)
                while !text.isEmpty {
                    out.append(Cell(text: text.prefix(1), piece: piece.tag == .plain ? nil : index, hyphenable: hyphenable))
                    text = text.dropFirst()
                }
            }
            return out
        }

        for block in blocks {
            switch block {
            case .line(let list): lines.append(cells(list))
            case .blank: lines.append([])
            case .pageBreak: forcedBreaks.insert(lines.count)
            case .paragraph(let list): lines += wrap(cells(list))
            }
        }

        // Where a piece runs on over a line end, no page break may fall (a header inside a span
        // would put an identifier inside another).
        var open = [Bool](repeating: false, count: lines.count + 1)
        var last: Int? = nil
        for (number, line) in lines.enumerated() {
            if let firstPiece = line.first?.piece, firstPiece == last { open[number] = true }
            if let lastCell = line.last, let piece = lastCell.piece { last = piece } else { last = nil }
            if line.isEmpty { last = nil }
        }
        var breaks: [Int] = []
        var sinceBreak = 0
        for number in 0..<lines.count {
            if forcedBreaks.contains(number) && number > 0 {
                breaks.append(number)
                sinceBreak = 0
            } else if damage.pageLines > 0 && sinceBreak >= damage.pageLines && !open[number] && number > 0 {
                breaks.append(number)
                sinceBreak = 0
            }
            sinceBreak += damage.doubleSpaced ? 2 : 1
        }
        let pageCount = breaks.count + 1

        // Emit bytes.
        var bytes: [UInt8] = []
        var first = [Int?](repeating: nil, count: pieces.count)
        var end = [Int](repeating: 0, count: pieces.count)
        let lineEnd: [UInt8] = damage.crlf ? [0x0D, 0x0A] : [0x0A]
        var headerPieces: [(Int, Int, SynthTag)] = []

        func emit(_ line: Line, leading: Bool) {
            if leading { bytes.append(0x20) }
            for cell in line {
                let start = bytes.count
                bytes += Array(cell.text.utf8)
                if let piece = cell.piece {
                    if first[piece] == nil { first[piece] = start }
                    end[piece] = bytes.count
                }
            }
            if damage.trailingSpace { bytes.append(0x20) }
            bytes += lineEnd
            if damage.doubleSpaced { bytes += lineEnd }
        }

        func emitHeader(_ list: [Piece]) {
            for piece in list {
                let start = bytes.count
                bytes += Array(piece.text.utf8)
                if piece.tag != .plain { headerPieces.append((start, bytes.count, piece.tag)) }
            }
            bytes += lineEnd
        }

        var page = 1
        var breakIndex = 0
        for (number, line) in lines.enumerated() {
            if breakIndex < breaks.count && breaks[breakIndex] == number {
                breakIndex += 1
                page += 1
                switch damage.pageStyle {
                case .formFeed:
                    bytes.append(0x0C)
                case .runningHeader, .faxHeader:
                    bytes.append(0x0C)
                    emitHeader(header(page, pageCount))
                    if damage.pageStyle == .runningHeader { bytes += lineEnd }
                case .footer:
                    emitHeader([Piece(String(repeating: " ", count: 60) + "Page \(page - 1) of \(pageCount)")])
                    bytes.append(0x0C)
                }
            }
            emit(line, leading: !line.isEmpty && random.chance(damage.leadingSpace))
        }

        var spans: [GoldSpan] = []
        var protected: [GoldProtected] = []
        for (index, piece) in pieces.enumerated() {
            guard let start = first[index] else { continue }
            switch piece.tag {
            case .plain: break
            case .identifier(let category): spans.append(GoldSpan(start: start, end: end[index], category: category))
            case .protected(let kind): protected.append(GoldProtected(start: start, end: end[index], kind: kind))
            }
        }
        for (start, stop, tag) in headerPieces {
            if case .identifier(let category) = tag { spans.append(GoldSpan(start: start, end: stop, category: category)) }
        }
        let output = Output(text: bytes, spans: spans, protected: protected)
        try Self.check(output, pieces: pieces, first: first, end: end)
        return output
    }

    /// Greedy wrapping at spaces; a long plain or identifier word may be hyphenated across the break.
    private mutating func wrap(_ cells: Line) -> [Line] {
        // Words: runs of non-space cells; the spaces between them are dropped at a break.
        var words: [(cells: Line, space: Line)] = []
        var current: Line = []
        var space: Line = []
        for cell in cells {
            if cell.text == " " {
                // Leading spaces (an indent) stay with the first word.
                if words.isEmpty && current.allSatisfy({ $0.text == " " }) {
                    current.append(cell)
                    continue
                }
                space.append(cell)
            } else {
                if !space.isEmpty {
                    words.append((current, space))
                    current = []
                    space = []
                }
                current.append(cell)
            }
        }
        if !current.isEmpty { words.append((current, [])) }

        var lines: [Line] = []
        var line: Line = []
        var pendingSpace: Line = []
        var width = 0
        var index = 0
        while index < words.count {
            let word = words[index]
            let needed = (line.isEmpty ? 0 : pendingSpace.count) + word.cells.count
            if line.isEmpty || width + needed <= damage.width {
                if !line.isEmpty { line += pendingSpace }
                line += word.cells
                width += needed
                pendingSpace = word.space
                index += 1
                continue
            }
            // The word does not fit: maybe hyphenate it.
            let room = damage.width - width - pendingSpace.count - 1
            let letters = word.cells.allSatisfy { $0.text.unicodeScalars.allSatisfy { PythonText.isAlnum($0) } }
            let piece = word.cells.first?.piece
            let oneOwner = word.cells.allSatisfy { $0.piece == piece }
            let hyphenable = word.cells.allSatisfy(\.hyphenable)
            if word.cells.count >= 8 && letters && oneOwner && hyphenable && room >= 3 && random.chance(damage.hyphenation) {
                let cut = min(room, word.cells.count - 3)
                line += pendingSpace
                line += word.cells[..<cut]
                line.append(Cell(text: "-", piece: piece, hyphenable: true))
                lines.append(line)
                line = Array(word.cells[cut...])
                width = line.count
                pendingSpace = word.space
                index += 1
                continue
            }
            lines.append(line)
            line = []
            width = 0
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// The self-check: spans sorted, inside the text, not overlapping one another nor any
    /// protected span; each span's bytes are its piece's text with only line damage inserted
    /// (line ends, page-free blank lines, leading and trailing spaces, a hyphen before a break).
    static func check(_ output: Output, pieces: [Piece], first: [Int?], end: [Int]) throws(CheckFailure) {
        let text = output.text
        let invalid: Int? = text.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) }
        guard invalid == nil, !text.contains(0) else {
            throw CheckFailure(description: "the letter is not valid UTF-8 without NUL")
        }
        var previousEnd = 0
        for span in output.spans.sorted(by: { $0.start < $1.start }) {
            guard span.start >= previousEnd, span.start < span.end, span.end <= text.count else {
                throw CheckFailure(description: "identifier spans overlap or fall outside the text at \(span.start)")
            }
            previousEnd = span.end
        }
        for protected in output.protected {
            if output.spans.contains(where: { $0.start < protected.end && protected.start < $0.end }) {
                throw CheckFailure(description: "a protected span at \(protected.start) overlaps an identifier")
            }
        }
        for (index, piece) in pieces.enumerated() where piece.tag != .plain {
            guard let start = first[index] else {
                if piece.text.isEmpty { continue }
                throw CheckFailure(description: "a piece was not rendered")
            }
            let rendered = String(decoding: text[start..<end[index]], as: UTF8.self)
            if normalized(rendered) != normalized(piece.text) || rendered.contains("\u{0C}") {
                throw CheckFailure(description: "span text drifted at \(start)")
            }
        }
    }

    /// Joins hyphenated breaks and collapses whitespace runs to one space.
    static func normalized(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        var scalars = Array(text.unicodeScalars)
        var index = 0
        // A hyphen followed by whitespace that holds a line end was inserted by hyphenation.
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "-" {
                var probe = index + 1
                var sawLineEnd = false
                while probe < scalars.count, scalars[probe] == " " || scalars[probe] == "\r" || scalars[probe] == "\n" {
                    if scalars[probe] == "\n" { sawLineEnd = true }
                    probe += 1
                }
                if sawLineEnd {
                    index = probe
                    continue
                }
            }
            if scalar == " " || scalar == "\r" || scalar == "\n" || scalar == "\t" {
                pendingSpace = true
            } else {
                if pendingSpace && !out.isEmpty { out += " " }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
            index += 1
        }
        scalars.removeAll()
        return out
    }
}
