/// One detection rule as written in a pattern file under `Patterns/`.
public struct Rule: Sendable, Hashable {
    /// Where a rule was read from, for messages.
    public struct Source: Sendable, Hashable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var column: Int
        public var description: String { "\(file):\(line):\(column)" }

        public init(file: String, line: Int, column: Int) {
            self.file = file
            self.line = line
            self.column = column
        }
    }

    /// An example text the rule must match. When `expect` is given, the masked spans the rule
    /// produces on `text` must be exactly these strings, in order.
    public struct Example: Sendable, Hashable {
        public var text: String
        public var expect: [String]?

        public init(text: String, expect: [String]? = nil) {
            self.text = text
            self.expect = expect
        }
    }

    /// Stable identifier, e.g. `date.numeric`; shown in audits, findings and errors.
    public var id: String
    public var target: RuleTarget
    public var regex: String
    public var flags: CompileOptions
    /// Literal words, at least one of which must occur (case-insensitively) in a document for the
    /// rule to run there (gitleaks' `keywords`). Empty: always run.
    public var keywords: [String]
    /// The keywords count only where the text spells them exactly as written (`OR` the state,
    /// not `or` the word); the keyword pass itself ignores case, this filters its hits.
    public var keywordsMatchCase: Bool
    public var description: String
    /// Tie-break when overlapping findings merge: the higher priority names the merged span.
    public var priority: Int
    /// When set, the regex matches a right-hand anchor and the span grows left over a name.
    public var extendLeft: LeftExtension?
    /// The span must hold a word that may be a name (`name-words: lexicon`): a Census name, or a
    /// capitalised word of no lexicon; words in capitals must be Census names. `Chest PT`,
    /// `BALLOON PUMP DC` are no clinician before a credential.
    public var requiresNameWord: Bool = false
    /// With keywords: bytes of context each side of a keyword occurrence in which the rule runs.
    /// `nil`: 160 bytes widened to whole lines.
    public var window: Int?
    public var shouldMatch: [Example]
    public var shouldNotMatch: [String]
    public var source: Source

    public init(
        id: String, target: RuleTarget, regex: String, flags: CompileOptions = [], keywords: [String] = [],
        keywordsMatchCase: Bool = false,
        description: String = "", priority: Int = 0, extendLeft: LeftExtension? = nil, window: Int? = nil, shouldMatch: [Example] = [], shouldNotMatch: [String] = [],
        source: Source = Source(file: "<inline>", line: 0, column: 0)
    ) {
        self.id = id
        self.target = target
        self.regex = regex
        self.flags = flags
        self.keywords = keywords
        self.keywordsMatchCase = keywordsMatchCase
        self.description = description
        self.priority = priority
        self.extendLeft = extendLeft
        self.window = window
        self.shouldMatch = shouldMatch
        self.shouldNotMatch = shouldNotMatch
        self.source = source
    }
}
