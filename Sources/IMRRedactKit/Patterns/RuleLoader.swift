import Foundation
import Yams

/// Reads rule files (YAML, `rules:` list) from a folder or from the rules built into the binary.
public enum RuleLoader {
    /// The rule files built into the binary from the package's `Patterns/` folder.
    public static func defaultRules() throws(PatternLoadError) -> [Rule] {
        var rules: [Rule] = []
        for (path, text) in EmbeddedResources.files(under: "", extension: "yaml") where !path.contains("/") {
            rules += try parse(yaml: text, file: "Patterns/" + path)
        }
        return rules
    }

    /// Reads every `*.yaml` / `*.yml` file directly inside `directory`, in name order.
    public static func rules(inDirectory directory: String) throws(PatternLoadError) -> [Rule] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        } catch {
            throw PatternLoadError(
                file: directory, line: 0, column: 0, ruleID: nil,
                message: "cannot read the pattern folder (\(error.localizedDescription))")
        }
        if names.isEmpty {
            throw PatternLoadError(
                file: directory, line: 0, column: 0, ruleID: nil, message: "no *.yaml rule files in this folder")
        }
        var rules: [Rule] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path),
                let text = String(data: data, encoding: .utf8)
            else {
                throw PatternLoadError(
                    file: path, line: 0, column: 0, ruleID: nil, message: "cannot read the file as UTF-8 text")
            }
            rules += try parse(yaml: text, file: path)
        }
        return rules
    }

    /// Parses one rule file.
    /// - Throws: `PatternLoadError` naming the file, line and column.
    public static func parse(yaml: String, file: String) throws(PatternLoadError) -> [Rule] {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func fail(_ mark: Mark?, _ message: String, rule: String? = nil) -> PatternLoadError {
            let line = mark?.line ?? 0
            let column = mark?.column ?? 0
            let snippet = (line >= 1 && line <= lines.count) ? PatternLoadError.caret(line: lines[line - 1], column: column) : nil
            return PatternLoadError(file: file, line: line, column: column, ruleID: rule, message: message, snippet: snippet)
        }

        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                throw fail(mark, "not valid YAML: \(problem)")
            default:
                throw fail(nil, "not valid YAML: \(error)")
            }
        } catch {
            throw fail(nil, "not valid YAML: \(error)")
        }
        guard let root, let top = root.mapping else { throw fail(root?.mark, "expected a mapping with a `rules:` list") }
        let defaultCategory = top["category"]?.string
        let defaultKind = top["kind"]?.string
        guard let list = top["rules"]?.sequence else { throw fail(root.mark, "expected a `rules:` list") }

        let known: Set<String> = [
            "id", "category", "kind", "regex", "flags", "keywords", "description", "priority",
            "should-match", "should-not-match",
        ]
        var rules: [Rule] = []
        for node in list {
            guard let map = node.mapping else { throw fail(node.mark, "each rule must be a mapping") }
            guard let id = map["id"]?.string, !id.isEmpty else { throw fail(node.mark, "rule without an `id`") }
            for key in map.keys {
                guard let name = key.string, known.contains(name) else {
                    throw fail(key.mark, "unknown key '\(key.string ?? "?")' (known: \(known.sorted().joined(separator: ", ")))", rule: id)
                }
            }
            let target: RuleTarget
            if let name = map["kind"]?.string ?? (map["category"] == nil ? defaultKind : nil) {
                guard let kind = ClinicalKind(rawValue: name) else {
                    throw fail(map["kind"]?.mark ?? node.mark, "unknown protected kind '\(name)' (known: \(ClinicalKind.allCases.map(\.rawValue).joined(separator: " ")))", rule: id)
                }
                target = .protected(kind)
            } else if let name = map["category"]?.string ?? defaultCategory {
                guard let category = Category(rawValue: name) else {
                    throw fail(map["category"]?.mark ?? node.mark, "unknown category '\(name)' (known: \(Category.allCases.map(\.rawValue).joined(separator: " ")))", rule: id)
                }
                target = .identifier(category)
            } else {
                throw fail(node.mark, "rule needs a `category` (identifier) or a `kind` (protected clinical span)", rule: id)
            }
            guard let regexNode = map["regex"], let regex = regexNode.string, !regex.isEmpty else {
                throw fail(node.mark, "rule without a `regex`", rule: id)
            }
            var flags: CompileOptions = []
            for flag in map["flags"]?.sequence.map(Array.init) ?? [] {
                guard let name = flag.string, let option = CompileOptions.byName[name] else {
                    throw fail(flag.mark, "unknown flag '\(flag.string ?? "?")' (known: caseless, multiline, dotall, extended, ucp)", rule: id)
                }
                flags.insert(option)
            }
            let keywords = (map["keywords"]?.sequence.map(Array.init) ?? []).compactMap(\.string)
            var examples: [Rule.Example] = []
            for example in map["should-match"]?.sequence.map(Array.init) ?? [] {
                if let text = example.string {
                    examples.append(.init(text: text, expect: nil))
                } else if let exampleMap = example.mapping, let text = exampleMap["text"]?.string {
                    let expect = exampleMap["expect"]?.sequence.map { $0.compactMap(\.string) }
                    examples.append(.init(text: text, expect: expect))
                } else {
                    throw fail(example.mark, "a should-match entry is a string or {text:, expect: [...]}", rule: id)
                }
            }
            let counter = (map["should-not-match"]?.sequence.map(Array.init) ?? []).compactMap(\.string)
            let priority = map["priority"]?.int ?? 0
            let mark = node.mark
            rules.append(
                Rule(
                    id: id, target: target, regex: regex, flags: flags, keywords: keywords,
                    description: map["description"]?.string ?? "", priority: priority, shouldMatch: examples,
                    shouldNotMatch: counter,
                    source: .init(file: file, line: regexNode.mark?.line ?? mark?.line ?? 0, column: regexNode.mark?.column ?? 0)))
        }
        return rules
    }
}
