import IMRRedactKit
import IMRTestSupport
import Testing

/// Each way a letter states its items and decisions, with examples written for these tests (no
/// gold letter's text), and the sentences that must not make an item.
extension ParseTests {
    func items(_ text: String) -> [String] {
        parse(text).items.map { "\($0.service.value) => \($0.decision?.value ?? "none")" }
    }

    static let maximusOpening = "MAXIMUS FEDERAL SERVICES, INC.\nIndependent Medical Review\n\n"

    // MARK: Layout behind a fax stamp

    @Test(arguments: [
        ("OCT-03-2016 14:22   FROM:COASTAL LAW GROUP  555 0100   TO:1 555 0199   P.001/003\nCase Number:   CM16-0000001\n", Layout.caseNumber),
        ("09/14/2016 08:05AM   ACME CLAIMS   5550100   p.1\n\n" + maximusOpening, .maximus),
        ("Mar 02 2015 4:40PM  FAX  5550100  Page 1 of 4\n  MEDICAL PROFESSIONAL REVIEW\n", .professionalReview),
    ])
    func aFaxStampOverPageOneHidesNoLayout(text: String, layout: Layout) {
        #expect(parse(text).layout == layout)
    }

    /// A cover sheet, memo or e-mail in front of the letter is a letter of its own kind.
    @Test(arguments: [
        "From: claims desk\nSent: Monday, May 2, 2016 4:12 PM\nSubject: IMR\n\nCase Number:   CM16-0000001\n",
        "FACSIMILE TRANSMITTAL SHEET\n10:15  FROM: adjuster\n" + maximusOpening,
        "The meeting is at 10:30 in the main office.\nCase Number:   CM16-0000001\n",
    ])
    func aCoverPageIsNoStamp(text: String) {
        #expect(parse(text).layout == .unknown)
    }

    // MARK: Item lines

    @Test func aTablesRuleIsNotPartOfItsFirstRow() {
        let text = Self.maximusOpening + """
                 Disputed service                               IMR decision
                 ---------------------------------------------  ------------
                 1. Lumbar MRI without contrast                 Overturned
                 2. Aquatic therapy, 8 sessions                 Upheld

            """
        #expect(items(text) == ["Lumbar MRI without contrast => Overturned", "Aquatic therapy, 8 sessions => Upheld"])
    }

    /// `Decision: UPHELD` is the decision of the item above it, not an item named `Decision`.
    @Test func aDecisionsLabelIsNoService() {
        let text = Self.maximusOpening + """
            IMR DECISION(S) AND RATIONALE(S)

            Ergonomic workstation evaluation
            Claims Administrator guideline: No guideline cited.
            MAXIMUS guideline: ODG Neck and Upper Back.
            Decision rationale: An evaluation is reasonable for a keyboard worker with neck pain.
            Decision: OVERTURNED

            Cervical pillow
            Claims Administrator guideline: No guideline cited.
            MAXIMUS guideline: No guideline addresses pillows.
            Decision rationale: A pillow is a comfort item.
            Determination: Upheld

            """
        #expect(items(text) == ["Ergonomic workstation evaluation => Overturned", "Cervical pillow => Upheld"])
    }

    /// A rationale that ends `... necessary. SERVICE: DECISION` on its line: the service is the
    /// last sentence only.
    @Test func anItemLineAfterASentenceTakesTheLastSentence() {
        let text = "IMR ISSUES, DECISIONS AND RATIONALES\n\nThe guideline supports a trial of the device. The request is medically\nnecessary. Interferential stimulator, 30-day rental: Overturned\n"
        #expect(items(text) == ["Interferential stimulator, 30-day rental => Overturned"])
    }

    /// Part of a request authorized, the rest decided: the service is what the sentence names
    /// after `request,` (wrapped over three lines), without its verb.
    @Test func theRemainingPortionOfARequestNamesItsService() {
        let text = """
            IMR ISSUES, DECISIONS AND RATIONALES

            Massage therapy 10 sessions was the original request. Massage therapy 4 sessions was
            authorized by the Claims Administrator. The remaining eligible portion of the original
            request, massage therapy 6 sessions for the thoracic spine and the shoulders, with a
            home program is: Upheld

            The original request, purchase of a shower bench is: Overturned

            Lumbar support are: Upheld

            """
        #expect(items(text) == [
            "massage therapy 6 sessions for the thoracic spine and the shoulders, with a home program => Upheld",
            "purchase of a shower bench => Overturned", "Lumbar support => Upheld",
        ])
    }

    // MARK: Decisions that open a paragraph

    @Test func aDecisionOpeningAParagraphMakesAnItem() {
        let text = """
            Forwarded decision section:

            Lumbar epidural steroid injection at L4-5: Upheld. The MTUS requires radiculopathy
            corroborated by imaging. None is documented.

            Aquatic therapy, 8 sessions -- OVERTURNED; the worker cannot bear weight on land.

            Decisions
            Cognitive behavioral therapy, 6 sessions \u{2013} Modified. Four sessions are supported.

            Transforaminal injection at L5-S1 and a repeat injection at
            the same level in six weeks: Upheld. A repeat is not supported.

            """
        #expect(items(text) == [
            "Lumbar epidural steroid injection at L4-5 => Upheld", "Aquatic therapy, 8 sessions => Overturned",
            "Cognitive behavioral therapy, 6 sessions => Modified",
            "Transforaminal injection at L5-S1 and a repeat injection at the same level in six weeks => Upheld",
        ])
    }

    /// Sentences that hold a decision word but decide nothing: the law's words, a note on what
    /// decisions mean, the UR decision, a label.
    @Test(arguments: [
        "Note: Upheld decisions are final unless appealed.\n",
        "Labor Code section 4610.6 provides that the determination \"shall be upheld\" unless it was procured by fraud.\n",
        "Decision: Upheld.\n",
        "Determination: Overturned; the request is medically necessary.\n",
        "An item that is Overturned must be authorized. For an item that is Modified, the part found necessary must be.\n",
        "The fusion and the hospital stay were overturned, so the authorization will issue today.\n",
        "Utilization review modified the request to 6 visits on 4/2/15; the request was modified by the reviewer.\n",
    ])
    func aDecisionWordAloneMakesNoItem(text: String) {
        #expect(parse("Dear Sir or Madam:\n\n" + text).items.isEmpty)
    }

    // MARK: Items as blocks

    /// `ISSUE N: X` headings; the decision in the item's text; a summary table with shorter
    /// names does not rename the items.
    @Test func labelledHeadingsTakeTheirDecisionFromTheirText() {
        let text = Self.maximusOpening + """
            IMR DECISION(S) AND RATIONALE(S)

            ISSUE 1:  Functional restoration program, 160 hours
            Guideline cited by the Claims Administrator: MTUS Chronic Pain, page 30
            Rationale: The worker has not had an adequate evaluation. The utilization review
            non-certification is therefore upheld.

            ISSUE 2:  Home exercise kit
            Guideline cited by the Claims Administrator: ACOEM Chapter 12
            Rationale: A kit is part of a home program. The request for the kit is overturned;
            it is medically necessary.

            Issue 3: Massage therapy, 6 sessions. The MTUS limits massage to 4-6 visits as an
            adjunct to exercise. The request is modified: 4 sessions are medically necessary.

            SUMMARY
              ISSUE 1   Functional restoration    UPHELD
              ISSUE 2   Exercise kit              OVERTURNED
              ISSUE 3   Massage                   MODIFIED to 4 sessions

            """
        #expect(items(text) == [
            "Functional restoration program, 160 hours => Upheld", "Home exercise kit => Overturned",
            "Massage therapy, 6 sessions => Modified",
        ])
        let first = parse(text).items.first
        #expect(first?.claimsAdministratorGuideline?.value == "MTUS Chronic Pain, page 30")
    }

    /// A heading without a decision in its text takes the table's row of the same number.
    @Test func aHeadingWithoutAStatementTakesItsTableRow() {
        let text = Self.maximusOpening + """
            IMR DECISION(S) AND RATIONALE(S)

            Item 1 - Knee sleeve
            The sleeve gives proprioceptive support.

            Item 2 - Cold therapy unit, 7-day rental
            Cold packs serve as well.

            SUMMARY OF DETERMINATIONS
              Item 2    Cold therapy unit      Upheld
              Item 1    Knee sleeve            Overturned

            """
        #expect(items(text) == ["Knee sleeve => Overturned", "Cold therapy unit, 7-day rental => Upheld"])
    }

    /// An issue list names the services; numbered rationale paragraphs decide them.
    @Test func anIssueListNamesTheItemsItsNumberedParagraphsDecide() {
        let text = """
            MEDICAL PROFESSIONAL REVIEW

            ISSUES AT DISPUTE:
            1) Transcutaneous electrical nerve stimulation unit, 30-day
               trial
            2) Lidocaine 5% patches, #30

            CASE SUMMARY:
            The worker strained the low back lifting crates.
            1) A first list that is not the items.

            RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:
            1) The request for a TENS unit trial is overturned. The guideline supports a one-month
            trial.

            2) The request for lidocaine patches, #30, is upheld. Topical lidocaine is for
            neuropathic pain after a trial of first-line therapy:
              1) Anticonvulsants;
              2) Antidepressants.

            """
        #expect(items(text) == [
            "Transcutaneous electrical nerve stimulation unit, 30-day trial => Overturned", "Lidocaine 5% patches, #30 => Upheld",
        ])
        #expect(parse(text).layout == .professionalReview)
    }

    /// A bare line over its `Claims Administrator guideline:` label heads an item, and
    /// `SERVICE: DECISION.` closing its rationale decides it.
    @Test func aLineOverItsGuidelineLabelHeadsAnItem() {
        let text = Self.maximusOpening + """
            IMR DECISION(S) AND RATIONALE(S)

            Cervical traction unit for
            home use
            Claims Administrator guideline: ACOEM Chapter 8.
            MAXIMUS guideline: ACOEM Chapter 8, page 173.
            Decision rationale: Traction has no proven efficacy for neck pain. The request is not
            medically necessary. Cervical traction unit for home use: Upheld.

            Soft cervical collar
            Claims Administrator guideline: ACOEM Chapter 8.
            MAXIMUS guideline: ODG Neck and Upper Back.
            Decision rationale: A collar for a few days after the sprain is reasonable. The request
            for a soft collar has been overturned.

            """
        #expect(items(text) == ["Cervical traction unit for home use => Upheld", "Soft cervical collar => Overturned"])
    }

    /// Headings whose text decides nothing keep no decision; a rule of law, the UR's own
    /// modification and a quotation are not the item's decision.
    @Test func aHeadingWithoutADecisionKeepsNone() {
        let text = Self.maximusOpening + """
            IMR DECISION(S) AND RATIONALE(S)

            ISSUE 1: Physical therapy, 12 visits
            Rationale: The request was modified by utilization review to 6 visits. Labor Code
            section 4610.6 provides that a determination "shall be upheld" unless it was procured
            by fraud.

            """
        #expect(items(text) == ["Physical therapy, 12 visits => none"])
    }

    /// No heading, list or table: each sentence that decides a named request.
    @Test func aDecidedRequestNamedInASentenceIsAnItem() {
        let text = """
            Re: the independent medical review

            The reviewer found that the pillow is a comfort item. The request for a cervical pillow
            is upheld. The request for an orthopedic mattress is upheld as well; no guideline
            supports it. In short, the request for a cervical pillow is upheld.

            """
        #expect(items(text) == ["Cervical pillow => Upheld", "Orthopedic mattress => Upheld"])
    }

    // MARK: Notice lists

    @Test func noticeListsNumberedWithAParenthesisOrAColon() {
        let text = Self.maximusOpening + """
            NOTICE OF INDEPENDENT MEDICAL REVIEW DETERMINATION

            1) Knee brace, left: medically necessary and appropriate.
            2) Ice machine rental, 14 days, is not medically necessary and appropriate.

            """
        #expect(parse(text).layout == .notice)
        #expect(items(text) == ["Knee brace, left => Overturned", "Ice machine rental, 14 days => Upheld"])
    }

    // MARK: Odd input

    /// Headings, lists and decisions without anything around them, and long runs of them: no
    /// failure, and the parse ends.
    @Test(arguments: [
        "ISSUE 1:", "1) ", "ISSUE AT DISPUTE:\n", ": Upheld.", "Decision: Upheld", "\u{0C}X -- UPHELD", "ISSUE AT DISPUTE:\n1)\n2)",
        "IMR DECISION(S) AND RATIONALE(S)\nISSUE 1: \n  ISSUE 1   UPHELD\n", "   Upheld   Upheld   Upheld", "12:00 FROM\n12:00 TO:\n",
    ])
    func oddItemsNeverFail(text: String) {
        _ = parse(text)
    }

    /// Long runs of headings, labels, table rows and decisions: the parse ends, and soon (each
    /// stretch is read a bounded number of times).
    @Test func longRunsOfItemsEnd() {
        let runs = [
            String(repeating: "ISSUE 1: X. The request for X is upheld. X: Upheld. ", count: 2000),
            String(repeating: "1) X\nClaims Administrator guideline: a\n  ISSUE 2   X   UPHELD\n\n", count: 2000),
            String(repeating: "Service\nClaims Administrator guideline: a\nThe request is upheld.\n  Item 1   X   Upheld\n", count: 2000),
            "IMR DECISION(S) AND RATIONALE(S)\n" + String(repeating: "A", count: 100_000) + ": Upheld.",
        ]
        for (index, text) in runs.enumerated() {
            let start = ContinuousClock.now
            _ = parse(text)
            let elapsed = ContinuousClock.now - start
            #expect(elapsed < .seconds(Fixtures.sanitizer == nil ? 5 : 60), "run \(index) took \(elapsed)")
        }
    }
}
