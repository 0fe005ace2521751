import Foundation
import Yams

/// Reads rule files (YAML, `rules:` list) from a folder or from the rules built into the binary.
public enum RuleLoader {
    /// The rule files built into the binary from the package's `Patterns/` folder.
    public static func defaultRules() throws(PatternLoadError) -> [Rule] {
        try rules(from: defaultFiles())
    }

    /// The built-in rule files as (name, text), in name order.
    public static func defaultFiles() -> [(file: String, text: String)] {
        EmbeddedResources.files(under: "", extension: "yaml")
            .filter { !$0.path.contains("/") }
            .map { ("Patterns/" + $0.path, $0.text) }
    }

    /// Parses several rule files together: `macros:` of every file are collected first, so that
    /// any rule may use any file's `{{MACRO}}`.
    public static func rules(from files: [(file: String, text: String)]) throws(PatternLoadError) -> [Rule] {
        // Each file is composed once; its macros are read first, its rules after.
        var roots: [(file: String, text: String, root: Node?)] = []
        for (file, text) in files { roots.append((file, text, try composeRoot(yaml: text, file: file))) }
        var macros: [String: String] = [:]
        for (file, _, root) in roots {
            for (name, value) in try parseMacros(root: root, file: file) {
                if macros[name] != nil {
                    throw PatternLoadError(file: file, line: 0, column: 0, ruleID: nil, message: "macro '\(name)' is defined twice")
                }
                macros[name] = value
            }
        }
        var rules: [Rule] = []
        for (file, text, root) in roots { rules += try parse(root: root, yaml: text, file: file, macros: macros) }
        return rules
    }

    struct MacroError: Error { let message: String }

    /// Replaces every `{{NAME}}` in `regex` with its macro, recursively (at most 8 levels).
    static func expand(_ regex: String, macros: [String: String], depth: Int = 0) -> Result<String, MacroError> {
        guard regex.contains("{{") else { return .success(regex) }
        guard depth < 8 else { return .failure(MacroError(message: "macros nest deeper than 8 levels (a cycle?)")) }
        var result = ""
        var rest = Substring(regex)
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                return .failure(MacroError(message: "unclosed '{{' in the regex"))
            }
            let name = String(rest[open.upperBound..<close.lowerBound])
            guard let value = macros[name] else { return .failure(MacroError(message: "unknown macro '{{\(name)}}'")) }
            switch expand(value, macros: macros, depth: depth + 1) {
            case .success(let text): result += text
            case .failure(let error): return .failure(error)
            }
            rest = rest[close.upperBound...]
        }
        result += rest
        return .success(result)
    }

    static func parseMacros(root: Node?, file: String) throws(PatternLoadError) -> [(String, String)] {
        guard let root, let top = root.mapping,
            let macros = top["macros"]?.mapping
        else { return [] }
        var result: [(String, String)] = []
        for (key, value) in macros {
            guard let name = key.string, let text = value.string else {
                throw PatternLoadError(
                    file: file, line: key.mark?.line ?? 0, column: key.mark?.column ?? 0, ruleID: nil,
                    message: "each macro is NAME: regex text")
            }
            result.append((name, text))
        }
        return result
    }

    /// An error at `mark` of `file`, with the source line and a caret.
    static func loadError(file: String, yaml: String, at mark: Mark?, _ message: String, rule: String? = nil)
        -> PatternLoadError
    {
        let line = mark?.line ?? 0
        let column = mark?.column ?? 0
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let snippet = (line >= 1 && line <= lines.count) ? PatternLoadError.caret(line: String(lines[line - 1]), column: column) : nil
        return PatternLoadError(file: file, line: line, column: column, ruleID: rule, message: message, snippet: snippet)
    }

    /// Composes one YAML file; a syntax error names the file, line and column with a caret.
    static func composeRoot(yaml: String, file: String) throws(PatternLoadError) -> Node? {
        do {
            return try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                throw loadError(file: file, yaml: yaml, at: mark, "not valid YAML: \(problem)")
            default:
                throw loadError(file: file, yaml: yaml, at: nil, "not valid YAML: \(error)")
            }
        } catch {
            throw loadError(file: file, yaml: yaml, at: nil, "not valid YAML: \(error)")
        }
    }

    /// Reads every `*.yaml` / `*.yml` file directly inside `directory`, in name order.
    public static func rules(inDirectory directory: String) throws(PatternLoadError) -> [Rule] {
        try rules(from: files(inDirectory: directory))
    }

    static func files(inDirectory directory: String, names: [String]) throws(PatternLoadError) -> [(file: String, text: String)] {
        var files: [(file: String, text: String)] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path),
                let text = String(data: data, encoding: .utf8)
            else {
                throw PatternLoadError(
                    file: path, line: 0, column: 0, ruleID: nil, message: "cannot read the file as UTF-8 text")
            }
            files.append((path, text))
        }
        return files
    }

    /// The rule files of a folder, for loading together with others.
    public static func files(inDirectory directory: String) throws(PatternLoadError) -> [(file: String, text: String)] {
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
            throw PatternLoadError(file: directory, line: 0, column: 0, ruleID: nil, message: "no *.yaml rule files in this folder")
        }
        return try files(inDirectory: directory, names: names)
    }

    /// Parses one rule file. Top-level keys: `rules:` (the list), `macros:` (NAME: regex text, used
    /// as `{{NAME}}`), and the defaults `category:` / `kind:` / `allow:` for the file's rules. A rule
    /// with `allow: true` marks text that is never an identifier.
    /// - Throws: `PatternLoadError` naming the file, line and column.
    public static func parse(yaml: String, file: String, macros: [String: String] = [:]) throws(PatternLoadError) -> [Rule] {
        try parse(root: composeRoot(yaml: yaml, file: file), yaml: yaml, file: file, macros: macros)
    }

    static func parse(root: Node?, yaml: String, file: String, macros: [String: String]) throws(PatternLoadError) -> [Rule] {
        func fail(_ mark: Mark?, _ message: String, rule: String? = nil) -> PatternLoadError {
            loadError(file: file, yaml: yaml, at: mark, message, rule: rule)
        }

        guard let root, let top = root.mapping else { throw fail(root?.mark, "expected a mapping with a `rules:` list") }
        let defaultCategory = top["category"]?.string
        let defaultKind = top["kind"]?.string
        guard let list = top["rules"]?.sequence else {
            if top["macros"] != nil { return [] }
            throw fail(root.mark, "expected a `rules:` list")
        }

        let known: Set<String> = [
            "id", "category", "kind", "regex", "flags", "keywords", "description", "priority",
            "should-match", "should-not-match", "allow", "extend-left", "window", "keywords-match-case",
            "name-words",
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
            if map["allow"]?.bool ?? top["allow"]?.bool ?? false {
                target = .allow
            } else if let name = map["kind"]?.string ?? (map["category"] == nil ? defaultKind : nil) {
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
            guard let regexNode = map["regex"], let written = regexNode.string, !written.isEmpty else {
                throw fail(node.mark, "rule without a `regex`", rule: id)
            }
            let regex: String
            switch expand(written, macros: macros) {
            case .success(let text): regex = text
            case .failure(let error): throw fail(regexNode.mark, error.message, rule: id)
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
            var extendLeft: LeftExtension?
            if let value = map["extend-left"] {
                guard let name = value.string, let kind = LeftExtension(rawValue: name) else {
                    throw fail(value.mark, "extend-left is one of: \(LeftExtension.allCases.map(\.rawValue).joined(separator: ", "))", rule: id)
                }
                extendLeft = kind
            }
            var requiresNameWord = false
            if let value = map["name-words"] {
                guard value.string == "lexicon" else { throw fail(value.mark, "name-words is: lexicon", rule: id) }
                requiresNameWord = true
            }
            let mark = node.mark
            var rule = (
                Rule(
                    id: id, target: target, regex: regex, flags: flags, keywords: keywords,
                    keywordsMatchCase: map["keywords-match-case"]?.bool ?? false,
                    description: map["description"]?.string ?? "", priority: priority, extendLeft: extendLeft,
                    window: map["window"]?.int, shouldMatch: examples,
                    shouldNotMatch: counter,
                    source: .init(file: file, line: regexNode.mark?.line ?? mark?.line ?? 0, column: regexNode.mark?.column ?? 0)))
            rule.requiresNameWord = requiresNameWord
            rules.append(rule)
        }
        return rules
    }
}
