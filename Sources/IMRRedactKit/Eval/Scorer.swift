/// A predicted identifier span: half-open UTF-8 byte offsets into the original letter.
public struct PredictedSpan: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var category: Category
    /// The rule that found it, when known (shown in `--misses`, ignored by the figures).
    public var rule: String?

    public init(start: Int, end: Int, category: Category, rule: String? = nil) {
        self.start = start
        self.end = end
        self.category = category
        self.rule = rule
    }
}

/// The predictions for a gold set, keyed by letter id. A letter without an entry counts as a
/// letter where nothing was predicted.
public struct PredictionSet: Sendable {
    public var byID: [String: [PredictedSpan]]

    public init(byID: [String: [PredictedSpan]] = [:]) { self.byID = byID }

    /// Reads a prediction file with `score.py`'s checks: every id is in `gold` and appears once;
    /// every span has integer offsets inside its letter and a known category. Other keys
    /// (`rule`, `action`, `replacement`, `text`) are ignored, except that a string `rule` is kept.
    /// - Throws: `EvalInputError` naming `path` and the line.
    public static func load(path: String, gold: GoldSet) throws(EvalInputError) -> PredictionSet {
        var sizes: [String: Int] = [:]
        for letter in gold.letters { sizes[letter.id] = letter.text.count }
        var byID: [String: [PredictedSpan]] = [:]
        for (line, object) in try JSONLines.records(path: path) {
            let id = object["id"]?.stringValue ?? ""
            guard let size = sizes[id] else { throw EvalInputError("\(path):\(line): id '\(id)' is not in the gold file") }
            guard byID[id] == nil else { throw EvalInputError("\(path):\(line): duplicate id '\(id)'") }
            let spans = try JSONLines.spans(object, key: "spans", label: "category", path: path, line: line, size: size) {
                Category(rawValue: $0)
            }
            // Keep each span's rule id: the spans were sorted, so look the rules up by position.
            var rules: [PredictedSpanKey: String] = [:]
            if case .array(let values) = object["spans"] ?? .null {
                for value in values {
                    if case .int(let start) = value["start"] ?? .null, case .int(let end) = value["end"] ?? .null,
                        let rule = value["rule"]?.stringValue
                    {
                        rules[PredictedSpanKey(start: start, end: end)] = rule
                    }
                }
            }
            byID[id] = spans.map {
                PredictedSpan(
                    start: $0.start, end: $0.end, category: $0.label,
                    rule: rules[PredictedSpanKey(start: $0.start, end: $0.end)])
            }
        }
        return PredictionSet(byID: byID)
    }

    private struct PredictedSpanKey: Hashable {
        var start: Int
        var end: Int
    }

    /// Runs detection (patterns, the parse, propagation: what `RedactionEngine.analyze` does)
    /// over every gold letter, on `jobs` threads with an engine each.
    /// - Parameters:
    ///   - failed: called with the letter id and the error for a letter that cannot be scanned in
    ///     full; that letter then counts as one where nothing was predicted.
    ///   - progress: the letters done and their bytes, after each letter.
    public static func detect(
        _ gold: GoldSet, ruleSet: RuleSet, jobs: Int = 1, failed: (String, DocumentError) -> Void = { _, _ in },
        progress: (_ letters: Int, _ bytes: Int) -> Void = { _, _ in }
    ) -> PredictionSet {
        var byID: [String: [PredictedSpan]] = [:]
        var letters = gold.letters.makeIterator()
        var done = 0
        var bytes = 0
        OrderedWorkers.run(
            jobs: jobs,
            makeWorker: { () -> (GoldDocument) -> (GoldDocument, Result<Resolver.Resolution, DocumentError>) in
                let engine = RedactionEngine(ruleSet: ruleSet)
                return { letter in
                    let result = letter.text.withUnsafeBufferPointer { buffer -> Result<Resolver.Resolution, DocumentError> in
                        do throws(DocumentError) { return .success(try engine.analyze(buffer)) } catch { return .failure(error) }
                    }
                    return (letter, result)
                }
            },
            next: { letters.next() },
            consume: { (item: (GoldDocument, Result<Resolver.Resolution, DocumentError>)) in
                let (letter, result) = item
                switch result {
                case .success(let resolution):
                    byID[letter.id] = resolution.identifiers.map {
                        PredictedSpan(start: $0.start, end: $0.end, category: $0.category, rule: $0.ruleID)
                    }
                case .failure(let error):
                    failed(letter.id, error)
                    byID[letter.id] = []
                }
                done += 1
                bytes += letter.text.count
                progress(done, bytes)
            })
        return PredictionSet(byID: byID)
    }

    /// The predictions in `score.py`'s format, one line per gold letter in gold order:
    /// `{"id": ..., "spans": [{"start", "end", "category", "rule"}]}`.
    public func jsonLines(for gold: GoldSet) -> String {
        var out = ""
        for letter in gold.letters {
            let spans = (byID[letter.id] ?? []).sorted { ($0.start, $0.end) < ($1.start, $1.end) }
            let values: [EvalJSON] = spans.map { span in
                var pairs: [(String, EvalJSON)] = [
                    ("start", .int(span.start)), ("end", .int(span.end)), ("category", .string(span.category.rawValue)),
                ]
                if let rule = span.rule { pairs.append(("rule", .string(rule))) }
                return .object(pairs)
            }
            out += EvalJSON.object([("id", .string(letter.id)), ("spans", .array(values))]).compact() + "\n"
        }
        return out
    }
}

/// The accuracy figures of `score.py`, ported definition for definition (see `eval/README.md`).
public enum Scorer {
    /// Scores `predictions` against `gold`.
    /// - Complexity: O(letters × (bytes + spans × predictions)); the span loops are as in `score.py`,
    ///   which is fine for letters of a few hundred spans.
    public static func score(_ gold: GoldSet, _ predictions: PredictionSet) -> EvalReport {
        var rows = Dictionary(uniqueKeysWithValues: Category.allCases.map { ($0, EvalRow()) })
        var total = EvalRow()
        var kinds = Dictionary(uniqueKeysWithValues: ClinicalKind.allCases.map { ($0, KindCount()) })
        var misses: [EvalMiss] = []
        let goldIDs = Set(gold.letters.map(\.id))

        for letter in gold.letters {
            let data = letter.text
            let alnum = PythonText.alnumMask(data)
            let raw = (predictions.byID[letter.id] ?? []).sorted {
                ($0.start, $0.end, $0.category.rawValue) < ($1.start, $1.end, $1.category.rawValue)
            }
            let merged = merge(raw)
            var covered = [Bool](repeating: false, count: data.count)
            for span in merged { for index in span.start..<span.end { covered[index] = true } }
            let lines = TextPositions(data)

            func overlapping(_ start: Int, _ end: Int) -> [PredictedSpan] {
                raw.filter { start < $0.end && $0.start < end }
            }
            func rules(_ spans: [PredictedSpan]) -> [String] {
                Array(Set(spans.compactMap(\.rule))).sorted()
            }

            for span in letter.spans {
                rows[span.category, default: EvalRow()].gold += 1
                total.gold += 1
                let letters = (span.start..<span.end).filter { alnum[$0] }
                let caught: Bool
                if !letters.isEmpty {
                    caught = letters.allSatisfy { covered[$0] }
                } else {
                    caught = merged.contains { span.start < $0.end && $0.start < span.end }
                }
                let near = overlapping(span.start, span.end)
                let same = caught && near.contains { $0.category == span.category }
                if caught {
                    rows[span.category, default: EvalRow()].caught += 1
                    total.caught += 1
                }
                if same {
                    rows[span.category, default: EvalRow()].categoryCaught += 1
                    total.categoryCaught += 1
                }
                if !caught {
                    misses.append(
                        EvalMiss(
                            type: .missed, id: letter.id, start: span.start, end: span.end,
                            category: span.category.rawValue, line: lines.line(of: span.start),
                            masked: PythonText.mask(data[span.start..<span.end]), alnum: letters.count,
                            alnumCovered: letters.filter { covered[$0] }.count, rules: rules(near)))
                } else if !same {
                    misses.append(
                        EvalMiss(
                            type: .mislabel, id: letter.id, start: span.start, end: span.end,
                            category: span.category.rawValue, line: lines.line(of: span.start),
                            masked: PythonText.mask(data[span.start..<span.end]),
                            predicted: Array(Set(near.map(\.category.rawValue))).sorted(), rules: rules(near)))
                }
            }

            for span in merged {
                let hit = letter.spans.contains { span.start < $0.end && $0.start < span.end }
                total.predicted += 1
                if hit { total.predictedOverlappingGold += 1 }
                for category in span.categories {
                    rows[category, default: EvalRow()].predicted += 1
                    if hit { rows[category, default: EvalRow()].predictedOverlappingGold += 1 }
                }
                if !hit {
                    misses.append(
                        EvalMiss(
                            type: .spurious, id: letter.id, start: span.start, end: span.end,
                            category: span.categories.map(\.rawValue).sorted().joined(separator: "|"),
                            line: lines.line(of: span.start), masked: PythonText.mask(data[span.start..<span.end]),
                            rules: rules(overlapping(span.start, span.end))))
                }
            }

            for span in letter.protected {
                kinds[span.kind, default: KindCount()].total += 1
                let near = overlapping(span.start, span.end)
                let by = Set(near.map(\.category))
                for category in by { rows[category, default: EvalRow()].protectedDamaged += 1 }
                if !by.isEmpty {
                    kinds[span.kind, default: KindCount()].damaged += 1
                    total.protectedDamaged += 1
                    misses.append(
                        EvalMiss(
                            type: .damaged, id: letter.id, start: span.start, end: span.end,
                            category: span.kind.rawValue, line: lines.line(of: span.start),
                            text: String(decoding: data[span.start..<span.end], as: UTF8.self),
                            predicted: by.map(\.rawValue).sorted(), rules: rules(near)))
                }
            }
        }

        let protectedTotal = kinds.values.reduce(0) { $0 + $1.total }
        for category in Category.allCases { rows[category, default: EvalRow()].protectedTotal = protectedTotal }
        total.protectedTotal = protectedTotal
        return EvalReport(
            documentsGold: gold.letters.count,
            documentsPredicted: predictions.byID.keys.filter { goldIDs.contains($0) }.count,
            categories: Category.allCases.map { ($0, rows[$0] ?? EvalRow()) },
            overall: total,
            protectedByKind: ClinicalKind.allCases.map { ($0, kinds[$0] ?? KindCount()) },
            misses: misses)
    }

    /// A merged predicted span: the union of a group of overlapping predictions.
    struct MergedSpan {
        var start: Int
        var end: Int
        var categories: Set<Category>
    }

    /// Sorted predictions → overlapping ones joined (adjacent spans that share no byte are not).
    static func merge(_ spans: [PredictedSpan]) -> [MergedSpan] {
        var out: [MergedSpan] = []
        for span in spans {
            if let last = out.last, span.start < last.end {
                out[out.count - 1].end = max(last.end, span.end)
                out[out.count - 1].categories.insert(span.category)
            } else {
                out.append(MergedSpan(start: span.start, end: span.end, categories: [span.category]))
            }
        }
        return out
    }
}
