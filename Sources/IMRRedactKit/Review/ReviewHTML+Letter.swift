extension ReviewHTML {
    /// Links from a letter's page to its neighbours (input order).
    public struct Neighbours: Sendable {
        public var previous: Int?
        public var next: Int?

        public init(previous: Int? = nil, next: Int? = nil) {
            self.previous = previous
            self.next = next
        }
    }

    /// The page of one letter: its facts, items and decisions, the legend, and the redacted
    /// letter as published with every substitution, kept identifier, residue token, protected
    /// span and decision marked; with `context.withOriginal`, the original beside it, marked the same.
    public static func letterPage(
        _ review: LetterReview, document: FinishedDocument, context: Context, neighbours: Neighbours
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((document.original?.count ?? 0) * (context.withOriginal ? 5 : 3) + 40_000)
        appendHead(title: "Letter \(review.number): \(shortName(review.name)) (\(review.state.label)) \u{2014} imr-redact review", context: context, to: &out)
        HTMLOutput.appendRaw(#"<body class="letter-page" data-number=""#, to: &out)
        HTMLOutput.appendInt(review.number, to: &out)
        HTMLOutput.appendRaw(#"" data-state=""#, to: &out)
        HTMLOutput.appendText(review.state.rawValue, to: &out)
        HTMLOutput.appendRaw("\">\n<header>\n", to: &out)
        appendBanner(context: context, to: &out)
        HTMLOutput.appendRaw(#"<nav class="pages"><a href="../index.html" rel="index">Index of the batch</a>"#, to: &out)
        if let previous = neighbours.previous {
            HTMLOutput.appendMarkup(#"<a href="\#(pageName(previous))" rel="prev">&#8592; Letter \#(previous)</a>"#, to: &out)
        }
        if let next = neighbours.next {
            HTMLOutput.appendMarkup(#"<a href="\#(pageName(next))" rel="next">Letter \#(next) &#8594;</a>"#, to: &out)
        }
        HTMLOutput.appendRaw("</nav>\n<h1>", to: &out)
        if context.withOriginal { HTMLOutput.appendText(warning + ": ", to: &out) }
        HTMLOutput.appendText("Letter \(review.number): \(shortName(review.name)) ", to: &out)
        appendState(review.state, to: &out)
        HTMLOutput.appendRaw("</h1>\n</header>\n<main>\n", to: &out)
        appendFacts(review, document: document, context: context, to: &out)
        appendItems(review, to: &out)
        HTMLOutput.appendRaw("<h2>Legend</h2>\n", to: &out)
        appendCompactLegend(counts: review.perCategory, residue: review.residue, to: &out)
        if let result = document.result, let original = document.original {
            HTMLOutput.appendRaw(
                """
                <p class="keys screen-only">Keys: <kbd>n</kbd> or <kbd>j</kbd> next highlight, <kbd>p</kbd> or <kbd>k</kbd> previous, <kbd>r</kbd> next residue token, <kbd>[</kbd> and <kbd>]</kbd> previous and next letter, <kbd>i</kbd> the index. Tab moves through the highlights too; a focused highlight shows its category, rule and action.<span id="position" aria-live="polite"></span></p>

                """, to: &out)
            HTMLOutput.appendRaw(context.withOriginal ? "<div class=\"letters two\">\n" : "<div class=\"letters\">\n", to: &out)
            let marks = LetterMarks(result: result, original: original, items: review.items)
            if context.withOriginal {
                HTMLOutput.appendRaw("<section class=\"column\"><h2>", to: &out)
                HTMLOutput.appendText(warning + ": the original letter", to: &out)
                HTMLOutput.appendRaw("</h2>\n<pre class=\"letter\" id=\"original\">", to: &out)
                marks.append(redacted: false, to: &out)
                HTMLOutput.appendRaw("</pre></section>\n", to: &out)
            }
            HTMLOutput.appendRaw("<section class=\"column\"><h2>", to: &out)
            HTMLOutput.appendText(review.written ? "The redacted letter, as published" : "The redacted letter (not written)", to: &out)
            HTMLOutput.appendRaw("</h2>\n<pre class=\"letter\" id=\"redacted\">", to: &out)
            marks.append(redacted: true, to: &out)
            HTMLOutput.appendRaw("</pre></section>\n</div>\n", to: &out)
        }
        HTMLOutput.appendRaw("</main>\n<pre id=\"selftest\" hidden></pre>\n<script>\n", to: &out)
        HTMLOutput.appendRaw(ReviewStyle.letterScript, to: &out)
        HTMLOutput.appendRaw("\n</script>\n</body>\n</html>\n", to: &out)
        return out
    }

    static func appendFact(_ term: String, to out: inout [UInt8], _ value: (inout [UInt8]) -> Void) {
        HTMLOutput.appendRaw("<dt>", to: &out)
        HTMLOutput.appendText(term, to: &out)
        HTMLOutput.appendRaw("</dt><dd>", to: &out)
        value(&out)
        HTMLOutput.appendRaw("</dd>\n", to: &out)
    }

    static func appendFacts(_ review: LetterReview, document: FinishedDocument, context: Context, to out: inout [UInt8]) {
        HTMLOutput.appendRaw("<dl class=\"facts\">\n", to: &out)
        appendFact("Document", to: &out) { HTMLOutput.appendText(review.name, to: &$0) }
        appendFact("State", to: &out) { out in
            appendState(review.state, to: &out)
            switch review.state {
            case .rejected: HTMLOutput.appendText(" not written", to: &out)
            case .needsReview: HTMLOutput.appendText(" written; residue tokens to check below", to: &out)
            case .clean: HTMLOutput.appendText(" written; no residue", to: &out)
            }
        }
        if let error = review.error {
            appendFact("Why rejected", to: &out) { out in
                HTMLOutput.appendRaw("<span class=\"error\" id=\"error\">", to: &out)
                HTMLOutput.appendText(error, to: &out)
                HTMLOutput.appendRaw("</span>", to: &out)
            }
        }
        if let outputName = review.outputName {
            appendFact(review.written ? "Output" : "Output (not written)", to: &out) { out in
                HTMLOutput.appendRaw("<code>", to: &out)
                HTMLOutput.appendText(outputName, to: &out)
                HTMLOutput.appendRaw("</code>", to: &out)
                if review.written { HTMLOutput.appendText(" (\(review.outputSize) bytes, \(context.format))", to: &out) }
            }
        }
        if let digest = review.digest {
            appendFact("SHA-256 of the output", to: &out) { out in
                HTMLOutput.appendRaw("<code class=\"digest\" id=\"digest\">", to: &out)
                HTMLOutput.appendText(digest, to: &out)
                HTMLOutput.appendRaw("</code>", to: &out)
            }
        }
        appendFact("Layout", to: &out) { HTMLOutput.appendText(review.layout?.rawValue ?? "(not read)", to: &$0) }
        appendFact("Verification", to: &out) { HTMLOutput.appendText(verificationLabel(review.verification), to: &$0) }
        appendFact("Substitutions", to: &out) { out in
            let parts = Category.allCases.compactMap { category -> String? in
                guard let count = review.perCategory[category], count > 0 else { return nil }
                return "\(category.rawValue) \(count)"
            }
            HTMLOutput.appendText("\(review.substitutions)" + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"), to: &out)
        }
        appendFact("Residue", to: &out) { out in
            HTMLOutput.appendText("\(review.residue) token\(review.residue == 1 ? "" : "s")", to: &out)
            guard let result = document.result, !result.residue.isEmpty else { return }
            HTMLOutput.appendText(": ", to: &out)
            let lines = LineStarts(document.original ?? [])
            for (index, token) in result.residue.enumerated() {
                if index > 0 { HTMLOutput.appendText(", ", to: &out) }
                HTMLOutput.appendMarkup("<a href=\"#r\(index)\">", to: &out)
                HTMLOutput.appendText("line \(lines.line(of: token.start)) (\(token.reason.rawValue))", to: &out)
                HTMLOutput.appendRaw("</a>", to: &out)
            }
        }
        appendFact("Protected clinical spans", to: &out) { HTMLOutput.appendText("\(review.protected)", to: &$0) }
        appendFact("Kept by the policy", to: &out) {
            HTMLOutput.appendText("\(review.kept) identifier\(review.kept == 1 ? "" : "s") (policy \(context.policy))", to: &$0)
        }
        if review.metadataFindings > 0 {
            appendFact("PDF metadata", to: &out) {
                HTMLOutput.appendText("\(review.metadataFindings) identifiers in the input's metadata; none carried over", to: &$0)
            }
        }
        HTMLOutput.appendRaw("</dl>\n", to: &out)
    }

    static func appendItems(_ review: LetterReview, to out: inout [UInt8]) {
        HTMLOutput.appendRaw("<h2>Items and decisions</h2>\n", to: &out)
        guard !review.items.isEmpty else {
            HTMLOutput.appendText(review.layout == nil ? "" : "No disputed item found in the letter.", to: &out)
            return
        }
        HTMLOutput.appendRaw(
            "<table class=\"items\"><thead><tr><th class=\"n\">item</th><th>service (as redacted)</th><th>decision</th></tr></thead><tbody>\n",
            to: &out)
        for (index, item) in review.items.enumerated() {
            HTMLOutput.appendRaw("<tr><td class=\"n\">", to: &out)
            HTMLOutput.appendInt(index + 1, to: &out)
            HTMLOutput.appendRaw("</td><td>", to: &out)
            HTMLOutput.appendText(item.service, to: &out)
            HTMLOutput.appendRaw("</td><td>", to: &out)
            if let decision = item.decision {
                if item.decisionRange != nil { HTMLOutput.appendMarkup("<a href=\"#item-\(index + 1)\">", to: &out) }
                HTMLOutput.appendText(decision, to: &out)
                if item.decisionRange != nil { HTMLOutput.appendRaw("</a>", to: &out) }
            } else {
                HTMLOutput.appendText("(not stated)", to: &out)
            }
            HTMLOutput.appendRaw("</td></tr>\n", to: &out)
        }
        HTMLOutput.appendRaw("</tbody></table>\n", to: &out)
    }
}

/// The 1-based line of a byte offset.
struct LineStarts {
    private var starts: [Int] = [0]

    init(_ text: [UInt8]) {
        for (index, byte) in text.enumerated() where byte == 0x0A { starts.append(index + 1) }
    }

    func line(of offset: Int) -> Int {
        var low = 0
        var high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

/// The marks drawn over one letter's text, in the original's offsets: substitutions, kept
/// identifiers and residue tokens (each one element), and protected spans and decisions
/// (underlines and frames over the text between them).
struct LetterMarks {
    enum Atom {
        case substitution(Int)
        case kept(Int)
        case residue(Int)

        var isSubstitution: Bool {
            if case .substitution = self { return true }
            return false
        }
    }

    enum Decoration {
        case protected(Int)
        case decision(item: Int)
    }

    let result: RedactionEngine.Result
    let original: [UInt8]
    let kept: [IdentifierSpan]
    let lines: LineStarts
    /// Disjoint, in text order.
    var atoms: [(range: Range<Int>, atom: Atom)] = []
    /// In order of start; they may overlap each other, never an atom.
    var decorations: [(range: Range<Int>, decoration: Decoration)] = []

    init(result: RedactionEngine.Result, original: [UInt8], items: [LetterReview.Item]) {
        self.result = result
        self.original = original
        self.kept = LetterReview.keptSpans(result)
        self.lines = LineStarts(original)
        var all: [(range: Range<Int>, atom: Atom)] = []
        for (index, substitution) in result.substitutions.enumerated() {
            all.append((substitution.start..<substitution.end, .substitution(index)))
        }
        for (index, span) in kept.enumerated() { all.append((span.start..<span.end, .kept(index))) }
        for (index, token) in result.residue.enumerated() { all.append((token.start..<token.end, .residue(index))) }
        all.sort { $0.range.lowerBound < $1.range.lowerBound }
        // Substitutions are disjoint; a kept span or residue token that overlapped one (none
        // does: residue lies outside every identifier) would be left out rather than nested.
        for entry in all {
            if let last = atoms.last, entry.range.lowerBound < last.range.upperBound {
                if entry.atom.isSubstitution && !last.atom.isSubstitution { atoms[atoms.count - 1] = entry }
                continue
            }
            atoms.append(entry)
        }
        var decorations: [(range: Range<Int>, decoration: Decoration)] = []
        for (index, span) in result.protected.enumerated() where span.start < span.end {
            decorations.append((span.start..<min(span.end, original.count), .protected(index)))
        }
        for (index, item) in items.enumerated() {
            if let range = item.decisionRange { decorations.append((range, .decision(item: index + 1))) }
        }
        self.decorations = decorations.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Appends the letter: `redacted` the output as published (each substitution's
    /// replacement), else the original (each substitution's original text, `o-` ids).
    func append(redacted: Bool, to out: inout [UInt8]) {
        var boundaries: [Int] = [0, original.count]
        for entry in atoms { boundaries += [entry.range.lowerBound, entry.range.upperBound] }
        for entry in decorations {
            boundaries += [min(entry.range.lowerBound, original.count), min(entry.range.upperBound, original.count)]
        }
        boundaries = Array(Set(boundaries)).sorted()
        var atomIndex = 0
        var decorationIndex = 0
        var active: [Int] = []
        var decisionOpened = Set<Int>()
        original.withUnsafeBufferPointer { text in
            for index in 0..<(boundaries.count - 1) {
                let start = boundaries[index]
                let end = boundaries[index + 1]
                active.removeAll { decorations[$0].range.upperBound <= start }
                while decorationIndex < decorations.count && decorations[decorationIndex].range.lowerBound <= start {
                    if decorations[decorationIndex].range.upperBound > start { active.append(decorationIndex) }
                    decorationIndex += 1
                }
                if atomIndex < atoms.count && atoms[atomIndex].range.lowerBound <= start {
                    if atoms[atomIndex].range.lowerBound == start {
                        appendAtom(atoms[atomIndex].atom, redacted: redacted, text: text, to: &out)
                    }
                    if end >= atoms[atomIndex].range.upperBound { atomIndex += 1 }
                    continue
                }
                let segment = UnsafeBufferPointer(rebasing: text[start..<end])
                guard !active.isEmpty else {
                    HTMLOutput.appendText(segment, formFeed: Self.pageBreak, to: &out)
                    continue
                }
                appendDecorated(segment, active: active, redacted: redacted, opened: &decisionOpened, to: &out)
            }
        }
    }

    static let pageBreak: StaticString = #"<span class="ff" title="page break"></span>"#

    private func appendDecorated(
        _ segment: UnsafeBufferPointer<UInt8>, active: [Int], redacted: Bool, opened: inout Set<Int>, to out: inout [UInt8]
    ) {
        var protectedIndices: [Int] = []
        var decision: Int?
        for index in active {
            switch decorations[index].decoration {
            case .protected(let span): protectedIndices.append(span)
            case .decision(let item): decision = decision ?? item
            }
        }
        var classes: [String] = []
        if !protectedIndices.isEmpty { classes.append("p") }
        if decision != nil { classes.append("d") }
        HTMLOutput.appendMarkup("<span class=\"\(classes.joined(separator: " "))\"", to: &out)
        if !protectedIndices.isEmpty {
            HTMLOutput.appendAttribute("data-p", protectedIndices.map(String.init).joined(separator: " "), to: &out)
        }
        var titles = protectedIndices.map { index -> String in
            let span = result.protected[index]
            return "protected clinical text: \(span.kind.rawValue) \u{B7} rule \(span.ruleID)"
        }
        if let decision {
            titles.insert("item \(decision): its decision", at: 0)
            if !opened.contains(decision) {
                opened.insert(decision)
                // The ids and badges go on the redacted view's first piece only (one id per page).
                if redacted { HTMLOutput.appendMarkup(#" id="item-\#(decision)""#, to: &out) }
                HTMLOutput.appendAttribute("data-badge", "item \(decision)", to: &out)
            }
        }
        HTMLOutput.appendAttribute("title", titles.joined(separator: "\n"), to: &out)
        HTMLOutput.appendRaw(">", to: &out)
        HTMLOutput.appendText(segment, formFeed: Self.pageBreak, to: &out)
        HTMLOutput.appendRaw("</span>", to: &out)
    }

    private func appendAtom(_ atom: Atom, redacted: Bool, text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let prefix = redacted ? "" : "o-"
        switch atom {
        case .substitution(let index):
            let substitution = result.substitutions[index]
            let look = ReviewStyle.look(substitution.category)
            let removed = redacted && substitution.replacement.isEmpty
            HTMLOutput.appendMarkup(
                "<mark class=\"s c-\(substitution.category.rawValue)\(removed ? " rm" : "")\" id=\"\(prefix)s\(index)\" tabindex=\"0\""
                    + (redacted ? " data-nav=\"\"" : ""), to: &out)
            appendMarkData(
                category: substitution.category.rawValue, code: look.code, start: substitution.start, end: substitution.end, to: &out)
            HTMLOutput.appendAttribute("data-rule", substitution.ruleID, to: &out)
            HTMLOutput.appendAttribute("data-action", substitution.action.rawValue, to: &out)
            let tip = "\(substitution.category.rawValue) \u{B7} rule \(substitution.ruleID) \u{B7} \(substitution.action.rawValue)"
                + (removed ? " (removed)" : "") + " \u{B7} original line \(substitution.line)"
            HTMLOutput.appendAttribute("data-tip", tip, to: &out)
            HTMLOutput.appendAttribute("title", tip, to: &out)
            HTMLOutput.appendRaw(">", to: &out)
            if redacted {
                HTMLOutput.appendText(substitution.replacement, to: &out)
            } else {
                HTMLOutput.appendText(UnsafeBufferPointer(rebasing: text[substitution.start..<substitution.end]), formFeed: Self.pageBreak, to: &out)
            }
            HTMLOutput.appendRaw("</mark>", to: &out)
        case .kept(let index):
            let span = kept[index]
            let look = ReviewStyle.look(span.category)
            HTMLOutput.appendMarkup(
                "<mark class=\"k c-\(span.category.rawValue)\" id=\"\(prefix)k\(index)\" tabindex=\"0\"" + (redacted ? " data-nav=\"\"" : ""),
                to: &out)
            appendMarkData(category: span.category.rawValue, code: look.code, start: span.start, end: span.end, to: &out)
            HTMLOutput.appendAttribute("data-rule", span.ruleID, to: &out)
            let tip = "\(span.category.rawValue) \u{B7} rule \(span.ruleID) \u{B7} kept by the policy \u{B7} original line \(lines.line(of: span.start))"
            HTMLOutput.appendAttribute("data-tip", tip, to: &out)
            HTMLOutput.appendAttribute("title", tip, to: &out)
            HTMLOutput.appendRaw(">", to: &out)
            HTMLOutput.appendText(UnsafeBufferPointer(rebasing: text[span.start..<span.end]), formFeed: Self.pageBreak, to: &out)
            HTMLOutput.appendRaw("</mark>", to: &out)
        case .residue(let index):
            let token = result.residue[index]
            HTMLOutput.appendMarkup(
                "<mark class=\"r\" id=\"\(prefix)r\(index)\" tabindex=\"0\"" + (redacted ? " data-nav=\"\"" : ""), to: &out)
            HTMLOutput.appendMarkup(" data-reason=\"\(token.reason.rawValue)\" data-start=\"\(token.start)\" data-end=\"\(token.end)\"", to: &out)
            let why: String
            switch token.reason {
            case .nameWord: why = "a word that is only a name"
            case .unknownWord: why = "a capitalised word no list knows"
            case .number: why = "a number of four digits or more"
            }
            let tip = "residue (\(token.reason.rawValue)): \(why); check it \u{B7} original line \(lines.line(of: token.start))"
            HTMLOutput.appendAttribute("data-tip", tip, to: &out)
            HTMLOutput.appendAttribute("title", tip, to: &out)
            HTMLOutput.appendRaw(">", to: &out)
            HTMLOutput.appendText(UnsafeBufferPointer(rebasing: text[token.start..<token.end]), to: &out)
            HTMLOutput.appendRaw("</mark>", to: &out)
        }
    }

    private func appendMarkData(category: String, code: String, start: Int, end: Int, to out: inout [UInt8]) {
        HTMLOutput.appendMarkup(
            " data-cat=\"\(category)\" data-code=\"\(code)\" data-start=\"\(start)\" data-end=\"\(end)\"", to: &out)
    }
}
