extension RunSummary {
    /// The counts of the closing summary `redact` prints (without its size and time):
    /// `12 documents in, 12 written, 0 rejected; 341 substitutions (PATIENT 40, ...); 3 residue
    /// tokens in 2 documents`, and the PDF metadata's findings when there were any. A review
    /// report shows the same words.
    public var countsDescription: String {
        let perCategory = Category.allCases.compactMap { category -> String? in
            guard let count = self.perCategory[category], count > 0 else { return nil }
            return "\(category.rawValue) \(count)"
        }.joined(separator: ", ")
        return "\(documentsIn) documents in, \(written) written, \(rejected) rejected; "
            + "\(substitutions) substitutions" + (perCategory.isEmpty ? "" : " (\(perCategory))")
            + "; \(residue) residue tokens in \(needsReview) documents"
            + metadataDescription
    }

    /// `; PDF metadata: 150 identifiers in 150 documents (PERSON 150), none carried over`, or
    /// nothing when no PDF's metadata held one.
    public var metadataDescription: String {
        guard documentsWithMetadataFindings > 0 else { return "" }
        let count = metadataFindings.values.reduce(0, +)
        let perCategory = Category.allCases.compactMap { category -> String? in
            guard let count = metadataFindings[category], count > 0 else { return nil }
            return "\(category.rawValue) \(count)"
        }.joined(separator: ", ")
        return "; PDF metadata: \(count) identifiers in \(documentsWithMetadataFindings) documents (\(perCategory)), none carried over"
    }
}
