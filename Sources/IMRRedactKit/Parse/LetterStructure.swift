/// The layouts of IMR letters (`../shared/spec/identifiers.md`, "Document structure").
public enum Layout: String, Sendable, CaseIterable, Codable {
    case caseNumber = "case-number"
    case maximus
    case professionalReview = "professional-review"
    case notice
    case unknown
}

/// A piece of the letter's own text with its UTF-8 byte range.
public struct TextSpan: Sendable, Hashable {
    public var value: String
    public var range: Range<Int>

    public init(value: String, range: Range<Int>) {
        self.value = value
        self.range = range
    }
}

/// What a header label says its value is, which is what detection makes of the value.
public enum FieldRole: Sendable, Hashable {
    case patient, provider, person, organisation, date, identifier, contact, age
    /// Kept as it is (priority, specialty, page counts).
    case plain
}

/// One disputed item.
public struct DisputedItem: Sendable, Hashable {
    public var service: TextSpan
    /// `Upheld`, `Overturned`, `Modified` ...; nil when the letter does not say.
    public var decision: TextSpan?
    public var claimsAdministratorGuideline: TextSpan?
    public var reviewerGuideline: TextSpan?
    public var rationale: Range<Int>?
}

/// The reviewer's qualifications as the letter states them.
public struct ReviewerQualifications: Sendable, Hashable {
    public var licensure: [TextSpan] = []
    public var specialty: TextSpan?
    public var subspecialty: TextSpan?
}

/// The structure of one letter, with the byte ranges of everything found.
public struct LetterStructure: Sendable {
    public var layout: Layout = .unknown
    /// Header fields by key (`case_number`, `date_of_injury` ...), first occurrence.
    public var fields: [String: TextSpan] = [:]
    /// Every labelled header value with its role, in letter order (a key may repeat).
    public var labelled: [(key: String, role: FieldRole, span: TextSpan)] = []
    public var sections: [TextSpan] = []
    /// Byte range of each section, from its heading to the next heading.
    public var sectionRanges: [Range<Int>] = []
    public var age: TextSpan?
    public var sex: TextSpan?
    public var reviewer = ReviewerQualifications()
    public var items: [DisputedItem] = []
    /// Maximus and notice letters: the addressee's name and address lines under the letter date.
    public var addressee: [TextSpan] = []
    /// The first part of each `cc:` entry (a name or an organisation, before its first comma).
    public var ccEntries: [TextSpan] = []
    /// Running headers, footers and fax banners (`RunningLines`): for each line the letter
    /// repeats on its pages, the ranges of its copies.
    public var runningLines: [[Range<Int>]] = []
    /// The lines the parse read by column, as byte ranges: a header label broken over two lines
    /// (`Application` above `Received:`) is paired by column, on its line and the two below.
    /// Every other reading goes by the text and the gaps between columns, which do not move when
    /// a value before them is replaced by one of another length (`RedactionEngine.touchesText`).
    public var columnLines: [Range<Int>] = []

    public init() {}
}
