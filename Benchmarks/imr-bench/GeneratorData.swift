/// The small data tables the corpus generator draws from.
///
/// Two kinds of list live here:
/// - `Known*`: the identifiers that the shipped `Samples/letter-*.txt` files contain, so the
///   generator can find them and swap them. If a sample changes, an identifier missing from
///   these lists simply stays as it is in every generated letter: the letters are then less
///   varied, never wrong. `seed-*.txt` need no entry (the state already blanked their names).
/// - `Pool`: fictional replacement values. They are deliberately invented and of many origins,
///   so that the rules meet names of every shape (accents, hyphens, apostrophes, two words).
///
/// An entry with `|` lists spellings of one identifier (e.g. a name with and without its
/// accent); every spelling maps to the same replacement within a letter. All-caps occurrences
/// of any spelling are found too and replaced in capitals.
enum KnownIdentifiers {
    static let givenNames = [
        "Amarjit", "Gideon", "Simran", "Rajveer", "Marisela", "Tyler", "Brenda", "Lorenzo",
        "Rosalinda", "Dae-Sung", "Wendell", "Helen", "Jocelyn", "Lionel", "Marvin", "Bettina",
        "Tobias", "Colleen", "Kim Loan", "Jun-seo", "Thu Ha", "Wei-Ming", "Renata", "Nairi", "Vahe",
        "Ephraim", "Xiaoling", "Bernice", "Desmond", "Ernesto", "Itzel", "Anh Dao", "Marguerite",
        "Rocío", "Gwendolyn", "Leticia", "Dolores",
    ]

    static let surnames = [
        "Chahal", "Temple", "Dhanoa", "Ocegueda Ávila|Ocegueda", "Brandvold", "Szymanski", "Arámbula",
        "Macaraeg-Dizon", "Ryu", "Ashby", "Frost", "Dizon", "Abernathy", "Oyelowo", "Halvorsen",
        "Quintero", "Wren", "Sahakian", "O'Farrell", "Võ|Vo", "Kwak", "Dang", "Soong",
        "Okonkwo-Saldívar", "Ghazarian", "Glass", "Zhou", "Okafor", "Achterberg",
        "Del Valle Muñoz|Del Valle", "Truong", "Sterling", "Villalpando", "Pryce", "Ruvalcaba", "Achá",
        "Whitlow",
    ]

    static let employers = [
        "Mokelumne Valley Freight Lines, Inc.", "Saint Brigid Skilled Nursing Pavilion",
        "Rosedale Luxe Nails & Spa", "Arax Fine Pastries, Inc.", "Orcutt Feed & Saddle Supply",
    ]

    static let clinics = [
        "Delta Lakes Imaging Center", "Solano Bay Orthopaedics", "Napa Gateway Surgery Center",
        "Bayfront Rehab Partners", "Carquinez Strait Imaging", "Fairfield Occupational Clinic",
        "Kern Foot & Ankle Orthopaedics", "Panorama Bluffs MRI Center",
        "Verdugo Occupational Health Associates", "Glenoaks Diagnostic Imaging",
        "Rossmoyne Physical Therapy", "Los Alamos Road Family Medicine", "Betteravia Radiology Group",
    ]

    /// Claims administrators, insurers, utilization review firms.
    static let companies = [
        "Calaveras Pacific Claims Services", "Harbison Peer Review Group", "Carquinez Self-Insured Services",
        "Tamarisk Claims Management, LLC|TAMARISK CLAIMS MGMT", "Sunland Guardian Casualty Company",
        "Pinnacle Ridge Utilization Review, LLC|Pinnacle Ridge", "Central Coast Agricultural Insurance Exchange",
        "Seabright Peer Review",
    ]

    /// Street names without the house number (the generator varies the number separately).
    static let streets = [
        "Harrowgate Lane", "Windmill Crossing Ct", "Tamarack Plaza", "Pickering Shoal Road",
        "Marlowe Terrace", "Gullwing Drive", "Saltbush Parkway", "Juniper Trace Blvd", "Cobalt Hill Road",
        "Mountcrest Terrace", "Corsair Way", "Quailbrush Way", "Fennel Court", "Cormorant Lane",
    ]
}

/// Fictional replacement values.
enum Pool {
    static let givenNames = [
        "Aiyana", "Bartholomew", "Chidinma", "Dmitri", "Eun-ji", "Farhan", "Guadalupe", "Haruto",
        "Ingrid", "Jovana", "Kwame", "Leilani", "Mateus", "Nkechi", "Oksana", "Priyanka", "Quang",
        "Rashida", "Søren", "Tevita", "Ulla", "Valentín", "Wanjiru", "Ximena", "Yusuf", "Zofia",
        "Thandiwe", "Mehmet", "Aroha", "Björn", "Lucía", "Anh Thu", "Siddharth", "Mei-Ling", "Olamide",
        "José Luis", "Nasrin", "Padraig", "Kalani", "Hyun-woo",
    ]

    static let surnames = [
        "Adeyemi", "Bergström", "Castañeda", "Demir", "Esposito", "Fonoti", "Gallagher", "Haddad",
        "Ishikawa", "Jankowski", "Kapoor", "Lindqvist", "Mwangi", "Nakamura", "Oyelaran", "Papadakis",
        "Quispe", "Rahimi", "Sandoval", "Tanaka", "Uwimana", "Vásquez-Ortiz", "Whitfield", "Xiong",
        "Yılmaz", "Zieliński", "Nguyen", "O'Sullivan", "Kowalczyk", "Delacroix", "Haile", "Okoro",
        "Petrossian", "Villanueva", "Hakobyan", "Tuilagi", "Begay", "De la Cruz", "Van der Berg",
        "Al-Amin", "Chukwu-Eze", "Mäkinen",
    ]

    static let employers = [
        "Sierra Foothill Packing Co.", "Bayshore Linen Services, Inc.", "Quillfeather Print Works",
        "Tule Basin Dairy Cooperative", "Marigold Home Care, LLC", "Ironbark Pallet Company",
        "Cinnabar Hotel Group", "Lupine Valley Nursery, Inc.", "Brightwater Logistics, Inc.",
        "Saffron Lane Restaurant Group", "Pelican Point Cannery", "Three Oaks Roofing & Sheet Metal",
    ]

    static let clinics = [
        "Larkspur Spine & Sports Medicine", "Coyote Ridge Imaging Center", "Sandpiper Physical Therapy",
        "Manzanita Occupational Health", "Bluewater Orthopaedic Group", "Willowmere Pain Institute",
        "Cedar Hollow Chiropractic", "Harbor Lantern Acupuncture", "Sagebrush Family Medicine",
        "Foxglove Surgery Center", "Ocotillo Neurology Associates", "Riverbend MRI & Diagnostics",
    ]

    static let companies = [
        "Kestrel Mutual Claims Services", "Ridgeline Casualty Administrators", "Granite Arch Insurance Exchange",
        "Silverlake Peer Review, LLC", "Ponderosa Self-Insured Services", "Heron Bay Utilization Review",
        "Tidewater Claims Management, LLC", "Blue Heron Risk Services", "Condor Peak Indemnity Company",
    ]

    static let streets = [
        "Alderbrook Lane", "Bramblewood Drive", "Calico Pass Road", "Dovetail Court", "Elderberry Way",
        "Fiddleneck Terrace", "Goldenrod Avenue", "Hollyhock Street", "Ironwood Circle", "Juniper Hollow Road",
        "Kingfisher Blvd", "Lodestar Parkway", "Mariposa Bend", "Nightjar Lane", "Osprey Ridge Drive",
        "Camino de las Flores", "Ahuehuete Place",
    ]

    /// Domains for generated e-mail addresses (`.example` only, as in the samples).
    static let mailDomains = [
        "kestrelclaims.example", "larkspur-spine.example", "ridgeline-law.example", "mwangi-haddad.example",
        "bluewater-ortho.example", "tidewaterclaims.example",
    ]

    /// California area codes for varied phone numbers (the line number stays in 555-01xx).
    static let areaCodes = [
        "209", "213", "310", "408", "415", "510", "530", "559", "619", "626", "650", "661", "707", "714",
        "760", "805", "818", "831", "909", "916", "925", "949", "951",
    ]
}
