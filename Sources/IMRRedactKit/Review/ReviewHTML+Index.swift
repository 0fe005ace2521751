extension ReviewHTML {
    /// What the index says about the batch as a whole.
    public struct Batch: Sendable {
        /// The run's summary (what `redact` prints and the audit's summary record holds).
        public var summary: RunSummary
        /// Hex SHA-256 of `sums`.
        public var digest: String
        /// The digest listing (`SHA256SUMS`): `HEX  NAME` per letter written, in input order.
        public var sums: [UInt8]
    }

    /// Totals over the letters, counted as the run's summary counts them: substitutions of the
    /// letters written; residue of every letter redacted (also one `--strict` held back).
    struct Totals: Equatable {
        var documents = 0
        var written = 0
        var rejected = 0
        var perCategory: [Category: Int] = [:]
        var residue = 0
        var needsReview = 0
        var items = 0

        init(_ reviews: [LetterReview], residueCounted: (LetterReview) -> Bool) {
            for review in reviews {
                documents += 1
                if review.written {
                    written += 1
                    for (category, count) in review.perCategory { perCategory[category, default: 0] += count }
                } else {
                    rejected += 1
                }
                if residueCounted(review) && review.residue > 0 {
                    residue += review.residue
                    needsReview += 1
                }
                items += review.items.count
            }
        }

        var substitutions: Int { perCategory.values.reduce(0, +) }

        /// Whether these totals are the summary's.
        func reconcile(with summary: RunSummary) -> Bool {
            documents == summary.documentsIn && written == summary.written && rejected == summary.rejected
                && Category.allCases.allSatisfy { perCategory[$0, default: 0] == summary.perCategory[$0, default: 0] }
                && residue == summary.residue && needsReview == summary.needsReview
        }
    }

    /// The batch index: the sign-off record (the batch digest and what it covers), the run's
    /// summary, and every letter in a table that puts those needing attention first (rejected,
    /// then needs review, then clean; input order within each), sortable by any column and
    /// filterable by state, with totals that reconcile with the summary.
    /// - Parameter redacted: for each review, whether the letter was redacted (its residue counts
    ///   in the summary even when `--strict` held it back).
    public static func indexPage(
        _ reviews: [LetterReview], redacted: Set<Int>, batch: Batch, context: Context
    ) -> [UInt8] {
        var out: [UInt8] = []
        let count = reviews.count
        appendHead(title: "Review of \(count) letter\(count == 1 ? "" : "s") \u{2014} imr-redact review", context: context, to: &out)
        HTMLOutput.appendRaw("<body class=\"index-page\">\n<header>\n", to: &out)
        appendBanner(context: context, to: &out)
        HTMLOutput.appendRaw("<h1>", to: &out)
        if context.withOriginal { HTMLOutput.appendText(warning + ": ", to: &out) }
        HTMLOutput.appendText("Review of \(count) letter\(count == 1 ? "" : "s")", to: &out)
        HTMLOutput.appendRaw("</h1>\n</header>\n<main>\n", to: &out)

        let totals = Totals(reviews) { redacted.contains($0.number) }
        appendSignOff(batch: batch, totals: totals, context: context, to: &out)

        var byState: [LetterReview.State: Int] = [:]
        for review in reviews { byState[review.state, default: 0] += 1 }
        HTMLOutput.appendRaw("<h2>Letters</h2>\n<div class=\"filters\" role=\"group\" aria-label=\"Show letters\">", to: &out)
        let filters: [(String, String, Int)] = [
            ("all", "All", count),
            ("attention", "Needs attention", byState[.rejected, default: 0] + byState[.needsReview, default: 0]),
            ("rejected", "Rejected", byState[.rejected, default: 0]),
            ("needs-review", "Needs review", byState[.needsReview, default: 0]),
            ("clean", "Clean", byState[.clean, default: 0]),
        ]
        for (key, label, number) in filters {
            HTMLOutput.appendMarkup(
                "<button type=\"button\" data-filter=\"\(key)\" aria-pressed=\"\(key == "all" ? "true" : "false")\">", to: &out)
            HTMLOutput.appendText("\(label) (\(number))", to: &out)
            HTMLOutput.appendRaw("</button>", to: &out)
        }
        HTMLOutput.appendRaw("</div>\n", to: &out)
        appendTable(reviews, totals: totals, to: &out)

        HTMLOutput.appendRaw("<h2>Legend</h2>\n", to: &out)
        appendLegend(counts: nil, to: &out)
        HTMLOutput.appendRaw("<h2>Digests of the outputs (<code>SHA256SUMS</code>)</h2>\n<pre id=\"sha256sums\">", to: &out)
        HTMLOutput.appendText(batch.sums, to: &out)
        HTMLOutput.appendRaw("</pre>\n</main>\n<pre id=\"selftest\" hidden></pre>\n<script>\n", to: &out)
        HTMLOutput.appendRaw(ReviewStyle.indexScript, to: &out)
        HTMLOutput.appendRaw("\n</script>\n</body>\n</html>\n", to: &out)
        return out
    }

    static func appendSignOff(batch: Batch, totals: Totals, context: Context, to out: inout [UInt8]) {
        let summary = batch.summary
        HTMLOutput.appendRaw("<section class=\"signoff\">\n<h2>Sign-off record</h2>\n<dl class=\"facts\">\n", to: &out)
        appendFact("Batch SHA-256", to: &out) { out in
            HTMLOutput.appendRaw("<code class=\"digest\" id=\"batch-digest\">", to: &out)
            HTMLOutput.appendText(batch.digest, to: &out)
            HTMLOutput.appendRaw("</code>", to: &out)
        }
        appendFact("What it covers", to: &out) {
            HTMLOutput.appendText(
                "the SHA-256 of the digest listing at the end of this page (the file SHA256SUMS beside it): one line per "
                    + "letter written, its output's SHA-256, two spaces and its output's name, in input order. "
                    + "Run \u{201C}sha256sum -c SHA256SUMS\u{201D} in the output folder to check the letters; "
                    + "\u{201C}sha256sum SHA256SUMS\u{201D} gives the batch digest.", to: &$0)
        }
        appendFact("Letters", to: &out) {
            HTMLOutput.appendText("\(summary.documentsIn) in, \(summary.written) written, \(summary.rejected) rejected", to: &$0)
        }
        appendFact("Policy", to: &out) { HTMLOutput.appendText(context.policy, to: &$0) }
        appendFact("Verification", to: &out) {
            HTMLOutput.appendText(context.verify ? "every letter verified against its original" : "not run", to: &$0)
        }
        appendFact("Output", to: &out) { HTMLOutput.appendText(context.format, to: &$0) }
        appendFact("Rules", to: &out) { out in
            HTMLOutput.appendRaw("<code class=\"digest\">", to: &out)
            HTMLOutput.appendText(context.rules, to: &out)
            HTMLOutput.appendRaw("</code>", to: &out)
        }
        appendFact("Tool", to: &out) { HTMLOutput.appendText("imr-redact \(context.version)", to: &$0) }
        appendFact("The run\u{2019}s summary", to: &out) { out in
            HTMLOutput.appendRaw("<span id=\"run-summary\">", to: &out)
            HTMLOutput.appendText(summary.countsDescription, to: &out)
            HTMLOutput.appendRaw("</span>", to: &out)
        }
        appendFact("Totals of the table", to: &out) { out in
            let reconciles = totals.reconcile(with: summary)
            HTMLOutput.appendMarkup("<span id=\"reconciles\" data-reconciles=\"\(reconciles)\">", to: &out)
            HTMLOutput.appendText(
                reconciles
                    ? "reconcile with the run\u{2019}s summary (letters, substitutions per category, residue)"
                    : "DO NOT reconcile with the run\u{2019}s summary: do not sign off; report it", to: &out)
            HTMLOutput.appendRaw("</span>", to: &out)
        }
        if let signal = summary.interruptedBy {
            appendFact("Interrupted", to: &out) {
                HTMLOutput.appendText("by \(signal): the batch is not complete; do not sign it off", to: &$0)
            }
        }
        HTMLOutput.appendRaw("</dl>\n", to: &out)
        HTMLOutput.appendRaw(
            """
            <p class="sign">Reviewed and signed off by ______________________________ on ______________ (batch SHA-256 above).</p>
            </section>

            """, to: &out)
    }

    static func appendTable(_ reviews: [LetterReview], totals: Totals, to out: inout [UInt8]) {
        HTMLOutput.appendRaw("<div class=\"table-wrap\">\n<table id=\"letters\">\n<thead><tr>", to: &out)
        func head(_ label: String, numeric: Bool = false, title: String? = nil) {
            HTMLOutput.appendMarkup(numeric ? "<th class=\"n\">" : "<th>", to: &out)
            HTMLOutput.appendRaw("<button type=\"button\"", to: &out)
            if let title { HTMLOutput.appendAttribute("title", title, to: &out) }
            HTMLOutput.appendRaw(">", to: &out)
            HTMLOutput.appendText(label, to: &out)
            HTMLOutput.appendRaw("</button></th>", to: &out)
        }
        head("#", numeric: true, title: "input order")
        head("letter")
        head("state", title: "rejected, needs review, clean")
        head("layout")
        head("items", numeric: true)
        head("decisions")
        head("subs", numeric: true, title: "substitutions")
        for look in ReviewStyle.looks { head(look.code, numeric: true, title: look.category.rawValue) }
        head("residue", numeric: true, title: "residue tokens")
        head("verify")
        head("SHA-256 of the output")
        HTMLOutput.appendRaw("</tr></thead>\n<tbody>\n", to: &out)
        let ordered = reviews.sorted { ($0.state.rank, $0.number) < ($1.state.rank, $1.number) }
        for review in ordered {
            HTMLOutput.appendMarkup(
                "<tr class=\"row\" data-number=\"\(review.number)\" data-state=\"\(review.state.rawValue)\"", to: &out)
            if let digest = review.digest { HTMLOutput.appendAttribute("data-digest", digest, to: &out) }
            HTMLOutput.appendRaw(">", to: &out)
            appendCount(review.number, sortKey: true, to: &out)
            HTMLOutput.appendMarkup("<td class=\"name\"><a href=\"letters/\(pageName(review.number))\"", to: &out)
            HTMLOutput.appendAttribute("title", review.name, to: &out)
            HTMLOutput.appendRaw(">", to: &out)
            HTMLOutput.appendText(shortName(review.name), to: &out)
            HTMLOutput.appendMarkup("</a></td><td data-sort=\"\(review.state.rank)\">", to: &out)
            appendState(review.state, to: &out)
            HTMLOutput.appendRaw("</td><td>", to: &out)
            HTMLOutput.appendText(review.layout?.rawValue ?? "", to: &out)
            HTMLOutput.appendRaw("</td>", to: &out)
            appendCount(review.items.count, sortKey: true, to: &out)
            HTMLOutput.appendRaw("<td class=\"decisions\">", to: &out)
            HTMLOutput.appendText(review.decisionSummary(longest: 40), to: &out)
            HTMLOutput.appendRaw("</td>", to: &out)
            appendCount(review.substitutions, sortKey: true, className: "subs", to: &out)
            for look in ReviewStyle.looks {
                let number = review.perCategory[look.category, default: 0]
                HTMLOutput.appendMarkup(
                    "<td class=\"n\(number == 0 ? " zero" : "")\" data-cat=\"\(look.category.rawValue)\" data-sort=\"\(number)\">\(number)</td>",
                    to: &out)
            }
            HTMLOutput.appendMarkup(
                "<td class=\"n residue\(review.residue == 0 ? " zero" : "")\" data-sort=\"\(review.residue)\">\(review.residue)</td><td>",
                to: &out)
            HTMLOutput.appendText(verificationLabel(review.verification), to: &out)
            HTMLOutput.appendRaw("</td><td>", to: &out)
            if let digest = review.digest {
                HTMLOutput.appendRaw("<code", to: &out)
                HTMLOutput.appendAttribute("title", digest, to: &out)
                HTMLOutput.appendRaw(">", to: &out)
                HTMLOutput.appendText(String(digest.prefix(16)) + "\u{2026}", to: &out)
                HTMLOutput.appendRaw("</code>", to: &out)
            } else {
                HTMLOutput.appendText("(not written)", to: &out)
            }
            HTMLOutput.appendRaw("</td></tr>\n", to: &out)
        }
        HTMLOutput.appendRaw("</tbody>\n<tfoot><tr><td></td><td>", to: &out)
        HTMLOutput.appendText("totals: \(totals.documents) letters", to: &out)
        HTMLOutput.appendRaw("</td><td>", to: &out)
        HTMLOutput.appendText("\(totals.written) written, \(totals.rejected) rejected", to: &out)
        HTMLOutput.appendRaw("</td><td></td>", to: &out)
        HTMLOutput.appendMarkup("<td class=\"n\" data-total=\"items\" data-sort=\"\(totals.items)\">\(totals.items)</td><td></td>", to: &out)
        HTMLOutput.appendMarkup(
            "<td class=\"n\" data-total=\"substitutions\" data-sort=\"\(totals.substitutions)\" title=\"of the letters written\">\(totals.substitutions)</td>",
            to: &out)
        for look in ReviewStyle.looks {
            let number = totals.perCategory[look.category, default: 0]
            HTMLOutput.appendMarkup(
                "<td class=\"n\" data-total=\"\(look.category.rawValue)\" data-sort=\"\(number)\">\(number)</td>", to: &out)
        }
        HTMLOutput.appendMarkup(
            "<td class=\"n\" data-total=\"residue\" data-sort=\"\(totals.residue)\" title=\"tokens, in \(totals.needsReview) letters\">\(totals.residue)</td><td></td><td></td></tr></tfoot>\n</table>\n</div>\n",
            to: &out)
    }
}
