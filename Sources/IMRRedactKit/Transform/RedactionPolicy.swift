/// What to do with an identifier span.
public enum Action: String, Sendable, Codable, CaseIterable {
    /// Delete the span, as the published letters do with names (`by  noted`).
    case remove
    /// Replace it with a typed placeholder such as `[PROVIDER]`.
    case placeholder
}

/// For each category, an action.
public struct RedactionPolicy: Sendable, Hashable {
    public var name: String
    public var actions: [Category: Action]

    public init(name: String, actions: [Category: Action]) {
        self.name = name
        self.actions = actions
    }

    public func action(for category: Category) -> Action { actions[category] ?? .placeholder }

    /// Every identifier becomes a typed placeholder.
    public static let placeholders = RedactionPolicy(
        name: "placeholder", actions: Dictionary(uniqueKeysWithValues: Category.allCases.map { ($0, .placeholder) }))

    /// Person names are removed as in the published letters; everything else gets a placeholder.
    public static let blank = RedactionPolicy(
        name: "blank",
        actions: Dictionary(
            uniqueKeysWithValues: Category.allCases.map { ($0, $0.isPersonName ? Action.remove : .placeholder) }))
}
