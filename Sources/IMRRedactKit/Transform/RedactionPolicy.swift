/// A kind of identifier that a policy may treat apart from the rest of its category.
public enum IdentifierKind: String, Sendable, CaseIterable, Hashable {
    /// The IMR case number (`CM13-0012345`), which the state publishes.
    case imrCaseNumber = "imr-case-number"

    /// The kind of an identifier span, from its category and its text.
    public static func of(_ category: Category, text: some Collection<UInt8>) -> IdentifierKind? {
        guard category == .ID else { return nil }
        // (CM|CB|CT)NN-NNNNN(NNN), as the rule id.imr-case finds it.
        let bytes = Array(text)
        guard bytes.count >= 10, bytes.count <= 13, bytes[0] == UInt8(ascii: "C"),
            [UInt8(ascii: "M"), UInt8(ascii: "B"), UInt8(ascii: "T")].contains(bytes[1]), bytes[4] == UInt8(ascii: "-")
        else { return nil }
        let digits = [2, 3] + Array(5..<bytes.count)
        return digits.allSatisfy({ bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }) ? .imrCaseNumber : nil
    }
}

/// For each category, an action (and, optionally, another action for a kind of identifier).
public struct RedactionPolicy: Sendable, Hashable {
    public var name: String
    public var description: String
    public var actions: [Category: Action]
    public var kindActions: [IdentifierKind: Action]

    public init(name: String, actions: [Category: Action], kindActions: [IdentifierKind: Action] = [:], description: String = "") {
        self.name = name
        self.actions = actions
        self.kindActions = kindActions
        self.description = description
    }

    /// The action for a category; a category the policy does not name gets a placeholder (fail closed).
    public func action(for category: Category) -> Action { actions[category] ?? .placeholder }

    /// The action for one identifier: its kind's, else its category's.
    public func action(for category: Category, text: some Collection<UInt8>) -> Action {
        if !kindActions.isEmpty, let kind = IdentifierKind.of(category, text: text), let action = kindActions[kind] {
            return action
        }
        return action(for: category)
    }

    /// Whether every action only keeps, removes or puts a placeholder (redacting the output again
    /// then changes nothing).
    public var onlyRemovesOrMasks: Bool {
        Category.allCases.allSatisfy { action(for: $0).onlyRemovesOrMasks } && kindActions.values.allSatisfy(\.onlyRemovesOrMasks)
    }

    /// Whether an action needs the pseudonym store (pseudonyms, surrogates, date shifts).
    public var usesStore: Bool {
        (Array(actions.values) + Array(kindActions.values)).contains { $0 == .pseudonym || $0 == .surrogate || $0 == .dateShift }
    }

    /// Every identifier becomes a typed placeholder (`--style placeholder`).
    public static let placeholders = RedactionPolicy(
        name: "placeholder", actions: Dictionary(uniqueKeysWithValues: Category.allCases.map { ($0, .placeholder) }),
        description: "Every identifier becomes a typed placeholder ([PROVIDER], [DATE] ...).")

    /// Person names are removed as in the published letters; everything else gets a placeholder
    /// (`--style blank`).
    public static let blank = RedactionPolicy(
        name: "blank",
        actions: Dictionary(
            uniqueKeysWithValues: Category.allCases.map { ($0, $0.isPersonName ? Action.remove : .placeholder) }),
        description: "Person names removed as the published letters do; placeholders for the rest.")
}
