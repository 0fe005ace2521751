/// Checks each rule against its own examples, alone (without the other rules or the veto of
/// protected spans) but through its keyword windows, as it runs on a letter: every should-match example must produce a span (exactly the `expect`ed spans
/// when given), and no should-not-match example may produce one.
public enum RuleTester {
    public struct Failure: Sendable, CustomStringConvertible {
        public var ruleID: String
        public var source: Rule.Source
        public var message: String
        public var description: String { "\(source): rule '\(ruleID)': \(message)" }
    }

    public static func run(_ ruleSet: RuleSet) -> [Failure] {
        let detector = Detector(ruleSet: ruleSet)
        var failures: [Failure] = []
        for (index, compiled) in ruleSet.rules.enumerated() {
            let rule = compiled.rule
            func fail(_ message: String) { failures.append(Failure(ruleID: rule.id, source: rule.source, message: message)) }
            if rule.shouldMatch.isEmpty { fail("has no should-match example") }
            for example in rule.shouldMatch {
                let found: [String]
                do {
                    found = try spans(of: compiled, index: index, in: example.text, detector: detector)
                } catch {
                    fail("example \(quote(example.text)): \(error)")
                    continue
                }
                if let expect = example.expect {
                    if found != expect { fail("example \(quote(example.text)) gave \(found.map(quote)) instead of \(expect.map(quote))") }
                } else if found.isEmpty {
                    fail("does not match its example \(quote(example.text))")
                }
            }
            for counter in rule.shouldNotMatch {
                do {
                    let found = try spans(of: compiled, index: index, in: counter, detector: detector)
                    if !found.isEmpty { fail("matches its counter-example \(quote(counter)) at \(found.map(quote))") }
                } catch {
                    fail("counter-example \(quote(counter)): \(error)")
                }
            }
        }
        return failures
    }

    private static func spans(of compiled: CompiledRule, index: Int, in text: String, detector: Detector) throws(DocumentError)
        -> [String]
    {
        let bytes = Array(text.utf8)
        let result: Result<[String], DocumentError> = bytes.withUnsafeBufferPointer { buffer in
            var findings: [Finding] = []
            do throws(DocumentError) {
                // As in a letter: through the rule's keyword windows, so an example that only
                // the bare regex matches (a keyword that can never occur there) fails.
                detector.prepare(buffer)
                try detector.run(ruleAt: index, in: buffer, into: &findings)
            } catch {
                return .failure(error)
            }
            return .success(findings.map { String(decoding: buffer[$0.start..<$0.end], as: UTF8.self) })
        }
        return try result.get()
    }

    private static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r") + "\""
    }
}
