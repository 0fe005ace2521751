import Foundation
import IMRRedactKit
import IMRTestSupport
import Testing

/// Letters of my own written to probe classes the gold letters do not hold (`Probes/`): a
/// subject line that names the patient in either order, IDs and ages said in sentences, dates as
/// record systems write them, relatives by marriage, initials, a health plan, practices named
/// for their town, a fax cover with compound Spanish and Vietnamese names. Every identifier
/// listed must be gone from the output, and every clinical span listed must be there byte for
/// byte. Failures name the letter and the index of the value, never the value.
@Suite struct ProbeLetterTests {
    let engine = RedactionEngine(ruleSet: Fixtures.ruleSet)

    struct Probe {
        var file: String
        var identifiers: [String]
        var clinical: [String]
    }

    static let probes: [Probe] = [
        Probe(
            file: "probe-orchard.txt",
            identifiers: [
                "Odalys", "Penhallow-Reyes", "7 March 1968", "512-44-9087", "2207-88413-AB", "CM22-0419876", "Ravensmoor",
                "Tidewater", "Fennimore", "Okoro", "Quill", "Abernathy-Stroud", "4410 N. Blackstone", "Fresno", "93726",
                "555-0199", "559.555.0198", "qstroud@", "3rd of June, 2019", "06.11.19", "Anselm", "Drabowicz", "Kingsburg",
                "14th of August 2019", "Wren", "Castellanos-Hale", "Teodoro", "Sierra Vista", "8/21/2019", "Sept. 3, 2019",
                "Valley Open Imaging", "Maribel", "Selma", "Ysolde", "Hollis", "Vantongeren", "00482217", "XGH448219003",
                "Cordelia", "Ashworth-Binns", "January 9th, 2020", "Bettany", "Quarles", "bquarles@", "Ignatius",
                "Mbeki-Laurent", "02/14/2020", "Olde Towne", "1212 Zinfandel", "Reedley", "93654", "Percival", "Thornquist",
            ],
            clinical: ["L4-5", "7/10"]),
        Probe(
            file: "probe-notice.txt",
            identifiers: [
                "GUTIERREZ-OYELARAN", "Benedikt", "11-30-1971", "IMR-2021-774120", "0048-WC-991273", "Sunniva", "Okwuosa",
                "Lakeport", "Ukiah", "Mendocino Coast", "700 River Dr", "Fort Bragg", "95437", "4/2/21", "Eulalie",
                "707-555-0122", "Lakeview Physical Therapy", "Kjersti", "Abara", "03/15/2021", "04/01/2021", "St. Agatha",
                "Ezinne", "Obiora", "4/9", "Coastline Lumber", "Thaddeus", "Villalobos", "Gwendolyn", "Ferreira-Kasprzak",
                "April 12th", "21-0412-0093", "Willits", "5/3/2021", "Sacramento", "lrenfrow@", "4/20/2021",
            ],
            clinical: ["8/10", "L5-S1", "300 mg TID"]),
        Probe(
            file: "probe-parties.txt",
            identifiers: [
                "Quenby", "Aldana", "Fitzwilliam", "Oyenuga", "02/02/2016", "Marguerite", "Delacroix-Obi", "Barnaby", "Tsosie",
                "Tamsin", "Arkwright", "Lupita", "Bartholomew", "Nakagawa-Reyes", "Eisenhauer", "5/5/15", "Leopold",
                "Frankopan", "Ximena", "Uriarte", "Cosmo", "Vandersloot", "Sigrun", "Halvorsen-Obi", "9/9/15", "Evander",
                "Kaczmarczyk", "Juniper", "Ashdown", "3/3/16", "Renske", "Lemoore", "Quillfeather", "M.G.", "Oduya",
                "Lindqvist", "Vasquez-Ortiz", "5/5/2015", "Kowalczyk", "Brannigan", "6/1/2015", "Przybylski", "7/7/2015",
                "Hannelore", "Vogt", "Desmond", "Adaeze", "Nwankwo-Pierce", "Tomlinson", "8/8/15", "Ruairi", "Phadraig",
            ],
            clinical: ["12% WPI", "6 visits", "5/10"]),
        Probe(
            file: "probe-dmhc.txt",
            identifiers: [
                "DOE-MARTINEZ", "Anneliese", "1/1/60", "CASSIUS", "THORNBURY", "W88412277", "EI20-1234567", "Sequoia Crest",
                "Vashti", "Oyelowo-Brandt", "Valleyview", "Roderick", "Ashcombe", "Calliope", "6/4/2020",
            ],
            clinical: ["medically necessary"]),
        Probe(
            file: "probe-fax-cover.txt",
            identifiers: [
                "Corazon", "Villafuerte-Tan", "555-0101", "916.555.0102", "07/14/2016", "Nguyen Van Thanh", "4410-2231", "Pham",
                "P.O. Box 4471", "Visalia", "93279", "1234 W. Main", "Tulare", "93274", "Sunniva", "Fuente", "Olmos",
                "Orchard Valley Casualty", "sdelafuente", "JUAN", "CARLOS", "SANTOS", "OKONKWO", "7/1/16", "Ebba",
                "Lindqvist-Moreau",
            ],
            clinical: []),
        Probe(
            file: "probe-formats.txt",
            identifiers: [
                "3/4/15", "01-02-2016", "10-1-14", "10-30-14", "2015-03-04", "Mar-04-2015", "04Mar2015", "20150304",
                "fifty-two", "3.4.2015", "Rosalind", "Achterberg-Nwosu", "04/22/1963", "1-800-555-0175", "559 555 0133",
                "555-0190", "(916) 555 0148", "pinnacle-review", "12/1", "12/8", "004471882", "XXX-XX-4471", "Hieronymus",
                "Eckhardt-Vasquez", "Yolanda", "Przybylski-Ng",
            ],
            clinical: []),
    ]

    static let folder = Fixtures.packageRoot.appendingPathComponent("Tests/IMRRedactKitTests/Probes")

    @Test(arguments: probes.map(\.file)) func everyIdentifierOfAProbeLetterIsMasked(file: String) throws {
        let probe = try #require(Self.probes.first { $0.file == file })
        let text = Array(try Data(contentsOf: Self.folder.appendingPathComponent(file)))
        let result = try engine.redact(text)
        let output = String(decoding: result.output, as: UTF8.self)
        // Booleans, so that a failure prints neither the value nor the letter.
        for (index, identifier) in probe.identifiers.enumerated() {
            let left = output.contains(identifier)
            #expect(!left, "\(file): identifier #\(index) left in the output")
        }
        for (index, span) in probe.clinical.enumerated() {
            let kept = output.contains(span)
            #expect(kept, "\(file): clinical span #\(index) damaged")
        }
        // Every property of a redaction, a second redaction changing nothing among them
        // (violations carry offsets, rules and categories, never text).
        let violations = text.withUnsafeBufferPointer { RedactionProperties.check($0, result: result, engine: engine) }
        #expect(violations.isEmpty, "\(file): \(violations)")
    }
}
