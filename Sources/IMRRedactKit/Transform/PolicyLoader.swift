import Foundation
import Yams

/// Reads redaction policies: the built-in ones (`placeholder`, `blank`, and the files of
/// `Patterns/policies/`, compiled into the binary) or a YAML file of the same shape:
///
/// ```yaml
/// name: public-release
/// actions: {PATIENT: remove, DATE: keep, ...}   # a category not named gets a placeholder
/// kinds: {imr-case-number: keep}                # optional
/// ```
public enum PolicyLoader {
    /// Names of the built-in policies, in a stable order.
    public static var builtInNames: [String] {
        ["placeholder", "blank"] + embeddedFiles().map { ($0.path as NSString).lastPathComponent }
            .map { String($0.prefix(while: { $0 != "." })) }.sorted()
    }

    static func embeddedFiles() -> [(path: String, text: String)] {
        EmbeddedResources.files(under: "policies/", extension: "yaml") + EmbeddedResources.files(under: "policies/", extension: "yml")
    }

    /// The policy named `nameOrPath` (a built-in name), else the policy file at that path.
    /// - Throws: `PatternLoadError` naming the file, line and column, or listing the built-in names.
    public static func load(_ nameOrPath: String) throws(PatternLoadError) -> RedactionPolicy {
        if nameOrPath == "placeholder" { return .placeholders }
        if nameOrPath == "blank" { return .blank }
        for (path, text) in embeddedFiles() {
            let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            if base == nameOrPath { return try parse(yaml: text, file: "Patterns/" + path) }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: nameOrPath, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw PatternLoadError(
                file: nameOrPath, line: 0, column: 0, ruleID: nil,
                message: "no built-in policy of this name (\(builtInNames.joined(separator: ", "))) and no such file")
        }
        guard let data = FileManager.default.contents(atPath: nameOrPath), let text = String(data: data, encoding: .utf8) else {
            throw PatternLoadError(file: nameOrPath, line: 0, column: 0, ruleID: nil, message: "cannot read the policy file as UTF-8 text")
        }
        return try parse(yaml: text, file: nameOrPath)
    }

    /// Parses one policy file.
    public static func parse(yaml: String, file: String) throws(PatternLoadError) -> RedactionPolicy {
        let root = try RuleLoader.composeRoot(yaml: yaml, file: file)
        func fail(_ node: Node?, _ message: String) -> PatternLoadError {
            RuleLoader.loadError(file: file, yaml: yaml, at: node?.mark, message)
        }
        guard let top = root?.mapping else { throw fail(root, "a policy is a mapping with name: and actions:") }
        var name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        var description = ""
        var actions: [Category: Action] = [:]
        var kinds: [IdentifierKind: Action] = [:]
        func action(_ node: Node) throws(PatternLoadError) -> Action {
            guard let text = node.string, let action = Action(rawValue: text) else {
                throw fail(node, "unknown action (one of \(Action.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return action
        }
        for (key, value) in top {
            switch key.string {
            case "name":
                guard let text = value.string, !text.isEmpty else { throw fail(value, "name: must be a non-empty string") }
                name = text
            case "description":
                description = value.string ?? ""
            case "actions":
                guard let map = value.mapping else { throw fail(value, "actions: maps a category to an action") }
                for (categoryNode, actionNode) in map {
                    guard let text = categoryNode.string, let category = Category(rawValue: text) else {
                        throw fail(categoryNode, "unknown category (one of \(Category.allCases.map(\.rawValue).joined(separator: " ")))")
                    }
                    let chosen = try action(actionNode)
                    guard chosen.applies(to: category) else {
                        throw fail(actionNode, "the action '\(chosen.rawValue)' does not apply to \(category.rawValue)")
                    }
                    guard actions[category] == nil else { throw fail(categoryNode, "\(category.rawValue) is given twice") }
                    actions[category] = chosen
                }
            case "kinds":
                guard let map = value.mapping else { throw fail(value, "kinds: maps a kind of identifier to an action") }
                for (kindNode, actionNode) in map {
                    guard let text = kindNode.string, let kind = IdentifierKind(rawValue: text) else {
                        throw fail(kindNode, "unknown kind (one of \(IdentifierKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    let chosen = try action(actionNode)
                    guard chosen.applies(to: .ID) else { throw fail(actionNode, "the action '\(chosen.rawValue)' does not apply to an ID") }
                    kinds[kind] = chosen
                }
            default:
                throw fail(key, "unknown key (name, description, actions, kinds)")
            }
        }
        guard !actions.isEmpty else { throw fail(root, "actions: is missing or empty") }
        return RedactionPolicy(name: name, actions: actions, kindActions: kinds, description: description)
    }
}
