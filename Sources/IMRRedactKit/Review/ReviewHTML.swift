/// Renders the pages of a review report as bytes: the batch index and one page per letter.
/// Every piece of text is escaped (`HTMLOutput`); every page carries its CSS and script inline
/// and a Content-Security-Policy that lets it load nothing (no network, no file, no font).
public enum ReviewHTML {
    /// What every page of one report says about the run.
    public struct Context: Sendable {
        /// The original letters are shown beside the redacted ones: every page says it holds identifiers.
        public var withOriginal = false
        public var policy = "placeholder"
        public var verify = false
        /// `sha256:` of the rule set (`RuleSet.digest`).
        public var rules = ""
        public var version = RedactRunner.version
        /// What each output is: `text`, `pdf`, or `jsonl` (the digest is of those bytes).
        public var format = "text"

        public init() {}
    }

    /// The file name of letter `number`'s page, under `letters/`: its input position, never its
    /// name (file names can carry names).
    public static func pageName(_ number: Int) -> String { RedactRunner.sequenceName(number) + ".html" }

    static let warning = "CONTAINS IDENTIFIERS"

    /// A document's name as a heading or table shows it: its last path component (the page
    /// gives the whole name once).
    static func shortName(_ name: String) -> String {
        guard let slash = name.lastIndex(of: "/"), name.index(after: slash) < name.endIndex else { return name }
        return String(name[name.index(after: slash)...])
    }

    /// The legend of a letter page, in one line: a swatch, the category, its print code and how
    /// many this letter has; the shapes are in the index's legend (and each chip's title).
    static func appendCompactLegend(counts: [Category: Int], residue: Int, to out: inout [UInt8]) {
        HTMLOutput.appendRaw("<ul class=\"chips\" aria-label=\"legend\">", to: &out)
        for look in ReviewStyle.looks {
            HTMLOutput.appendRaw("<li", to: &out)
            HTMLOutput.appendAttribute("title", "\(look.category.rawValue): \(look.shape), print code \(look.code)", to: &out)
            HTMLOutput.appendMarkup("><span class=\"sw c-\(look.category.rawValue)\"></span> ", to: &out)
            HTMLOutput.appendText("\(look.category.rawValue) \(look.code) ", to: &out)
            HTMLOutput.appendRaw("<b>", to: &out)
            HTMLOutput.appendInt(counts[look.category, default: 0], to: &out)
            HTMLOutput.appendRaw("</b></li>", to: &out)
        }
        HTMLOutput.appendRaw("<li title=\"residue: a token left that may still identify someone\"><mark class=\"r\">residue</mark> <b>", to: &out)
        HTMLOutput.appendInt(residue, to: &out)
        HTMLOutput.appendRaw(
            """
            </b></li><li title="an identifier the policy keeps"><mark class="k">kept</mark></li><li title="protected clinical text"><span class="p">protected</span></li><li title="a disputed item's decision"><span class="d">decision</span></li></ul>

            """, to: &out)
    }

    // MARK: Page frame

    static func appendHead(title: String, context: Context, to out: inout [UInt8]) {
        HTMLOutput.appendRaw(
            """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
            <meta name="referrer" content="no-referrer">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="imr-redact review">
            <title>
            """, to: &out)
        if context.withOriginal { HTMLOutput.appendText(warning + ": ", to: &out) }
        HTMLOutput.appendText(title, to: &out)
        HTMLOutput.appendRaw("</title>\n<style>\n", to: &out)
        out += ReviewStyle.css
        HTMLOutput.appendRaw("</style>\n</head>\n", to: &out)
    }

    static func appendBanner(context: Context, to out: inout [UInt8]) {
        guard context.withOriginal else { return }
        HTMLOutput.appendRaw(#"<div class="banner" role="alert" id="identifiers-warning">"#, to: &out)
        HTMLOutput.appendText(
            warning + ": this report shows the original letters beside the redacted ones. It is for the reviewer only: "
                + "keep the folder owner-only, never publish or mail it, and delete it after sign-off.", to: &out)
        HTMLOutput.appendRaw("</div>\n", to: &out)
    }

    static func appendState(_ state: LetterReview.State, to out: inout [UInt8]) {
        HTMLOutput.appendRaw(#"<span class="state "#, to: &out)
        HTMLOutput.appendText(state.rawValue, to: &out)
        HTMLOutput.appendRaw(#"">"#, to: &out)
        HTMLOutput.appendText(state.label, to: &out)
        HTMLOutput.appendRaw("</span>", to: &out)
    }

    static func appendLegend(counts: [Category: Int]?, to out: inout [UInt8]) {
        HTMLOutput.appendMarkup(
            "<table class=\"legend\"><thead><tr><th>mark</th><th>category</th><th>print code</th><th>shape</th>"
                + "\(counts == nil ? "" : "<th class=\"n\">in this letter</th>")</tr></thead><tbody>\n", to: &out)
        for look in ReviewStyle.looks {
            HTMLOutput.appendRaw(#"<tr><td class="sw-cell"><span class="sw c-"#, to: &out)
            HTMLOutput.appendText(look.category.rawValue, to: &out)
            HTMLOutput.appendRaw(#""></span></td><td>"#, to: &out)
            HTMLOutput.appendText(look.category.rawValue, to: &out)
            HTMLOutput.appendRaw("</td><td><code>", to: &out)
            HTMLOutput.appendText(look.code, to: &out)
            HTMLOutput.appendRaw("</code></td><td>", to: &out)
            HTMLOutput.appendText(look.shape, to: &out)
            HTMLOutput.appendRaw("</td>", to: &out)
            if let counts { appendCount(counts[look.category, default: 0], to: &out) }
            HTMLOutput.appendRaw("</tr>\n", to: &out)
        }
        HTMLOutput.appendRaw(
            """
            <tr><td class="sw-cell"><mark class="r">word</mark></td><td>residue</td><td><code>?</code></td><td>black frame, \u{201C}?\u{201D} badge: a token left in the letter that may still identify someone; check it</td>
            """, to: &out)
        if counts != nil { HTMLOutput.appendRaw("<td></td>", to: &out) }
        HTMLOutput.appendRaw(
            """
            </tr>
            <tr><td class="sw-cell"><mark class="k">text</mark></td><td>kept</td><td></td><td>thin dashed frame: an identifier the policy keeps (no substitution)</td>
            """, to: &out)
        if counts != nil { HTMLOutput.appendRaw("<td></td>", to: &out) }
        HTMLOutput.appendRaw(
            """
            </tr>
            <tr><td class="sw-cell"><span class="p">6/10</span></td><td>protected</td><td></td><td>underlined: clinical text kept byte for byte (scores, levels, doses, guidelines, decisions)</td>
            """, to: &out)
        if counts != nil { HTMLOutput.appendRaw("<td></td>", to: &out) }
        HTMLOutput.appendRaw(
            """
            </tr>
            <tr><td class="sw-cell"><span class="d">Upheld</span></td><td>decision</td><td></td><td>bold on grey, with its item number: a disputed item\u{2019}s decision</td>
            """, to: &out)
        if counts != nil { HTMLOutput.appendRaw("<td></td>", to: &out) }
        HTMLOutput.appendRaw("</tr>\n</tbody></table>\n", to: &out)
    }

    static func appendCount(_ count: Int, sortKey: Bool = false, className: String? = nil, to out: inout [UInt8]) {
        HTMLOutput.appendMarkup("<td class=\"n\(className.map { " " + $0 } ?? "")\(count == 0 ? " zero" : "")\"", to: &out)
        if sortKey {
            HTMLOutput.appendRaw(#" data-sort=""#, to: &out)
            HTMLOutput.appendInt(count, to: &out)
            HTMLOutput.appendRaw(#"""#, to: &out)
        }
        HTMLOutput.appendRaw(">", to: &out)
        HTMLOutput.appendInt(count, to: &out)
        HTMLOutput.appendRaw("</td>", to: &out)
    }

    static func verificationLabel(_ verification: FinishedDocument.Verification) -> String {
        switch verification {
        case .passed: return "passed"
        case .failed: return "failed"
        case .notRun: return "not run"
        }
    }
}
