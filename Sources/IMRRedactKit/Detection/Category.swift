/// An identifier category of the annotation guide (`spec/identifiers.md`).
public enum Category: String, CaseIterable, Sendable, Codable, Comparable {
    case PATIENT, PROVIDER, PERSON, ORG, LOCATION, DATE, AGE, ID, CONTACT

    /// Person-name categories: the ones the published letters simply remove.
    public var isPersonName: Bool { self == .PATIENT || self == .PROVIDER || self == .PERSON }

    /// Rank used when overlapping findings of different categories merge: the lower wins a tie.
    var mergeRank: Int { Category.allCases.firstIndex(of: self)! }

    public static func < (lhs: Category, rhs: Category) -> Bool { lhs.mergeRank < rhs.mergeRank }
}

/// A protected clinical kind: spans of these must survive byte for byte.
public enum ClinicalKind: String, CaseIterable, Sendable, Codable {
    case PAIN_SCORE, SPINE_LEVEL, FREQUENCY, COUNT, DURATION, DOSE, MEASURE, CODE, GUIDELINE, DECISION
}

/// What a rule finds: an identifier to mask, a clinical span to protect, or text that is known
/// not to be an identifier (an allowlist entry: public bodies, form headings, guideline sources).
public enum RuleTarget: Sendable, Hashable, CustomStringConvertible {
    case identifier(Category)
    case protected(ClinicalKind)
    /// Vetoes overlapping identifier findings like a protected span, without being clinical.
    case allow

    public var description: String {
        switch self {
        case .identifier(let category): return category.rawValue
        case .protected(let kind): return "protected:\(kind.rawValue)"
        case .allow: return "allow"
        }
    }
}
