import Foundation

/// One way in which a redacted letter no longer means what its original meant, or still shows an
/// identifier. Its message names the place and the kind, never the identifier's text.
public struct Violation: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        case alignment, protected, outsideIdentifier = "outside-identifier", layout, sections, items
        case dateInterval = "date-interval", dateYear = "date-year", age
        case identifierLeft = "identifier-left", notIdempotent = "not-idempotent"
        /// A written PDF: its structure (metadata, images, forms ...), its text read back, its bytes.
        case pdfStructure = "pdf-structure", pdfText = "pdf-text", pdfLeak = "pdf-bytes"
    }

    public var kind: Kind
    /// 1-based line in the redacted letter (0: the letter as a whole).
    public var line: Int
    /// 1-based line in the original letter (0: none).
    public var originalLine: Int
    public var message: String

    public var description: String {
        let place = line > 0 ? "line \(line)" + (originalLine > 0 && originalLine != line ? " (original line \(originalLine))" : "") : "letter"
        return "\(place): \(kind.rawValue): \(message)"
    }
}

/// The outcome of verifying one redacted letter against its original.
public struct VerifyReport: Sendable {
    public var violations: [Violation] = []
    public var regions = 0
    public var protectedSpans = 0
    public var items = 0
    public var sections = 0
    /// What the dates of the letter show: `kept`, `shifted`, `year only`, `masked`, `none`, `mixed`.
    public var dates = "none"
    /// Categories (and kinds) left as they were by the policy, given or inferred.
    public var kept: [String] = []
    /// Whether redacting the output again was checked.
    public var idempotenceChecked = false

    public var passed: Bool { violations.isEmpty }

    /// One line: `pass: ...` or `fail: N violations`.
    public var verdict: String {
        if passed {
            var parts = [
                "\(regions) replaced regions", "\(protectedSpans) protected spans intact", "\(sections) sections",
                "\(items) disputed items", "dates \(dates)",
            ]
            if !kept.isEmpty { parts.append("kept as published: " + kept.joined(separator: ", ")) }
            if idempotenceChecked { parts.append("redacting again changes nothing") }
            return "pass: " + parts.joined(separator: "; ")
        }
        return "fail: \(violations.count) violation\(violations.count == 1 ? "" : "s")"
    }
}

/// Checks that a redacted letter still means what its original meant, with nothing but the two
/// texts: it aligns them (`Alignment`), and checks that every protected clinical span is intact
/// and in order; that the parse has the same layout, section titles, disputed items, decisions and
/// guideline citations (text compared with the replaced regions left out); that shifted dates all
/// moved by one interval (intervals and order kept), years kept where only the year is shown,
/// ages in their band; that no identifier is left outside the replaced regions; and, for a policy
/// that only removes or masks, that redacting the output again changes nothing.
public final class Verifier {
    let engine: RedactionEngine

    /// - Parameter ruleSet: the rules the original is analysed with (those of the redaction run).
    public init(ruleSet: RuleSet, limits: MatchLimits = .default) {
        engine = RedactionEngine(ruleSet: ruleSet, limits: limits)
    }

    /// A verifier that detects with `engine` (`redact --verify` shares the run's engine; its
    /// policy plays no part here).
    public init(engine: RedactionEngine) {
        self.engine = engine
    }

    /// Verifies `redacted` against `original`.
    /// - Parameters:
    ///   - policy: the policy the letter was redacted with; nil infers what was kept (only dates,
    ///     ages and the IMR case number can be inferred as kept: the published form).
    ///   - known: identifiers the redaction run was given (`--known`).
    /// - Throws: `DocumentError` when either text cannot be read as a letter (invalid UTF-8, NUL,
    ///   empty) or scanned in full.
    ///   - originalAnalysis: what detection found in the original when the caller has it already
    ///     (`redact --verify`), with the same rules and `known`.
    public func verify(
        original: [UInt8], redacted: [UInt8], policy: RedactionPolicy? = nil, known: [KnownIdentifier] = [],
        originalAnalysis given: Resolver.Resolution? = nil
    ) throws(DocumentError) -> VerifyReport {
        var report = VerifyReport()
        let originalAnalysis: Resolver.Resolution
        if let given { originalAnalysis = given } else { originalAnalysis = try analyze(original, known: known) }
        // The full parse: items, decisions, citations and sections are compared.
        let originalStructure = parse(original)
        if redacted.isEmpty {
            report.violations.append(Violation(kind: .alignment, line: 0, originalLine: 0, message: "the redacted letter is empty"))
            return report
        }
        let outputAnalysis = try analyze(redacted, known: [])
        let outputStructure = parse(redacted)
        let spans = originalAnalysis.identifiers
        guard let alignment = Alignment.align(original: original, output: redacted, spans: spans.map { $0.start..<$0.end }) else {
            report.violations.append(
                Violation(
                    kind: .alignment, line: 0, originalLine: 0,
                    message: "the files do not align (more than \(Alignment.maximumDifference) tokens differ): not a redaction of this original"))
            return report
        }
        let regions = alignment.regions
        report.regions = regions.count
        let originalLines = TextPositions(original)
        let outputLines = TextPositions(redacted)
        func violation(_ kind: Violation.Kind, output: Int, original: Int, _ message: String) {
            report.violations.append(
                Violation(kind: kind, line: output >= 0 ? outputLines.line(of: output) : 0, originalLine: original >= 0 ? originalLines.line(of: original) : 0, message: message))
        }
        func mapToOutput(_ offset: Int) -> Int {
            // An offset in unchanged text: shifted by the regions before it.
            var shift = 0
            for region in regions {
                if region.original.upperBound <= offset { shift = region.output.upperBound - region.original.upperBound } else { break }
            }
            return offset + shift
        }
        func regionIndex(overlapping range: Range<Int>) -> Int? {
            regions.firstIndex { $0.original.lowerBound < range.upperBound && range.lowerBound < $0.original.upperBound }
        }
        func outputText(_ region: Alignment.Region) -> String { String(decoding: redacted[region.output], as: UTF8.self) }

        // 1. Every region is an identifier's replacement; no protected span is touched.
        var spansOfRegion = Array(repeating: [Int](), count: regions.count)
        var regionOfSpan = Array(repeating: -1, count: spans.count)
        for (index, span) in spans.enumerated() {
            for (r, region) in regions.enumerated() {
                let overlaps = region.original.isEmpty
                    ? span.start < region.original.lowerBound && region.original.lowerBound < span.end
                    : region.original.lowerBound < span.end && span.start < region.original.upperBound
                if overlaps {
                    regionOfSpan[index] = r
                    spansOfRegion[r].append(index)
                    break
                }
            }
        }
        let protected = originalAnalysis.protected
        report.protectedSpans = protected.count
        var damaged = Set<Int>()
        for (index, item) in protected.enumerated() {
            if let r = regionIndex(overlapping: item.start..<item.end) {
                damaged.insert(index)
                let gone = regions[r].output.isEmpty
                violation(.protected, output: regions[r].output.lowerBound, original: item.start,
                          "protected \(item.kind.rawValue) \(gone ? "removed" : "changed")")
            }
        }
        for (r, region) in regions.enumerated() {
            if protected.contains(where: { $0.start < region.original.upperBound && region.original.lowerBound < $0.end }) { continue }
            var uncovered = false
            if region.original.isEmpty {
                uncovered = !spans.contains { $0.start < region.original.lowerBound && region.original.lowerBound < $0.end }
            } else {
                for offset in region.original where !spans.contains(where: { $0.start <= offset && offset < $0.end }) {
                    let byte = original[offset]
                    let quiet = [0x20, 0x09, 0x0A, 0x0D, 0x2D, 0x2C, 0x2E, 0x3A, 0x3B, 0x2F, 0x28, 0x29].contains(byte)
                    if !quiet || spansOfRegion[r].isEmpty {
                        uncovered = true
                        break
                    }
                }
            }
            if uncovered {
                violation(.outsideIdentifier, output: region.output.lowerBound, original: region.original.lowerBound,
                          "text changed where no identifier was found")
            }
        }

        // 2. The parse: layout, sections, disputed items.
        report.sections = originalStructure.sections.count
        report.items = originalStructure.items.count
        if originalStructure.layout != outputStructure.layout {
            violation(.layout, output: -1, original: -1,
                      "layout changed from \(originalStructure.layout.rawValue) to \(outputStructure.layout.rawValue)")
        }
        // A heading that holds a replaced identifier is compared by its place only: a placeholder
        // can make a line look like a heading (`IMR FINAL DETERMINATION - [ID]` has no digit left).
        let originalSections = originalStructure.sections.filter { section in
            !regions.contains { $0.original.lowerBound < section.range.upperBound && section.range.lowerBound < $0.original.upperBound }
        }
        let outputSections = outputStructure.sections.filter { section in
            !regions.contains { $0.output.lowerBound < section.range.upperBound && section.range.lowerBound < $0.output.upperBound }
        }
        let originalTitles = originalSections.map { Self.flat($0.value) }
        let outputTitles = outputSections.map { Self.flat($0.value) }
        if originalTitles != outputTitles {
            let first = (0..<min(originalTitles.count, outputTitles.count)).first { originalTitles[$0] != outputTitles[$0] } ?? min(originalTitles.count, outputTitles.count)
            let at = first < outputSections.count ? outputSections[first].range.lowerBound : -1
            let from = first < originalSections.count ? originalSections[first].range.lowerBound : -1
            violation(.sections, output: at, original: from,
                      "section titles differ from section \(first + 1) on (\(originalTitles.count) in the original, \(outputTitles.count) in the output)")
        }
        func withoutRegions(_ span: TextSpan?, output: Bool) -> String? {
            guard let span else { return nil }
            var bytes: [UInt8] = []
            let text = output ? redacted : original
            for offset in span.range {
                let inside = regions.contains { (output ? $0.output : $0.original).contains(offset) }
                bytes.append(inside ? 0x20 : text[offset])
            }
            return Self.flat(String(decoding: bytes, as: UTF8.self))
        }
        if originalStructure.items.count != outputStructure.items.count {
            violation(.items, output: -1, original: -1,
                      "\(originalStructure.items.count) disputed items in the original, \(outputStructure.items.count) in the output")
        }
        for (number, (before, after)) in zip(originalStructure.items, outputStructure.items).enumerated() {
            let place = (after.service.range.lowerBound, before.service.range.lowerBound)
            if withoutRegions(before.service, output: false) != withoutRegions(after.service, output: true) {
                violation(.items, output: place.0, original: place.1, "item \(number + 1): the service requested differs")
            }
            if before.decision?.value != after.decision?.value {
                violation(.items, output: after.decision?.range.lowerBound ?? place.0, original: before.decision?.range.lowerBound ?? place.1,
                          "item \(number + 1): the decision differs (\(before.decision?.value ?? "none") → \(after.decision?.value ?? "none"))")
            }
            if withoutRegions(before.claimsAdministratorGuideline, output: false) != withoutRegions(after.claimsAdministratorGuideline, output: true) {
                violation(.items, output: after.claimsAdministratorGuideline?.range.lowerBound ?? place.0,
                          original: before.claimsAdministratorGuideline?.range.lowerBound ?? place.1,
                          "item \(number + 1): the claims administrator's guideline citation differs")
            }
            if withoutRegions(before.reviewerGuideline, output: false) != withoutRegions(after.reviewerGuideline, output: true) {
                violation(.items, output: after.reviewerGuideline?.range.lowerBound ?? place.0, original: before.reviewerGuideline?.range.lowerBound ?? place.1,
                          "item \(number + 1): the reviewer's guideline citation differs")
            }
        }

        // 3. What was kept, replaced, and how (policy given, or inferred).
        func spanText(_ index: Int) -> String { String(decoding: original[spans[index].start..<spans[index].end], as: UTF8.self) }
        func kind(_ index: Int) -> IdentifierKind? { IdentifierKind.of(spans[index].category, text: original[spans[index].start..<spans[index].end]) }
        func replaced(_ index: Int) -> Bool { regionOfSpan[index] >= 0 }
        var keptCategories = Set<Category>()
        var keptKinds = Set<IdentifierKind>()
        var ageCapInferred = false
        if policy == nil {
            for category in [Category.DATE, .AGE] {
                let members = spans.indices.filter { spans[$0].category == category }
                if !members.isEmpty && members.allSatisfy({ !replaced($0) }) { keptCategories.insert(category) }
            }
            let ages = spans.indices.filter { spans[$0].category == .AGE }
            if !keptCategories.contains(.AGE), !ages.isEmpty,
                ages.allSatisfy({ !replaced($0) || outputText(regions[regionOfSpan[$0]]) == "90 or older" })
            {
                ageCapInferred = true
            }
            let cases = spans.indices.filter { kind($0) == .imrCaseNumber }
            if !cases.isEmpty && cases.allSatisfy({ !replaced($0) }) { keptKinds.insert(.imrCaseNumber) }
        }
        func mayStay(category: Category, text: String, kindOf: IdentifierKind?) -> Bool {
            if let policy {
                let action = policy.action(for: category, text: Array(text.utf8))
                if action == .keep { return true }
                if action == .ageCap, let age = Int(text.trimmingCharacters(in: .whitespaces)) { return age < 90 }
                return false
            }
            if let kindOf, keptKinds.contains(kindOf) { return true }
            if keptCategories.contains(category) { return true }
            if category == .AGE && ageCapInferred, let age = Int(text.trimmingCharacters(in: .whitespaces)) { return age < 90 }
            return false
        }
        report.kept = (keptCategories.map(\.rawValue).sorted() + keptKinds.map(\.rawValue).sorted() + (ageCapInferred ? ["AGE below 90"] : []))
        if let policy {
            report.kept = Category.allCases.filter { policy.action(for: $0) == .keep }.map(\.rawValue)
                + IdentifierKind.allCases.filter { policy.kindActions[$0] == .keep }.map(\.rawValue)
        }

        // 4. Dates: one interval for the letter; years kept; ages in their band.
        var exact: [(span: Int, delta: Int)] = []
        var yearless: [(span: Int, before: WrittenDate, after: WrittenDate)] = []
        var monthly: [(span: Int, range: ClosedRange<Int>)] = []
        var dateForms = Set<String>()
        for index in spans.indices where spans[index].category == .DATE {
            let before = WrittenDate.parse(spanText(index))
            let r = regionOfSpan[index]
            let place = (r >= 0 ? regions[r].output.lowerBound : mapToOutput(spans[index].start), spans[index].start)
            guard r >= 0 else {
                dateForms.insert("kept")
                if let before, before.precision == .day, before.hasYear { exact.append((index, 0)) }
                continue
            }
            guard spansOfRegion[r].count == 1 else {
                dateForms.insert("masked")
                continue
            }
            let text = outputText(regions[r])
            let after = WrittenDate.parse(text)
            if text.count == 4, let year = Int(text), after == nil {
                dateForms.insert("year only")
                if before?.year != year {
                    violation(.dateYear, output: place.0, original: place.1, "the year of a date changed")
                }
                continue
            }
            guard let after else {
                dateForms.insert("masked")
                continue
            }
            dateForms.insert("shifted")
            guard let before, before.precision == after.precision, before.hasYear == after.hasYear else {
                violation(.dateInterval, output: place.0, original: place.1, "a date was replaced by a date that cannot be compared with it")
                continue
            }
            if before.hasYear && before.precision == .day {
                exact.append((index, after.civilDate(referenceYear: 0).dayNumber - before.civilDate(referenceYear: 0).dayNumber))
            } else if before.precision == .month {
                let anchor = before.civilDate(referenceYear: 0).dayNumber
                let first = CivilDate(year: after.year ?? 0, month: after.month, day: 1)?.dayNumber ?? 0
                let last = first + CivilDate.daysIn(month: after.month, year: after.year ?? 0) - 1
                monthly.append((index, (first - anchor)...(last - anchor)))
            } else {
                yearless.append((index, before, after))
            }
        }
        report.dates = dateForms.isEmpty ? "none" : (dateForms.count == 1 ? dateForms.first! : dateForms.sorted().joined(separator: " and "))
        if dateForms == ["shifted"] { report.dates = "shifted by one interval" }
        var counts: [Int: Int] = [:]
        for item in exact { counts[item.delta, default: 0] += 1 }
        let common = counts.max { ($0.value, -abs($0.key)) < ($1.value, -abs($1.key)) }?.key
        func datePlace(_ index: Int) -> (Int, Int) {
            let r = regionOfSpan[index]
            return (r >= 0 ? regions[r].output.lowerBound : mapToOutput(spans[index].start), spans[index].start)
        }
        if let common {
            for item in exact where item.delta != common {
                let place = datePlace(item.span)
                violation(.dateInterval, output: place.0, original: place.1,
                          "a date moved by another interval than the letter's other dates (an interval between case dates changed)")
            }
            for item in monthly where !item.range.contains(common) {
                let place = datePlace(item.span)
                violation(.dateInterval, output: place.0, original: place.1, "a month-and-year date moved by another interval than the letter's other dates")
            }
            for item in yearless {
                let fits = (1950...2040).contains { year in
                    let moved = item.before.civilDate(referenceYear: year).adding(days: common)
                    return moved.month == item.after.month && moved.day == item.after.day
                }
                if !fits {
                    let place = datePlace(item.span)
                    violation(.dateInterval, output: place.0, original: place.1, "a date without a year moved by another interval than the letter's other dates")
                }
            }
        }
        for index in spans.indices where spans[index].category == .AGE {
            let r = regionOfSpan[index]
            guard r >= 0, spansOfRegion[r].count == 1, let age = Int(spanText(index).trimmingCharacters(in: .whitespaces)) else { continue }
            let text = outputText(regions[r]).trimmingCharacters(in: .whitespaces)
            let place = (regions[r].output.lowerBound, spans[index].start)
            var inBand = true
            if text == "90 or older" {
                inBand = age >= 90
            } else if let value = Int(text) {
                inBand = value / 5 == age / 5 && age < 90
            } else if text.contains("-"), let low = Int(text.prefix { $0 != "-" }), let high = Int(text.drop { $0 != "-" }.dropFirst()) {
                inBand = low <= age && age <= high && low % 5 == 0 && high == low + 4
            } else {
                continue  // a placeholder
            }
            if !inBand { violation(.age, output: place.0, original: place.1, "an age moved out of its five-year band") }
        }

        // 5. Identifiers left: spans of the original not replaced, and a re-scan of the output.
        var reported = Set<Int>()
        for index in spans.indices where !replaced(index) {
            if mayStay(category: spans[index].category, text: spanText(index), kindOf: kind(index)) { continue }
            let at = mapToOutput(spans[index].start)
            reported.insert(at)
            violation(.identifierLeft, output: at, original: spans[index].start, "\(spans[index].category.rawValue) left unmasked")
        }
        // Words of the original's identifiers (not dates or ages): a finding in the output that holds
        // one is a leak wherever it is; one that holds none and sits on a replaced region's line with
        // only spaces and punctuation between is an artefact of the emptied slot (a header label
        // with no value takes the next column's label as its value) and is not reported.
        var identifierWords = Set<String>()
        for (index, span) in spans.enumerated() where span.category != .DATE && span.category != .AGE {
            // Identifiers the policy keeps (the IMR case number) are not leaks.
            if mayStay(category: span.category, text: spanText(index), kindOf: kind(index)) { continue }
            identifierWords.formUnion(significantWords(spanText(index)))
        }
        func sharesIdentifierWord(_ range: Range<Int>) -> Bool {
            !significantWords(Self.withoutPlaceholders(String(decoding: redacted[range], as: UTF8.self))).isDisjoint(with: identifierWords)
        }
        func isSlotArtefact(_ range: Range<Int>, ruleID: String) -> Bool {
            if sharesIdentifierWord(range) { return false }
            // The output's own parse reads an emptied header slot's neighbour as its value (and
            // propagation then spreads it); what it finds there shares no word with an identifier.
            if ruleID.hasPrefix("parse.") || ruleID.hasPrefix("propagate.") { return true }
            if regions.contains(where: { $0.output.lowerBound <= range.upperBound && range.lowerBound <= $0.output.upperBound }) { return true }
            func quiet(_ bytes: ArraySlice<UInt8>) -> Bool {
                bytes.allSatisfy { [0x20, 0x09, 0x3A, 0x2C, 0x2E, 0x3B, 0x28, 0x29, 0x2F, 0x2D].contains($0) }
            }
            if let before = regions.last(where: { $0.output.upperBound <= range.lowerBound }), quiet(redacted[before.output.upperBound..<range.lowerBound]) {
                return true
            }
            if let after = regions.first(where: { $0.output.lowerBound >= range.upperBound }), quiet(redacted[range.upperBound..<after.output.lowerBound]) {
                return true
            }
            return false
        }
        // A replacement that still holds a word of the identifier it replaced.
        for (r, region) in regions.enumerated() where !spansOfRegion[r].isEmpty {
            var words = Set<String>()
            for index in spansOfRegion[r] where ![.DATE, .AGE, .ID, .CONTACT].contains(spans[index].category) {
                words.formUnion(significantWords(spanText(index)))
            }
            let replacementWords = significantWords(Self.withoutPlaceholders(outputText(region)))
            // IDs and contacts: all the original's digits again, in order.
            let digitsLeft = spansOfRegion[r].contains { index in
                let category = spans[index].category
                guard category == .ID || category == .CONTACT else { return false }
                let digits = spanText(index).filter(\.isNumber)
                return digits.count >= 4 && outputText(region).filter(\.isNumber).contains(digits)
            }
            if !words.isDisjoint(with: replacementWords) || digitsLeft {
                reported.insert(region.output.lowerBound)
                violation(.identifierLeft, output: region.output.lowerBound, original: region.original.lowerBound,
                          "part of a \(spans[spansOfRegion[r][0]].category.rawValue) left in its replacement")
            }
        }
        for span in outputAnalysis.identifiers {
            if regions.contains(where: { $0.output.lowerBound < span.end && span.start < $0.output.upperBound }) { continue }
            if regions.contains(where: { $0.output.isEmpty && span.start < $0.output.lowerBound && $0.output.lowerBound < span.end }) { continue }
            let text = String(decoding: redacted[span.start..<span.end], as: UTF8.self)
            if mayStay(category: span.category, text: text, kindOf: IdentifierKind.of(span.category, text: redacted[span.start..<span.end])) { continue }
            if reported.contains(where: { abs($0 - span.start) < 2 }) { continue }
            if isSlotArtefact(span.start..<span.end, ruleID: span.ruleID) { continue }
            reported.insert(span.start)
            violation(.identifierLeft, output: span.start, original: -1, "\(span.category.rawValue) found in the output outside the replaced regions")
        }

        // 6. A policy that only removes or masks: redacting the output again changes nothing.
        var effective: RedactionPolicy? = policy
        if policy == nil {
            var actions: [Category: Action] = [:]
            var onlyMasks = true
            for (r, region) in regions.enumerated() {
                let text = outputText(region)
                for index in spansOfRegion[r] {
                    let category = spans[index].category
                    let action: Action
                    if text.isEmpty {
                        action = .remove
                    } else if text == "[\(category.rawValue)]" {
                        action = .placeholder
                    } else if text.hasPrefix("[\(category.rawValue)-"), text.hasSuffix("]"),
                        text.dropFirst(category.rawValue.count + 2).dropLast().allSatisfy(\.isNumber)
                    {
                        action = .numbered
                    } else {
                        onlyMasks = false
                        continue
                    }
                    if actions[category] == nil || actions[category] == action { actions[category] = action } else { actions[category] = .placeholder }
                }
            }
            for category in keptCategories { actions[category] = .keep }
            if ageCapInferred { actions[.AGE] = .ageCap }
            var kinds: [IdentifierKind: Action] = [:]
            for kind in keptKinds { kinds[kind] = .keep }
            effective = onlyMasks ? RedactionPolicy(name: "inferred", actions: actions, kindActions: kinds) : nil
        }
        if let effective, effective.onlyRemovesOrMasks || effective.actions.values.allSatisfy({ $0.onlyRemovesOrMasks || $0 == .ageCap }) {
            report.idempotenceChecked = true
            // Each change the second pass would make, but those on a replaced region's emptied slot.
            for changed in try redactAgain(redacted, analysis: outputAnalysis, structure: outputStructure, policy: effective) {
                let change = changed.start..<changed.end
                if reported.contains(where: { abs($0 - change.lowerBound) < 2 }) || isSlotArtefact(change, ruleID: changed.ruleID) { continue }
                reported.insert(change.lowerBound)
                violation(.notIdempotent, output: change.lowerBound, original: -1, "redacting the output again changes it")
            }
        }
        report.violations.sort { ($0.line, $0.kind.rawValue) < ($1.line, $1.kind.rawValue) }
        return report
    }

    /// Words that identify: two characters or more with a digit, or three letters or more that are
    /// no title, particle, company or street word, ordinary word of the letters or ID prefix (a
    /// surrogate keeps `Inc.`, `Ave`, `ADJ` and the like from its original).
    func significantWords(_ text: String) -> Set<String> {
        let lexicons = engine.detector.ruleSet.lexicons
        return Set(LetterIdentities.foldedWords(text).filter { word in
            if word.contains(where: \.isNumber) { return word.count >= 5 }
            guard word.count >= 3, !LetterIdentities.titles.contains(word), !LetterIdentities.particles.contains(word),
                !LetterIdentities.legalSuffixes.contains(word), !Self.genericWords.contains(word)
            else { return false }
            let bytes = Array(word.utf8)
            return !lexicons.orgGeneric.contains(bytes) && !lexicons.commonWords.contains(bytes) && !lexicons.stopwords.contains(bytes)
        })
    }

    static let genericWords: Set<String> = [
        "adj", "ssn", "npi", "www", "http", "https", "com", "org", "net", "example", "suite", "ste", "apt", "county",
        "street", "ave", "avenue", "blvd", "boulevard", "road", "drive", "way", "lane", "court", "place", "parkway",
        "highway", "circle", "xxx", "pkwy", "hwy", "cir", "ter", "terrace", "trl", "trail", "plaza", "square", "floor",
        "building", "bldg", "unit", "north", "south", "east", "west", "medical", "group", "health", "center", "imaging", "spine", "clinic", "physical",
        "therapy", "orthopedic", "associates", "claims", "services", "insurance", "company", "risk", "administrators",
        "casualty", "surgery", "surgical", "hospital", "institute", "rehabilitation", "chiropractic", "acupuncture",
        "pain", "management", "sports", "law", "legal", "review", "utilization", "partners", "industries", "foods", "logistics",
        "manufacturing", "farms", "builders",
    ]

    private func analyze(_ text: [UInt8], known: [KnownIdentifier]) throws(DocumentError) -> Resolver.Resolution {
        let result: Swift.Result<Resolver.Resolution, DocumentError> = text.withUnsafeBufferPointer { buffer in
            do throws(DocumentError) { return .success(try engine.analyze(buffer, known: known)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private func parse(_ text: [UInt8]) -> LetterStructure {
        text.withUnsafeBufferPointer { engine.parser.parse($0) }
    }

    /// The ranges of the output a second redaction with `policy` would change.
    private func redactAgain(
        _ text: [UInt8], analysis: Resolver.Resolution, structure: LetterStructure, policy: RedactionPolicy
    ) throws(DocumentError) -> [IdentifierSpan] {
        let transformer = PolicyTransformer(policy: policy)
        let result: Swift.Result<[IdentifierSpan], DocumentError> = text.withUnsafeBufferPointer { buffer in
            do throws(DocumentError) {
                let spans = analysis.identifiers
                let replacements = try transformer.replacements(for: spans, in: buffer, structure: structure)
                return .success(zip(spans, replacements).compactMap { span, replacement in
                    replacement.action == .keep || Array(replacement.text.utf8) == Array(text[span.start..<span.end]) ? nil : span
                })
            } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// The text with typed, numbered and pseudonym placeholders (`[PROVIDER-1]`) taken out.
    static func withoutPlaceholders(_ text: String) -> String {
        var bytes = Array(text.utf8)
        for range in Placeholders.ranges(in: bytes).reversed() { bytes.replaceSubrange(range, with: [0x20]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// White space runs collapsed, ends trimmed.
    static func flat(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
