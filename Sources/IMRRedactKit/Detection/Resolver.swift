/// Turns raw findings into the spans to transform: a protected clinical span vetoes every
/// identifier finding that overlaps it, and overlapping identifier findings merge into one span.
public enum Resolver {
    public struct Resolution: Sendable {
        /// Sorted, non-overlapping identifier spans.
        public var identifiers: [IdentifierSpan]
        /// Sorted protected spans (they may overlap one another).
        public var protected: [ProtectedSpan]
        /// Identifier findings dropped because they overlap a protected span.
        public var vetoed: Int
        /// The disjoint union of protected and allowed (public body) ranges, sorted.
        public var guarded: [Range<Int>] = []
    }

    /// - Complexity: O(k log k) for k findings.
    public static func resolve(_ raw: Detector.RawFindings, ruleSet: RuleSet) -> Resolution {
        let rules = ruleSet.descriptors
        let protectedSorted = raw.protected.sorted { ($0.start, $1.end) < ($1.start, $0.end) }
        var protectedSpans: [ProtectedSpan] = []
        protectedSpans.reserveCapacity(protectedSorted.count)
        // Disjoint union of protected ranges, for the veto.
        var guarded: [Range<Int>] = []
        for finding in protectedSorted {
            if case .protected(let kind) = rules[finding.rule].target {
                protectedSpans.append(
                    ProtectedSpan(start: finding.start, end: finding.end, kind: kind, ruleID: rules[finding.rule].id))
            }
            if let last = guarded.last, finding.start < last.upperBound {
                guarded[guarded.count - 1] = last.lowerBound..<max(last.upperBound, finding.end)
            } else {
                guarded.append(finding.start..<finding.end)
            }
        }

        func isVetoed(_ finding: Finding) -> Bool {
            // First guarded range that ends after the finding starts.
            var low = 0
            var high = guarded.count
            while low < high {
                let mid = (low + high) / 2
                if guarded[mid].upperBound <= finding.start { low = mid + 1 } else { high = mid }
            }
            return low < guarded.count && guarded[low].lowerBound < finding.end
        }

        var vetoed = 0
        var kept: [Finding] = []
        kept.reserveCapacity(raw.identifiers.count)
        for finding in raw.identifiers {
            if isVetoed(finding) { vetoed += 1 } else { kept.append(finding) }
        }
        kept.sort { ($0.start, $1.end) < ($1.start, $0.end) }

        func better(_ a: Finding, than b: Finding) -> Bool {
            let lengthA = a.end - a.start
            let lengthB = b.end - b.start
            if lengthA != lengthB { return lengthA > lengthB }
            let ruleA = rules[a.rule]
            let ruleB = rules[b.rule]
            if ruleA.priority != ruleB.priority { return ruleA.priority > ruleB.priority }
            if case .identifier(let ca) = ruleA.target, case .identifier(let cb) = ruleB.target, ca != cb {
                return ca < cb
            }
            return a.rule < b.rule
        }

        var spans: [IdentifierSpan] = []
        var index = 0
        while index < kept.count {
            var best = kept[index]
            var end = best.end
            let start = best.start
            index += 1
            while index < kept.count && kept[index].start < end {
                if better(kept[index], than: best) { best = kept[index] }
                end = max(end, kept[index].end)
                index += 1
            }
            guard case .identifier(let category) = rules[best.rule].target else { continue }
            spans.append(IdentifierSpan(start: start, end: end, category: category, ruleID: rules[best.rule].id))
        }
        return Resolution(identifiers: spans, protected: protectedSpans, vetoed: vetoed, guarded: guarded)
    }

    /// Joins person-name spans of one category that only spaces separate (`[PROVIDER] [PROVIDER]`
    /// for a first name and a surname found apart becomes one span). A line break is kept.
    public static func joiningNames(_ spans: [IdentifierSpan], in text: UnsafeBufferPointer<UInt8>) -> [IdentifierSpan] {
        var result: [IdentifierSpan] = []
        result.reserveCapacity(spans.count)
        for span in spans {
            if var last = result.last, last.category == span.category, span.category.isPersonName,
                span.start - last.end <= 2, (last.end..<span.start).allSatisfy({ text[$0] == 0x20 })
            {
                last.end = span.end
                result[result.count - 1] = last
                continue
            }
            result.append(span)
        }
        return result
    }
}
