import Foundation

/// The counts of one row of the table (one category, or all of them) and the figures derived
/// from them, as `score.py` defines them.
public struct EvalRow: Sendable, Equatable {
    /// Gold identifier spans.
    public var gold = 0
    /// Gold spans whose every alphanumeric byte lies inside some predicted span.
    public var caught = 0
    /// Caught gold spans overlapped by a predicted span of their own category.
    public var categoryCaught = 0
    /// Merged predicted spans (in a category row: those that carry the category).
    public var predicted = 0
    /// Merged predicted spans that overlap a gold identifier span.
    public var predictedOverlappingGold = 0
    /// Gold protected spans overlapped by a prediction (of this row's category).
    public var protectedDamaged = 0
    /// Gold protected spans of the whole set.
    public var protectedTotal = 0

    public init() {}

    /// caught / gold; `nil` without gold spans.
    public var leakRecall: Double? { Self.ratio(caught, gold) }
    /// categoryCaught / gold; `nil` without gold spans.
    public var categoryRecall: Double? { Self.ratio(categoryCaught, gold) }
    /// predictedOverlappingGold / predicted; `nil` without predicted spans.
    public var precision: Double? { Self.ratio(predictedOverlappingGold, predicted) }

    /// 5PR / (4P + R): 0 when R or P is 0; `nil` when R is undefined, or P is while R > 0.
    public var f2: Double? {
        guard let recall = leakRecall else { return nil }
        if recall == 0 { return 0 }
        guard let precision else { return nil }
        if precision == 0 { return 0 }
        return 5 * precision * recall / (4 * precision + recall)
    }

    static func ratio(_ a: Int, _ b: Int) -> Double? { b == 0 ? nil : Double(a) / Double(b) }
}

/// Gold protected spans of one kind, and how many were damaged.
public struct KindCount: Sendable, Equatable {
    public var total = 0
    public var damaged = 0

    public init() {}
}

/// One entry of `--misses`. Identifier text appears only masked; a damaged protected span shows
/// its clinical text.
public struct EvalMiss: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A gold span not caught.
        case missed
        /// A caught gold span with no overlapping prediction of its category.
        case mislabel
        /// A merged predicted span that overlaps no gold span.
        case spurious
        /// A protected span overlapped by a prediction.
        case damaged
    }

    public var type: Kind
    public var id: String
    public var start: Int
    public var end: Int
    /// The gold category, the `|`-joined categories of a spurious span, or a protected kind.
    public var category: String
    /// 1-based line of `start`.
    public var line: Int
    public var masked: String?
    /// The clinical text of a damaged protected span.
    public var text: String?
    public var alnum: Int?
    public var alnumCovered: Int?
    /// Categories of the overlapping predictions (mislabel, damaged).
    public var predicted: [String]?
    /// Ids of the rules whose predictions overlap the span (sorted; may be empty).
    public var rules: [String]

    public init(
        type: Kind, id: String, start: Int, end: Int, category: String, line: Int, masked: String? = nil,
        text: String? = nil, alnum: Int? = nil, alnumCovered: Int? = nil, predicted: [String]? = nil,
        rules: [String] = []
    ) {
        self.type = type
        self.id = id
        self.start = start
        self.end = end
        self.category = category
        self.line = line
        self.masked = masked
        self.text = text
        self.alnum = alnum
        self.alnumCovered = alnumCovered
        self.predicted = predicted
        self.rules = rules
    }
}

/// What `eval` and `score.py` report: the per-category rows, the overall row, damaged protected
/// spans per kind, and the misses.
public struct EvalReport: Sendable {
    public var documentsGold: Int
    public var documentsPredicted: Int
    /// Every category, in `Category.allCases` order.
    public var categories: [(Category, EvalRow)]
    public var overall: EvalRow
    /// Every kind, in `ClinicalKind.allCases` order.
    public var protectedByKind: [(ClinicalKind, KindCount)]
    public var misses: [EvalMiss]

    public var protectedTotal: Int { overall.protectedTotal }
    public var protectedDamaged: Int { overall.protectedDamaged }

    /// The row of `category`.
    public func row(_ category: Category) -> EvalRow {
        categories.first { $0.0 == category }?.1 ?? EvalRow()
    }
}

extension EvalReport {
    /// The text table, laid out as `score.py` prints it; with `misses`, the four lists follow,
    /// each entry also naming its line and the rules involved.
    public func table(misses showMisses: Bool) -> String {
        var out: [String] = []
        out.append("letters: \(documentsGold) gold, \(documentsPredicted) with predictions")
        out.append(
            Self.pad("category", 9, left: true) + " " + Self.pad("gold", 5) + " " + Self.pad("caught", 6) + " "
                + Self.pad("leak_rec", 8) + " " + Self.pad("cat_rec", 8) + " " + Self.pad("merged", 6) + " "
                + Self.pad("on_gold", 7) + " " + Self.pad("precision", 9) + " " + Self.pad("damaged", 7) + " "
                + Self.pad("F2", 6))
        for (name, row) in categories.map({ ($0.0.rawValue, $0.1) }) + [("ALL", overall)] {
            out.append(
                Self.pad(name, 9, left: true) + " " + Self.pad(String(row.gold), 5) + " " + Self.pad(String(row.caught), 6)
                    + " " + Self.pad(Self.format(row.leakRecall), 8) + " " + Self.pad(Self.format(row.categoryRecall), 8)
                    + " " + Self.pad(String(row.predicted), 6) + " " + Self.pad(String(row.predictedOverlappingGold), 7)
                    + " " + Self.pad(Self.format(row.precision), 9) + " " + Self.pad(String(row.protectedDamaged), 7)
                    + " " + Self.pad(Self.format(row.f2), 6))
        }
        out.append("protected spans damaged: \(protectedDamaged) / \(protectedTotal)")
        out.append(
            "  "
                + protectedByKind.filter { $0.1.total > 0 }.map { "\($0.0.rawValue) \($0.1.damaged)/\($0.1.total)" }
                .joined(separator: "  "))
        if showMisses {
            let titles: [(EvalMiss.Kind, String)] = [
                (.missed, "missed gold spans"), (.mislabel, "caught under another category"),
                (.spurious, "spurious predicted spans"), (.damaged, "damaged protected spans"),
            ]
            for (kind, title) in titles {
                let entries = misses.filter { $0.type == kind }
                out.append("## \(title): \(entries.count)")
                for miss in entries {
                    var shown = (kind == .damaged ? miss.text : miss.masked) ?? ""
                    shown = shown.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
                        .replacingOccurrences(of: "\u{0C}", with: "\\f")
                    let extra = miss.predicted.map { " (predicted \($0.joined(separator: "|")))" } ?? ""
                    var where_ = " [line \(miss.line)"
                    if !miss.rules.isEmpty { where_ += "; rule \(miss.rules.joined(separator: "|"))" }
                    where_ += "]"
                    out.append("\(miss.id) \(miss.start) \(miss.end) \(miss.category) \(shown)\(extra)\(where_)")
                }
            }
        }
        return out.joined(separator: "\n")
    }

    /// The report as `score.py --json` writes it (same keys in the same order); with `misses`,
    /// each miss also carries `line` and `rules`.
    public func json(misses showMisses: Bool) -> EvalJSON {
        func number(_ value: Double?) -> EvalJSON { value.map { .float($0) } ?? .null }
        func row(_ row: EvalRow) -> EvalJSON {
            .object([
                ("gold", .int(row.gold)), ("caught", .int(row.caught)), ("category_caught", .int(row.categoryCaught)),
                ("predicted", .int(row.predicted)), ("predicted_overlapping_gold", .int(row.predictedOverlappingGold)),
                ("protected_damaged", .int(row.protectedDamaged)), ("leak_recall", number(row.leakRecall)),
                ("category_recall", number(row.categoryRecall)), ("precision", number(row.precision)),
                ("protected_total", .int(row.protectedTotal)), ("f2", number(row.f2)),
            ])
        }
        var pairs: [(String, EvalJSON)] = [
            ("documents", .object([("gold", .int(documentsGold)), ("predicted", .int(documentsPredicted))])),
            ("categories", .object(categories.map { ($0.0.rawValue, row($0.1)) })),
            ("overall", row(overall)),
            (
                "protected",
                .object([
                    ("total", .int(protectedTotal)), ("damaged", .int(protectedDamaged)),
                    (
                        "by_kind",
                        .object(
                            protectedByKind.map {
                                ($0.0.rawValue, .object([("total", .int($0.1.total)), ("damaged", .int($0.1.damaged))]))
                            })
                    ),
                ])
            ),
        ]
        if showMisses {
            pairs.append(("misses", .array(misses.map(Self.json(miss:)))))
        }
        return .object(pairs)
    }

    private static func json(miss: EvalMiss) -> EvalJSON {
        var pairs: [(String, EvalJSON)] = [
            ("type", .string(miss.type.rawValue)), ("id", .string(miss.id)), ("start", .int(miss.start)),
            ("end", .int(miss.end)), ("category", .string(miss.category)),
        ]
        if let alnum = miss.alnum { pairs.append(("alnum", .int(alnum))) }
        if let covered = miss.alnumCovered { pairs.append(("alnum_covered", .int(covered))) }
        if let predicted = miss.predicted { pairs.append(("predicted", .array(predicted.map { .string($0) }))) }
        if let masked = miss.masked { pairs.append(("masked", .string(masked))) }
        if let text = miss.text { pairs.append(("text", .string(text))) }
        pairs.append(("line", .int(miss.line)))
        pairs.append(("rules", .array(miss.rules.map { .string($0) })))
        return .object(pairs)
    }

    /// `score.py`'s `_fmt`: four decimals, or `n/a`.
    static func format(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        return String(format: "%.4f", value)
    }

    /// Pads to `width` characters, on the left (numbers) or on the right (`left: true`, names).
    static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let count = text.count
        guard count < width else { return text }
        let fill = String(repeating: " ", count: width - count)
        return left ? text + fill : fill + text
    }
}

/// The bars a run must meet (`--min-leak-recall`, `--min-precision`, `--max-damaged`).
public struct EvalBars: Sendable {
    /// Leak recall every category with gold spans, and the whole set, must reach.
    public var minLeakRecall: Double?
    /// Precision the whole set must reach (not checked when nothing was predicted).
    public var minPrecision: Double?
    /// Most protected spans that may be damaged.
    public var maxDamaged: Int?

    public init(minLeakRecall: Double? = nil, minPrecision: Double? = nil, maxDamaged: Int? = nil) {
        self.minLeakRecall = minLeakRecall
        self.minPrecision = minPrecision
        self.maxDamaged = maxDamaged
    }

    /// One line per bar missed (empty when every bar is met).
    public func failures(of report: EvalReport) -> [String] {
        var out: [String] = []
        if let bar = minLeakRecall {
            for (name, row) in report.categories.map({ ($0.0.rawValue, $0.1) }) + [("ALL", report.overall)] {
                if let recall = row.leakRecall, recall < bar {
                    out.append("leak recall of \(name) \(EvalReport.format(recall)) is below \(bar)")
                }
            }
        }
        if let bar = minPrecision, let precision = report.overall.precision, precision < bar {
            out.append("precision \(EvalReport.format(precision)) is below \(bar)")
        }
        if let bar = maxDamaged, report.protectedDamaged > bar {
            out.append("\(report.protectedDamaged) protected spans damaged, more than \(bar)")
        }
        return out
    }
}
