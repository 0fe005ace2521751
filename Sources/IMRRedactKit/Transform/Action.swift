/// What to do with an identifier span. The raw value is the action's name in policy files, the
/// audit log and `redact --jsonl`.
public enum Action: String, Sendable, Codable, CaseIterable {
    /// Leave the span as it is (the published letters keep dates, ages and the IMR case number).
    case keep
    /// Delete the span, as the published letters do with names (`by  noted`).
    case remove
    /// Replace it with a typed placeholder such as `[PROVIDER]`.
    case placeholder
    /// A placeholder numbered within the letter: `[PROVIDER-1]` is the same person at every
    /// mention, surname-only mentions included.
    case numbered
    /// A random code, the same for the same identifier in every letter of a run (or of a vault):
    /// `[ID-7KQ2M9XD]`. Never derived from the identifier.
    case pseudonym
    /// A fictional value of the same shape: a name for a name, an organisation for an
    /// organisation, an address for an address; never equal to an identifier of the letter. A
    /// date is shifted, an age replaced by another in its five-year band.
    case surrogate
    /// Every date of a patient moved by one random whole number of days (30 to 360, either way),
    /// written in its original form.
    case dateShift = "date-shift"
    /// The year alone (`3/5/12` → `2012`); a date without a year becomes a placeholder.
    case yearOnly = "year-only"
    /// A five-year band (`43` → `40-44`); 90 and over become `90 or older`.
    case ageBand = "age-band"
    /// Ages below 90 kept; 90 and over become `90 or older` (HIPAA Safe Harbor).
    case ageCap = "age-cap"

    /// The categories this action can be given to.
    public func applies(to category: Category) -> Bool {
        switch self {
        case .keep, .remove, .placeholder, .numbered: return true
        case .pseudonym: return category != .DATE && category != .AGE
        case .surrogate: return true
        case .dateShift, .yearOnly: return category == .DATE
        case .ageBand, .ageCap: return category == .AGE
        }
    }

    /// Whether the output holds only what was there or typed placeholders (so that redacting it
    /// again changes nothing).
    public var onlyRemovesOrMasks: Bool { self == .keep || self == .remove || self == .placeholder || self == .numbered }
}
