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

    /// A numbered item that opens its block in notice letters: `1. MRI of the left knee:`.
    static let numberedHeading = compile(#"^(?<number>\d{1,2})\.[ ](?<service>.{2,200}?):$"#)

    /// Notice letters' list: `1. MRI of the left knee is not medically necessary and appropriate.`
    static let noticePlain = compile(
        #"^(?<number>\d{1,2})\.[ ](?!MAXIMUS)(?<service>.{2,300}?)[ ](?:is|are)[ ](?<not>not[ ])?medically[ ]necessary"#)
    /// `1. MAXIMUS Federal Services, Inc. has determined the request for X is not medically necessary`
    static let noticeDetermined = compile(
        #"^(?<number>\d{1,2})\.[ ]MAXIMUS[ ]Federal[ ]Services,?[ ]Inc\.?[ ]has[ ]determined[ ]the[ ]requests?[ ]for[ ](?:an?[ ]|the[ ])?(?<service>.{2,300}?)[ ](?:is|are)[ ](?<not>not[ ])?medically[ ]necessary"#)

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
