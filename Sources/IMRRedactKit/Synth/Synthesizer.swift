/// A generator bug caught by the self-check of a synthetic letter (never a property of the input).
public struct SynthError: Error, Sendable, CustomStringConvertible {
    public var letter: String
    public var reason: String

    public var description: String { "synthetic letter \(letter): \(reason)" }
}

/// Writes fictional IMR letters with gold spans, in the gold file format (`GoldDocument`).
///
/// Every layout of the spec (`case-number`, `maximus`, `professional-review`, `notice`,
/// `unknown`: fax covers and utilization review letters) in turn; names of California's many
/// origins (accents, particles, hyphens, apostrophes, names that are also words); every date
/// and age form; IDs, contacts, addresses; the clinical traps (pain scores, spine levels, doses,
/// fractions, guideline citations with dates, eponyms, brand names, years alone, decades); and
/// PDF damage (CRLF, leading and trailing spaces, blank lines between lines, form feeds with
/// running headers, `Page N of M`, hyphenated breaks, two-column headers).
///
/// Deterministic: the same seed gives the same bytes, and letter `i` does not depend on how
/// many letters are asked for. For tests and benchmarks; it is never the only yardstick.
public struct Synthesizer: Sendable {
    public let seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    /// The letter id of letter `index` (0-based): `synth-S-000001`.
    public func id(of index: Int) -> String {
        let number = String(index + 1)
        return "synth-\(seed)-" + String(repeating: "0", count: max(0, 6 - number.count)) + number
    }

    /// Letter `index` of this seed.
    /// - Throws: `SynthError` when the letter fails its self-check (a generator bug).
    public func letter(_ index: Int) throws(SynthError) -> GoldDocument {
        var r = SynthRandom(seed: seed, letter: index)
        let layout = LetterLayout.allCases[index % LetterLayout.allCases.count]
        let file = SynthCase(random: &r)
        let published = layout == .caseNumber && r.chance(0.25)
        var composer = SynthComposer(random: SynthRandom(seed: r.next()), case: file, layout: layout, published: published)
        let blocks = composer.compose()

        var damage = PDFDamage()
        damage.crlf = r.chance(0.15)
        damage.doubleSpaced = r.chance(0.2)
        damage.trailingSpace = damage.doubleSpaced || r.chance(0.15)
        damage.leadingSpace = damage.doubleSpaced ? 1.0 : r.pick([0.0, 0.0, 0.1, 0.5])
        damage.width = r.within(78...100)
        damage.hyphenation = r.pick([0.0, 0.0, 0.15, 0.4])
        damage.pageLines = r.chance(0.6) ? r.within(40...60) : 0
        damage.pageStyle = layout == .unknown && r.chance(0.6)
            ? .faxHeader : r.pick([.formFeed, .formFeed, .runningHeader, .footer])

        let caseNumber = file.caseNumber
        let faxDate = file.decision.adding(3).format(.slashPadded)
        let faxNumber = file.phones[5]
        let sender = file.claimsAdministrator.name.uppercased()
        let time = "\(r.within(8...17)):\(r.within(10...59))"
        let style = damage.pageStyle
        let header: (Int, Int) -> [Piece] = { page, pages in
            switch style {
            case .faxHeader:
                return [
                    .id(.DATE, faxDate), Piece(" \(time)  FAX "), .id(.CONTACT, faxNumber), Piece("      "),
                    .id(.ORG, sender), Piece("      P.00\(page)/00\(pages)"),
                ]
            default:
                return [Piece(" "), .id(.ID, caseNumber), Piece(String(repeating: " ", count: 58) + "Page \(page) of \(pages)")]
            }
        }
        var renderer = SynthRenderer(damage: damage, random: SynthRandom(seed: r.next()), header: header)
        let output: SynthRenderer.Output
        do {
            output = try renderer.render(blocks)
        } catch {
            throw SynthError(letter: id(of: index), reason: error.description)
        }
        return GoldDocument(
            id: id(of: index), layout: layout.rawValue, text: output.text, spans: output.spans, protected: output.protected,
            items: file.items.map { GoldItem(service: $0.serviceText, decision: $0.decision) })
    }

    /// Letters `0..<count`.
    public func letters(count: Int) throws(SynthError) -> [GoldDocument] {
        var out: [GoldDocument] = []
        out.reserveCapacity(count)
        for index in 0..<count { out.append(try letter(index)) }
        return out
    }
}
