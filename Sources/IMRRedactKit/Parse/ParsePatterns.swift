/// The PCRE2 patterns the parser uses, compiled once. They run on `FlatText` (white space runs
/// collapsed to one space), so a phrase broken across lines still matches.
enum ParsePatterns {
    static func compile(_ source: String, _ options: CompileOptions = []) -> CompiledPattern {
        do {
            return try CompiledPattern(source, options: options)
        } catch {
            // A constant of this file: a failure is a programming error that every test shows.
            fatalError("parse pattern does not compile: \(error.message) at \(error.offset): \(source)")
        }
    }

    static let decisionWords = "Upheld|Overturned|Modified|Partially[ ]Upheld|Upheld[ ]in[ ]Part|Overturned[ ]in[ ]Part|Partially[ ]Overturned"

    /// `[1. ]SERVICE: DECISION` at the end of a stretch of text; also `SERVICE -- DECISION`,
    /// `SERVICE ...... DECISION` (dot leaders), and a numbered row of a decisions table
    /// (`1. SERVICE   DECISION`, `B. SERVICE   DECISION`), with a note in parentheses after the
    /// decision (`MODIFIED (80 hours certified)`).
    static let decisionLine = compile(
        #"^(?:(?<numbered>(?:\d{1,2}|[A-Z])[.)])[ ]+)?(?<service>\S.*?)(?:[ ]?:[ ]*|[ ]+-{1,2}[ ]+|[ ]?\.{3,}[ ]?|(?(numbered)[ ]+|(?!)))(?<decision>"#
            + decisionWords + #")(?:[ ]*\([^()]{0,80}\))?[ ]?$"#, .caseless)

    /// The decision words, longest first, so that `Upheld in part` is not cut to `Upheld`.
    static let decisionPhrases =
        "Partially[ ]Upheld|Partially[ ]Overturned|Upheld[ ]in[ ]Part|Overturned[ ]in[ ]Part|Upheld|Overturned|Modified"

    /// A sentence that is only `SERVICE: DECISION` or `SERVICE -- DECISION` (an en or em dash
    /// too), at the start of the text or after a sentence end, the decision followed by a stop or
    /// the end: `Bilateral hearing aids: Overturned.`, `... necessary. MRI of the knee: Upheld.`,
    /// `CPAP machine -- UPHELD. Positive airway ...`. The service opens with a capital or a digit
    /// and holds no sentence end; a decision word that goes on as a sentence (`Note: upheld
    /// determinations are final`) is none.
    static let decisionSentence = compile(
        #"(?:^|(?<=[.;!?])[ ])(?:(?:\d{1,2}|[A-Z])[.)][ ]+)?(?<service>(?-i:[A-Z0-9])(?:(?![.;:!?][ ]).){1,200}?)(?:[ ]?:[ ]*|[ ]+(?:-{1,2}|\x{2013}|\x{2014})[ ]+)(?<decision>"#
            + decisionPhrases + #")(?=[ ]?[.;,:!](?:[ ]|$)|[ ]?$)"#, .caseless)

    /// A decision given under a label: `Decision: UPHELD`, `Determination: Overturned; ...`,
    /// `IMR decision - Modified`, `Final determination: upheld`; not the decision of utilization
    /// review or of another party (`UR decision: modified`, `the carrier's determination: ...`).
    static let labelledDecision = compile(
        #"(?<!\bUR[ ])(?<!review[ ])(?<!'s[ ])(?<!prior[ ])\b(?:IMR[ ])?(?:final[ ])?(?:decision|determination|outcome|result)[ ]?(?::|[ ]-{1,2}|[ ]\x{2013})[ ]*(?<decision>"#
            + decisionPhrases + #")\b"#, .caseless)

    /// The end of a deciding sentence: the decision word, not a modification made `by` or `at`
    /// utilization review.
    static let notByReview = #")\b(?![ ](?:by|at|in|on|during)\b)"#

    /// A sentence that decides the request: `the request for X is overturned`, `The request is
    /// modified: ...`, `this request is therefore upheld`, `the requests for X and Y are upheld`.
    /// Only a present or past statement (`is`, `was`, `has been`), not `shall be upheld` or `may
    /// be upheld` (the law's words), and not a modification `by` or `at` utilization review.
    static let requestDecided = compile(
        #"\b(?:the|this|these|each)[ ](?:requests?|requested[ ](?:treatments?|services?|items?)|treatments?|services?|items?)(?:[ ]for[ ](?<service>(?:(?![.;:!?][ ]).){2,200}?))?,?[ ](?:is|are|was|were|has[ ]been|have[ ]been)(?:[ ](?:therefore|hereby|accordingly|thus|also|again))?[ ](?<decision>"#
            + decisionPhrases + notByReview, .caseless)

    /// A sentence that decides the denial under review: `the Claims Administrator's decision is
    /// upheld`, `the UR non-certification was overturned`, `the utilization review determination
    /// is therefore upheld`.
    static let denialDecided = compile(
        #"\b(?:claims[ ]administrator(?:'s|s')?|utilization[ ]review(?:er'?s)?|UR|prior|original|earlier)[ ](?:decision|denial|determination|non-?certification)(?:[ ](?:to|of)[ ](?:deny|non-?certify)(?:(?![.;:!?][ ]).){0,80}?)?,?[ ](?:is|was|has[ ]been)(?:[ ](?:therefore|hereby|accordingly|thus))?[ ](?<decision>"#
            + decisionPhrases + notByReview, .caseless)

    /// An item heading that carries its number under a word: `ISSUE 1:  MRI of the knee`,
    /// `Issue 2: Home health aide. The MTUS ...`, `Item #3 - Walker`, `Request No. 4: Norco`.
    static let labelledOpening = compile(
        #"^(?:issue|item|request|disputed[ ]item|disputed[ ]issue)[ ]?(?:no\.?[ ]?|[#][ ]?)?(?<number>\d{1,2})(?:[ ]?[:.)]|[ ]-{1,2}|[ ]\x{2013})?[ ]+(?<rest>\S.*)$"#, .caseless)

    /// A numbered line: `1) Custom garments`, `2. The request for ... is overturned. ...`.
    static let numberedOpening = compile(#"^(?<number>\d{1,2})(?<style>[.)])[ ]+(?<rest>(?-i:[A-Z0-9]).*)$"#)

    /// The first column of a summary table's row that numbers it: `ISSUE 1`, `Issue 2:`, `3.`, `#4`.
    static let rowNumber = compile(#"^(?:(?:issue|item|request)[ ]?)?(?:no\.?[ ]?|[#][ ]?)?(?<number>\d{1,2})[.):]?$"#, .caseless)

    /// A decision word opening a table's cell (`MODIFIED to 2x2`, `Upheld (see rationale)`).
    static let decisionCell = compile(#"^(?<decision>"# + decisionPhrases + #")\b"#, .caseless)

    /// A numbered item that opens its block in notice letters: `1. MRI of the left knee:`.
    static let numberedHeading = compile(#"^(?<number>\d{1,2})\.[ ](?<service>.{2,200}?):$"#)

    /// Notice letters' list: `1. MRI of the left knee is not medically necessary and appropriate.`,
    /// also numbered `1)`, with a comma before the verb (`X, 4 visits, is ...`) or a colon for it
    /// (`1) Knee brace, left: medically necessary and appropriate.`).
    static let noticePlain = compile(
        #"^(?<number>\d{1,2})[.)][ ](?!MAXIMUS)(?<service>.{2,300}?)(?:,?[ ](?:is|are)[ ]|:[ ])(?<not>not[ ])?medically[ ]necessary"#)
    /// `1. MAXIMUS Federal Services, Inc. has determined the request for X is not medically necessary`
    static let noticeDetermined = compile(
        #"^(?<number>\d{1,2})\.[ ]MAXIMUS[ ]Federal[ ]Services,?[ ]Inc\.?[ ]has[ ]determined[ ]the[ ]requests?[ ]for[ ](?:an?[ ]|the[ ])?(?<service>.{2,300}?),?[ ](?:is|are)[ ](?<not>not[ ])?medically[ ]necessary"#)

    /// Ages and sex in running text: `48 year old male`, `58 y/o M`, `43 Y, F`, `41-year-old ... female`.
    static let ageSex = compile(
        #"(?<![\w/.-])(?<age>\d{1,3})(?:[- ](?:years?|yrs?)[- ]old|[ ]?(?:y/o|y\.o\.|yo|YO|Y/O)(?![\w/])|[ ]?Y,)(?:[ ,]+(?:[\w-]+[ ]){0,3}?(?<sex>male|female|man|woman|gentleman|lady|M|F)\b)?"#)
    static let ageLabel = compile(#"\b(?:[Aa]ged?|AGE)(?:[ ]?:)?[ ](?<age>\d{1,3})\b(?![ ]?(?:%|mg|or[ ]older|and[ ]older|years?[ ]ago))"#)

    static let licensureLabel = compile(#"State\(s\)[ ]of[ ]Licensure:[ ]?"#, .caseless)
    static let specialtyLabel = compile(#"Certification\(s\)[ ]?/[ ]?Specialty:[ ]?"#, .caseless)
    static let boardCertified = compile(
        #"Board[ ]Certified[ ]in[ ](?<specialty>.+?)(?=,[ ]has|,[ ]is|[ ]and[ ]is|[ ]is[ ]|[ ]with[ ]a[ ]subspecialty|,[ ]with|[.;]|,[ ]and[ ]|[ ]and[ ]licensed|[ ]and[ ]has)"#)
    static let subspecialty = compile(
        #"(?:a[ ])?subspecialty(?:[ ]certification)?[ ]in[ ](?<subspecialty>.+?)(?=,|[ ]and[ ]is|[ ]is[ ]|[.;]|[ ]and[ ]licensed|[ ]and[ ]has)"#)
    static let licensedIn = compile(
        #"licensed(?:[ ]to[ ]practice)?[ ]in[ ](?<states>\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}+)?(?:(?:,[ ]?(?:and[ ])?|[ ]and[ ])\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}+)?)*)"#)

    /// A running page marker: `Page 2 of 3`, `P.002/004`.
    static let pageMarker = compile(#"\bPage[ ]\d+[ ]of[ ]\d+\b|\bP\.\d{3}/\d{3}\b"#)

    static let maxCaptureCount = 8
}
